import { create } from 'qrcode';
import type { PDFOperator } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE_MODULES, qrMatrix, qrOperators } from '../../src/pdf/qr';
import { TEMPLATES, getTemplate } from '../../src/pdf/templates';

const URL = 'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD5H';

/** The content stream lines the operators write (the path of a code is one operator of many lines). */
const lines = (ops: PDFOperator[]) => ops.join('\n').split('\n');
const opName = (line: string) => line.trim().split(/\s+/).at(-1);
const opArgs = (line: string) => line.trim().split(/\s+/).slice(0, -1).map(Number);

describe('QR codes', () => {
  it('keeps a typical upper-case link in alphanumeric mode at version 3 or lower', () => {
    expect(URL).toHaveLength(35);
    const qr = create(URL, { errorCorrectionLevel: 'M' });
    expect(qr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
    expect(qr.version).toBeLessThanOrEqual(3);
    expect(qrMatrix(URL, 'M').version).toBeLessThanOrEqual(3);
    expect(qrMatrix('HTTPS://OTZYV.EXAMPLE-SHOP.RU/C/7K3M9Q2XWD', 'M').version).toBeLessThanOrEqual(3);
  });

  it('draws the dark modules as ONE path with ONE fill, on a light quiet-zone square', () => {
    const matrix = qrMatrix(URL, 'M');
    const ops = lines(qrOperators(matrix, 10, 20, 100, '#000000', '#FFFFFF'));
    const names = ops.map(opName);
    expect(names.slice(0, 6)).toEqual(['q', 'cm', 'rg', 're', 'f', 'rg']);
    expect(names.slice(-2)).toEqual(['f', 'Q']);
    expect(names.filter((n) => n === 'f')).toHaveLength(2);
    const path = names.slice(6, -2);
    expect(path.every((n) => n === 're')).toBe(true);
    expect(opArgs(ops[5]!)).toEqual([0, 0, 0]);

    // The rectangles, in module units, rebuild exactly the dark modules: nothing lost, nothing doubled.
    const total = matrix.size + 2 * QUIET_ZONE_MODULES;
    const painted = new Uint8Array(matrix.size * matrix.size);
    for (const op of ops.slice(6, -2)) {
      const [x, y, w, h] = opArgs(op) as [number, number, number, number];
      expect(h).toBe(1);
      const row = total - QUIET_ZONE_MODULES - 1 - y;
      for (let c = x - QUIET_ZONE_MODULES; c < x - QUIET_ZONE_MODULES + w; c++) painted[row * matrix.size + c]! += 1;
    }
    expect([...painted]).toEqual([...matrix.dark]);
  });

  it('scales the box so the code including its quiet zone fills the template box', () => {
    const matrix = qrMatrix(URL, 'M');
    const ops = lines(qrOperators(matrix, 10, 20, 99, '#000000', '#FFFFFF'));
    const [a, , , d, e, f] = opArgs(ops[1]!) as number[];
    expect(a! * (matrix.size + 2 * QUIET_ZONE_MODULES)).toBeCloseTo(99, 2);
    expect(d).toBe(a);
    expect([e, f]).toEqual([10, 20]);
  });

  it.each(TEMPLATES.map((t) => t.id))('%s prints modules of at least 0.4 mm with EC level M or higher', (id) => {
    const { qr } = getTemplate(id)!;
    const matrix = qrMatrix(URL, qr.errorCorrection);
    expect(qr.review.width / (matrix.size + 2 * QUIET_ZONE_MODULES)).toBeGreaterThanOrEqual(0.4);
    expect(['M', 'Q', 'H']).toContain(qr.errorCorrection);
  });
});

describe('qrMatrix', () => {
  it('gives the same modules as qrcode left to itself', () => {
    for (const text of [
      'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD',
      'https://q.example.ru/c/7k3m9q2xwd',
      'HTTPS://Q.EXAMPLE.RU/C/0123456789',
    ]) {
      const auto = create(text, { errorCorrectionLevel: 'M' });
      const ours = qrMatrix(text, 'M');
      expect(ours.version).toBe(auto.version);
      expect([...ours.dark]).toEqual([...auto.modules.data]);
    }
  });
});
