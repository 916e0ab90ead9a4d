import type { Template } from '../src/domain/postcard-layout';

/** White card, deep teal header band, two light tiles for the codes. Sizes in mm from the top-left. */
const ink = '#1C2B2E';
const muted = '#5E6E71';
const teal = '#1F4E5A';

export const classic: Template = {
  id: 'classic',
  name: { ru: 'Классика', en: 'Classic' },
  description: {
    ru: 'Белая открытка с тёмно-бирюзовой шапкой; экономно расходует краску.',
    en: 'White card with a deep teal header band; easy on the printer.',
  },
  shapes: [
    { box: { x: 4, y: 4, width: 97, height: 38 }, radius: 3, fill: teal },
    { box: { x: 46.5, y: 35.2, width: 12, height: 1 }, radius: 0.5, fill: '#F2A541' },
    { box: { x: 8, y: 48, width: 42.5, height: 64 }, radius: 3, fill: '#EDF3F2' },
    { box: { x: 54.5, y: 48, width: 42.5, height: 64 }, radius: 3, fill: '#EDF3F2' },
    { box: { x: 8, y: 130.5, width: 89, height: 0.25 }, fill: '#D3DCDA' },
  ],
  qr: {
    review: { x: 10.25, y: 50.5, width: 38, height: 38 },
    complaint: { x: 56.75, y: 50.5, width: 38, height: 38 },
    dark: '#000000',
    light: '#FFFFFF',
    errorCorrection: 'M',
  },
  text: {
    locationName: {
      box: { x: 10, y: 9, width: 85, height: 8 }, font: 'bold', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.15, color: '#BFDAD6', align: 'center', valign: 'middle', uppercase: true,
    },
    headline: {
      box: { x: 10, y: 18, width: 85, height: 15 }, font: 'bold', sizePt: 16, minSizePt: 10, maxLines: 2,
      lineHeight: 1.12, color: '#FFFFFF', align: 'center', valign: 'middle',
    },
    reviewCaption: {
      box: { x: 10, y: 91.5, width: 38.5, height: 18 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: ink, align: 'center', valign: 'top',
    },
    complaintCaption: {
      box: { x: 56.5, y: 91.5, width: 38.5, height: 18 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: ink, align: 'center', valign: 'top',
    },
    footer: {
      box: { x: 10, y: 116, width: 85, height: 10 }, font: 'regular', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.25, color: muted, align: 'center', valign: 'middle',
    },
    orderRef: {
      box: { x: 8, y: 133.5, width: 52, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5.5, maxLines: 1,
      lineHeight: 1.2, color: muted, align: 'left', valign: 'middle',
    },
    code: {
      box: { x: 62, y: 133.5, width: 35, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5.5, maxLines: 1,
      lineHeight: 1.2, color: muted, align: 'right', valign: 'middle',
    },
  },
  defaults: {
    headline: 'Спасибо, что выбрали нас!',
    reviewCaption: 'Оставьте отзыв на Яндекс Картах',
    complaintCaption: 'Что-то не так? Расскажите нам',
    footer: 'Наведите камеру телефона на код',
    orderRefLabel: 'Заказ №',
    codeLabel: 'Код',
  },
};
