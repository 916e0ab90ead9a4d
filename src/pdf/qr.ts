import { create } from 'qrcode';
import type { PDFOperator } from 'pdf-lib';
import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingRgbColor } from 'pdf-lib';
import { rgb01 } from './color';

/** ISO/IEC 18004 quiet zone, in modules, on every side. */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  version: number;
  /** Modules per side, without the quiet zone. */
  size: number;
  /** size * size, row-major, 1 = dark. */
  dark: Uint8Array;
}

export function qrMatrix(text: string, errorCorrectionLevel: 'M' | 'Q' | 'H'): QrMatrix {
  const qr = create(text, { errorCorrectionLevel });
  return { version: qr.version, size: qr.modules.size, dark: qr.modules.data };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The code as vector art: a light square (quiet zone included), then every row's runs of dark
 * modules as rectangles of ONE path with ONE fill. One path means no hairline seams between
 * abutting rectangles and a few hundred operators instead of a drawRectangle per module.
 * `x`, `y` are the box's lower-left corner in pt (PDF coordinates), `side` its width in pt.
 */
export function qrOperators(matrix: QrMatrix, x: number, y: number, side: number, dark: string, light: string): PDFOperator[] {
  const { size } = matrix;
  const module = side / (size + 2 * QUIET_ZONE_MODULES);
  const ops: PDFOperator[] = [pushGraphicsState()];
  const [lr, lg, lb] = rgb01(light);
  ops.push(setFillingRgbColor(lr, lg, lb), rectangle(round(x), round(y), round(side), round(side)), fill());
  const [dr, dg, db] = rgb01(dark);
  ops.push(setFillingRgbColor(dr, dg, db));
  const left = x + QUIET_ZONE_MODULES * module;
  const top = y + side - QUIET_ZONE_MODULES * module;
  for (let row = 0; row < size; row++) {
    // Edges are rounded once each, so neighbouring rows share the exact same edge.
    const yTop = round(top - row * module);
    const yBottom = round(top - (row + 1) * module);
    const base = row * size;
    let col = 0;
    while (col < size) {
      if (!matrix.dark[base + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && matrix.dark[base + col]) col++;
      const x0 = round(left + start * module);
      const x1 = round(left + col * module);
      ops.push(rectangle(x0, yBottom, round(x1 - x0), round(yTop - yBottom)));
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}
