import { describe, expect, it } from 'vitest';
import { dueDigestWeek, isoWeek } from '../../src/domain/digest';
import { digestText, type WeeklyDigest } from '../../src/services/digest';

describe('the Monday digest: which week, when', () => {
  it('is due on Monday from 09:00 in the owner zone, for the Monday–Sunday before', () => {
    // Monday 30 Nov 2026, 09:00 in Moscow (UTC+3) is 06:00 UTC.
    expect(dueDigestWeek(Date.parse('2026-11-30T06:00:00Z'), 'Europe/Moscow')).toEqual({
      key: '2026-W48',
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(dueDigestWeek(Date.parse('2026-11-30T05:59:00Z'), 'Europe/Moscow')).toBeNull();
    // Late on Monday still counts; Tuesday does not make up a missed run.
    expect(dueDigestWeek(Date.parse('2026-11-30T20:59:00Z'), 'Europe/Moscow')?.key).toBe('2026-W48');
    expect(dueDigestWeek(Date.parse('2026-11-30T21:00:00Z'), 'Europe/Moscow')).toBeNull();
  });

  it('reads Monday in the owner zone, not in UTC', () => {
    // 02:00 UTC on Monday is 09:00 in Novosibirsk (UTC+7) but still 05:00 in Moscow.
    const at = Date.parse('2026-11-30T02:00:00Z');
    expect(dueDigestWeek(at, 'Asia/Novosibirsk')?.from).toBe('2026-11-23');
    expect(dueDigestWeek(at, 'Europe/Moscow')).toBeNull();
    // Sunday 23:00 UTC is already Monday 09:00 in Vladivostok (UTC+10): the same week is due there.
    expect(dueDigestWeek(Date.parse('2026-11-29T23:00:00Z'), 'Asia/Vladivostok')).toEqual({
      key: '2026-W48',
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(dueDigestWeek(Date.parse('2026-11-29T23:00:00Z'), 'UTC')).toBeNull();
  });

  it('follows a zone with summer time: 09:00 local moves in UTC', () => {
    // Berlin: UTC+2 in summer, UTC+1 in winter.
    expect(dueDigestWeek(Date.parse('2026-07-06T07:00:00Z'), 'Europe/Berlin')?.from).toBe('2026-06-29');
    expect(dueDigestWeek(Date.parse('2026-07-06T06:59:00Z'), 'Europe/Berlin')).toBeNull();
    expect(dueDigestWeek(Date.parse('2026-11-30T07:59:00Z'), 'Europe/Berlin')).toBeNull();
    expect(dueDigestWeek(Date.parse('2026-11-30T08:00:00Z'), 'Europe/Berlin')?.from).toBe('2026-11-23');
  });

  it('names weeks by ISO 8601, across a year end', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    // 29 Dec 2025 is in ISO week 1 of 2026.
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(dueDigestWeek(Date.parse('2027-01-04T06:00:00Z'), 'Europe/Moscow')).toEqual({
      key: '2026-W53',
      from: '2026-12-28',
      to: '2027-01-03',
    });
  });
});

const DIGEST: WeeklyDigest = {
  week: '2026-W48',
  from: '2026-11-23',
  to: '2026-11-29',
  timeZone: 'Europe/Moscow',
  customersServed: 1000,
  positiveReviews: 60,
  supportIndex: 0.06,
  previousSupportIndex: 0.01,
  supportIndexChange: 0.05,
  changeSignificant: true,
  complaints: 5,
  topReasons: [
    { reason: 'Опоздание', count: 2 },
    { reason: 'Холодное', count: 2 },
    { reason: 'Курьер', count: 1 },
  ],
  overdueNow: 1,
  medianResponseWorkingMinutes: 95,
  url: 'https://q.example.ru/admin?period=custom&from=2026-11-23&to=2026-11-29',
};

describe('the digest text', () => {
  it('says the index, its change and whether it is beyond chance, complaints, reasons, overdue, median and the link, in Russian', () => {
    const text = digestText(DIGEST, 'ru');
    expect(text.split('\n')).toEqual([
      'Сводка за неделю 23 нояб. – 29 нояб.',
      'Индекс поддержки: 6,0\u00a0% (неделей раньше 1,0\u00a0%, +5,0\u00a0п.\u00a0п.: изменение за пределами случайности)',
      'Клиентов: 1\u00a0000, положительных отзывов: 60',
      'Жалоб: 5',
      'Главные причины: Опоздание (2), Холодное (2), Курьер (1)',
      'Просрочено сейчас: 1',
      'Медиана до первого ответа: 1 ч 35 мин рабочего времени',
      'Подробнее: https://q.example.ru/admin?period=custom&from=2026-11-23&to=2026-11-29',
    ]);
  });

  it('in English, a change within chance and an empty week read differently', () => {
    const text = digestText(
      {
        ...DIGEST,
        supportIndexChange: -0.002,
        supportIndex: 0.058,
        previousSupportIndex: 0.06,
        changeSignificant: false,
        medianResponseWorkingMinutes: 25,
      },
      'en',
    );
    expect(text).toContain('Support Index: 5.8% (the week before 6.0%, −0.2 pp: within chance)');
    expect(text).toContain('Median time to first response: 25 min of working time');
    const empty = digestText(
      {
        ...DIGEST,
        customersServed: 0,
        positiveReviews: 0,
        supportIndex: null,
        previousSupportIndex: null,
        supportIndexChange: null,
        complaints: 0,
        topReasons: [],
        overdueNow: 0,
        medianResponseWorkingMinutes: null,
      },
      'en',
    );
    expect(empty).toContain('Support Index: no data (no customers this week)');
    expect(empty).not.toContain('Top reasons');
    expect(empty).toContain('no responses this week');
  });
});
