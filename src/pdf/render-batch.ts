import type { PDFFont, PDFOperator, PDFPage, PDFRef } from 'pdf-lib';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import type { Primitive } from '../domain/card-layout';
import { CROP_MARK } from '../domain/card-layout';
import type { FontRole } from '../domain/postcard-layout';
import { MM_TO_PT } from '../domain/postcard-layout';
import type { CardSpace, DrawContext } from './draw';
import { FONT_RESOURCE, LOGO_RESOURCE, lineOperators, primitiveOperators, xPt, yPt } from './draw';
import { registerDeflated } from './content';
import type { CardFonts } from './fonts';
import { cachingFontkit, fontBytes, parseFont, subsetFontName } from './fonts';
import type { BatchLayout, RenderBatchInput } from './layout-batch';
import { layoutBatch } from './layout-batch';
import { qrMatrix, qrOperators } from './qr';

export type { CardFormat } from '../domain/postcard-layout';
export type { CardFonts } from './fonts';
export type { CardTexts, CardToPrint, LogoImage, RenderBatchInput } from './layout-batch';

const CARD_XOBJECT = PDFName.of('Card');
const BACK_XOBJECT = PDFName.of('Back');
/** Digits and Latin capitals: card codes (also in the short URLs), and most order numbers. */
const CODE_GLYPHS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ№…-';

/** The fonts parsed once per isolate, and the layout of a batch with them. */
export function layoutWithFonts(input: RenderBatchInput, fonts: CardFonts): BatchLayout {
  const bytes = { regular: fontBytes(fonts.regular), bold: fontBytes(fonts.bold) };
  return layoutBatch(input, { regular: parseFont(bytes.regular), bold: parseFont(bytes.bold) });
}

/**
 * The batch as a print-ready PDF, with the fonts passed in (Node reads them from disk; the
 * Worker uses `renderBatchPdf`, which passes the bundled ones).
 */
export async function renderBatchPdfWithFonts(input: RenderBatchInput, fonts: CardFonts): Promise<Uint8Array> {
  if (input.cards.length === 0) throw new Error('No cards to print');
  const bytes = { regular: fontBytes(fonts.regular), bold: fontBytes(fonts.bold) };
  const parsed = { regular: parseFont(bytes.regular), bold: parseFont(bytes.bold) };
  const layout = layoutBatch(input, parsed);
  const { plan, size } = layout;

  const doc = await PDFDocument.create();
  doc.setTitle(input.locationName);
  doc.setCreator('Support Index');
  doc.registerFontkit(cachingFontkit);
  reuseDeflatedFonts(doc);
  const pdfFonts: Record<FontRole, PDFFont> = {
    regular: await doc.embedFont(bytes.regular, { subset: true, customName: subsetFontName(parsed.regular) }),
    bold: await doc.embedFont(bytes.bold, { subset: true, customName: subsetFontName(parsed.bold) }),
  };
  const fontRefs: Record<FontRole, PDFRef> = { regular: pdfFonts.regular.ref, bold: pdfFonts.bold.ref };
  // Every glyph a card code or short URL can use goes into the subset first, so the subsets of
  // all batches for one location come out the same, and fonts.ts reuses their encoding.
  const t = layout.template.text;
  for (const role of new Set([t.code.font, t.orderRef.font, t.reviewUrl.font])) pdfFonts[role].encodeText(CODE_GLYPHS);

  let logoRef: PDFRef | undefined;
  if (input.logo && layout.options.hasLogo) {
    const image =
      input.logo.type === 'image/png' ? await doc.embedPng(input.logo.bytes) : await doc.embedJpg(input.logo.bytes);
    logoRef = image.ref;
  }
  const card: CardSpace = { heightMm: size.height };
  const matrices = new Map<string, ReturnType<typeof qrMatrix>>();
  const ctx: DrawContext = {
    space: card,
    fonts: pdfFonts,
    ink: plan.ink,
    ...(input.logo ? { logo: { width: input.logo.width, height: input.logo.height } } : {}),
    qr: (p) => {
      let matrix = matrices.get(p.data);
      if (!matrix) {
        matrix = qrMatrix(p.data, p.errorCorrection);
        if (matrices.size < 4) matrices.set(p.data, matrix);
      }
      return qrOperators(
        matrix,
        xPt(p.box.x),
        yPt(card, p.box.y + p.box.height),
        xPt(p.box.width),
        p.dark,
        p.light,
        plan.ink,
      );
    },
  };
  const draw = (prims: Primitive[]) => prims.flatMap((p) => primitiveOperators(p, ctx));
  const resources = {
    Font: { [FONT_RESOURCE.regular]: fontRefs.regular, [FONT_RESOURCE.bold]: fontRefs.bold },
    ...(logoRef ? { XObject: { Logo: logoRef } } : {}),
  };
  const bleed = plan.bleedMm;
  const bbox = [xPt(-bleed), xPt(-bleed), xPt(size.width + bleed), xPt(size.height + bleed)];
  // Everything that is the same on every card goes into one Form XObject, drawn once per card.
  const form = { Type: 'XObject', Subtype: 'Form', BBox: bbox, Matrix: [1, 0, 0, 1, 0, 0], Resources: resources };
  const [cardRef, backRef] = await Promise.all([
    registerDeflated(doc.context, draw(layout.shared), form),
    layout.back ? registerDeflated(doc.context, draw(layout.back), form) : undefined,
  ]);

  const pageSpace: CardSpace = { heightMm: plan.height };
  const place = (slot: { x: number; y: number }) =>
    concatTransformationMatrix(
      plan.scale,
      0,
      0,
      plan.scale,
      xPt(slot.x),
      yPt(pageSpace, slot.y + size.height * plan.scale),
    );
  const newPage = () => {
    const page = doc.addPage([plan.width * MM_TO_PT, plan.height * MM_TO_PT]);
    useResources(page, cardRef, backRef, fontRefs, logoRef);
    if (plan.trimBox && plan.bleedBox) {
      const box = (b: { x: number; y: number; width: number; height: number }) =>
        [xPt(b.x), yPt(pageSpace, b.y + b.height), xPt(b.width), xPt(b.height)] as const;
      page.setTrimBox(...box(plan.trimBox));
      page.setBleedBox(...box(plan.bleedBox));
    }
    return page;
  };
  const marks = plan.marks.length
    ? lineOperators(plan.marks, pageSpace, CROP_MARK.color, CROP_MARK.widthPt, plan.ink)
    : [];
  const contents: Array<Promise<void>> = [];
  const addPage = (ops: PDFOperator[]) => {
    const page = newPage();
    contents.push(registerDeflated(doc.context, ops).then((ref) => page.node.addContentStream(ref)));
  };
  for (let first = 0; first < input.cards.length; first += plan.perPage) {
    const onPage = input.cards.slice(first, first + plan.perPage);
    const ops: PDFOperator[] = [];
    onPage.forEach((c, i) => {
      ops.push(
        pushGraphicsState(),
        place(plan.slots[i]!),
        drawObject(CARD_XOBJECT),
        ...draw(layout.own(c)),
        popGraphicsState(),
      );
    });
    addPage([...ops, ...marks]);
    if (backRef) {
      const backOps: PDFOperator[] = [];
      onPage.forEach((_, i) => {
        backOps.push(pushGraphicsState(), place(plan.backSlots[i]!), drawObject(BACK_XOBJECT), popGraphicsState());
      });
      addPage([...backOps, ...marks]);
    }
  }
  await Promise.all(contents);
  return doc.save({ useObjectStreams: false });
}

