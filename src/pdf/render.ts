import { loadFonts } from './bundled-fonts';
import type { RenderBatchInput } from './render-batch';
import { layoutWithFonts, renderBatchPdfWithFonts } from './render-batch';
import type { BatchLayout } from './layout-batch';

export type { CardFonts, CardFormat, CardTexts, CardToPrint, LogoImage, RenderBatchInput } from './render-batch';
export { renderBatchPdfWithFonts } from './render-batch';
export type { BatchLayout, FitProblem } from './layout-batch';
export { fitProblems, SAMPLE_LABEL } from './layout-batch';

/**
 * A batch of postcards as a print-ready PDF: A6 pages, A4 sheets of four with crop marks,
 * print-shop A6 pages with bleed, or receipt strips.
 * Throws a plain Error for an unknown template or format, or an empty batch.
 *
 * @example
 * const pdf = await renderBatchPdf({ format: 'a4-4up', templateId: 'classic', locationName: 'Кофейня на Ленина',
 *   cards: [{ code: '7K3M9Q2XWD', reviewUrl: 'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD', complaintUrl: 'HTTPS://Q.EXAMPLE.RU/C/7K3M9Q2XWD' }] });
 */
export async function renderBatchPdf(input: RenderBatchInput): Promise<Uint8Array> {
  return renderBatchPdfWithFonts(input, loadFonts());
}

/** The layout model of a batch with the bundled fonts: what the SVG preview draws and the fit check reads. */
export function layoutBatchWithBundledFonts(input: RenderBatchInput): BatchLayout {
  return layoutWithFonts(input, loadFonts());
}
