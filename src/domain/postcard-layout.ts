/**
 * The postcard's geometry, as pure functions: what a template looks like (in mm, measured from
 * the card's top-left corner), how text is wrapped and shrunk into its box, and where cards and
 * crop marks go on a sheet. No pdf-lib here: the PDF code measures text with a function it passes in.
 */

export const MM_TO_PT = 72 / 25.4;

/** ISO A6, the card. */
export const CARD_MM = { width: 105, height: 148 } as const;
/** ISO A4, the sheet of four cards. */
export const A4_MM = { width: 210, height: 297 } as const;

export type CardFormat = 'a6' | 'a4-4up';
export type FontRole = 'regular' | 'bold';

/** A rectangle in mm, from the card's top-left corner. */
export interface Box { x: number; y: number; width: number; height: number }

export interface TextSlot {
  box: Box;
  font: FontRole;
  /** Preferred size; the text shrinks in 0.5 pt steps down to `minSizePt` before it is cut. */
  sizePt: number;
  minSizePt: number;
  maxLines: number;
  /** Line pitch as a multiple of the font size. */
  lineHeight: number;
  color: string;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  uppercase?: boolean;
}

export interface Shape {
  box: Box;
  /** Corner radius in mm. */
  radius?: number;
  fill?: string;
  stroke?: string;
  strokeWidthPt?: number;
}

export interface TemplateTexts {
  headline: string;
  reviewCaption: string;
  complaintCaption: string;
  footer: string;
  /** Printed before the order reference, e.g. "Заказ №". */
  orderRefLabel: string;
  /** Printed before the card code, e.g. "Код". */
  codeLabel: string;
}

/** A complete postcard design. */
export interface Template {
  id: string;
  name: { ru: string; en: string };
  description: { ru: string; en: string };
  /** Drawn first, in order: background, bands, tiles, rules. Keep ink at least 3 mm inside the card. */
  shapes: Shape[];
  qr: {
    /** Square boxes including the 4-module quiet zone; painted `light`, modules painted `dark`. */
    review: Box;
    complaint: Box;
    dark: string;
    light: string;
    errorCorrection: 'M' | 'Q' | 'H';
  };
  text: {
    locationName: TextSlot;
    headline: TextSlot;
    reviewCaption: TextSlot;
    complaintCaption: TextSlot;
    footer: TextSlot;
    orderRef: TextSlot;
    code: TextSlot;
  };
  defaults: TemplateTexts;
}

export interface FontMetrics {
  /** Ascender and descender as fractions of the em (descender negative). */
  ascent: number;
  descent: number;
}

/** Width of `text` in pt when set in `font` at `sizePt`. */
export type MeasureText = (text: string, font: FontRole, sizePt: number) => number;

export interface PlacedLine {
  text: string;
  /** Left end of the baseline, in mm from the card's top-left corner. */
  x: number;
  baseline: number;
}

export interface PlacedText {
  font: FontRole;
  sizePt: number;
  color: string;
  lines: PlacedLine[];
}

const ELLIPSIS = '…';

/** NFC, collapsed whitespace; "" means "print nothing". */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Greedy word wrap. Words wider than the line are broken between characters so that a long
 * URL-like name still fits.
 */
export function wrapWords(text: string, maxWidthPt: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of glueShortWords(text.split(' '))) {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidthPt) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (width(line) > maxWidthPt && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && width(line.slice(0, cut)) > maxWidthPt) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Russian typesetting keeps one- and two-letter words (с, в, и, на, не) on the line of the word
 * that follows, so a line never ends with a hanging preposition.
 */
