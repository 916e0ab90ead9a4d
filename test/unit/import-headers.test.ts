import { describe, expect, it } from 'vitest';
import { columnOf, headerKey, parseOrdersCsv, parseReviewsCsv } from '../../src/domain/review-import';

describe('import header synonyms', () => {
  it('maps the names owners write to columns, whatever the case, ё, spaces or trailing colon', () => {
    const cases: [string, string][] = [
      ['Дата отзыва', 'date'],
      ['ДАТА', 'date'],
      ['Дата:', 'date'],
      ['Review date', 'date'],
      ['Оценка', 'rating'],
      ['Звёзды', 'rating'],
      ['звезды', 'rating'],
      ['Stars', 'rating'],
      ['Рейтинг (1-5)', 'rating'],
      ['Кол-во заказов', 'count'],
      ['Заказов', 'count'],
      ['Количество  заказов', 'count'],
      ['Orders', 'count'],
      ['Точка', 'location'],
      ['Филиал', 'location'],
      ['Location', 'location'],
      ['Текст отзыва', 'text'],
      ['Площадка', 'platform'],
      ['Автор', 'author'],
    ];
    for (const [header, column] of cases) expect([header, columnOf(header)]).toEqual([header, column]);
    expect(columnOf('Телефон')).toBeNull();
    expect(headerKey(' «Дата»  отзыва: ')).toBe('дата отзыва');
  });

  it('reads a file whose headers are synonyms, in any order, ignoring unknown columns', () => {
    const { rows, errors } = parseReviewsCsv(
      'Номер;Звёзды;Дата отзыва;Источник;Филиал\n7;★★★★★;01.03.2026;Яндекс Карты;Пекарня на Ленина\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        location: 'Пекарня на Ленина',
        day: '2026-03-01',
        rating: 5,
        platform: 'yandex_maps',
        author: null,
        text: null,
      },
    ]);
    const orders = parseOrdersCsv('Дата;Кол-во заказов;Точка\n01.03.2026;48;kolobok\n');
    expect(orders.rows).toEqual([{ line: 2, location: 'kolobok', day: '2026-03-01', count: 48 }]);
  });

  it('names the missing column when the header row has no known name, instead of calling it bad data', () => {
    expect(parseReviewsCsv('Когда;Сколько звёзд поставили\n01.03.2026;5\n').errors).toEqual([
      { line: 1, field: 'date', code: 'columns' },
    ]);
    expect(parseOrdersCsv('Число;Штук\n01.03.2026;5\n').errors).toEqual([{ line: 1, field: 'date', code: 'columns' }]);
    // A file without a header row is still read in the documented order.
    expect(parseOrdersCsv('01.03.2026;5\n').rows).toEqual([{ line: 1, location: null, day: '2026-03-01', count: 5 }]);
  });
});
