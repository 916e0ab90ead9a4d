import { getTemplate, TEMPLATES } from '../pdf/templates';
import type { LocationWithLinks } from '../domain/locations';
import { getLocationBrand, NO_BRAND } from '../db/location-brand';
import type { LocationBrand } from '../domain/location-brand';
import type { CardFormat } from '../domain/postcard-layout';
import type { Platform } from '../domain/review-links';
import type { CardToPrint, FitProblem, RenderBatchInput } from '../pdf/render';
import { fitProblems, layoutBatchWithBundledFonts, renderBatchPdf } from '../pdf/render';
import { cardSvg } from '../pdf/svg';
import { AppError } from '../errors';

const REVIEW_CAPTIONS: Record<Platform, string> = {
  yandex_maps: 'Оставьте отзыв на Яндекс Картах',
  yandex_market: 'Оставьте отзыв на Яндекс Маркете',
  '2gis': 'Оставьте отзыв в 2ГИС',
  google_maps: 'Оставьте отзыв на Google Картах',
};

/** The caption names the platform the review code really opens (the location's primary link). */
function reviewCaptionFor(location: LocationWithLinks): string | undefined {
  const primary = location.reviewLinks.find((l) => l.isPrimary) ?? location.reviewLinks[0];
  return primary ? REVIEW_CAPTIONS[primary.platform] : undefined;
}

/** Everything of a location that goes on its cards, for one design and format; the cards come later. */
export function designInput(
  location: LocationWithLinks,
  brand: LocationBrand,
  format: CardFormat,
  templateId: string,
): Omit<RenderBatchInput, 'cards'> {
  const texts = location.cardTexts;
  return {
    format,
    templateId,
    locationName: location.name,
    texts: {
      headline: texts.headline ?? undefined,
      reviewCaption: texts.reviewCaption ?? reviewCaptionFor(location),
      complaintCaption: texts.complaintCaption ?? undefined,
      footer: texts.footer ?? undefined,
    },
    brandColor: brand.brandColor,
    logo: brand.logo,
    backText: brand.backText,
  };
}

export async function loadDesignInput(
  db: D1Database,
  location: LocationWithLinks,
  format: CardFormat,
  templateId: string,
) {
  return designInput(location, await getLocationBrand(db, location.id).catch(() => NO_BRAND), format, templateId);
}

/** The placeholder card of a preview: its codes are crossed out with "ОБРАЗЕЦ" and open nothing. */
function sampleCard(origin: string): CardToPrint {
  const code = '0BRAZEC000';
  const base = origin.toUpperCase().replace(/\/$/, '');
  return { code, reviewUrl: `${base}/R/${code}`, complaintUrl: `${base}/C/${code}`, orderRef: 'A-1001' };
}

/** Texts of this location that the design would print cut. */
export function textFit(input: Omit<RenderBatchInput, 'cards'>, origin: string): FitProblem[] {
  return fitProblems(layoutBatchWithBundledFonts({ ...input, cards: [sampleCard(origin)] }));
}

/** A text of the location form that one design would print cut. */
export type DesignFitProblem = FitProblem & { templateId: string };

/** The card texts as the location form has them (empty = the design's own text). */
interface CardTextsDraft {
  name: string;
  headline: string;
  reviewCaption: string;
  complaintCaption: string;
  footer: string;
  /** The review link the code opens: the default review caption names its platform. */
  primaryPlatform: Platform;
}

/**
 * What the location form's texts would lose on the card, in every design: the layout model of
 * the print page's fit check, on an A6 card (the sheet of four and the print-shop A6 print the
 * same card; receipt strips grow to their texts). The back text is the brand page's concern.
 */
export function cardTextFit(draft: CardTextsDraft, brand: LocationBrand, origin: string): DesignFitProblem[] {
  const given = (text: string) => (text.trim() === '' ? undefined : text);
  const problems: DesignFitProblem[] = [];
  for (const template of TEMPLATES) {
    const input: Omit<RenderBatchInput, 'cards'> = {
      format: 'a6',
      templateId: template.id,
      locationName: draft.name,
      texts: {
        headline: given(draft.headline),
        reviewCaption: given(draft.reviewCaption) ?? REVIEW_CAPTIONS[draft.primaryPlatform],
        complaintCaption: given(draft.complaintCaption),
        footer: given(draft.footer),
      },
      brandColor: brand.brandColor,
      logo: brand.logo,
    };
    for (const problem of textFit(input, origin))
      if (problem.field !== 'backText') problems.push({ ...problem, templateId: template.id });
  }
  return problems;
}

/** Fields that no design can print whole: these the location form refuses (a cut in some designs only is a warning). */
export function fieldsCutEverywhere(problems: DesignFitProblem[]): Array<FitProblem['field']> {
  const fields = [...new Set(problems.map((p) => p.field))];
  return fields.filter((field) =>
    TEMPLATES.every((t) => problems.some((p) => p.field === field && p.templateId === t.id)),
  );
}

const FIELD_NAMES: Record<FitProblem['field'], string> = {
  locationName: 'location name',
  headline: 'headline',
  reviewCaption: 'review caption',
  complaintCaption: 'complaint caption',
  footer: 'footer',
  backText: 'back text',
};

/** Refuses a batch whose texts would print cut: a 422 naming the text and how much of it fits. */
export function refuseCutTexts(input: Omit<RenderBatchInput, 'cards'>, origin: string): void {
  const problem = textFit(input, origin)[0];
  if (!problem) return;
  const design = getTemplate(input.templateId)?.name.en ?? input.templateId;
  throw new AppError(
    422,
    `the ${FIELD_NAMES[problem.field]} does not fit the ${design} design (${input.format}): only ${problem.kept} of ${problem.total} characters would print; shorten it in the location's card texts`,
    problem.field,
  );
}

/** The PDF of one sample card, marked "ОБРАЗЕЦ"; nothing is stored or counted. */
export async function previewPdf(input: Omit<RenderBatchInput, 'cards'>, origin: string): Promise<Uint8Array> {
  return renderBatchPdf({ ...input, sample: true, cards: [sampleCard(origin)] });
}

/** The sample card as SVG, front and (when the location has one and the format prints it) back. */
export function previewSvg(
  input: Omit<RenderBatchInput, 'cards'>,
  origin: string,
  title: string,
): { front: string; back: string | null } {
  const layout = layoutBatchWithBundledFonts({ ...input, sample: true, cards: [sampleCard(origin)] });
  const logo = input.logo
    ? {
        href: `data:${input.logo.type};base64,${base64(input.logo.bytes)}`,
        width: input.logo.width,
        height: input.logo.height,
      }
    : null;
  const card = sampleCard(origin);
  return {
    front: cardSvg(layout, card, { title, logo }),
    back: layout.back ? cardSvg(layout, card, { side: 'back', title: `${title} (back)`, logo }) : null,
  };
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export const DESIGNS = TEMPLATES;