function glueShortWords(words: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const word of words) {
    const joined = pending ? `${pending} ${word}` : word;
    if (/^[\p{L}]{1,2}$/u.test(word)) pending = joined;
    else {
      out.push(joined);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out;
}

function truncateToWidth(text: string, maxWidthPt: number, width: (s: string) => number): string {
  if (width(text) <= maxWidthPt) return text;
  let end = text.length;
  while (end > 0 && width(text.slice(0, end).trimEnd() + ELLIPSIS) > maxWidthPt) end--;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/**
 * Fits `text` into `slot.box`: the largest size (from sizePt down to minSizePt) at which the
 * wrapped lines fit both maxLines and the box height; at the minimum size, lines that still do
 * not fit are dropped and the last kept line ends with an ellipsis. Nothing ever leaves the box.
 */
export function fitText(text: string, slot: TextSlot, measure: MeasureText, metrics: FontMetrics): PlacedText {
  const source = normaliseText(slot.uppercase ? text.toUpperCase() : text);
  const maxWidthPt = slot.box.width * MM_TO_PT;
  const boxHeightPt = slot.box.height * MM_TO_PT;
  let sizePt = slot.sizePt;
  let lines: string[] = [];
  for (; ; sizePt -= 0.5) {
    if (sizePt < slot.minSizePt) sizePt = slot.minSizePt;
    const size = sizePt;
    const width = (s: string) => measure(s, slot.font, size);
    lines = source ? wrapWords(source, maxWidthPt, width) : [];
    const fits = lines.length <= slot.maxLines && lines.length * slot.lineHeight * size <= boxHeightPt + 1e-6;
    if (fits) break;
    if (sizePt === slot.minSizePt) {
      const room = Math.max(1, Math.min(slot.maxLines, Math.floor((boxHeightPt + 1e-6) / (slot.lineHeight * size))));
      if (lines.length > room) {
        const kept = lines.slice(0, room);
        kept[room - 1] = truncateToWidth(`${kept[room - 1]}${ELLIPSIS}`, maxWidthPt, width);
        lines = kept;
      }
      break;
    }
  }

  const lineBoxPt = slot.lineHeight * sizePt;
  const blockPt = lines.length * lineBoxPt;
  const freePt = Math.max(0, boxHeightPt - blockPt);
  const offsetPt = slot.valign === 'top' ? 0 : slot.valign === 'middle' ? freePt / 2 : freePt;
  // Half-leading model: the glyph's ascent..descent is centred in each line box.
  const baselineInLinePt = (lineBoxPt - (metrics.ascent - metrics.descent) * sizePt) / 2 + metrics.ascent * sizePt;

  const placed: PlacedLine[] = lines.map((line, index) => {
    const widthMm = measure(line, slot.font, sizePt) / MM_TO_PT;
    const free = slot.box.width - widthMm;
    const x = slot.box.x + (slot.align === 'left' ? 0 : slot.align === 'center' ? free / 2 : free);
    const baseline = slot.box.y + (offsetPt + index * lineBoxPt + baselineInLinePt) / MM_TO_PT;
    return { text: line, x, baseline };
  });
  return { font: slot.font, sizePt, color: slot.color, lines: placed };
}

/** Texts printed on every card of a batch, after per-location overrides were applied. */
export interface ResolvedTexts {
  locationName: string;
  headline: string;
  reviewCaption: string;
  complaintCaption: string;
  footer: string;
}

/**
 * An omitted (undefined or null) override falls back to the template's text; an empty string
 * is kept, so a location can drop the footer.
 */
export function resolveTexts(
  template: Template,
  locationName: string,
  overrides: Partial<Record<'headline' | 'reviewCaption' | 'complaintCaption' | 'footer', string | null>> = {},
): ResolvedTexts {
  const pick = (key: 'headline' | 'reviewCaption' | 'complaintCaption' | 'footer') => overrides[key] ?? template.defaults[key];
  return {
    locationName,
    headline: pick('headline'),
    reviewCaption: pick('reviewCaption'),
    complaintCaption: pick('complaintCaption'),
    footer: pick('footer'),
  };
}

/** The parts that are the same on every card of a batch. */
export function layoutStaticText(template: Template, texts: ResolvedTexts, measure: MeasureText, metrics: FontMetrics): PlacedText[] {
  const t = template.text;
  return [
    fitText(texts.locationName, t.locationName, measure, metrics),
    fitText(texts.headline, t.headline, measure, metrics),
    fitText(texts.reviewCaption, t.reviewCaption, measure, metrics),
    fitText(texts.complaintCaption, t.complaintCaption, measure, metrics),
    fitText(texts.footer, t.footer, measure, metrics),
  ].filter((placed) => placed.lines.length > 0);
}

/** The small per-card lines staff use to trace a card: the order reference (if any) and the code. */
export function layoutCardMarks(
  template: Template,
  card: { code: string; orderRef?: string | null },
  measure: MeasureText,
  metrics: FontMetrics,
): PlacedText[] {
  const placed: PlacedText[] = [];
  const orderRef = normaliseText(card.orderRef ?? '');
  if (orderRef) placed.push(fitText(`${template.defaults.orderRefLabel} ${orderRef}`, template.text.orderRef, measure, metrics));
  placed.push(fitText(`${template.defaults.codeLabel} ${card.code}`, template.text.code, measure, metrics));
  return placed;
}

export function cardsPerPage(format: CardFormat): number {
  return format === 'a6' ? 1 : 4;
}

export function pageCount(format: CardFormat, cards: number): number {
  return Math.ceil(cards / cardsPerPage(format));
}

export function pageSizeMm(format: CardFormat): { width: number; height: number } {
  return format === 'a6' ? CARD_MM : A4_MM;
}

/**
 * Top-left corners (mm, from the sheet's top-left) of the four cards on an A4 sheet.
 *
 * Four A6 cards are 210 x 296 mm, so they fill A4 across and leave 1 mm down. The cards touch
 * and are centred: two guillotine cuts, along x = 105 and y = 148.5, give four cards (each with
 * a 0.5 mm unprinted strip on its outer short edge). There is no gutter, so crop marks cannot
 * sit outside the card corners; see `cropMarks`.
 */
export function sheetSlots(): Array<{ x: number; y: number }> {
  const top = (A4_MM.height - 2 * CARD_MM.height) / 2;
  return [
    { x: 0, y: top },
    { x: CARD_MM.width, y: top },
    { x: 0, y: top + CARD_MM.height },
    { x: CARD_MM.width, y: top + CARD_MM.height },
  ];
}

/** Crop mark geometry for the A4 sheet, in mm and pt. */
export const CROP_MARK = { lengthMm: 10, widthPt: 0.5, color: '#000000' } as const;

/**
 * Crop marks as segments (mm, from the sheet's top-left): short ticks on the two cut lines,
 * starting at the sheet edge and pointing inward. Office printers leave 3-5 mm unprinted at the
 * edges, so the ticks are 10 mm long to show at least 5 mm. They lie in the white border every
 * template keeps around its card (ink starts at least 3 mm inside), so they never cross print.
 */
export function cropMarks(): Array<{ x1: number; y1: number; x2: number; y2: number }> {
  const cutX = CARD_MM.width;
  const cutY = A4_MM.height / 2;
  const l = CROP_MARK.lengthMm;
  return [
    { x1: cutX, y1: 0, x2: cutX, y2: l },
    { x1: cutX, y1: A4_MM.height, x2: cutX, y2: A4_MM.height - l },
    { x1: 0, y1: cutY, x2: l, y2: cutY },
    { x1: A4_MM.width, y1: cutY, x2: A4_MM.width - l, y2: cutY },
  ];
}

/** Minimum QR box, including the quiet zone (PRODUCT.md: module >= 0.4 mm, codes stay version 2-3). */
export const MIN_QR_MM = 28;
/** Ink keeps this far from the card edge, which is what keeps crop marks off the print. */
export const MIN_INK_INSET_MM = 3;

/** Problems with a template's geometry, empty when it is sound. Used by tests and at startup. */
export function checkTemplate(template: Template): string[] {
  const problems: string[] = [];
  const inside = (name: string, b: Box, inset: number) => {
    if (b.x < inset || b.y < inset || b.x + b.width > CARD_MM.width - inset || b.y + b.height > CARD_MM.height - inset) {
      problems.push(`${name} leaves the card's safe area`);
    }
  };
  template.shapes.forEach((s, i) => inside(`shape ${i}`, s.box, MIN_INK_INSET_MM));
  const { review, complaint } = template.qr;
  for (const [name, b] of [['review QR', review], ['complaint QR', complaint]] as const) {
    inside(name, b, MIN_INK_INSET_MM);
    if (b.width < MIN_QR_MM) problems.push(`${name} is narrower than ${MIN_QR_MM} mm`);
    if (Math.abs(b.width - b.height) > 1e-9) problems.push(`${name} is not square`);
  }
  if (Math.abs(review.y - complaint.y) > 1e-9 || review.x + review.width > complaint.x) {
    problems.push('the review QR must sit to the left of the complaint QR, on the same row');
  }
  const texts = Object.entries(template.text) as Array<[string, TextSlot]>;
  for (const [name, slot] of texts) {
    inside(`${name} text`, slot.box, MIN_INK_INSET_MM);
    if (slot.minSizePt > slot.sizePt) problems.push(`${name} minSizePt exceeds sizePt`);
    for (const [qrName, b] of [['review QR', review], ['complaint QR', complaint]] as const) {
      if (overlaps(slot.box, b)) problems.push(`${name} text overlaps the ${qrName}`);
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [a, sa] = texts[i]!;
      const [b, sb] = texts[j]!;
      if (overlaps(sa.box, sb.box)) problems.push(`${a} text overlaps ${b} text`);
    }
  }
  return problems;
}

function overlaps(a: Box, b: Box): boolean {
  const eps = 1e-9;
  return a.x + eps < b.x + b.width && b.x + eps < a.x + a.width && a.y + eps < b.y + b.height && b.y + eps < a.y + a.height;
}
