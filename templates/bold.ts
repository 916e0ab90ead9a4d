import type { Template } from '../src/domain/postcard-layout';

/** A full indigo card with a large left-aligned headline; the codes sit on white tiles. */
const indigo = '#2B2A72';
const yellow = '#FFC845';
const soft = '#C9C7EE';

export const bold: Template = {
  id: 'bold',
  name: { ru: 'Яркий', en: 'Bold' },
  description: {
    ru: 'Насыщенный синий фон, крупный заголовок, коды на белых плашках.',
    en: 'Saturated indigo background, a large headline, codes on white tiles.',
  },
  shapes: [
    { box: { x: 4, y: 4, width: 97, height: 140 }, radius: 4, fill: indigo },
    { box: { x: 10, y: 39, width: 14, height: 1.4 }, radius: 0.7, fill: yellow },
    { box: { x: 8, y: 46, width: 42.5, height: 42.5 }, radius: 3, fill: '#FFFFFF' },
    { box: { x: 54.5, y: 46, width: 42.5, height: 42.5 }, radius: 3, fill: '#FFFFFF' },
    { box: { x: 10, y: 128.5, width: 85, height: 0.25 }, fill: '#4A4A92' },
  ],
  qr: {
    review: { x: 10.25, y: 48.25, width: 38, height: 38 },
    complaint: { x: 56.75, y: 48.25, width: 38, height: 38 },
    dark: '#000000',
    light: '#FFFFFF',
    errorCorrection: 'M',
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
    reviewCaption: {
      box: { x: 8, y: 92, width: 42.5, height: 18 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: '#FFFFFF', align: 'center', valign: 'top',
    },
    complaintCaption: {
      box: { x: 54.5, y: 92, width: 42.5, height: 18 }, font: 'bold', sizePt: 10.5, minSizePt: 7, maxLines: 3,
      lineHeight: 1.2, color: '#FFFFFF', align: 'center', valign: 'top',
    },
    footer: {
      box: { x: 10, y: 113, width: 85, height: 10 }, font: 'regular', sizePt: 8.5, minSizePt: 6.5, maxLines: 2,
      lineHeight: 1.25, color: soft, align: 'center', valign: 'middle',
    },
    orderRef: {
      box: { x: 10, y: 131.5, width: 50, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5.5, maxLines: 1,
      lineHeight: 1.2, color: soft, align: 'left', valign: 'middle',
    },
    code: {
      box: { x: 62, y: 131.5, width: 33, height: 5 }, font: 'regular', sizePt: 7, minSizePt: 5.5, maxLines: 1,
      lineHeight: 1.2, color: soft, align: 'right', valign: 'middle',
    },
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
