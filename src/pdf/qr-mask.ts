// qrcode picks a code's mask (ISO/IEC 18004 7.8.3) by applying each of the eight masks to its
// BitMatrix through per-module method calls and scoring it with four penalty passes of the same
// kind: about 0.6 ms a code, more than half of a card's CPU. The functions below compute exactly
// the same scores (same rules, same tie-break: the lowest pattern number wins) on flat arrays,
// and are installed into qrcode's own mask module, so the codes come out bit for bit as before
// (test/pdf/qr-mask.node.test.ts compares them with qrcode's originals).
import GaloisField from 'qrcode/lib/core/galois-field.js';
import MaskPattern from 'qrcode/lib/core/mask-pattern.js';
import Polynomial from 'qrcode/lib/core/polynomial.js';

/** What qrcode's BitMatrix holds: row-major modules and the function-pattern flags. */
export interface QrBitMatrix {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}

/** The mask formula of ISO/IEC 18004 table 10 for `pattern` at (row i, column j). */
function maskAt(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    case 7:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
    default:
      throw new Error(`bad maskPattern:${pattern}`);
  }
}

/** The eight masks of one symbol size as 0/1 arrays, made once per size. */
const maskTables = new Map<number, Uint8Array[]>();

function masksFor(size: number): Uint8Array[] {
  let tables = maskTables.get(size);
  if (!tables) {
    tables = [];
    for (let p = 0; p < 8; p++) {
      const t = new Uint8Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) t[i * size + j] = maskAt(p, i, j) ? 1 : 0;
      tables.push(t);
    }
    maskTables.set(size, tables);
  }
  return tables;
}

/** XORs the mask into every module that is not a function pattern, as qrcode's applyMask does. */
export function applyMask(pattern: number, matrix: QrBitMatrix): void {
  const mask = masksFor(matrix.size)[pattern];
  if (!mask) throw new Error(`bad maskPattern:${pattern}`);
  const { data, reservedBit } = matrix;
  for (let k = 0; k < data.length; k++) if (!reservedBit[k]) data[k]! ^= mask[k]!;
}

/** N1 + N2 + N3 + N4 of qrcode's mask-pattern.js for a masked symbol `m` of `size` modules a side. */
export function penalty(m: Uint8Array, size: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let a = 0; a < size; a++) {
    // Along row a (modules (a, b)) and along column a (modules (b, a)) at once, as qrcode does.
    let lastRow = -1;
    let lastCol = -1;
    let runRow = 0;
    let runCol = 0;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = m[a * size + b]!;
      const inCol = m[b * size + a]!;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) n1 += 3 + (runRow - 5);
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) n1 += 3 + (runCol - 5);
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) n3++;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) n3++;
      }
    }
    if (runRow >= 5) n1 += 3 + (runRow - 5);
    if (runCol >= 5) n1 += 3 + (runCol - 5);
  }
  let n2 = 0;
  for (let row = 0; row < size - 1; row++) {
    const top = row * size;
    const bottom = top + size;
    for (let col = 0; col < size - 1; col++) {
      const sum = m[top + col]! + m[top + col + 1]! + m[bottom + col]! + m[bottom + col + 1]!;
      if (sum === 4 || sum === 0) n2++;
    }
  }
  let dark = 0;
  for (let k = 0; k < m.length; k++) dark += m[k]!;
  const k = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10);
  return n1 + n2 * 3 + n3 * 40 + k * 10;
}

/** qrcode's getBestMask: `setupFormat(p)` writes pattern p's format bits before each trial. */
export function getBestMask(matrix: QrBitMatrix, setupFormat: (pattern: number) => void): number {
  const { size, data, reservedBit } = matrix;
  const masks = masksFor(size);
  const trial = new Uint8Array(data.length);
  let best = 0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p++) {
    setupFormat(p);
    const mask = masks[p]!;
    for (let k = 0; k < data.length; k++) trial[k] = reservedBit[k] ? data[k]! : data[k]! ^ mask[k]!;
    const score = penalty(trial, size);
    if (score < lowest) {
      lowest = score;
      best = p;
    }
  }
  return best;
}

/** Reed-Solomon generator polynomials depend only on the degree: qrcode rebuilds one per code. */
const generators = new Map<number, Uint8Array>();

function generateECPolynomial(degree: number): Uint8Array {
  let poly = generators.get(degree);
  if (!poly) {
    poly = new Uint8Array([1]);
    for (let i = 0; i < degree; i++) poly = Polynomial.mul(poly, new Uint8Array([1, GaloisField.exp(i)]));
    generators.set(degree, poly);
  }
  return poly;
}

/** qrcode's own implementations, kept for the test that compares the two. */
export const original = {
  getBestMask: MaskPattern.getBestMask,
  applyMask: MaskPattern.applyMask,
  generateECPolynomial: Polynomial.generateECPolynomial,
};

// Polynomial.mod only reads the divisor, so one generator per degree can be shared.
MaskPattern.getBestMask = getBestMask;
MaskPattern.applyMask = applyMask;
Polynomial.generateECPolynomial = generateECPolynomial;
