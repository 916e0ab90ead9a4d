import { catalogue } from './catalogue';

/** A location's brand on its cards: colour, back side, logo. */
export const brandText = catalogue(
  {
    title: 'Открытка точки «{name}»: цвет, логотип и оборот',
    intro:
      'Цвет бренда заменяет основной цвет дизайнов (шапка «Классики», фон «Яркого»). Текст на нём должен читаться: контраст не ниже 4,5:1.',
    color: 'Цвет бренда',
    colorHint: 'В формате #RRGGBB, например #1F4E5A. Пусто — цвет дизайна.',
    back: 'Текст оборота',
    backHint:
      'Как нас найти, телефон, благодарность — до 300 символов. Пусто — открытки без оборота. На A4 оборот печатается вторым листом для двусторонней печати (переворот по длинному краю).',
    logo: 'Логотип',
    logoNone: 'Логотипа нет.',
    logoSet: 'Логотип загружен: {width}×{height} пикселей.',
    logoHow: 'Через API: PUT /api/v1/locations/{slug}/logo с токеном владельца, DELETE убирает логотип.',
    logoFile: 'Файл логотипа',
    logoFileHint: 'PNG или JPEG до 512 КБ. Заменяет текущий логотип.',
    logoUpload: 'Загрузить логотип',
    logoDelete: 'Удалить логотип',
    logoAlt: 'Текущий логотип',
    logoSaved: 'Логотип сохранён.',
    logoDeleted: 'Логотип удалён.',
    logoErrors: {
      empty: 'Выберите файл PNG или JPEG.',
      tooLarge: 'Файл слишком большой: {kb} КБ, можно не больше 512 КБ. Уменьшите изображение.',
      notImage: 'Это не PNG и не JPEG. Сохраните логотип в одном из этих форматов.',
      damaged: 'Изображение повреждено или не читается. Сохраните его заново как PNG или JPEG.',
    },
    saved: 'Сохранено.',
    save: 'Сохранить',
    toPrint: 'К печати',
    errors: {
      color: 'Укажите цвет как #RRGGBB.',
      contrast:
        'Слишком светлый для текста на нём: контраст {ratio}:1 в дизайне «{design}», нужно не меньше 4,5:1. Выберите цвет темнее.',
      backLong: 'Не больше 300 символов.',
      backCut: 'Текст оборота не помещается в дизайн «{design}»: поместится {kept} из {total} символов.',
    },
  },
  {
    title: 'Cards of “{name}”: colour, logo and back',
    intro:
      'The brand colour replaces the designs’ main colour (the Classic header, the Bold background). Text on it must stay readable: contrast of 4.5:1 or more.',
    color: 'Brand colour',
    colorHint: 'As #RRGGBB, e.g. #1F4E5A. Empty: the design’s colour.',
    back: 'Back text',
    backHint:
      'How to find us, a phone, a thank-you: up to 300 characters. Empty: no back side. On A4 the back is a second sheet for duplex printing (flip on the long edge).',
    logo: 'Logo',
    logoNone: 'No logo.',
    logoSet: 'Logo uploaded: {width}×{height} pixels.',
    logoHow: 'Through the API: PUT /api/v1/locations/{slug}/logo with an owner token; DELETE removes it.',
    logoFile: 'Logo file',
    logoFileHint: 'PNG or JPEG of up to 512 KB. Replaces the current logo.',
    logoUpload: 'Upload logo',
    logoDelete: 'Remove logo',
    logoAlt: 'Current logo',
    logoSaved: 'Logo saved.',
    logoDeleted: 'Logo removed.',
    logoErrors: {
      empty: 'Choose a PNG or JPEG file.',
      tooLarge: 'The file is too large: {kb} KB, at most 512 KB. Make the image smaller.',
      notImage: 'This is neither PNG nor JPEG. Save the logo in one of these formats.',
      damaged: 'The image is damaged or cannot be read. Save it again as PNG or JPEG.',
    },
    saved: 'Saved.',
    save: 'Save',
    toPrint: 'To printing',
    errors: {
      color: 'Enter the colour as #RRGGBB.',
      contrast:
        'Too light for the text on it: {ratio}:1 in the “{design}” design, at least 4.5:1 is needed. Pick a darker colour.',
      backLong: 'At most 300 characters.',
      backCut: 'The back text does not fit the “{design}” design: only {kept} of {total} characters fit.',
    },
  },
);
