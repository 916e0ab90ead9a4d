import type { PDFFont, PDFOperator } from 'pdf-lib';
import {
  appendBezierCurve,
  beginText,
  closePath,
  concatTransformationMatrix,
  drawObject,
  endText,
  fill,
  fillAndStroke,
  lineTo,
  moveTo,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  setFillingCmykColor,
  setFillingGrayscaleColor,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingCmykColor,
  setStrokingGrayscaleColor,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
} from 'pdf-lib';
import type { PathCommand, Primitive, Segment } from '../domain/card-layout';
import { iconPath, roundedRectPath } from '../domain/card-layout';
import type { Box, FontRole, PlacedText } from '../domain/postcard-layout';
import { MM_TO_PT } from '../domain/postcard-layout';
import { cmyk, rgb01 } from './color';

/** Card-local PDF coordinates: templates measure from the top-left in mm, PDF from the bottom-left in pt. */
export interface CardSpace {
  heightMm: number;
}

/** How colours are written: RGB, DeviceCMYK (black as 100 % K only), or black only (DeviceGray). */
export type InkMode = 'rgb' | 'cmyk' | 'black';

const round = (n: number) => Math.round(n * 1000) / 1000;
export const xPt = (mm: number) => round(mm * MM_TO_PT);
export const yPt = (space: CardSpace, mmFromTop: number) => round((space.heightMm - mmFromTop) * MM_TO_PT);

// Colour operators are immutable once made; a batch uses a handful of colours thousands of times.
const fillOps = new Map<string, PDFOperator>();
const strokeOps = new Map<string, PDFOperator>();

export function fillColor(hex: string, ink: InkMode): PDFOperator {
  const key = `${ink}${hex}`;
  let op = fillOps.get(key);
  if (!op) {
    op = makeFill(hex, ink);
    if (fillOps.size < 256) fillOps.set(key, op);
  }
  return op;
}

export function strokeColor(hex: string, ink: InkMode): PDFOperator {
  const key = `${ink}${hex}`;
  let op = strokeOps.get(key);
  if (!op) {
    op = makeStroke(hex, ink);
    if (strokeOps.size < 256) strokeOps.set(key, op);
  }
  return op;
}

function makeFill(hex: string, ink: InkMode): PDFOperator {
  if (ink === 'black') return setFillingGrayscaleColor(hex.toUpperCase() === '#FFFFFF' ? 1 : 0);
  if (ink === 'cmyk') return setFillingCmykColor(...cmyk(hex));
  return setFillingRgbColor(...rgb01(hex));
}

function makeStroke(hex: string, ink: InkMode): PDFOperator {
  if (ink === 'black') return setStrokingGrayscaleColor(hex.toUpperCase() === '#FFFFFF' ? 1 : 0);
  if (ink === 'cmyk') return setStrokingCmykColor(...cmyk(hex));
  return setStrokingRgbColor(...rgb01(hex));
}

export function pathOperators(space: CardSpace, path: PathCommand[]): PDFOperator[] {
  return path.map((c) =>
    c.op === 'M'
      ? moveTo(xPt(c.x), yPt(space, c.y))
      : c.op === 'L'
        ? lineTo(xPt(c.x), yPt(space, c.y))
        : c.op === 'C'
          ? appendBezierCurve(xPt(c.x1), yPt(space, c.y1), xPt(c.x2), yPt(space, c.y2), xPt(c.x), yPt(space, c.y))
          : closePath(),
  );
}

function shapeOperators(space: CardSpace, p: Extract<Primitive, { kind: 'shape' }>, ink: InkMode): PDFOperator[] {
  if (!p.fill && !p.stroke) return [];
  const ops: PDFOperator[] = [pushGraphicsState()];
  if (p.fill) ops.push(fillColor(p.fill, ink));
  if (p.stroke) ops.push(strokeColor(p.stroke, ink), setLineWidth(p.strokeWidthPt ?? 0.5));
  ops.push(...pathOperators(space, roundedRectPath(p.box, p.radius)));
  ops.push(p.fill && p.stroke ? fillAndStroke() : p.fill ? fill() : stroke(), popGraphicsState());
  return ops;
}

/** Font resource names, the same in the card XObject and on every page. */
export const FONT_RESOURCE: Record<FontRole, string> = { regular: 'FR', bold: 'FB' };
export const LOGO_RESOURCE = PDFName.of('Logo');

export function textOperators(
  space: CardSpace,
  placed: PlacedText,
  fonts: Record<FontRole, PDFFont>,
  ink: InkMode,
): PDFOperator[] {
  if (placed.lines.length === 0) return [];
  const font = fonts[placed.font];
  const ops: PDFOperator[] = [
    beginText(),
    setFontAndSize(FONT_RESOURCE[placed.font], placed.sizePt),
    fillColor(placed.color, ink),
  ];
  for (const line of placed.lines) {
    ops.push(setTextMatrix(1, 0, 0, 1, xPt(line.x), yPt(space, line.baseline)), showText(font.encodeText(line.text)));
  }
  ops.push(endText());
  return ops;
}

/** The image fitted inside `box`, keeping its proportions, centred. */
export function fitImage(box: Box, width: number, height: number): Box {
  const scale = Math.min(box.width / width, box.height / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, width: w, height: h };
}

export interface DrawContext {
  space: CardSpace;
  fonts: Record<FontRole, PDFFont>;
  ink: InkMode;
  logo?: { width: number; height: number };
  /** Draws a QR primitive (the caller caches matrices). */
  qr: (p: Extract<Primitive, { kind: 'qr' }>) => PDFOperator[];
}

export function primitiveOperators(p: Primitive, ctx: DrawContext): PDFOperator[] {
  switch (p.kind) {
    case 'shape':
      return shapeOperators(ctx.space, p, ctx.ink);
    case 'text':
      return textOperators(ctx.space, p.text, ctx.fonts, ctx.ink);
    case 'icon':
      return [
        pushGraphicsState(),
        fillColor(p.color, ctx.ink),
        ...pathOperators(ctx.space, iconPath(p.icon, p.box)),
        fill(),
        popGraphicsState(),
      ];
    case 'logo': {
      if (!ctx.logo) return [];
      const b = fitImage(p.box, ctx.logo.width, ctx.logo.height);
      return [
        pushGraphicsState(),
        concatTransformationMatrix(xPt(b.width), 0, 0, xPt(b.height), xPt(b.x), yPt(ctx.space, b.y + b.height)),
        drawObject(LOGO_RESOURCE),
        popGraphicsState(),
      ];
    }
    case 'qr':
      return ctx.qr(p);
  }
}

export function lineOperators(
  segments: Segment[],
  space: CardSpace,
  color: string,
  widthPt: number,
  ink: InkMode,
): PDFOperator[] {
  const ops: PDFOperator[] = [pushGraphicsState(), strokeColor(color, ink), setLineWidth(widthPt)];
  for (const s of segments) ops.push(moveTo(xPt(s.x1), yPt(space, s.y1)), lineTo(xPt(s.x2), yPt(space, s.y2)));
  ops.push(stroke(), popGraphicsState());
  return ops;
}
