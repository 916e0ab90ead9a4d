import type { PDFFont, PDFOperator, PDFPage, PDFRef } from 'pdf-lib';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { getTemplate } from '../../templates';
import type { CardFormat, FontRole, Template } from '../domain/postcard-layout';
import {
  CARD_MM, CROP_MARK, cardsPerPage, cropMarks, layoutCardMarks, layoutStaticText, MM_TO_PT, pageSizeMm,
  resolveTexts, sheetSlots,
} from '../domain/postcard-layout';
import type { CardSpace } from './draw';
import { FONT_RESOURCE, lineOperators, shapeOperators, textOperators, xPt, yPt } from './draw';
import type { CardFonts } from './fonts';
import { cachingFontkit, fontBytes, measurer, metricsOf, parseFont, printable } from './fonts';
import { qrMatrix, qrOperators } from './qr';

export type { CardFormat } from '../domain/postcard-layout';
export type { CardFonts } from './fonts';

export interface CardToPrint { code: string; reviewUrl: string; complaintUrl: string; orderRef?: string | null }

/** Per-location overrides; an omitted field falls back to the template's text, "" prints nothing. */
export interface CardTexts {
  headline?: string; reviewCaption?: string; complaintCaption?: string; footer?: string;
}

export interface RenderBatchInput {
  format: CardFormat; templateId: string; locationName: string; texts?: CardTexts; cards: CardToPrint[];
}

const CARD_SPACE: CardSpace = { heightMm: CARD_MM.height };
const CARD_XOBJECT = PDFName.of('Card');
/** Digits and Latin capitals: card codes, and most order numbers. */
const CODE_GLYPHS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ№';

/**
 * The batch as a print-ready PDF, with the fonts passed in (Node reads them from disk; the
 * Worker uses `renderBatchPdf`, which passes the bundled ones).
 */
export async function renderBatchPdfWithFonts(input: RenderBatchInput, fonts: CardFonts): Promise<Uint8Array> {
  const template = getTemplate(input.templateId);
  if (!template) throw new Error(`Unknown postcard template: ${input.templateId}`);
  if (input.format !== 'a6' && input.format !== 'a4-4up') throw new Error(`Unknown card format: ${String(input.format)}`);
  if (input.cards.length === 0) throw new Error('No cards to print');

  const bytes = { regular: fontBytes(fonts.regular), bold: fontBytes(fonts.bold) };
  const parsed = { regular: parseFont(bytes.regular), bold: parseFont(bytes.bold) };
  const measure = measurer(parsed);
  const metrics = metricsOf(parsed.regular);

  const doc = await PDFDocument.create();
  doc.setTitle(input.locationName);
  doc.setCreator('Support Index');
  doc.registerFontkit(cachingFontkit);
  const pdfFonts: Record<FontRole, PDFFont> = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
  const fontRefs: Record<FontRole, PDFRef> = { regular: pdfFonts.regular.ref, bold: pdfFonts.bold.ref };
  const clean = (role: FontRole, text: string) => printable(parsed[role], text);
  // Every glyph a card code can use goes into the subset first, so the subsets of all batches for
  // one location come out the same, and fonts.ts reuses their encoding.
  for (const role of new Set([template.text.code.font, template.text.orderRef.font])) pdfFonts[role].encodeText(CODE_GLYPHS);

  // Everything that is the same on every card goes into one Form XObject, drawn once per card.
  const t = template.text;
  const texts = resolveTexts(template, clean(t.locationName.font, input.locationName), {
    headline: input.texts?.headline === undefined ? undefined : clean(t.headline.font, input.texts.headline),
    reviewCaption: input.texts?.reviewCaption === undefined ? undefined : clean(t.reviewCaption.font, input.texts.reviewCaption),
    complaintCaption:
      input.texts?.complaintCaption === undefined ? undefined : clean(t.complaintCaption.font, input.texts.complaintCaption),
    footer: input.texts?.footer === undefined ? undefined : clean(t.footer.font, input.texts.footer),
  });
  const cardOps: PDFOperator[] = [];
  for (const shape of template.shapes) cardOps.push(...shapeOperators(CARD_SPACE, shape));
  for (const placed of layoutStaticText(template, texts, measure, metrics)) cardOps.push(...textOperators(CARD_SPACE, placed, pdfFonts));
  const cardRef = doc.context.register(
    doc.context.formXObject(cardOps, {
      BBox: [0, 0, xPt(CARD_MM.width), xPt(CARD_MM.height)],
      Resources: { Font: { [FONT_RESOURCE.regular]: fontRefs.regular, [FONT_RESOURCE.bold]: fontRefs.bold } },
    }),
  );

  const page = pageSizeMm(input.format);
  const slots = input.format === 'a6' ? [{ x: 0, y: 0 }] : sheetSlots();
  const perPage = cardsPerPage(input.format);
  for (let first = 0; first < input.cards.length; first += perPage) {
    const pdfPage = doc.addPage([page.width * MM_TO_PT, page.height * MM_TO_PT]);
    useResources(pdfPage, cardRef, fontRefs);
    const ops: PDFOperator[] = [];
    input.cards.slice(first, first + perPage).forEach((card, i) => {
      const slot = slots[i]!;
      ops.push(
        pushGraphicsState(),
        concatTransformationMatrix(1, 0, 0, 1, xPt(slot.x), yPt({ heightMm: page.height }, slot.y + CARD_MM.height)),
        ...cardOperators(template, card, pdfFonts, (text, role) => clean(role, text), measure, metrics),
        popGraphicsState(),
      );
    });
    if (input.format === 'a4-4up') {
      ops.push(...lineOperators(cropMarks(), { heightMm: page.height }, CROP_MARK.color, CROP_MARK.widthPt));
    }
    pdfPage.pushOperators(...ops);
  }
  return doc.save({ useObjectStreams: false });
}

function useResources(page: PDFPage, cardRef: PDFRef, fontRefs: Record<FontRole, PDFRef>): void {
  page.node.setXObject(CARD_XOBJECT, cardRef);
  page.node.setFontDictionary(PDFName.of(FONT_RESOURCE.regular), fontRefs.regular);
  page.node.setFontDictionary(PDFName.of(FONT_RESOURCE.bold), fontRefs.bold);
}

/** One card in card-local coordinates: the shared artwork, the two codes, the trace marks. */
function cardOperators(
  template: Template,
  card: CardToPrint,
  fonts: Record<FontRole, PDFFont>,
  clean: (text: string, role: FontRole) => string,
  measure: Parameters<typeof layoutCardMarks>[2],
  metrics: Parameters<typeof layoutCardMarks>[3],
): PDFOperator[] {
  const { qr } = template;
  const ops: PDFOperator[] = [drawObject(CARD_XOBJECT)];
  for (const [url, box] of [[card.reviewUrl, qr.review], [card.complaintUrl, qr.complaint]] as const) {
    const matrix = qrMatrix(url, qr.errorCorrection);
    ops.push(...qrOperators(matrix, xPt(box.x), yPt(CARD_SPACE, box.y + box.height), xPt(box.width), qr.dark, qr.light));
  }
  const marks = layoutCardMarks(
    template,
    { code: clean(card.code, template.text.code.font), orderRef: card.orderRef == null ? null : clean(card.orderRef, template.text.orderRef.font) },
    measure,
    metrics,
  );
  for (const placed of marks) ops.push(...textOperators(CARD_SPACE, placed, fonts));
  return ops;
}
