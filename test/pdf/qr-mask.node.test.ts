import { create } from 'qrcode';
import MaskPattern from 'qrcode/lib/core/mask-pattern.js';
import Polynomial from 'qrcode/lib/core/polynomial.js';
import { describe, expect, it } from 'vitest';
import { original } from '../../src/pdf/qr-mask';

/** qrcode exactly as published: its own mask choice and polynomial code, for the duration of `fn`. */
function withOriginalQrcode<T>(fn: () => T): T {
  const fast = {
    getBestMask: MaskPattern.getBestMask,
    applyMask: MaskPattern.applyMask,
    generateECPolynomial: Polynomial.generateECPolynomial,
  };
  Object.assign(MaskPattern, { getBestMask: original.getBestMask, applyMask: original.applyMask });
  Polynomial.generateECPolynomial = original.generateECPolynomial;
  try {
    return fn();
  } finally {
    Object.assign(MaskPattern, { getBestMask: fast.getBestMask, applyMask: fast.applyMask });
    Polynomial.generateECPolynomial = fast.generateECPolynomial;
  }
}

/** A deterministic spread of texts: printed short URLs, order-like strings, mixed case, long ones. */
function samples(): string[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const code = Array.from({ length: 10 }, () => alphabet[next() % alphabet.length]).join('');
    out.push(`HTTPS://Q.EXAMPLE.RU/${i % 2 ? 'R' : 'C'}/${code}`);
  }
  for (let i = 0; i < 60; i++) {
    const length = 1 + (next() % 100);
    out.push(Array.from({ length }, () => String.fromCharCode(32 + (next() % 95))).join(''));
  }
  return out;
}

describe('QR mask choice', () => {
  it('gives every code the same modules and mask as qrcode itself, at every error correction level', () => {
    const masks = new Set<number>();
    for (const level of ['L', 'M', 'Q', 'H'] as const) {
      for (const text of samples()) {
        const fast = create(text, { errorCorrectionLevel: level });
        const reference = withOriginalQrcode(() => create(text, { errorCorrectionLevel: level }));
        expect(fast.maskPattern, text).toBe(reference.maskPattern);
        expect(fast.version, text).toBe(reference.version);
        expect(fast.modules.data.join(''), text).toBe(reference.modules.data.join(''));
        masks.add(fast.maskPattern!);
      }
    }
    // The samples exercise all eight masks, so no pattern's formula goes unchecked.
    expect(masks.size).toBe(8);
  });
});
