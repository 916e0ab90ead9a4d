/**
 * Receipt strips for the POS printers delivery kitchens print their order slips on: 80 mm paper
 * (72 mm printed) or 58 mm (48 mm printed), black only, no fills, as tall as the texts need.
 * The strip is generated as a Template of its own size from the chosen design's texts, so the
 * same renderers draw it.
 */
import { ROLL } from './card-layout';
import type { Box, FontMetrics, MeasureText, ResolvedTexts, Template, TextSlot } from './postcard-layout';
import { fitText, MM_TO_PT } from './postcard-layout';

/** Modules of at least 0.5 mm: a code box holds 37 modules at version 3 (29 + the quiet zone). */
const ROLL_MIN_MODULE_MM = 0.5;
const MODULES_V3 = 37;
const ICON_MM = 4.5;
const BLACK = '#000000';

export function rollTemplate(
  format: 'roll-80' | 'roll-58',
  base: Template,
  texts: ResolvedTexts,
  measure: MeasureText,
  metrics: FontMetrics,
): Template {
  const { widthMm, printableMm } = ROLL[format];
  const margin = (widthMm - printableMm) / 2;
  const narrow = format === 'roll-58';
  let y = 3;
  const slot = (
    box: Box,
    s: Omit<TextSlot, 'box' | 'color' | 'valign'> & { valign?: TextSlot['valign'] },
  ): TextSlot => ({ box, color: BLACK, valign: 'top', ...s });
  /** A slot at the cursor, as tall as `text` needs at its fitted size; moves the cursor below it. */
  const flow = (
    text: string,
    s: Omit<TextSlot, 'box' | 'color' | 'valign'>,
    x = margin,
    width = printableMm,
    after = 1.5,
  ): TextSlot => {
    const probe = slot({ x, y, width, height: (s.maxLines * s.lineHeight * s.sizePt) / MM_TO_PT }, s);
    const placed = fitText(text, probe, measure, metrics);
    const height =
      placed.lines.length === 0 ? 0 : (placed.lines.length * s.lineHeight * placed.sizePt) / MM_TO_PT + 0.2;
    const fitted = { ...probe, box: { ...probe.box, height: Math.max(height, 0.01) } };
    y += height + (height > 0 ? after : 0);
    return fitted;
  };

  const locationName = flow(texts.locationName, {
    font: 'bold',
    sizePt: narrow ? 8 : 9,
    minSizePt: 6.5,
    maxLines: 2,
    lineHeight: 1.15,
    align: 'center',
    uppercase: true,
  });
  const headline = flow(
    texts.headline,
    { font: 'bold', sizePt: narrow ? 11 : 13, minSizePt: 8, maxLines: 3, lineHeight: 1.12, align: 'center' },
    margin,
    printableMm,
    3,
  );

  const caption = (text: string, x: number, width: number) =>
    fitText(
      text,
      slot(
        { x, y, width, height: 100 },
        { font: 'bold', sizePt: narrow ? 8 : 8.5, minSizePt: 6.5, maxLines: 3, lineHeight: 1.15, align: 'center' },
      ),
      measure,
      metrics,
    );
  const captionSlot = (x: number, width: number, top: number, lines: number, sizePt: number): TextSlot =>
    slot(
      { x, y: top, width, height: (lines * 1.15 * sizePt) / MM_TO_PT + 0.2 },
      { font: 'bold', sizePt, minSizePt: 6.5, maxLines: 3, lineHeight: 1.15, align: 'center' },
    );
  const urlSlot = (x: number, top: number, width: number): TextSlot =>
    slot(
      { x, y: top, width, height: 5 },
      { font: 'regular', sizePt: 6.5, minSizePt: 5, maxLines: 2, lineHeight: 1.15, align: 'center', overflow: 'end' },
    );

  const gap = 4;
  const side = (printableMm - gap) / 2;
  let qr: Template['qr'];
  let icons: Template['icons'];
  let reviewCaption: TextSlot;
  let complaintCaption: TextSlot;
  let reviewUrl: TextSlot;
  let complaintUrl: TextSlot;
  if (side / MODULES_V3 >= ROLL_MIN_MODULE_MM && side >= 30) {
    // Side by side: icon, caption, code and URL in two columns; the codes share one row.
    const xs = [margin, margin + side + gap] as const;
    icons = {
      review: { x: xs[0] + (side - ICON_MM) / 2, y, width: ICON_MM, height: ICON_MM },
      complaint: { x: xs[1] + (side - ICON_MM) / 2, y, width: ICON_MM, height: ICON_MM },
      reviewColor: BLACK,
      complaintColor: BLACK,
    };
    y += ICON_MM + 1;
    const a = caption(texts.reviewCaption, xs[0], side);
    const b = caption(texts.complaintCaption, xs[1], side);
    const lines = Math.max(a.lines.length, b.lines.length, 1);
    reviewCaption = captionSlot(xs[0], side, y, lines, a.sizePt);
    complaintCaption = captionSlot(xs[1], side, y, lines, b.sizePt);
    y += reviewCaption.box.height + 0.5;
    qr = {
      review: { x: xs[0], y, width: side, height: side },
      complaint: { x: xs[1], y, width: side, height: side },
      dark: BLACK,
      light: '#FFFFFF',
      errorCorrection: 'M',
    };
    y += side;
    reviewUrl = urlSlot(xs[0], y, side);
    complaintUrl = urlSlot(xs[1], y, side);
    y += 5 + 2;
  } else {
    // 58 mm: two codes side by side would have modules under 0.5 mm, so they are stacked.
    const box = Math.min(printableMm, 32);
    const x = margin + (printableMm - box) / 2;
    const column = (text: string) => {
      const icon = { x: margin + (printableMm - ICON_MM) / 2, y, width: ICON_MM, height: ICON_MM };
      y += ICON_MM + 1;
      const fitted = caption(text, margin, printableMm);
      const cap = captionSlot(margin, printableMm, y, Math.max(1, fitted.lines.length), fitted.sizePt);
      y += cap.box.height + 0.5;
      const code = { x, y, width: box, height: box };
      y += box;
      const url = urlSlot(margin, y, printableMm);
      y += 5 + 3;
      return { icon, cap, code, url };
    };
    const r = column(texts.reviewCaption);
    const c = column(texts.complaintCaption);
    qr = { review: r.code, complaint: c.code, dark: BLACK, light: '#FFFFFF', errorCorrection: 'M' };
    icons = { review: r.icon, complaint: c.icon, reviewColor: BLACK, complaintColor: BLACK };
    reviewCaption = r.cap;
    complaintCaption = c.cap;
    reviewUrl = r.url;
    complaintUrl = c.url;
  }
  const footer = flow(
    texts.footer,
    { font: 'regular', sizePt: 7.5, minSizePt: 6, maxLines: 2, lineHeight: 1.2, align: 'center' },
    margin,
    printableMm,
    2,
  );
  const mark = (): TextSlot => {
    const s = slot(
      { x: margin, y, width: printableMm, height: 3.6 },
      { font: 'regular', sizePt: 7, minSizePt: 4.5, maxLines: 1, lineHeight: 1.2, align: 'center', overflow: 'middle' },
    );
    y += 3.8;
    return s;
  };
  const orderRef = mark();
  const code = mark();
  const height = Math.ceil((y + 4) * 10) / 10;
  return {
    ...base,
    id: `${base.id}-${format}`,
    size: { width: widthMm, height },
    shapes: [],
    logo: undefined,
    withLogo: undefined,
    onBrand: [],
    qr,
    icons,
    text: { locationName, headline, reviewCaption, complaintCaption, footer, orderRef, code, reviewUrl, complaintUrl },
  };
}
