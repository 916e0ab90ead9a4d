import { create } from 'qrcode';
import './qr-mask';
import { concatTransformationMatrix, fill, PDFOperator, popGraphicsState, pushGraphicsState, rectangle } from 'pdf-lib';
import type { InkMode } from './draw';
import { fillColor } from './draw';

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

/** Runs of dark modules, row by row, as [x, y, length] in module units (y grows upward, quiet zone included). */
export function qrRuns(matrix: QrMatrix): Array<[number, number, number]> {
  const { size } = matrix;
  const total = size + 2 * QUIET_ZONE_MODULES;
  const runs: Array<[number, number, number]> = [];
  for (let row = 0; row < size; row++) {
    const yModules = total - QUIET_ZONE_MODULES - 1 - row;
    const base = row * size;
    let col = 0;
    while (col < size) {
      if (!matrix.dark[base + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && matrix.dark[base + col]) col++;
      runs.push([QUIET_ZONE_MODULES + start, yModules, col - start]);
    }
  }
  return runs;
}

// Rectangles are written in module units (the box is scaled by `cm`), so every coordinate is a
// small integer: short content streams, exact abutting edges, and text that repeats from code to
// code. A code of size n has at most n * n(n+1)/2 distinct runs, so the cache is bounded.
const runText = new Map<number, string>();
const fullSquare = new Map<number, PDFOperator>();

function runRectangle(y: number, start: number, length: number): string {
  const key = (y * 64 + start) * 64 + length;
  let text = runText.get(key);
  if (text === undefined) {
    text = `${start} ${y} ${length} 1 re`;
    runText.set(key, text);
  }
  return text;
}

/**
 * The code as vector art: a light square (the quiet zone; none on a receipt), then every row's
 * runs of dark modules as rectangles of ONE path with ONE fill, so there are no hairline seams
 * between abutting rectangles. The path is written as one string of `re` lines (a PDFOperator
 * whose name is the whole path): a few hundred rectangles per code would otherwise be a few
 * hundred operator objects to build and serialise. `x`, `y` are the box's lower-left corner in pt
 * (PDF coordinates), `side` its width in pt.
 */
export function qrOperators(
  matrix: QrMatrix,
  x: number,
  y: number,
  side: number,
  dark: string,
  light: string | null,
  ink: InkMode = 'rgb',
): PDFOperator[] {
  const { size } = matrix;
  const total = size + 2 * QUIET_ZONE_MODULES;
  const module = side / total;
  let square = fullSquare.get(total);
  if (!square) {
    square = rectangle(0, 0, total, total);
    fullSquare.set(total, square);
  }
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    concatTransformationMatrix(round(module), 0, 0, round(module), round(x), round(y)),
  ];
  if (light !== null) ops.push(fillColor(light, ink), square, fill());
  ops.push(fillColor(dark, ink));
  const rectangles: string[] = [];
  for (let row = 0; row < size; row++) {
    // Module rows count down from the top; the path's y grows upward.
    const yModules = total - QUIET_ZONE_MODULES - 1 - row;
    const base = row * size;
    let col = 0;
    while (col < size) {
      if (!matrix.dark[base + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && matrix.dark[base + col]) col++;
      rectangles.push(runRectangle(yModules, QUIET_ZONE_MODULES + start, col - start));
    }
  }
  if (rectangles.length > 0) ops.push(PDFOperator.of(rectangles.join('\n') as never));
  ops.push(fill(), popGraphicsState());
  return ops;
}

const round = (n: number) => Math.round(n * 10000) / 10000;
