import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROLL } from '../../src/domain/card-layout';
import { CARD_FORMATS, MM_TO_PT } from '../../src/domain/postcard-layout';
import type { CardToPrint } from '../../src/pdf/render';
import { renderBatchPdfWithFonts } from '../../src/pdf/render';
import { layoutWithFonts } from '../../src/pdf/render-batch';
import { qrMatrix } from '../../src/pdf/qr';
import { decodeQrCodes, pdfText } from '../e2e/pdf-tools';
import { contentStreams, fonts, grayPage, pngLogo, run, writeTemp } from './fixtures';

for (const tool of ['pdftoppm', 'pdftotext', 'pdfinfo', 'pdffonts', 'pdfimages', 'zbarimg']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
    throw new Error(`${tool} is missing (apt-get install poppler-utils zbar-tools)`);
}

/** The API allows 40 characters; a print must never drop any of them. */
const ORDER_40 = 'A-2026-11-23-MSK-CENTRAL-DELIVERY-000123';
const LOCATION = 'Пекарня «Колобок»';
const DESIGNS = ['classic', 'bold'] as const;

function cards(n: number, prefix: string): CardToPrint[] {
  return Array.from({ length: n }, (_, i) => {
    const code = `${prefix}${String(i).padStart(9, '0')}`.slice(0, 10);
    return {
      code,
      reviewUrl: `HTTPS://Q.EXAMPLE.RU/R/${code}`,
      complaintUrl: `HTTPS://Q.EXAMPLE.RU/C/${code}`,
      orderRef: i === 0 ? ORDER_40 : i % 2 ? null : `A-${1000 + i}`,
    };
  });
}

const short = (url: string) =>
  url.replace('HTTPS://Q.EXAMPLE.RU/R/', 'q.example.ru/r/').replace('HTTPS://Q.EXAMPLE.RU/C/', 'q.example.ru/c/');
const logo = { type: 'image/png' as const, bytes: pngLogo(), width: 120, height: 60 };

describe('every format, every design: the codes scan and nothing is dropped', () => {
  it.each(CARD_FORMATS.flatMap((f) => DESIGNS.map((d) => [f, d] as const)))('%s %s', async (format, templateId) => {
    const batch = cards(
      5,
      format
        .replace(/[^A-Z0-9]/gi, '')
        .toUpperCase()
        .slice(0, 3),
    );
    const pdf = await renderBatchPdfWithFonts({ format, templateId, locationName: LOCATION, cards: batch }, fonts);
    // Decoded card by card (each card's own crop), as a shop's phone sees one card.
    const decoded = decodeQrCodes(pdf).codes;
    const expected = batch.flatMap((c) => [c.reviewUrl, c.complaintUrl]);
    expect(decoded.sort()).toEqual(expected.sort());
    const text = pdfText(pdf);
    expect(text).toContain(`Заказ № ${ORDER_40}`);
    for (const card of batch) {
      expect(text).toContain(short(card.reviewUrl));
      expect(text).toContain(short(card.complaintUrl));
      expect(text).toContain(`Код ${card.code}`);
    }
  });
});

