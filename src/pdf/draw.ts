import type { PDFFont, PDFOperator } from 'pdf-lib';
import {
  appendBezierCurve, beginText, closePath, endText, fill, fillAndStroke, lineTo, moveTo, popGraphicsState,
  pushGraphicsState, rectangle, setFillingRgbColor, setFontAndSize, setLineWidth, setStrokingRgbColor,
  setTextMatrix, showText, stroke,
} from 'pdf-lib';
import type { FontRole, PlacedText, Shape } from '../domain/postcard-layout';
import { MM_TO_PT } from '../domain/postcard-layout';
import { rgb01 } from './color';

/** Card-local PDF coordinates: templates measure from the top-left in mm, PDF from the bottom-left in pt. */
export interface CardSpace {
  heightMm: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
export const xPt = (mm: number) => round(mm * MM_TO_PT);
export const yPt = (space: CardSpace, mmFromTop: number) => round((space.heightMm - mmFromTop) * MM_TO_PT);

const KAPPA = 0.5522847498;

export function shapeOperators(space: CardSpace, shape: Shape): PDFOperator[] {
  if (!shape.fill && !shape.stroke) return [];
  const { box } = shape;
  const x = xPt(box.x);
  const y = yPt(space, box.y + box.height);
  const w = round(box.width * MM_TO_PT);
  const h = round(box.height * MM_TO_PT);
  const r = Math.min(round((shape.radius ?? 0) * MM_TO_PT), w / 2, h / 2);
  const ops: PDFOperator[] = [pushGraphicsState()];
  if (shape.fill) ops.push(setFillingRgbColor(...rgb01(shape.fill)));
  if (shape.stroke) ops.push(setStrokingRgbColor(...rgb01(shape.stroke)), setLineWidth(shape.strokeWidthPt ?? 0.5));
  if (r <= 0) {
    ops.push(rectangle(x, y, w, h));
  } else {
    const k = round(r * KAPPA);
    const [x1, y1, x2, y2] = [x, y, round(x + w), round(y + h)];
    ops.push(
      moveTo(round(x1 + r), y1),
      lineTo(round(x2 - r), y1),
      appendBezierCurve(round(x2 - r + k), y1, x2, round(y1 + r - k), x2, round(y1 + r)),
      lineTo(x2, round(y2 - r)),
      appendBezierCurve(x2, round(y2 - r + k), round(x2 - r + k), y2, round(x2 - r), y2),
      lineTo(round(x1 + r), y2),
      appendBezierCurve(round(x1 + r - k), y2, x1, round(y2 - r + k), x1, round(y2 - r)),
      lineTo(x1, round(y1 + r)),
      appendBezierCurve(x1, round(y1 + r - k), round(x1 + r - k), y1, round(x1 + r), y1),
      closePath(),
    );
  }
  ops.push(shape.fill && shape.stroke ? fillAndStroke() : shape.fill ? fill() : stroke(), popGraphicsState());
  return ops;
}

/** Font resource names, the same in the card XObject and on every page. */
export const FONT_RESOURCE: Record<FontRole, string> = { regular: 'FR', bold: 'FB' };

export function textOperators(space: CardSpace, placed: PlacedText, fonts: Record<FontRole, PDFFont>): PDFOperator[] {
  if (placed.lines.length === 0) return [];
  const font = fonts[placed.font];
  const ops: PDFOperator[] = [
    beginText(),
    setFontAndSize(FONT_RESOURCE[placed.font], placed.sizePt),
    setFillingRgbColor(...rgb01(placed.color)),
  ];
  for (const line of placed.lines) {
    ops.push(setTextMatrix(1, 0, 0, 1, xPt(line.x), yPt(space, line.baseline)), showText(font.encodeText(line.text)));
  }
  ops.push(endText());
  return ops;
}

export function lineOperators(
  segments: Array<{ x1: number; y1: number; x2: number; y2: number }>,
  space: CardSpace,
  color: string,
  widthPt: number,
): PDFOperator[] {
  const ops: PDFOperator[] = [pushGraphicsState(), setStrokingRgbColor(...rgb01(color)), setLineWidth(widthPt)];
  for (const s of segments) ops.push(moveTo(xPt(s.x1), yPt(space, s.y1)), lineTo(xPt(s.x2), yPt(space, s.y2)));
  ops.push(stroke(), popGraphicsState());
  return ops;
}
