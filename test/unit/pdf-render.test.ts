import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A4_MM, CARD_MM, MM_TO_PT } from '../../src/domain/postcard-layout';
import type { CardToPrint } from '../../src/pdf/render';
import { renderBatchPdf } from '../../src/pdf/render';

const cards = (n: number): CardToPrint[] =>
  Array.from({ length: n }, (_, i) => {
    const code = `7K3M9Q2X${String(i).padStart(2, '0')}`;
    return {
      code,
      reviewUrl: `HTTPS://Q.EXAMPLE.RU/R/${code}`,
      complaintUrl: `HTTPS://Q.EXAMPLE.RU/C/${code}`,
      orderRef: i % 2 ? null : `${12345 + i}`,
    };
  });

async function pages(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => p.getSize());
}

describe('renderBatchPdf', () => {
  it('puts one card on one A6 page', async () => {
    const pdf = await renderBatchPdf({
      format: 'a6',
      templateId: 'classic',
      locationName: 'Пекарня «Колос»',
      cards: cards(1),
    });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const sizes = await pages(pdf);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]!.width).toBeCloseTo(CARD_MM.width * MM_TO_PT, 3);
    expect(sizes[0]!.height).toBeCloseTo(CARD_MM.height * MM_TO_PT, 3);
  });

  it('puts five cards on two A4 sheets, the second one partly empty', async () => {
    const pdf = await renderBatchPdf({
      format: 'a4-4up',
      templateId: 'bold',
      locationName: 'Пекарня «Колос»',
      cards: cards(5),
    });
    const sizes = await pages(pdf);
    expect(sizes).toHaveLength(2);
    expect(sizes[1]!.width).toBeCloseTo(A4_MM.width * MM_TO_PT, 3);
    expect(sizes[1]!.height).toBeCloseTo(A4_MM.height * MM_TO_PT, 3);
  });

  it('renders a 60-character location name and per-location texts', async () => {
    const pdf = await renderBatchPdf({
      format: 'a6',
      templateId: 'bold',
      locationName: 'Ресторан «Старая крепость» у набережной реки Фонтанки, зал №2',
      texts: { headline: 'Хорошего вечера!', footer: '' },
      cards: cards(2),
    });
    expect(await pages(pdf)).toHaveLength(2);
  });

  it('rejects an unknown template with a plain Error', async () => {
    await expect(
      renderBatchPdf({ format: 'a6', templateId: 'nope', locationName: 'x', cards: cards(1) }),
    ).rejects.toThrow(Error);
  });
});
