import { loadFonts } from './bundled-fonts';
import type { RenderBatchInput } from './render-batch';
import { renderBatchPdfWithFonts } from './render-batch';

export type { CardFonts, CardFormat, CardTexts, CardToPrint, RenderBatchInput } from './render-batch';
export { renderBatchPdfWithFonts } from './render-batch';

/**
 * A batch of postcards as a print-ready PDF: A6 pages, or A4 sheets of four with crop marks.
 * Throws a plain Error for an unknown template or format, or an empty batch.
 *
 * @example
 * const pdf = await renderBatchPdf({ format: 'a4-4up', templateId: 'classic', locationName: 'Кофейня на Ленина',
 *   cards: [{ code: '7K3M9Q2XWD', reviewUrl: 'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD', complaintUrl: 'HTTPS://Q.EXAMPLE.RU/C/7K3M9Q2XWD' }] });
 */
export async function renderBatchPdf(input: RenderBatchInput): Promise<Uint8Array> {
  return renderBatchPdfWithFonts(input, loadFonts());
}
