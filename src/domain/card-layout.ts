/**
 * The one layout model every renderer draws: a card as a list of primitives in millimetres
 * (from the card's top-left corner, colours resolved), and pages as slots for cards plus crop
 * marks. The PDF renderer and the SVG preview both draw exactly this, so what the print page
 * shows is what prints.
 */
import { paint, palette } from './brand';
import type {
  Box,
  CardFormat,
  FontMetrics,
  IconKind,
  MeasureText,
  PlacedText,
  ResolvedTexts,
  Shape,
  Template,
  TextSlot,
} from './postcard-layout';
import { A4_MM, CARD_MM, cardSize, fitText, isRollFormat, normaliseText, slotsFor } from './postcard-layout';

export type Primitive =
  | { kind: 'shape'; box: Box; radius: number; fill?: string; stroke?: string; strokeWidthPt?: number }
  | { kind: 'text'; text: PlacedText }
  | { kind: 'qr'; box: Box; data: string; dark: string; light: string | null; errorCorrection: 'M' | 'Q' | 'H' }
  | { kind: 'icon'; icon: IconKind; box: Box; color: string }
  | { kind: 'logo'; box: Box };

export interface CardMarks {
  code: string;
  orderRef?: string | null;
  reviewUrl: string;
  complaintUrl: string;
}

export interface DrawOptions {
  /** The location's brand colour, or null for the design's own. */
  brand?: string | null;
  /** How far backgrounds run past the trim (3 on a print-shop page, else 0). */
  bleedMm?: number;
  hasLogo?: boolean;
  /** Black only (receipt printers): every colour becomes black, no fills but the codes' modules. */
  mono?: boolean;
}

const BLACK = '#000000';

const palettes = new Map<string, ReturnType<typeof palette>>();

function colorsFor(template: Template, options: DrawOptions) {
  const brand = options.brand ?? template.brand;
  let colors = palettes.get(brand);
  if (!colors) {
    colors = palette(brand);
    if (palettes.size < 64) palettes.set(brand, colors);
  }
  const resolved = colors;
  return (c: string) => (options.mono ? BLACK : paint(c, resolved));
}

function shapePrimitive(
  shape: Shape,
  size: { width: number; height: number },
  bleed: number,
  color: (c: string) => string,
): Primitive {
  const box =
    shape.bleed && bleed > 0
      ? { x: -bleed, y: -bleed, width: size.width + 2 * bleed, height: size.height + 2 * bleed }
      : shape.box;
  return {
    kind: 'shape',
    box,
    radius: shape.bleed && bleed > 0 ? 0 : (shape.radius ?? 0),
    ...(shape.fill ? { fill: color(shape.fill) } : {}),
    ...(shape.stroke ? { stroke: color(shape.stroke), strokeWidthPt: shape.strokeWidthPt ?? 0.5 } : {}),
  };
}

function textPrimitive(
  text: string,
  slot: TextSlot,
  measure: MeasureText,
  metrics: FontMetrics,
  color: (c: string) => string,
): Primitive[] {
  const placed = fitText(text, slot, measure, metrics);
  return placed.lines.length ? [{ kind: 'text', text: { ...placed, color: color(placed.color) } }] : [];
}

/** What is the same on every card of a batch: artwork, logo, the location's texts, the icons. */
export function frontShared(
  template: Template,
  texts: ResolvedTexts,
  measure: MeasureText,
  metrics: FontMetrics,
  options: DrawOptions = {},
): Primitive[] {
  const color = colorsFor(template, options);
  const size = cardSize(template);
  const slots = slotsFor(template, !!options.hasLogo && !!template.logo);
  const out: Primitive[] = [];
  for (const shape of template.shapes) {
    if (options.mono && shape.fill && !shape.stroke) continue;
    out.push(shapePrimitive(shape, size, options.bleedMm ?? 0, color));
  }
  if (options.hasLogo && template.logo && !options.mono) out.push({ kind: 'logo', box: template.logo });
  for (const key of ['locationName', 'headline', 'reviewCaption', 'complaintCaption', 'footer'] as const) {
    out.push(...textPrimitive(texts[key], slots[key], measure, metrics, color));
  }
  out.push({ kind: 'icon', icon: 'star', box: template.icons.review, color: color(template.icons.reviewColor) });
  out.push({
    kind: 'icon',
    icon: 'bubble',
    box: template.icons.complaint,
    color: color(template.icons.complaintColor),
  });
  return out;
}

