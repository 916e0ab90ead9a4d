import { describe, expect, it } from 'vitest';
import { checkWindow, defaultWindow, endedWindow, servedDays } from '../../src/domain/hand-out';

const perDay = (days: string[]) =>
  Object.fromEntries([...new Set(days)].map((d) => [d, days.filter((x) => x === d).length]));

describe('hand-out windows', () => {
  it('spread 70 cards over 7 days as 10 a day', () => {
    const days = servedDays(70, { from: '2026-12-07', to: '2026-12-13' });
    expect(days).toHaveLength(70);
    expect(perDay(days)).toEqual({
      '2026-12-07': 10,
      '2026-12-08': 10,
      '2026-12-09': 10,
      '2026-12-10': 10,
      '2026-12-11': 10,
      '2026-12-12': 10,
      '2026-12-13': 10,
    });
  });

  it('give the remainder to the first days, in card order', () => {
    const days = servedDays(10, { from: '2026-12-30', to: '2027-01-01' });
    expect(perDay(days)).toEqual({ '2026-12-30': 4, '2026-12-31': 3, '2027-01-01': 3 });
    // Card order: the first four cards are the first day's.
    expect(days.slice(0, 5)).toEqual(['2026-12-30', '2026-12-30', '2026-12-30', '2026-12-30', '2026-12-31']);
    expect(perDay(servedDays(11, { from: '2026-03-01', to: '2026-03-03' }))).toEqual({
      '2026-03-01': 4,
      '2026-03-02': 4,
      '2026-03-03': 3,
    });
  });

  it('leave later days empty when there are fewer cards than days', () => {
    expect(servedDays(2, { from: '2026-12-01', to: '2026-12-07' })).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('count everything on the print day with a window of one day, as before', () => {
    expect(new Set(servedDays(25, { from: '2026-12-02', to: '2026-12-02' }))).toEqual(new Set(['2026-12-02']));
  });

  it('default to the location’s usual days from the print day', () => {
    expect(defaultWindow('2026-12-28', 7)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(defaultWindow('2026-12-28', 1)).toEqual({ from: '2026-12-28', to: '2026-12-28' });
  });

  it('end today when staff say all were handed out', () => {
    const window = { from: '2026-12-01', to: '2026-12-07' };
    expect(endedWindow(window, '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(endedWindow(window, '2026-12-09')).toEqual(window);
    expect(endedWindow({ from: '2026-12-05', to: '2026-12-07' }, '2026-12-03')).toEqual({
      from: '2026-12-03',
      to: '2026-12-03',
    });
  });

  it('refuse windows that are not dates, backwards, too long or far from the print day', () => {
    const today = '2026-12-02';
    expect(checkWindow({ from: '2026-12-02', to: '2026-12-08' }, today)).toBeNull();
    expect(checkWindow({ from: '2026-02-30', to: '2026-12-08' }, today)).toBe('from');
    expect(checkWindow({ from: '2026-12-02', to: 'soon' }, today)).toBe('to');
    expect(checkWindow({ from: '2026-12-08', to: '2026-12-02' }, today)).toBe('order');
    expect(checkWindow({ from: '2026-12-02', to: '2027-02-15' }, today)).toBe('tooLong');
    expect(checkWindow({ from: '2027-01-15', to: '2027-01-20' }, today)).toBe('start');
  });
});
