/**
 * Column headers and values of the CSV exports as a Russian owner opens them in Excel. The
 * English form (`?format=en`) is a stable machine format with its own fixed names, not a
 * translation of these, so it lives with the export code.
 */
export const csvRu = {
  daily: [
    'День',
    'Клиентов обслужено',
    'Открыток роздано',
    'Заказов',
    'Сканов отзыва',
    'Сканов отзыва (люди)',
    'Открыток со сканом отзыва',
    'Положительных отзывов',
    'Индекс поддержки',
    'Сканов жалобы',
    'Сканов жалобы (люди)',
    'Открыток со сканом жалобы',
    'Жалоб',
    'Доля жалоб',
    'Чистая поддержка',
    'Отзывы оценены',
  ],
  scans: ['Время', 'Вид', 'Открытка', 'Точка', 'Тираж', 'Устройство', 'Страна', 'Бот', 'Открытка аннулирована'],
  complaints: [
    'Номер',
    'Время',
    'Точка',
    'Тираж',
    'Открытка',
    'Причина',
    'Статус',
    'Первый ответ',
    'Решена',
    'Компенсация',
    'Сумма компенсации',
  ],
  yes: 'да',
  no: 'нет',
  kinds: { review: 'Отзыв', complaint: 'Жалоба' } as Record<string, string>,
  devices: { mobile: 'Телефон', tablet: 'Планшет', desktop: 'Компьютер', bot: 'Бот', unknown: 'Неизвестно' } as Record<
    string,
    string
  >,
};
