import { describe, expect, it } from 'vitest';
import {
  normalizePlatform,
  parseDay,
  parseOrdersCsv,
  parseRating,
  parseReviewsCsv,
  validateOrdersCount,
  validateReviewCount,
} from '../../src/domain/review-import';

describe('reading review rows', () => {
  it('reads ISO and Russian dates, with or without a time', () => {
    expect(parseDay('2026-03-01')).toBe('2026-03-01');
    expect(parseDay('01.03.2026')).toBe('2026-03-01');
    expect(parseDay('1.3.2026 14:05')).toBe('2026-03-01');
    expect(parseDay('2026-03-01T10:00:00Z')).toBe('2026-03-01');
    expect(parseDay('31.02.2026')).toBeNull();
    expect(parseDay('вчера')).toBeNull();
  });

  it('accepts whole star ratings only', () => {
    expect(parseRating('5')).toBe(5);
    expect(parseRating('4,0')).toBe(4);
    expect(parseRating('★★★')).toBe(3);
    expect(parseRating('4.5')).toBeNull();
    expect(parseRating('6')).toBeNull();
  });

  it('maps platform names to codes and keeps other names', () => {
    expect(normalizePlatform('Яндекс Карты')).toBe('yandex_maps');
    expect(normalizePlatform('2ГИС')).toBe('2gis');
    expect(normalizePlatform('Отзовик')).toBe('Отзовик');
    expect(normalizePlatform('  ')).toBeNull();
  });

  it('finds columns by header in any order, or takes the documented order', () => {
    const byHeader = parseReviewsCsv('Текст;Оценка;Дата;Площадка\nОтлично;5;01.03.2026;2ГИС\n');
    expect(byHeader.rows).toEqual([
      { line: 2, location: null, day: '2026-03-01', rating: 5, platform: '2gis', author: null, text: 'Отлично' },
    ]);
    const noHeader = parseReviewsCsv('2026-03-02,4,google,Ann,Nice\n');
    expect(noHeader.rows[0]).toMatchObject({
      line: 1,
      day: '2026-03-02',
      rating: 4,
      platform: 'google_maps',
      author: 'Ann',
      text: 'Nice',
    });
    expect(parseReviewsCsv('Дата;Площадка\n01.03.2026;2ГИС\n').errors).toEqual([
      { line: 1, field: 'rating', code: 'columns' },
    ]);
  });

  it('reports each bad row with its line and field', () => {
    const { rows, errors } = parseReviewsCsv(
      'date,rating,platform\n2026-03-01,5,yandex\nsoon,5,yandex\n2026-03-01,0,yandex\n2026-03-01,5,\n',
    );
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, field: 'date', code: 'date' },
      { line: 4, field: 'rating', code: 'rating' },
      { line: 5, field: 'platform', code: 'platform' },
    ]);
    expect(parseReviewsCsv('date,rating,platform\n').errors).toEqual([{ line: 2, field: 'file', code: 'empty' }]);
  });

  it('refuses a day repeated in an orders file', () => {
    expect(parseOrdersCsv('дата;заказы\n01.03.2026;40\n01.03.2026;41\n02.03.2026;x\n').errors).toEqual([
      { line: 3, field: 'date', code: 'repeatedDay' },
      { line: 4, field: 'count', code: 'count' },
    ]);
  });
});

describe('validating a count entry', () => {
  it('accepts a day or a period ending on it', () => {
    expect(
      validateReviewCount({ date: '2026-03-07', from: '2026-03-01', positive: 9, total: '11', averageRating: '4,6' }),
    ).toEqual({
      ok: true,
      value: { from: '2026-03-01', day: '2026-03-07', positive: 9, total: 11, averageRating: 4.6 },
    });
    expect(validateReviewCount({ date: '2026-03-07', from: '2026-03-07', positive: '0' })).toMatchObject({
      ok: true,
      value: { from: null, total: null },
    });
  });

  it.each([
    [{ date: 'x', positive: 1 }, 'date'],
    [{ date: '2026-03-07', from: '2026-03-08', positive: 1 }, 'from'],
    [{ date: '2026-03-07', positive: -1 }, 'positive'],
    [{ date: '2026-03-07', positive: 2.5 }, 'positive'],
    [{ date: '2026-03-07', positive: 5, total: 4 }, 'total'],
    [{ date: '2026-03-07', positive: 5, averageRating: 6 }, 'averageRating'],
  ])('refuses %j naming %s', (input, field) => {
    expect(validateReviewCount(input)).toMatchObject({ ok: false, field });
  });

  it('checks an orders entry', () => {
    expect(validateOrdersCount({ date: '01.03.2026', count: 48 })).toEqual({ ok: true, day: '2026-03-01', count: 48 });
    expect(validateOrdersCount({ date: '2026-03-01', count: -2 })).toMatchObject({ ok: false, field: 'count' });
  });
});
