import { describe, expect, it } from 'vitest';
import { parsePeriod, previousPeriod } from '../../src/domain/period';
import { addDays } from '../../src/domain/time';
import {
  changes,
  emptyDay,
  figures,
  netSupportDiffers,
  pareto,
  proportionsDiffer,
  sumDays,
  trailing,
  TRAILING_DAYS,
  type DayTotals,
} from '../../src/domain/support-index';

const day = (d: string, values: Partial<DayTotals>): DayTotals => ({ ...emptyDay(d), ...values });

describe('orders mode compares like with like', () => {
  // Three days; orders were entered for the middle one only.
  const days = [
    day('2026-03-01', { cardsPrinted: 100, positive: 5, complaints: 2, reviewCardsFirst: 9 }),
    day('2026-03-02', { cardsPrinted: 50, positive: 4, complaints: 1, reviewCardsFirst: 6, orders: 80 }),
    day('2026-03-03', { cardsPrinted: 70, positive: 3, complaints: 3, reviewCardsFirst: 4 }),
  ];

  it('divides the covered day’s reviews and complaints by its orders, not the whole period’s', () => {
    const f = figures(sumDays(days), 'ordersCount');
    expect(f.customersServed).toBe(80);
    expect(f.ordersDays).toBe(1);
    expect(f.countedPositiveReviews).toBe(4);
    expect(f.countedComplaints).toBe(1);
    expect(f.supportIndex).toBe(0.05); // 4 / 80, not 12 / 80 = 15 %
    expect(f.complaintRate).toBe(0.0125); // 1 / 80
    expect(f.netSupport).toBeCloseTo(0.0375, 12);
    expect(f.reviewScanRate).toBe(0.075); // 6 / 80
    // What happened in the period is still reported whole.
    expect(f.positiveReviews).toBe(12);
    expect(f.complaints).toBe(6);
  });

  it('has no figure when no day has an orders count', () => {
    const f = figures(sumDays([days[0]!, days[2]!]), 'ordersCount');
    expect(f).toMatchObject({
      customersServed: 0,
      ordersDays: 0,
      supportIndex: null,
      complaintRate: null,
      netSupport: null,
    });
  });

  it('leaves cards mode as it was: every day counts', () => {
    const f = figures(sumDays(days), 'cardsHandedOut');
    expect(f.customersServed).toBe(220);
    expect(f.supportIndex).toBeCloseTo(12 / 220, 12);
    expect(f.countedPositiveReviews).toBe(12);
  });
});

describe('the two-proportion test', () => {
  it('calls 40/1000 against 60/1000 beyond chance at 95 %, and 40/1000 against 45/1000 not', () => {
    // pooled p = 0.05, se = sqrt(0.05 · 0.95 · 2/1000) = 0.009747, z = 0.02 / 0.009747 = 2.052 > 1.960
    expect(proportionsDiffer(40, 1000, 60, 1000)).toBe(true);
    expect(proportionsDiffer(60, 1000, 40, 1000)).toBe(true);
    // pooled p = 0.0425, se = 0.009021, z = 0.005 / 0.009021 = 0.554
    expect(proportionsDiffer(40, 1000, 45, 1000)).toBe(false);
  });

  it('sits on the 1.96 boundary where the hand computation puts it', () => {
    // 50/1000 against x/1000: z crosses 1.96 between 70 and 71 (z = 1.883 and 1.970).
    expect(proportionsDiffer(50, 1000, 70, 1000)).toBe(false);
    expect(proportionsDiffer(50, 1000, 71, 1000)).toBe(true);
  });

  it('is never significant with an empty sample or nothing that varies', () => {
    expect(proportionsDiffer(0, 0, 5, 100)).toBe(false);
    expect(proportionsDiffer(0, 100, 0, 100)).toBe(false);
    expect(proportionsDiffer(3, 100, 3, 0)).toBe(false);
  });

  it('tests net support as a difference of two proportions of the same customers', () => {
    // 60 − 20 of 1000: mean 0.04, variance 0.08 − 0.04² = 0.0784; 40 − 40 of 1000: mean 0, variance 0.08.
    // se = sqrt((0.0784 + 0.08) / 1000) = 0.012586, z = 0.04 / 0.012586 = 3.18
    expect(
      netSupportDiffers({ positive: 60, complaints: 20, served: 1000 }, { positive: 40, complaints: 40, served: 1000 }),
    ).toBe(true);
    // 45 − 40 against 40 − 40: z = 0.005 / 0.012845 = 0.39
    expect(
      netSupportDiffers({ positive: 45, complaints: 40, served: 1000 }, { positive: 40, complaints: 40, served: 1000 }),
    ).toBe(false);
    expect(
      netSupportDiffers({ positive: 5, complaints: 0, served: 0 }, { positive: 1, complaints: 0, served: 10 }),
    ).toBe(false);
  });

  it('marks each change of the headline with its own verdict', () => {
    const now = figures(sumDays([day('d', { cardsPrinted: 1000, positive: 60, complaints: 45 })]), 'cardsHandedOut');
    const before = figures(sumDays([day('d', { cardsPrinted: 1000, positive: 40, complaints: 40 })]), 'cardsHandedOut');
    const c = changes(now, before);
    expect(c.supportIndex).toBeCloseTo(0.02, 12);
    expect(c.significant).toEqual({ supportIndex: true, complaintRate: false, netSupport: false });
    // net: 0.015 vs 0; variances 0.105 − 0.015² and 0.08; z = 0.015 / 0.013598 = 1.10
  });

  it('tests in orders mode the same numerators the shares use', () => {
    const now = figures(
      sumDays([day('a', { positive: 60, orders: 1000 }), day('b', { positive: 500 })]),
      'ordersCount',
    );
    const before = figures(sumDays([day('a', { positive: 40, orders: 1000 })]), 'ordersCount');
    expect(now.countedPositiveReviews).toBe(60);
    expect(changes(now, before).significant.supportIndex).toBe(true);
  });
});

