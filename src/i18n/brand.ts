import { catalogue } from './catalogue';

/** A location's brand on its cards: colour, back side, logo. */
export const brandText = catalogue(
  {
    title: 'Открытка точки «{name}»: цвет, логотип и оборот',
    intro: 'Цвет бренда заменяет основной цвет дизайнов (шапка «Классики», фон «Яркого»). Текст на нём должен читаться: контраст не ниже 4,5:1.',
    color: 'Цвет бренда',
    colorHint: 'В формате #RRGGBB, например #1F4E5A. Пусто — цвет дизайна.',
    back: 'Текст оборота',
    backHint: 'Как нас найти, телефон, благодарность — до 300 символов. Пусто — открытки без оборота. На A4 оборот печатается вторым листом для двусторонней печати (переворот по длинному краю).',
    logo: 'Логотип',
    logoNone: 'Логотипа нет.',
    logoSet: 'Логотип загружен: {width}×{height} пикселей.',
    logoHow: 'Загрузите PNG или JPEG до 512 КБ запросом PUT /api/v1/locations/{slug}/logo с токеном владельца; DELETE убирает логотип.',
    saved: 'Сохранено.',
    save: 'Сохранить',
    toPrint: 'К печати',
    errors: {
      color: 'Укажите цвет как #RRGGBB.',
      contrast: 'Слишком светлый для текста на нём: контраст {ratio}:1 в дизайне «{design}», нужно не меньше 4,5:1. Выберите цвет темнее.',
      backLong: 'Не больше 300 символов.',
      backCut: 'Текст оборота не помещается в дизайн «{design}»: поместится {kept} из {total} символов.',
    },
  },
  {
    title: 'Cards of “{name}”: colour, logo and back',
    intro: 'The brand colour replaces the designs’ main colour (the Classic header, the Bold background). Text on it must stay readable: contrast of 4.5:1 or more.',
    color: 'Brand colour',
    colorHint: 'As #RRGGBB, e.g. #1F4E5A. Empty: the design’s colour.',
    back: 'Back text',
    backHint: 'How to find us, a phone, a thank-you: up to 300 characters. Empty: no back side. On A4 the back is a second sheet for duplex printing (flip on the long edge).',
    logo: 'Logo',
    logoNone: 'No logo.',
    logoSet: 'Logo uploaded: {width}×{height} pixels.',
    logoHow: 'Upload a PNG or JPEG of up to 512 KB with PUT /api/v1/locations/{slug}/logo and an owner token; DELETE removes it.',
    saved: 'Saved.',
    save: 'Save',
    toPrint: 'To printing',
    errors: {
      color: 'Enter the colour as #RRGGBB.',
      contrast: 'Too light for the text on it: {ratio}:1 in the “{design}” design, at least 4.5:1 is needed. Pick a darker colour.',
      backLong: 'At most 300 characters.',
      backCut: 'The back text does not fit the “{design}” design: only {kept} of {total} characters fit.',
    },
  },
);