/**
 * pdf-lib deflates each embedded font subset and its ToUnicode map on every save, the dearest
 * steps left in a small document. A location's batches embed the very same bytes, so the deflated
 * stream is kept per isolate, keyed by the bytes' length and two 32-bit hashes of them.
 */
const deflated = new Map<string, Uint8Array>();
const DEFLATED_FONTS = 32;

function reuseDeflatedFonts(doc: PDFDocument): void {
  const context = doc.context;
  const original = context.flateStream.bind(context);
  context.flateStream = ((contents: Uint8Array | string, dict?: Record<string, unknown>) => {
    if (contents.length < 64) return original(contents, dict as never);
    // The font file comes as bytes, the ToUnicode map as text (one loop each keeps both fast).
    let a = 0x811c9dc5;
    let b = 0x01000193;
    if (typeof contents === 'string') {
      for (let i = 0; i < contents.length; i++) {
        const unit = contents.charCodeAt(i);
        a = Math.imul(a ^ unit, 0x01000193);
        b = Math.imul(b + unit, 0x5bd1e995) ^ (b >>> 13);
      }
    } else {
      for (let i = 0; i < contents.length; i++) {
        const unit = contents[i]!;
        a = Math.imul(a ^ unit, 0x01000193);
        b = Math.imul(b + unit, 0x5bd1e995) ^ (b >>> 13);
      }
    }
    const key = `${typeof contents === 'string' ? 's' : 'b'}${contents.length}:${a >>> 0}:${b >>> 0}`;
    let bytes = deflated.get(key);
    if (!bytes) {
      const stream = original(contents, dict as never);
      bytes = stream.getContents();
      if (deflated.size >= DEFLATED_FONTS) deflated.delete(deflated.keys().next().value!);
      deflated.set(key, bytes);
      return stream;
    }
    return context.stream(bytes, { ...(dict ?? {}), Filter: 'FlateDecode' } as never);
  }) as typeof context.flateStream;
}

function useResources(
  page: PDFPage,
  cardRef: PDFRef,
  backRef: PDFRef | undefined,
  fontRefs: Record<FontRole, PDFRef>,
  logoRef: PDFRef | undefined,
): void {
  page.node.setXObject(CARD_XOBJECT, cardRef);
  if (backRef) page.node.setXObject(BACK_XOBJECT, backRef);
  if (logoRef) page.node.setXObject(LOGO_RESOURCE, logoRef);
  page.node.setFontDictionary(PDFName.of(FONT_RESOURCE.regular), fontRefs.regular);
  page.node.setFontDictionary(PDFName.of(FONT_RESOURCE.bold), fontRefs.bold);
}