/**
 * The short URL a person can type: no scheme, the host and the path letter in lower case, the
 * code as printed ("q.example.ru/r/7K3M9Q2XWD"; codes resolve in any case).
 */
export function shortUrl(url: string): string {
  const m = /^[a-z]+:\/\/([^/]+)(.*)$/i.exec(url);
  if (!m) return url;
  const path = m[2] ?? '';
  const cut = path.lastIndexOf('/');
  return `${m[1]!.toLowerCase()}${path.slice(0, cut + 1).toLowerCase()}${path.slice(cut + 1)}`;
}

/** What differs from card to card: the two codes, their short URLs, the order ref and the code. */
export function frontOwn(
  template: Template,
  card: CardMarks,
  measure: MeasureText,
  metrics: FontMetrics,
  options: DrawOptions = {},
): Primitive[] {
  const color = colorsFor(template, options);
  const { qr } = template;
  const slots = slotsFor(template, !!options.hasLogo && !!template.logo);
  const out: Primitive[] = [];
  for (const [data, box] of [
    [card.reviewUrl, qr.review],
    [card.complaintUrl, qr.complaint],
  ] as const) {
    out.push({
      kind: 'qr',
      box,
      data,
      dark: color(qr.dark),
      light: options.mono ? null : qr.light,
      errorCorrection: qr.errorCorrection,
    });
  }
  out.push(...textPrimitive(shortUrl(card.reviewUrl), slots.reviewUrl, measure, metrics, color));
  out.push(...textPrimitive(shortUrl(card.complaintUrl), slots.complaintUrl, measure, metrics, color));
  const orderRef = normaliseText(card.orderRef ?? '');
  if (orderRef)
    out.push(
      ...textPrimitive(`${template.defaults.orderRefLabel} ${orderRef}`, slots.orderRef, measure, metrics, color),
    );
  out.push(...textPrimitive(`${template.defaults.codeLabel} ${card.code}`, slots.code, measure, metrics, color));
  return out;
}

