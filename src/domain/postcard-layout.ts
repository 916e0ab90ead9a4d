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

/**
 * `a6`: one A6 card a page; `a4-4up`: four cards on an A4 sheet for an office printer;
 * `a6-print`: one A6 a page for a print shop (3 mm bleed, TrimBox/BleedBox, DeviceCMYK);
 * `roll-80`, `roll-58`: one strip a card for a receipt printer, black only.
 */
export const CARD_FORMATS = ['a4-4up', 'a6', 'a6-print', 'roll-80', 'roll-58'] as const;
export type CardFormat = (typeof CARD_FORMATS)[number];

export function isRollFormat(format: CardFormat): format is 'roll-80' | 'roll-58' {
  return format === 'roll-80' || format === 'roll-58';
}
export type FontRole = 'regular' | 'bold';

/** A rectangle in mm, from the card's top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

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
  /**
   * What happens when the text does not fit even at `minSizePt`: `end` drops the rest after an
   * ellipsis (long prose), `middle` keeps the start and the end around an ellipsis (order refs,
   * codes, URLs: the data a person reads back).
   */
  overflow?: 'end' | 'middle';
}

export interface Shape {
  box: Box;
  /** A background: on a print-shop page it runs into the bleed, with square corners. */
  bleed?: boolean;
  /** Corner radius in mm. */
  radius?: number;
  fill?: string;
  stroke?: string;
  strokeWidthPt?: number;
}

interface TemplateTexts {
  headline: string;
  reviewCaption: string;
  complaintCaption: string;
  footer: string;
  /** Printed before the order reference, e.g. "Заказ №". */
  orderRefLabel: string;
  /** Printed before the card code, e.g. "Код". */
  codeLabel: string;
}

/** The two codes' icons, drawn as vectors so the codes differ at a glance, not only by caption. */
export type IconKind = 'star' | 'bubble';

/**
 * Colours are '#RRGGBB' or a name from the brand palette: `brand` (the location's brand colour,
 * else the design's own), `brandSoft` (brand mixed with white, for small text on brand) and
 * `brandLine` (a faint rule on brand).
 */
export type PaletteColor = 'brand' | 'brandSoft' | 'brandLine';