describe('months like for like', () => {
  // 2026-12-01 09:00 in Moscow.
  const DEC_1 = Date.UTC(2026, 11, 1, 6, 0);

  it('compares the first day of December with the first day of November, not all of it', () => {
    const { period } = parsePeriod({ period: 'month' }, DEC_1, 'Europe/Moscow');
    expect(period).toMatchObject({ kind: 'month', month: '2026-12', from: '2026-12-01', to: '2026-12-01' });
    expect(previousPeriod(period)).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-01' });
  });

  it('clips the same days to a shorter previous month, and compares whole months whole', () => {
    const march30 = parsePeriod({ period: 'month' }, Date.UTC(2026, 2, 30, 12), 'Europe/Moscow').period;
    expect(march30).toMatchObject({ from: '2026-03-01', to: '2026-03-30' });
    expect(previousPeriod(march30)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    const mid = parsePeriod({ period: 'month' }, Date.UTC(2026, 2, 16, 12), 'Europe/Moscow').period;
    expect(previousPeriod(mid)).toMatchObject({ from: '2026-02-01', to: '2026-02-16' });
    const november = parsePeriod({ period: 'month', month: '2026-11' }, DEC_1, 'Europe/Moscow').period;
    expect(november).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(previousPeriod(november)).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('the misleading example of the issue: 1 day of December against a whole November no longer differs', () => {
    // November: 30 days at 7.1 %; December 1st: 1 %. Before, 1 day was set against 30; now 1 against 1.
    const nov1 = day('2026-11-01', { cardsPrinted: 100, positive: 1 });
    const dec1 = day('2026-12-01', { cardsPrinted: 100, positive: 1 });
    const prev = previousPeriod(parsePeriod({ period: 'month' }, DEC_1, 'Europe/Moscow').period);
    const inPrev = [nov1, day('2026-11-15', { cardsPrinted: 2900, positive: 212 })].filter(
      (d) => d.day >= prev.from && d.day <= prev.to,
    );
    expect(
      changes(figures(sumDays([dec1]), 'cardsHandedOut'), figures(sumDays(inPrev), 'cardsHandedOut')).supportIndex,
    ).toBe(0);
  });
});

describe('trailing trend windows', () => {
  // One review a day on 100 cards, except a burst on day 10: 17 of 100.
  const days = Array.from({ length: 14 }, (_, i) =>
    day(addDays('2026-03-01', i), { cardsPrinted: 100, positive: i === 9 ? 17 : 1, complaints: i % 7 === 0 ? 7 : 0 }),
  );
  const byDay = Array.from({ length: 7 }, (_, i) => ({ from: addDays('2026-03-08', i), to: addDays('2026-03-08', i) }));

  it('draws each day as the 7 days ending on it', () => {
    const points = trailing(days, byDay, TRAILING_DAYS.day, 'cardsHandedOut', addDays);
    expect(points[0]).toMatchObject({ from: '2026-03-08', windowFrom: '2026-03-02' });
    expect(points.map((p) => p.figures.customersServed)).toEqual([700, 700, 700, 700, 700, 700, 700]);
    // 2–8 March: 7 reviews; 10 March brings the burst in: 6 + 17 = 23 of 700.
    expect(points[0]!.figures.supportIndex).toBeCloseTo(7 / 700, 12);
    expect(points[2]!.figures.supportIndex).toBeCloseTo(23 / 700, 12);
    // The complaints of 1 March and 8 March: 7 of 700 for every window holding one of them.
    expect(points[0]!.figures.complaintRate).toBeCloseTo(7 / 700, 12);
  });

  it('draws each week as the 28 days ending on its last day', () => {
    const weeks = [{ from: '2026-03-09', to: '2026-03-14' }];
    const [point] = trailing(days, weeks, TRAILING_DAYS.week, 'cardsHandedOut', addDays);
    expect(point!.windowFrom).toBe('2026-02-15');
    expect(point!.figures.customersServed).toBe(1400); // only 14 days exist
    expect(point!.figures.positiveReviews).toBe(30);
  });
});

describe('top 3 are causes', () => {
  it('lists the catch-all but never marks it top-3, and breaks ties by the earlier first complaint', () => {
    const bars = pareto([
      { reason: 'Другое', count: 9, catchAll: true, firstAt: 1 },
      { reason: 'Опоздали', count: 3, firstAt: 500 },
      { reason: 'Повреждён', count: 3, firstAt: 100 },
      { reason: 'Не то', count: 2, firstAt: 300 },
      { reason: 'Качество', count: 2, firstAt: 200 },
    ]);
    expect(bars.map((b) => b.reason)).toEqual(['Другое', 'Повреждён', 'Опоздали', 'Качество', 'Не то']);
    expect(bars.map((b) => b.top)).toEqual([false, true, true, true, false]);
    expect(bars.map((b) => b.catchAll)).toEqual([true, false, false, false, false]);
    expect(bars[0]!.share).toBe(9 / 19);
  });

  it('gives a tie to the earlier complaint even against the alphabet', () => {
    const bars = pareto([
      { reason: 'А', count: 2, firstAt: 20 },
      { reason: 'Я', count: 2, firstAt: 10 },
      { reason: 'Б', count: 1 },
      { reason: 'В', count: 1 },
    ]);
    expect(bars.map((b) => b.reason)).toEqual(['Я', 'А', 'Б', 'В']);
    expect(bars.map((b) => b.top)).toEqual([true, true, true, false]);
  });
});
