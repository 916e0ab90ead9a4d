import type { Template } from '../../domain/postcard-layout';

/** A full card in the brand colour (indigo by default) with a large left-aligned headline; the codes sit on white tiles. */
const yellow = '#FFC845';

export const bold: Template = {
  id: 'bold',
  name: { ru: 'Яркий', en: 'Bold' },
  description: {
    ru: 'Фон в цвете бренда, крупный заголовок, коды на белых плашках.',
    en: 'A background in the brand colour, a large headline, codes on white tiles.',
  },
  brand: '#2B2A72',
  onBrand: ['locationName', 'headline', 'reviewCaption', 'complaintCaption', 'footer', 'orderRef', 'code'],
  shapes: [
    { box: { x: 4, y: 4, width: 97, height: 140 }, radius: 4, fill: 'brand', bleed: true },
    { box: { x: 10, y: 39, width: 14, height: 1.4 }, radius: 0.7, fill: yellow },
    { box: { x: 8, y: 46, width: 42.5, height: 46.5 }, radius: 3, fill: '#FFFFFF' },
    { box: { x: 54.5, y: 46, width: 42.5, height: 46.5 }, radius: 3, fill: '#FFFFFF' },
    { box: { x: 10, y: 127.5, width: 85, height: 0.25 }, fill: 'brandLine' },
  ],
  qr: {
    review: { x: 10.25, y: 48.25, width: 38, height: 38 },
    complaint: { x: 56.75, y: 48.25, width: 38, height: 38 },
    dark: '#000000',
    light: '#FFFFFF',
    errorCorrection: 'M',
  },
  icons: {
    review: { x: 26.5, y: 94.5, width: 5.5, height: 5.5 },
    complaint: { x: 73, y: 94.5, width: 5.5, height: 5.5 },
    reviewColor: yellow,
    complaintColor: '#FF8F80',
  },
  logo: { x: 73, y: 9, width: 22, height: 9 },
  withLogo: {
    locationName: {
      box: { x: 10, y: 11, width: 60, height: 7.5 }, font: 'bold', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.15, color: yellow, align: 'left', valign: 'top', uppercase: true,
    },
  },
  text: {
    locationName: {
      box: { x: 10, y: 11, width: 85, height: 7.5 }, font: 'bold', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.15, color: yellow, align: 'left', valign: 'top', uppercase: true,
    },
    headline: {
      box: { x: 10, y: 18.5, width: 85, height: 18.5 }, font: 'bold', sizePt: 22, minSizePt: 12, maxLines: 2,
      lineHeight: 1.08, color: '#FFFFFF', align: 'left', valign: 'bottom',
    },
    reviewUrl: {
      box: { x: 9, y: 86.6, width: 40.5, height: 4.4 }, font: 'regular', sizePt: 6.5, minSizePt: 5, maxLines: 1,
      lineHeight: 1.15, color: '#000000', align: 'center', valign: 'middle', overflow: 'middle',
    },
    complaintUrl: {
      box: { x: 55.5, y: 86.6, width: 40.5, height: 4.4 }, font: 'regular', sizePt: 6.5, minSizePt: 5, maxLines: 1,
      lineHeight: 1.15, color: '#000000', align: 'center', valign: 'middle', overflow: 'middle',
    },
    reviewCaption: {
      box: { x: 8, y: 101, width: 42.5, height: 13.5 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: '#FFFFFF', align: 'center', valign: 'top',
    },
    complaintCaption: {
      box: { x: 54.5, y: 101, width: 42.5, height: 13.5 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: '#FFFFFF', align: 'center', valign: 'top',
    },
    footer: {
      box: { x: 10, y: 115.5, width: 85, height: 10 }, font: 'regular', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.25, color: 'brandSoft', align: 'center', valign: 'middle',
    },
    orderRef: {
      box: { x: 10, y: 130.5, width: 58, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5, maxLines: 1,
      lineHeight: 1.2, color: 'brandSoft', align: 'left', valign: 'middle', overflow: 'middle',
    },
    code: {
      box: { x: 70, y: 130.5, width: 25, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5, maxLines: 1,
      lineHeight: 1.2, color: 'brandSoft', align: 'right', valign: 'middle', overflow: 'middle',
    },
  },
  back: {
    onBrand: ['locationName', 'text'],
    shapes: [{ box: { x: 4, y: 4, width: 97, height: 140 }, radius: 4, fill: 'brand', bleed: true }],
    locationName: {
      box: { x: 10, y: 12, width: 85, height: 14 }, font: 'bold', sizePt: 12, minSizePt: 8, maxLines: 2,
      lineHeight: 1.15, color: yellow, align: 'left', valign: 'top', uppercase: true,
    },
    text: {
      box: { x: 10, y: 34, width: 85, height: 76 }, font: 'regular', sizePt: 13, minSizePt: 8, maxLines: 12,
      lineHeight: 1.35, color: '#FFFFFF', align: 'left', valign: 'middle',
    },
    logo: { x: 10, y: 118, width: 40, height: 18 },
  },
  defaults: {
    headline: 'Спасибо, что вы с нами!',
    reviewCaption: 'Оставьте отзыв на Яндекс Картах',
    complaintCaption: 'Что-то не так? Расскажите нам',
    footer: 'Наведите камеру телефона на код',
    orderRefLabel: 'Заказ №',
    codeLabel: 'Код',
  },
};