/** The back side: the location's name and its back text (how to find us, a phone, a thank-you). */
export function backSide(
  template: Template,
  locationName: string,
  backText: string,
  measure: MeasureText,
  metrics: FontMetrics,
  options: DrawOptions = {},
): Primitive[] {
  const color = colorsFor(template, options);
  const size = cardSize(template);
  const out: Primitive[] = template.back.shapes.map((s) => shapePrimitive(s, size, options.bleedMm ?? 0, color));
  if (options.hasLogo && template.back.logo) out.push({ kind: 'logo', box: template.back.logo });
  out.push(...textPrimitive(locationName, template.back.locationName, measure, metrics, color));
  out.push(...textPrimitive(backText, template.back.text, measure, metrics, color));
  return out;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Crop marks: 0.25 pt black ticks that start this far outside the trim and run this long. */
export const CROP_MARK = { widthPt: 0.5, color: BLACK } as const;

/**
 * Two ticks at each corner of a trim box, pointing away from it: each starts `gap` mm outside
 * the trim on the line of one edge and runs `length` mm. Ticks two neighbouring cards share
 * are drawn once.
 */
function cornerMarks(trims: Box[], gap: number, length: number): Segment[] {
  const seen = new Set<string>();
  const out: Segment[] = [];
  const add = (s: Segment) => {
    const r = (n: number) => Math.round(n * 1000) / 1000;
    const norm = {
      x1: r(Math.min(s.x1, s.x2)),
      y1: r(Math.min(s.y1, s.y2)),
      x2: r(Math.max(s.x1, s.x2)),
      y2: r(Math.max(s.y1, s.y2)),
    };
    const key = `${norm.x1},${norm.y1},${norm.x2},${norm.y2}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(norm);
    }
  };
  for (const t of trims) {
    const xs = [t.x, t.x + t.width];
    const ys = [t.y, t.y + t.height];
    for (const [xi, x] of xs.entries()) {
      for (const [yi, y] of ys.entries()) {
        const dx = xi === 0 ? -1 : 1;
        const dy = yi === 0 ? -1 : 1;
        add({ x1: x + dx * gap, y1: y, x2: x + dx * (gap + length), y2: y });
        add({ x1: x, y1: y + dy * gap, x2: x, y2: y + dy * (gap + length) });
      }
    }
  }
  return out;
}

/**
 * The A4 sheet for office printers. Many cannot print the outer 4.2-5 mm, so nothing is drawn
 * closer than 5.5 mm to the sheet edge; the crop marks sit outside every card's trim with a
 * 1.5 mm gap, in a 10 mm margin and a 6 mm gutter, so the four cards come out at 92 x 129.7 mm
 * (A6 at 87.6 %).
 */
export const A4_SHEET = { marginMm: 10, gutterMm: 6, markGapMm: 1.5, markLengthMm: 3, printerMarginMm: 5.5 } as const;

/** A print-shop page: 3 mm bleed, crop marks from 3.5 mm to 8.5 mm outside the trim, 9 mm slug. */
const PRINT_SHOP = { bleedMm: 3, markGapMm: 3.5, markLengthMm: 5, slugMm: 9 } as const;

/** Receipt paper: its width and the part a printer prints on. */
export const ROLL = {
  'roll-80': { widthMm: 80, printableMm: 72 },
  'roll-58': { widthMm: 58, printableMm: 48 },
} as const;

export interface PagePlan {
  width: number;
  height: number;
  /** Cards per page. */
  perPage: number;
  /** Each card's trim on the page (mm from the page's top-left) and the scale it is drawn at. */
  slots: Array<{ x: number; y: number }>;
  /** Where card i's back goes on the back page (A4: mirrored for duplex flipped on the long edge). */
  backSlots: Array<{ x: number; y: number }>;
  scale: number;
  marks: Segment[];
  /** Print shop only: the trim and the bleed, in mm from the page's top-left. */
  trimBox?: Box;
  bleedBox?: Box;
  bleedMm: number;
  /** How colours are written: RGB for screens and office printers, CMYK for print shops, black for receipts. */
  ink: 'rgb' | 'cmyk' | 'black';
}

export function pagePlan(format: CardFormat, card: { width: number; height: number } = CARD_MM): PagePlan {
  if (format === 'a4-4up') {
    const s = A4_SHEET;
    const width = (A4_MM.width - 2 * s.marginMm - s.gutterMm) / 2;
    const scale = width / CARD_MM.width;
    const height = CARD_MM.height * scale;
    const top = (A4_MM.height - 2 * height - s.gutterMm) / 2;
    const xs = [s.marginMm, s.marginMm + width + s.gutterMm];
    const ys = [top, top + height + s.gutterMm];
    const slots = [0, 1, 2, 3].map((i) => ({ x: xs[i % 2]!, y: ys[Math.floor(i / 2)]! }));
    const backSlots = slots.map((p) => ({ x: A4_MM.width - p.x - width, y: p.y }));
    const marks = cornerMarks(
      slots.map((p) => ({ ...p, width, height })),
      s.markGapMm,
      s.markLengthMm,
    );
    return {
      width: A4_MM.width,
      height: A4_MM.height,
      perPage: 4,
      slots,
      backSlots,
      scale,
      marks,
      bleedMm: 0,
      ink: 'rgb',
    };
  }
  if (format === 'a6-print') {
    const p = PRINT_SHOP;
    const trimBox = { x: p.slugMm, y: p.slugMm, width: CARD_MM.width, height: CARD_MM.height };
    const bleedBox = {
      x: p.slugMm - p.bleedMm,
      y: p.slugMm - p.bleedMm,
      width: CARD_MM.width + 2 * p.bleedMm,
      height: CARD_MM.height + 2 * p.bleedMm,
    };
    const slot = { x: p.slugMm, y: p.slugMm };
    return {
      width: CARD_MM.width + 2 * p.slugMm,
      height: CARD_MM.height + 2 * p.slugMm,
      perPage: 1,
      slots: [slot],
      backSlots: [slot],
      scale: 1,
      marks: cornerMarks([trimBox], p.markGapMm, p.markLengthMm),
      trimBox,
      bleedBox,
      bleedMm: p.bleedMm,
      ink: 'cmyk',
    };
  }
  if (isRollFormat(format)) {
    const slot = { x: 0, y: 0 };
    return {
      width: card.width,
      height: card.height,
      perPage: 1,
      slots: [slot],
      backSlots: [slot],
      scale: 1,
      marks: [],
      bleedMm: 0,
      ink: 'black',
    };
  }
  const slot = { x: 0, y: 0 };
  return {
    width: CARD_MM.width,
    height: CARD_MM.height,
    perPage: 1,
    slots: [slot],
    backSlots: [slot],
    scale: 1,
    marks: [],
    bleedMm: 0,
    ink: 'rgb',
  };
}

export function pageCount(format: CardFormat, cards: number, withBack = false): number {
  return Math.ceil(cards / pagePlan(format).perPage) * (withBack && !isRollFormat(format) ? 2 : 1);
}

/** A vector path in mm from the card's top-left corner. */
export type PathCommand =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

const KAPPA = 0.5522847498;

/** A rectangle with rounded corners (radius clamped to half the shorter side), clockwise on the page. */
export function roundedRectPath(box: Box, radius: number): PathCommand[] {
  const r = Math.max(0, Math.min(radius, box.width / 2, box.height / 2));
  const { x, y } = box;
  const x2 = x + box.width;
  const y2 = y + box.height;
  if (r === 0)
    return [{ op: 'M', x, y }, { op: 'L', x: x2, y }, { op: 'L', x: x2, y: y2 }, { op: 'L', x, y: y2 }, { op: 'Z' }];
  const k = r * KAPPA;
  return [
    { op: 'M', x: x + r, y },
    { op: 'L', x: x2 - r, y },
    { op: 'C', x1: x2 - r + k, y1: y, x2, y2: y + r - k, x: x2, y: y + r },
    { op: 'L', x: x2, y: y2 - r },
    { op: 'C', x1: x2, y1: y2 - r + k, x2: x2 - r + k, y2, x: x2 - r, y: y2 },
    { op: 'L', x: x + r, y: y2 },
    { op: 'C', x1: x + r - k, y1: y2, x2: x, y2: y2 - r + k, x, y: y2 - r },
    { op: 'L', x, y: y + r },
    { op: 'C', x1: x, y1: y + r - k, x2: x + r - k, y2: y, x: x + r, y },
    { op: 'Z' },
  ];
}

/** The review's star and the complaint's speech bubble, filling their box. */
export function iconPath(icon: IconKind, box: Box): PathCommand[] {
  if (icon === 'star') {
    const outer = Math.min(box.width, box.height) / 2;
    const inner = outer * 0.48;
    const cx = box.x + box.width / 2;
    // A star's points reach 0.81 of the radius below the centre: move it down to look centred.
    const cy = box.y + box.height / 2 + outer * 0.095;
    const out: PathCommand[] = [];
    for (let i = 0; i < 10; i++) {
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      const r = i % 2 === 0 ? outer : inner;
      out.push({ op: i === 0 ? 'M' : 'L', x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
    }
    out.push({ op: 'Z' });
    return out;
  }
  const body = { x: box.x, y: box.y + box.height * 0.04, width: box.width, height: box.height * 0.72 };
  const bottom = body.y + body.height;
  return [
    ...roundedRectPath(body, box.height * 0.22),
    { op: 'M', x: box.x + box.width * 0.22, y: bottom - 0.3 },
    { op: 'L', x: box.x + box.width * 0.5, y: bottom - 0.3 },
    { op: 'L', x: box.x + box.width * 0.16, y: box.y + box.height },
    { op: 'Z' },
  ];
}