/** A complete postcard design. */
export interface Template {
  id: string;
  name: { ru: string; en: string };
  description: { ru: string; en: string };
  /** Card size in mm; A6 unless given (receipt strips are generated with their own size). */
  size?: { width: number; height: number };
  /** The design's own brand colour, used when a location has none. */
  brand: string;
  /** Text slots printed on the brand colour: their colours must contrast with it (WCAG 4.5:1). */
  onBrand: Array<keyof Template['text']>;
  icons: { review: Box; complaint: Box; reviewColor: string; complaintColor: string };
  /** Where a location's logo goes, fitted inside keeping its proportions. */
  logo?: Box;
  /** Slots that move when the location has a logo (e.g. the name makes room for it). */
  withLogo?: Partial<Template['text']>;
  /** The back side, printed when a location has a back text. */
  back: {
    shapes: Shape[];
    locationName: TextSlot;
    text: TextSlot;
    logo?: Box;
    onBrand: Array<'locationName' | 'text'>;
  };
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
    /** Each code's short URL under it, for phones that cannot scan. */
    reviewUrl: TextSlot;
    complaintUrl: TextSlot;
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

interface PlacedLine {
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
  /** Characters of the source text that are not printed (0 when all of it is). */
  dropped: number;
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

/** Keeps the start and the end of `text` around an ellipsis, as much of both as the width allows. */
function cutMiddle(text: string, maxWidthPt: number, width: (s: string) => number): string {
  if (width(text) <= maxWidthPt) return text;
  const chars = [...text];
  let keep = chars.length - 1;
  for (; keep > 1; keep--) {
    const head = Math.ceil(keep / 2);
    const candidate = chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - (keep - head)).join('');
    if (width(candidate) <= maxWidthPt) return candidate;
  }
  return chars[0] + ELLIPSIS;
}

const printedChars = (lines: string[]) => lines.reduce((n, l) => n + [...l.replaceAll(ELLIPSIS, '')].length, 0);

/**
 * Fits `text` into `slot.box`: the largest size (from sizePt down to minSizePt) at which the
 * wrapped lines fit both maxLines and the box height. At the minimum size, what still does not
 * fit is cut: after the last kept line (`overflow: 'end'`) or out of the middle of a one-line
 * slot (`overflow: 'middle'`), always with an ellipsis, and `dropped` says how many characters
 * went. Nothing ever leaves the box.
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
    const room = Math.max(1, Math.min(slot.maxLines, Math.floor((boxHeightPt + 1e-6) / (slot.lineHeight * size))));
    if (slot.overflow === 'middle' && room === 1) {
      lines = source ? [source] : [];
      if (!source || width(source) <= maxWidthPt) break;
      if (sizePt === slot.minSizePt) {
        lines = [cutMiddle(source, maxWidthPt, width)];
        break;
      }
      continue;
    }
    lines = source ? wrapWords(source, maxWidthPt, width) : [];
    const fits = lines.length <= slot.maxLines && lines.length * slot.lineHeight * size <= boxHeightPt + 1e-6;
    if (fits) break;
    if (sizePt === slot.minSizePt) {
      if (lines.length > room) {
        const kept = lines.slice(0, room);
        kept[room - 1] = truncateToWidth(`${kept[room - 1]}${ELLIPSIS}`, maxWidthPt, width);
        lines = kept;
      }
      break;
    }
  }
  // Characters lost to a cut (spaces count; a line break stands for the space it replaced).
  const cut = lines.some((l) => l.includes(ELLIPSIS)) && !source.includes(ELLIPSIS);
  const dropped = cut ? Math.max(0, [...source].length - printedChars(lines) - (lines.length - 1)) : 0;

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
  return { font: slot.font, sizePt, color: slot.color, lines: placed, dropped };
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
  const pick = (key: 'headline' | 'reviewCaption' | 'complaintCaption' | 'footer') =>
    overrides[key] ?? template.defaults[key];
  return {
    locationName,
    headline: pick('headline'),
    reviewCaption: pick('reviewCaption'),
    complaintCaption: pick('complaintCaption'),
    footer: pick('footer'),
  };
}

/** Minimum QR box, including the quiet zone (PRODUCT.md: module >= 0.4 mm, codes stay version 2-3). */
const MIN_QR_MM = 28;
/** Ink keeps this far from the card edge. */
const MIN_INK_INSET_MM = 3;

export function cardSize(template: Template): { width: number; height: number } {
  return template.size ?? CARD_MM;
}

/** The text slots with the logo's variant applied (a design may make room for the logo). */
export function slotsFor(template: Template, withLogo: boolean): Template['text'] {
  return withLogo && template.withLogo ? { ...template.text, ...template.withLogo } : template.text;
}

/** Problems with a template's geometry, empty when it is sound. Used by tests and at startup. */
export function checkTemplate(template: Template): string[] {
  const problems: string[] = [];
  const size = cardSize(template);
  const inside = (name: string, b: Box, inset: number) => {
    if (
      b.x < inset - 1e-9 ||
      b.y < inset - 1e-9 ||
      b.x + b.width > size.width - inset + 1e-9 ||
      b.y + b.height > size.height - inset + 1e-9
    ) {
      problems.push(`${name} leaves the card's safe area`);
    }
  };
  const inset = template.size ? 0 : MIN_INK_INSET_MM;
  template.shapes.forEach((s, i) => {
    inside(`shape ${i}`, s.box, inset);
  });
  const { review, complaint } = template.qr;
  for (const [name, b] of [
    ['review QR', review],
    ['complaint QR', complaint],
  ] as const) {
    inside(name, b, inset);
    if (!template.size && b.width < MIN_QR_MM) problems.push(`${name} is narrower than ${MIN_QR_MM} mm`);
    if (Math.abs(b.width - b.height) > 1e-9) problems.push(`${name} is not square`);
  }
  if (Math.abs(review.y - complaint.y) > 1e-9 || review.x + review.width > complaint.x) {
    problems.push('the review QR must sit to the left of the complaint QR, on the same row');
  }
  const boxes: Array<[string, Box]> = [
    ['review icon', template.icons.review],
    ['complaint icon', template.icons.complaint],
  ];
  for (const withLogo of template.logo ? [false, true] : [false]) {
    const texts = Object.entries(slotsFor(template, withLogo)) as Array<[string, TextSlot]>;
    const all: Array<[string, Box]> = [...texts.map(([n, s]) => [`${n} text`, s.box] as [string, Box]), ...boxes];
    if (withLogo) all.push(['logo', template.logo!]);
    for (const [name, slot] of texts) {
      if (slot.minSizePt > slot.sizePt) problems.push(`${name} minSizePt exceeds sizePt`);
    }
    for (const [name, b] of all) {
      inside(name, b, inset);
      for (const [qrName, q] of [
        ['review QR', review],
        ['complaint QR', complaint],
      ] as const) {
        if (overlaps(b, q)) problems.push(`${name} overlaps the ${qrName}`);
      }
    }
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (overlaps(all[i]![1], all[j]![1])) problems.push(`${all[i]![0]} overlaps ${all[j]![0]}`);
      }
    }
  }
  return [...new Set(problems)];
}

export function overlaps(a: Box, b: Box): boolean {
  const eps = 1e-9;
  return (
    a.x + eps < b.x + b.width && b.x + eps < a.x + a.width && a.y + eps < b.y + b.height && b.y + eps < a.y + a.height
  );
}