describe('office A4 sheet', () => {
  it.each(DESIGNS)('%s: no ink in the outer 5.5 mm of the sheet, front or back', async (templateId) => {
    const pdf = await renderBatchPdfWithFonts(
      {
        format: 'a4-4up',
        templateId,
        locationName: LOCATION,
        cards: cards(4, 'E'),
        backText: 'Мы на Садовой, 5. Телефон +7 900 000-00-00',
        logo,
      },
      fonts,
    );
    const file = writeTemp(pdf);
    const dpi = 100;
    const band = Math.floor((5.5 / 25.4) * dpi) - 1;
    for (const page of [1, 2]) {
      const { width, height, pixels } = grayPage(file, page, dpi);
      let ink = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const edge = x < band || y < band || x >= width - band || y >= height - band;
          if (edge && pixels[y * width + x]! < 250) ink++;
        }
      }
      expect(ink, `page ${page}`).toBe(0);
    }
  });

  it('puts the back of the top-left card at the top right of the back sheet (duplex, long edge)', async () => {
    const pdf = await renderBatchPdfWithFonts(
      {
        format: 'a4-4up',
        templateId: 'classic',
        locationName: LOCATION,
        cards: cards(1, 'D'),
        backText: 'Спасибо за заказ! Садовая, 5',
      },
      fonts,
    );
    const file = writeTemp(pdf);
    const quadrant = (page: number, right: boolean) =>
      run('pdftotext', [
        '-f',
        String(page),
        '-l',
        String(page),
        '-x',
        right ? '298' : '0',
        '-y',
        '0',
        '-W',
        '297',
        '-H',
        '420',
        file,
        '-',
      ]).replace(/\s+/g, ' ');
    expect(run('pdfinfo', [file])).toMatch(/Pages:\s+2/);
    expect(quadrant(1, false)).toContain('q.example.ru/r/');
    expect(quadrant(1, true)).not.toContain('q.example.ru');
    expect(quadrant(2, true)).toContain('Спасибо за заказ! Садовая, 5');
    expect(quadrant(2, false).trim()).toBe('');
  });
});

