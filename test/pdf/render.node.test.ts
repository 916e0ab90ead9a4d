import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachingFontkit } from '../../src/pdf/fonts';
import type { CardFormat, CardToPrint } from '../../src/pdf/render';
import { renderBatchPdfWithFonts } from '../../src/pdf/render';
import { getTemplate } from '../../src/pdf/templates';
import { decodeQrCodes } from '../e2e/pdf-tools';

const ROBOTO = join(__dirname, '../../node_modules/@expo-google-fonts/roboto');
const fonts = {
  regular: new Uint8Array(readFileSync(join(ROBOTO, '400Regular/Roboto_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(ROBOTO, '700Bold/Roboto_700Bold.ttf'))),
};
const LOCATION = 'Кофейня «Зелёный бульвар» на Петроградской стороне, 24 часа';
let dir = '';

function requireTool(name: string, hint: string) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found) throw new Error(`${name} is not installed; these PDF checks need it (apt-get install ${hint})`);
}

function cards(n: number, prefix: string): CardToPrint[] {
  return Array.from({ length: n }, (_, i) => {
    const code = `${prefix}${String(i).padStart(8, '0')}`;
    return {
      code,
      reviewUrl: `HTTPS://Q.EXAMPLE.RU/R/${code}`,
      complaintUrl: `HTTPS://Q.EXAMPLE.RU/C/${code}`,
      orderRef: i % 3 ? null : `A-${1000 + i}`,
    };
  });
}

/** Every QR code of the PDF, decoded card by card (see decodeQrCodes). */
function decode(file: string): string[] {
  return decodeQrCodes(new Uint8Array(readFileSync(file))).codes;
}

function text(file: string): string {
  return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ').toLowerCase();
}

async function renderToFile(name: string, format: CardFormat, templateId: string, batch: CardToPrint[]) {
  const pdf = await renderBatchPdfWithFonts({ format, templateId, locationName: LOCATION, cards: batch }, fonts);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

beforeAll(() => {
  requireTool('pdftoppm', 'poppler-utils');
  requireTool('pdftotext', 'poppler-utils');
  requireTool('zbarimg', 'zbar-tools');
  dir = mkdtempSync(join(tmpdir(), 'si-pdf-node-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('printed cards, read back with real tools', () => {
  it.each([
    ['a4-4up', 'classic', 9],
    ['a6', 'bold', 3],
  ] as const)('%s %s: every review and complaint code on %i cards scans', async (format, templateId, n) => {
    const batch = cards(n, format === 'a6' ? 'S' : 'Q');
    const file = await renderToFile(`${format}-${templateId}`, format, templateId, batch);
    const expected = new Set(batch.flatMap((c) => [c.reviewUrl, c.complaintUrl]));
    const decoded = decode(file);
    expect(new Set(decoded)).toEqual(expected);
    expect(decoded).toHaveLength(expected.size);
  });

  it.each(['classic', 'bold'])(
    '%s: the Russian texts, the location name and the trace marks are real text',
    async (templateId) => {
      const batch = cards(4, 'T');
      const content = text(await renderToFile(`text-${templateId}`, 'a4-4up', templateId, batch));
      const defaults = getTemplate(templateId)!.defaults;
      for (const expected of [
        LOCATION,
        defaults.headline,
        defaults.reviewCaption,
        defaults.complaintCaption,
        defaults.footer,
      ]) {
        expect(content).toContain(expected.toLowerCase());
      }
      for (const card of batch) expect(content).toContain(card.code.toLowerCase());
      expect(content).toContain('заказ № a-1000');
    },
  );
});

describe('Roboto through the subsetting pipeline (pdf-lib #1232)', () => {
  const sample = [
    'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
    'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
    '«Спасибо» — № 12345, 990 ₽ … fi fl ABCXYZ 0123456789',
  ];

  async function sheet(subset: boolean, role: 'regular' | 'bold'): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    // The subset goes through the renderer's own fontkit (parse cache, no shaping, prompt subsets);
    // the reference embeds the whole font with plain fontkit.
    doc.registerFontkit(subset ? cachingFontkit : fontkit);
    const font = await doc.embedFont(fonts[role], { subset });
    const page = doc.addPage([420, 140]);
    sample.forEach((line, i) => {
      page.drawText(line, { x: 10, y: 110 - i * 40, size: 16, font, color: rgb(0, 0, 0) });
    });
    return doc.save({ useObjectStreams: false });
  }

  function pixels(pdf: Uint8Array, name: string): string {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-singlefile', file, join(dir, name)]);
    return createHash('sha256')
      .update(readFileSync(join(dir, `${name}.pgm`)))
      .digest('hex');
  }

  it.each(['regular', 'bold'] as const)('Roboto %s renders the same subset and whole', async (role) => {
    const whole = pixels(await sheet(false, role), `glyphs-${role}-whole`);
    const subset = pixels(await sheet(true, role), `glyphs-${role}-subset`);
    const blank = pixels(
      await (async () => {
        const d = await PDFDocument.create();
        d.addPage([420, 140]);
        return d.save();
      })(),
      `blank-${role}`,
    );
    expect(whole).not.toBe(blank);
    expect(subset).toBe(whole);
  });
});
