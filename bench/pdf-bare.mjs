// The baseline for the PDF benchmark: plain pdf-lib, none of our template logic. It draws what a
// card needs in the most direct way: the same page sizes (A6, or A4 with four A6 slots and crop
// marks), Roboto regular and bold embedded as subsets, the card's texts with drawText, and both
// QR codes from qrcode's matrix as one path of row-run rectangles with one fill, via
// pushOperators (the same path our renderer writes). Fonts are parsed once per process, the
// usual pdf-lib practice, so the ratio measures the renderer's own work, not a missing cache.
import fontkit from '@pdf-lib/fontkit';
import {
  concatTransformationMatrix,
  fill,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
} from 'pdf-lib';
import QRCode from 'qrcode';

const MM = 72 / 25.4;
const A6 = [105 * MM, 148 * MM];
const A4 = [210 * MM, 297 * MM];
const QR_SIDE = 36 * MM;

const parsed = new Map();
const parsingFontkit = {
  create(bytes) {
    let font = parsed.get(bytes);
    if (!font) parsed.set(bytes, (font = fontkit.create(bytes)));
    return font;
  },
};
const asBytes = new WeakMap();
const bytesOf = (b) => {
  if (!asBytes.has(b)) asBytes.set(b, b instanceof Uint8Array ? b : new Uint8Array(b));
  return asBytes.get(b);
};

function qrOps(text, x, y) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const total = n + 8;
  const m = QR_SIDE / total;
  const ops = [
    pushGraphicsState(),
    concatTransformationMatrix(m, 0, 0, m, x, y),
    setFillingRgbColor(1, 1, 1),
    rectangle(0, 0, total, total),
    fill(),
    setFillingRgbColor(0, 0, 0),
  ];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; ) {
      if (!modules.data[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && modules.data[r * n + c]) c++;
      ops.push(rectangle(4 + start, total - 5 - r, c - start, 1));
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}

function centred(page, text, font, size, cx, y, color) {
  page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font, color });
}

function drawCard(page, card, ox, oy, fonts) {
  const w = A6[0];
  const ink = rgb(0.1, 0.17, 0.18);
  page.drawRectangle({
    x: ox + 4 * MM,
    y: oy + 106 * MM,
    width: 97 * MM,
    height: 38 * MM,
    color: rgb(0.12, 0.3, 0.35),
  });
  centred(page, 'КОФЕЙНЯ «ЗЕЛЁНЫЙ БУЛЬВАР»', fonts.bold, 8.5, ox + w / 2, oy + 130 * MM, rgb(0.75, 0.85, 0.84));
  centred(page, 'Спасибо, что выбрали нас!', fonts.bold, 16, ox + w / 2, oy + 117 * MM, rgb(1, 1, 1));
  page.pushOperators(
    ...qrOps(card.reviewUrl, ox + 11 * MM, oy + 58 * MM),
    ...qrOps(card.complaintUrl, ox + 58 * MM, oy + 58 * MM),
  );
  centred(page, 'Оставьте отзыв', fonts.bold, 10.5, ox + 29 * MM, oy + 50 * MM, ink);
  centred(page, 'на Яндекс Картах', fonts.bold, 10.5, ox + 29 * MM, oy + 45.5 * MM, ink);
  centred(page, 'Что-то не так?', fonts.bold, 10.5, ox + 76 * MM, oy + 50 * MM, ink);
  centred(page, 'Расскажите нам', fonts.bold, 10.5, ox + 76 * MM, oy + 45.5 * MM, ink);
  centred(page, 'Наведите камеру телефона на код', fonts.regular, 8.5, ox + w / 2, oy + 28 * MM, ink);
  page.drawText(`Код ${card.code}`, { x: ox + 8 * MM, y: oy + 12 * MM, size: 7, font: fonts.regular, color: ink });
}

/**
 * @param {{ format: 'a6' | 'a4-4up', cards: Array<{ code: string, reviewUrl: string, complaintUrl: string }>,
 *           fontBytes: { regular: Uint8Array | ArrayBuffer, bold: Uint8Array | ArrayBuffer } }} input
 * @returns {Promise<Uint8Array>}
 */
export async function bareRender({ format, cards, fontBytes }) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(parsingFontkit);
  const fonts = {
    regular: await doc.embedFont(bytesOf(fontBytes.regular), { subset: true }),
    bold: await doc.embedFont(bytesOf(fontBytes.bold), { subset: true }),
  };
  if (format === 'a6') {
    for (const card of cards) drawCard(doc.addPage(A6), card, 0, 0, fonts);
  } else {
    const slots = [
      [0, A6[1] + 0.5 * MM],
      [A6[0], A6[1] + 0.5 * MM],
      [0, 0.5 * MM],
      [A6[0], 0.5 * MM],
    ];
    for (let i = 0; i < cards.length; i += 4) {
      const page = doc.addPage(A4);
      cards.slice(i, i + 4).forEach((card, j) => {
        drawCard(page, card, slots[j][0], slots[j][1], fonts);
      });
      const mark = { thickness: 0.5, color: rgb(0, 0, 0) };
      const cx = A4[0] / 2;
      const cy = A4[1] / 2;
      page.drawLine({ start: { x: cx, y: A4[1] }, end: { x: cx, y: A4[1] - 10 * MM }, ...mark });
      page.drawLine({ start: { x: cx, y: 0 }, end: { x: cx, y: 10 * MM }, ...mark });
      page.drawLine({ start: { x: 0, y: cy }, end: { x: 10 * MM, y: cy }, ...mark });
      page.drawLine({ start: { x: A4[0], y: cy }, end: { x: A4[0] - 10 * MM, y: cy }, ...mark });
    }
  }
  return doc.save({ useObjectStreams: false });
}