describe('print-shop A6 (a6-print)', () => {
  async function printShop() {
    return renderBatchPdfWithFonts(
      {
        format: 'a6-print',
        templateId: 'bold',
        locationName: LOCATION,
        cards: cards(2, 'P'),
        logo,
        backText: 'Садовая, 5',
      },
      fonts,
    );
  }

  it('sets TrimBox (A6) and BleedBox (3 mm more on every side) on every page', async () => {
    const info = run('pdfinfo', ['-box', '-f', '1', '-l', '4', writeTemp(await printShop())]);
    const mm = (pt: string) => Math.round((Number(pt) / MM_TO_PT) * 10) / 10;
    const boxes = (name: string) =>
      [...info.matchAll(new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`, 'g'))].map((m) =>
        m.slice(1).map(mm),
      );
    expect(boxes('Page\\s+\\d+\\s+TrimBox')).toHaveLength(4);
    for (const [x1, y1, x2, y2] of boxes('Page\\s+\\d+\\s+TrimBox')) expect([x2! - x1!, y2! - y1!]).toEqual([105, 148]);
    for (const [x1, y1, x2, y2] of boxes('Page\\s+\\d+\\s+BleedBox'))
      expect([x2! - x1!, y2! - y1!]).toEqual([111, 154]);
  });

  it('writes every colour as DeviceCMYK, the codes and black text as 100 % K and no rich black', async () => {
    const streams = contentStreams(await printShop()).join('\n');
    expect(streams).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)\n/);
    expect(streams).not.toMatch(/(^|\s)[\d.]+ (g|G)\n/);
    // Each code: the quiet zone (no ink), then every module run in one path, filled in K only.
    const codes = [...streams.matchAll(/0 0 0 0 k\n0 0 (\d+) \1 re\nf\n([^\n]+) k\n((?:\d+ \d+ \d+ 1 re\n)+)f/g)];
    expect(codes).toHaveLength(4);
    for (const code of codes) expect(code[2]).toBe('0 0 0 1');
    // Black text (the short URLs) is K only too.
    expect(streams).toMatch(/BT\n\/FR [\d.]+ Tf\n0 0 0 1 k\n[\d. ]+Tm\n<[0-9A-F]+> Tj\n/);
    // No colour anywhere puts K at 100 % together with C, M or Y.
    for (const m of streams.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) [kK]\n/g)) {
      if (Number(m[4]) === 1) expect([m[1], m[2], m[3]].map(Number)).toEqual([0, 0, 0]);
    }
  });

  it('runs the background into the bleed and keeps crop marks outside it', async () => {
    const file = writeTemp(await printShop());
    const { width, height, pixels } = grayPage(file, 1, 100);
    const px = (mm: number) => Math.round((mm / 25.4) * 100);
    // 1.5 mm outside the trim (inside the bleed) the indigo background is there ...
    expect(pixels[px(9 - 1.5) * width + px(60)]!).toBeLessThan(120);
    // ... and outside the bleed only the marks: a point between the marks is paper.
    expect(pixels[px(3) * width + px(60)]!).toBe(255);
    expect(pixels[px(3) * width + px(9)]!).toBeLessThan(200);
    expect(height).toBeGreaterThan(width);
  });

  it('embeds both fonts as subsets with a tag, and the logo as an image', async () => {
    const file = writeTemp(await printShop());
    const rows = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatch(/^[A-Z]{6}\+Roboto-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const images = run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean);
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(images[0]).toMatch(/\s120\s+60\s/);
  });
});

describe('receipt strips', () => {
  it.each(['roll-80', 'roll-58'] as const)(
    '%s: the paper width, black only, no fills behind anything',
    async (format) => {
      const pdf = await renderBatchPdfWithFonts(
        { format, templateId: 'bold', locationName: LOCATION, cards: cards(3, 'R'), logo, backText: 'Садовая, 5' },
        fonts,
      );
      const file = writeTemp(pdf);
      const info = run('pdfinfo', ['-f', '1', '-l', '3', file]);
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
      expect(sizes).toHaveLength(3);
      for (const s of sizes) expect(Number(s[1]) / MM_TO_PT).toBeCloseTo(ROLL[format].widthMm, 1);
      const streams = contentStreams(pdf).join('\n');
      expect(streams).not.toMatch(/ (k|K|rg|RG)\n/);
      expect(streams).not.toMatch(/(^|\n)1 g\n/);
      // No images on a receipt (the logo is colour).
      expect(run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean)).toHaveLength(0);
      // Nothing outside the printable width.
      const { width, height, pixels } = grayPage(file, 1, 100);
      const margin = Math.floor(((ROLL[format].widthMm - ROLL[format].printableMm) / 2 / 25.4) * 100) - 1;
      let ink = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < margin; x++)
          if (pixels[y * width + x]! < 255 || pixels[y * width + width - 1 - x]! < 255) ink++;
      }
      expect(ink).toBe(0);
    },
  );

  it.each(['roll-80', 'roll-58'] as const)('%s: modules of at least 0.5 mm', (format) => {
    const layout = layoutWithFonts(
      { format, templateId: 'classic', locationName: LOCATION, cards: cards(1, 'M') },
      fonts,
    );
    const modules = qrMatrix('HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD', 'M').size + 8;
    for (const box of [layout.template.qr.review, layout.template.qr.complaint])
      expect(box.width / modules).toBeGreaterThanOrEqual(0.5);
  });
});

describe('text extraction', () => {
  it('keeps every letter in the second of two documents rendered in one isolate', async () => {
    // A fresh copy of the fonts: a parse of its own, as in a new isolate.
    const fresh = { regular: new Uint8Array(fonts.regular), bold: new Uint8Array(fonts.bold) };
    const one = cards(1, 'F');
    // ё and ; are drawn from components (е, the dot and comma), which fontkit caches without code points.
    await renderBatchPdfWithFonts(
      {
        format: 'a6',
        templateId: 'classic',
        locationName: 'Ёжик; йод',
        texts: { headline: 'Ещё; ёлка; Ё!', footer: 'ё; ;' },
        cards: one,
      },
      fresh,
    );
    const second = await renderBatchPdfWithFonts(
      {
        format: 'a6',
        templateId: 'classic',
        locationName: 'Сад',
        texts: { headline: 'Еда, вода. Ёлки', footer: 'Ждём вас, ещё раз.' },
        cards: one,
      },
      fresh,
    );
    const text = pdfText(second);
    expect(text).toContain('Еда, вода. Ёлки');
    expect(text, text).toContain('Ждём вас, ещё раз.');
  });
});
