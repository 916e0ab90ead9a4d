import { getTemplate } from './templates';
import type { CardMarks, DrawOptions, PagePlan, Primitive } from '../domain/card-layout';
import { backSide, frontOwn, frontShared, pagePlan } from '../domain/card-layout';
import type {
  CardFormat,
  FontMetrics,
  FontRole,
  MeasureText,
  ResolvedTexts,
  Template,
} from '../domain/postcard-layout';
import {
  CARD_FORMATS,
  cardSize,
  fitText,
  isRollFormat,
  normaliseText,
  resolveTexts,
  slotsFor,
} from '../domain/postcard-layout';
import { rollTemplate } from '../domain/roll-layout';
import type { ParsedFont } from './fonts';
import { measurer, metricsOf, printable } from './fonts';

export interface CardToPrint {
  code: string;
  reviewUrl: string;
  complaintUrl: string;
  orderRef?: string | null;
}

/** Per-location overrides; an omitted field falls back to the template's text, "" prints nothing. */
export interface CardTexts {
  headline?: string;
  reviewCaption?: string;
  complaintCaption?: string;
  footer?: string;
}

export interface LogoImage {
  type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface RenderBatchInput {
  format: CardFormat;
  templateId: string;
  locationName: string;
  texts?: CardTexts;
  cards: CardToPrint[];
  /** The location's brand colour ('#RRGGBB'); the design's own when omitted. */
  brandColor?: string | null;
  logo?: LogoImage | null;
  /** Printed on the back of every card (not on receipts) when not empty. */
  backText?: string | null;
  /** A preview: every code is crossed by an "ОБРАЗЕЦ" band, so a sample can never be handed out. */
  sample?: boolean;
}

export interface BatchLayout {
  template: Template;
  size: { width: number; height: number };
  plan: PagePlan;
  options: DrawOptions;
  shared: Primitive[];
  back: Primitive[] | null;
  own: (card: CardToPrint) => Primitive[];
  texts: ResolvedTexts;
  backText: string;
  measure: MeasureText;
  metrics: FontMetrics;
}

export const SAMPLE_LABEL = 'ОБРАЗЕЦ';

/** What does not fit: a text of the location that would be printed cut, per field. */
export interface FitProblem {
  field: 'locationName' | 'headline' | 'reviewCaption' | 'complaintCaption' | 'footer' | 'backText';
  kept: number;
  total: number;
}

/**
 * The batch as the layout model: the design (a receipt strip is generated to the texts), the page
 * plan, and the primitives of the shared artwork, the back and each card. Both renderers start here.
 */
export function layoutBatch(input: RenderBatchInput, parsed: Record<FontRole, ParsedFont>): BatchLayout {
  const base = getTemplate(input.templateId);
  if (!base) throw new Error(`Unknown postcard template: ${input.templateId}`);
  if (!(CARD_FORMATS as readonly string[]).includes(input.format))
    throw new Error(`Unknown card format: ${String(input.format)}`);
  const measure = measurer(parsed);
  const metrics = metricsOf(parsed.regular);
  const t = base.text;
  const clean = (role: FontRole, text: string) => printable(parsed[role], text);
  const override = (key: keyof CardTexts) =>
    input.texts?.[key] === undefined ? undefined : clean(t[key].font, input.texts[key]!);
  const texts = resolveTexts(base, clean(t.locationName.font, input.locationName), {
    headline: override('headline'),
    reviewCaption: override('reviewCaption'),
    complaintCaption: override('complaintCaption'),
    footer: override('footer'),
  });
  const roll = isRollFormat(input.format);
  const template = roll ? rollTemplate(input.format as 'roll-80' | 'roll-58', base, texts, measure, metrics) : base;
  const size = cardSize(template);
  const plan = pagePlan(input.format, size);
  const options: DrawOptions = {
    brand: input.brandColor ?? null,
    bleedMm: plan.bleedMm,
    hasLogo: !!input.logo && !roll,
    mono: roll,
  };
  const backText = roll ? '' : clean(base.back.text.font, normaliseText(input.backText ?? ''));
  const shared = frontShared(template, texts, measure, metrics, options);
  const back = backText
    ? backSide(template, clean(base.back.locationName.font, input.locationName), backText, measure, metrics, options)
    : null;
  const own = (card: CardToPrint): Primitive[] => {
    const marks: CardMarks = {
      code: clean(t.code.font, card.code),
      orderRef: card.orderRef == null ? null : clean(t.orderRef.font, card.orderRef),
      reviewUrl: card.reviewUrl,
      complaintUrl: card.complaintUrl,
    };
    const prims = frontOwn(template, marks, measure, metrics, options);
    return input.sample ? [...prims, ...sampleBands(template, measure, metrics)] : prims;
  };
  return { template, size, plan, options, shared, back, own, texts, backText, measure, metrics };
}

/** A white band with red text across each code of a preview card. */
function sampleBands(template: Template, measure: MeasureText, metrics: FontMetrics): Primitive[] {
  const out: Primitive[] = [];
  for (const box of [template.qr.review, template.qr.complaint]) {
    const band = { x: box.x, y: box.y + box.height * 0.38, width: box.width, height: box.height * 0.24 };
    out.push({ kind: 'shape', box: band, radius: 1, fill: '#FFFFFF', stroke: '#C62828', strokeWidthPt: 1 });
    const placed = fitText(
      SAMPLE_LABEL,
      {
        box: { ...band, x: band.x + 1, width: band.width - 2 },
        font: 'bold',
        sizePt: 14,
        minSizePt: 6,
        maxLines: 1,
        lineHeight: 1.1,
        color: '#C62828',
        align: 'center',
        valign: 'middle',
      },
      measure,
      metrics,
    );
    out.push({ kind: 'text', text: placed });
  }
  return out;
}

/**
 * The location's texts that this design would print cut (at the smallest size, with an
 * ellipsis): what the print page warns about and a new batch refuses.
 */
export function fitProblems(layout: BatchLayout): FitProblem[] {
  const { template, texts, measure, metrics } = layout;
  const slots = slotsFor(template, !!layout.options.hasLogo && !!template.logo);
  const problems: FitProblem[] = [];
  const check = (field: FitProblem['field'], text: string, slot: Template['text']['headline']) => {
    const placed = fitText(text, slot, measure, metrics);
    const total = [...normaliseText(text)].length;
    if (placed.dropped > 0) problems.push({ field, kept: total - placed.dropped, total });
  };
  for (const key of ['locationName', 'headline', 'reviewCaption', 'complaintCaption', 'footer'] as const)
    check(key, texts[key], slots[key]);
  if (layout.backText && layout.back)
    check('backText', layout.backText, getTemplate(template.id)?.back.text ?? template.back.text);
  return problems;
}
