import { describe, expect, it } from 'vitest';
import {
  buckets,
  customRange,
  dayOf,
  dayStart,
  defaultGranularity,
  isDay,
  parsePeriod,
  previousPeriod,
} from '../../src/domain/period';
import { dayCount } from '../../src/domain/time';

const MSK = 'Europe/Moscow';

// 2026-03-15 22:30 UTC is already 2026-03-16 in Moscow (UTC+3).
const NOW = Date.UTC(2026, 2, 15, 22, 30);

describe('days in the deployment time zone', () => {
  it('turns moments into Moscow dates and back', () => {
    expect(dayOf(NOW, MSK)).toBe('2026-03-16');
    expect(dayOf(Date.UTC(2026, 2, 15, 20, 59, 59), MSK)).toBe('2026-03-15');
    expect(dayStart('2026-03-16', MSK)).toBe(Date.UTC(2026, 2, 15, 21, 0));
    expect(dayOf(dayStart('2026-03-16', MSK), MSK)).toBe('2026-03-16');
  });

  it('accepts only real dates', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-1')).toBe(false);
    expect(isDay('01.02.2026')).toBe(false);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['7d', '2026-03-10', '2026-03-16'],
    ['30d', '2026-02-15', '2026-03-16'],
    ['90d', '2025-12-17', '2026-03-16'],
    ['365d', '2025-03-17', '2026-03-16'],
  ])('%s ends today and has that many days', (period, from, to) => {
    const { period: p } = parsePeriod({ period }, NOW, MSK);
    expect(p).toMatchObject({ from, to });
    expect(dayCount(p.from, p.to)).toBe(Number.parseInt(period, 10));
  });

  it('defaults to 30 days', () => {
    expect(parsePeriod({}, NOW, MSK).period).toMatchObject({ kind: '30d', from: '2026-02-15', to: '2026-03-16' });
    expect(parsePeriod({ period: 'forever' }, NOW, MSK).period.kind).toBe('30d');
  });

  it('reads a month, the current one by default', () => {
    // The month in progress runs to today.
    expect(parsePeriod({ period: 'month' }, NOW, MSK).period).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-16',
      month: '2026-03',
    });
    expect(parsePeriod({ period: 'month', month: '2024-02' }, NOW, MSK).period).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(parsePeriod({ period: 'month', month: '2024-13' }, NOW, MSK).error).toBe('month');
  });

  it('reads a custom range and names what is wrong with a bad one', () => {
    expect(parsePeriod({ period: 'custom', from: '2026-01-05', to: '2026-01-20' }, NOW, MSK).period).toMatchObject({
      kind: 'custom',
      from: '2026-01-05',
      to: '2026-01-20',
    });
    expect(parsePeriod({ from: '2026-01-05', to: '2026-01-20' }, NOW, MSK).period.kind).toBe('custom');
    expect(parsePeriod({ period: 'custom', from: 'x', to: '2026-01-20' }, NOW, MSK).error).toBe('from');
    expect(parsePeriod({ period: 'custom', from: '2026-01-05', to: '' }, NOW, MSK).error).toBe('to');
    expect(parsePeriod({ period: 'custom', from: '2026-01-20', to: '2026-01-05' }, NOW, MSK).error).toBe('order');
    expect(customRange('2020-01-01', '2026-01-01')).toEqual({ error: 'tooLong' });
  });
});

describe('previousPeriod', () => {
  it('is as many days right before, or the previous month', () => {
    expect(previousPeriod({ kind: '7d', from: '2026-03-10', to: '2026-03-16' })).toMatchObject({
      from: '2026-03-03',
      to: '2026-03-09',
    });
    expect(previousPeriod({ kind: 'month', month: '2026-03', from: '2026-03-01', to: '2026-03-31' })).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod({ kind: 'month', month: '2026-01', from: '2026-01-01', to: '2026-01-31' })).toMatchObject({
      from: '2025-12-01',
      to: '2025-12-31',
    });
  });
});

describe('buckets', () => {
  it('cuts a period into days or Monday weeks clipped to the period', () => {
    expect(buckets('2026-03-14', '2026-03-16', 'day').map((b) => b.from)).toEqual([
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
    ]);
    // 2026-03-11 is a Wednesday.
    expect(buckets('2026-03-11', '2026-03-24', 'week')).toEqual([
      { from: '2026-03-11', to: '2026-03-15' },
      { from: '2026-03-16', to: '2026-03-22' },
      { from: '2026-03-23', to: '2026-03-24' },
    ]);
    expect(defaultGranularity({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(defaultGranularity({ from: '2026-01-01', to: '2026-03-31' })).toBe('week');
  });
});
