import type { Template } from '../../domain/postcard-layout';

/** White card, a header band in the brand colour (deep teal by default), two light tiles for the codes. Sizes in mm from the top-left. */
const ink = '#1C2B2E';
const muted = '#5E6E71';

export const classic: Template = {
  id: 'classic',
  name: { ru: 'Классика', en: 'Classic' },
  description: {
    ru: 'Белая открытка с шапкой в цвете бренда; экономно расходует краску.',
    en: 'White card with a header band in the brand colour; easy on the printer.',
  },
  brand: '#1F4E5A',
  onBrand: ['locationName', 'headline'],
  shapes: [
    { box: { x: 4, y: 4, width: 97, height: 38 }, radius: 3, fill: 'brand' },
    { box: { x: 46.5, y: 35.2, width: 12, height: 1 }, radius: 0.5, fill: '#F2A541' },
    { box: { x: 8, y: 48, width: 42.5, height: 66 }, radius: 3, fill: '#EDF3F2' },
    { box: { x: 54.5, y: 48, width: 42.5, height: 66 }, radius: 3, fill: '#EDF3F2' },
    { box: { x: 8, y: 130.5, width: 89, height: 0.25 }, fill: '#D3DCDA' },
  ],
  qr: {
    review: { x: 10.25, y: 50.5, width: 38, height: 38 },
    complaint: { x: 56.75, y: 50.5, width: 38, height: 38 },
    dark: '#000000',
    light: '#FFFFFF',
    errorCorrection: 'M',
  },
  icons: {
    review: { x: 26.5, y: 93.2, width: 5.5, height: 5.5 },
    complaint: { x: 73, y: 93.2, width: 5.5, height: 5.5 },
    reviewColor: '#E09A2B',
    complaintColor: '#D8503C',
  },
  logo: { x: 9, y: 8, width: 22, height: 9 },
  withLogo: {
    locationName: {
      box: { x: 33, y: 8.5, width: 62, height: 8 }, font: 'bold', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.15, color: 'brandSoft', align: 'right', valign: 'middle', uppercase: true,
    },
  },
  text: {
    locationName: {
      box: { x: 10, y: 9, width: 85, height: 8 }, font: 'bold', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.15, color: 'brandSoft', align: 'center', valign: 'middle', uppercase: true,
    },
    headline: {
      box: { x: 10, y: 18, width: 85, height: 15 }, font: 'bold', sizePt: 16, minSizePt: 10, maxLines: 2,
      lineHeight: 1.12, color: '#FFFFFF', align: 'center', valign: 'middle',
    },
    reviewUrl: {
      box: { x: 9, y: 88.6, width: 40.5, height: 4.2 }, font: 'regular', sizePt: 6.5, minSizePt: 5, maxLines: 1,
      lineHeight: 1.15, color: '#000000', align: 'center', valign: 'middle', overflow: 'middle',
    },
    complaintUrl: {
      box: { x: 55.5, y: 88.6, width: 40.5, height: 4.2 }, font: 'regular', sizePt: 6.5, minSizePt: 5, maxLines: 1,
      lineHeight: 1.15, color: '#000000', align: 'center', valign: 'middle', overflow: 'middle',
    },
    reviewCaption: {
      box: { x: 10, y: 99.3, width: 38.5, height: 13.7 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: ink, align: 'center', valign: 'top',
    },
    complaintCaption: {
      box: { x: 56.5, y: 99.3, width: 38.5, height: 13.7 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: ink, align: 'center', valign: 'top',
    },
    footer: {
      box: { x: 10, y: 117, width: 85, height: 10 }, font: 'regular', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.25, color: muted, align: 'center', valign: 'middle',
    },
    orderRef: {
      box: { x: 8, y: 133.5, width: 60, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5, maxLines: 1,
      lineHeight: 1.2, color: muted, align: 'left', valign: 'middle', overflow: 'middle',
    },
    code: {
      box: { x: 70, y: 133.5, width: 27, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5, maxLines: 1,
      lineHeight: 1.2, color: muted, align: 'right', valign: 'middle', overflow: 'middle',
    },
  },
  back: {
    onBrand: ['locationName'],
    shapes: [{ box: { x: 4, y: 4, width: 97, height: 22 }, radius: 3, fill: 'brand' }],
    locationName: {
      box: { x: 10, y: 8, width: 85, height: 14 }, font: 'bold', sizePt: 12, minSizePt: 8, maxLines: 2,
      lineHeight: 1.15, color: '#FFFFFF', align: 'center', valign: 'middle', uppercase: true,
    },
    text: {
      box: { x: 12, y: 36, width: 81, height: 72 }, font: 'regular', sizePt: 12, minSizePt: 8, maxLines: 12,
      lineHeight: 1.35, color: ink, align: 'center', valign: 'middle',
    },
    logo: { x: 32.5, y: 116, width: 40, height: 20 },
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
