import { describe, expect, it } from 'vitest';
import {
  apportion,
  changes,
  difference,
  emptyDay,
  figures,
  isSmallSample,
  median,
  pareto,
  share,
  sumDays,
  trend,
  wilson,
  type DayTotals,
} from '../../src/domain/support-index';

const day = (d: string, values: Partial<DayTotals>): DayTotals => ({ ...emptyDay(d), ...values });

describe('wilson', () => {
  // Published values: Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I.
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [10, 10, 0.7225, 1],
  ])('%i of %i gives [%f, %f] to 4 decimals', (k, n, low, high) => {
    const interval = wilson(k, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is null with no customers and stays inside [0, 1] when k exceeds n', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 0)).toBeNull();
    expect(wilson(12, 10)).toEqual(wilson(10, 10));
  });
});

describe('small-sample warning', () => {
  it('warns under 100 customers, or when the interval is wider than 10 points', () => {
    expect(isSmallSample(99, wilson(5, 99))).toBe(true);
    expect(isSmallSample(1000, wilson(50, 1000))).toBe(false); // [0.0381, 0.0653]
    expect(isSmallSample(100, wilson(50, 100))).toBe(true); // ±9.6 points: wider than 0.1
    expect(isSmallSample(0, null)).toBe(true);
  });
});

describe('shares', () => {
  it('are null where the denominator is zero', () => {
    expect(share(3, 0)).toBeNull();
    expect(share(0, 0)).toBeNull();
    expect(share(1, 4)).toBe(0.25);
    expect(difference(null, 0.1)).toBeNull();
    expect(difference(0.3, 0.1)).toBeCloseTo(0.2, 10);
  });
});

describe('figures', () => {
  const days = [
    day('2026-03-01', {
      cardsPrinted: 120,
      cardsVoided: 20,
      reviewScans: 14,
      reviewScansHuman: 12,
      reviewCardsFirst: 10,
      positive: 5,
      reviewsTotal: 6,
      ratingSum: 27,
      ratingN: 6,
      complaints: 2,
      complaintScans: 4,
      complaintScansHuman: 3,
      complaintCardsFirst: 3,
    }),
    day('2026-03-02', {
      cardsPrinted: 100,
      reviewCardsFirst: 5,
      positive: 7,
      reviewsTotal: 7,
      complaints: 1,
      orders: 80,
    }),
    day('2026-03-03', { orders: 40 }),
  ];

  it('computes the hand-checked headline from cards handed out', () => {
    const f = figures(sumDays(days), 'cardsHandedOut');
    expect(f.customersServed).toBe(200); // 220 printed − 20 voided
    expect(f.positiveReviews).toBe(12);
    expect(f.supportIndex).toBeCloseTo(0.06, 10);
    const interval = wilson(12, 200)!;
    expect(f.supportIndexLow).toBe(interval.low);
    expect(f.supportIndexHigh).toBe(interval.high);
    expect(f.complaints).toBe(3);
    expect(f.complaintRate).toBeCloseTo(0.015, 10);
    expect(f.netSupport).toBeCloseTo(0.045, 10);
    expect(f.uniqueReviewCards).toBe(15);
    expect(f.reviewScanRate).toBeCloseTo(0.075, 10);
    expect(f.averageRating).toBeCloseTo(27 / 6, 10);
    expect(f.smallSample).toBe(false); // 200 customers, interval [0.0347, 0.1019]: 6.7 points wide
  });

  it('uses only the days that have an orders count, for numerator and denominator alike, in orders mode', () => {
    const f = figures(sumDays(days), 'ordersCount');
    expect(f.customersServed).toBe(120);
    expect(f.ordersDays).toBe(2);
    // 2026-03-01 has no orders count: its 5 positives and 2 complaints stay out of the shares.
    expect(f.countedPositiveReviews).toBe(7);
    expect(f.countedComplaints).toBe(1);
    expect(f.positiveReviews).toBe(12);
    expect(f.supportIndex).toBeCloseTo(7 / 120, 10);
    expect(f.complaintRate).toBeCloseTo(1 / 120, 10);
    expect(f.reviewScanRate).toBeCloseTo(5 / 120, 10);
  });

  it('has null shares for a period without data', () => {
    const f = figures(sumDays([]), 'cardsHandedOut');
    expect(f).toMatchObject({
      customersServed: 0,
      positiveReviews: 0,
      supportIndex: null,
      supportIndexLow: null,
      supportIndexHigh: null,
      complaintRate: null,
      netSupport: null,
      reviewScanRate: null,
      averageRating: null,
      smallSample: true,
    });
  });

  it('caps the index at 1 and says so when positives exceed customers', () => {
    const f = figures(sumDays([day('2026-03-01', { cardsPrinted: 4, positive: 6 })]), 'cardsHandedOut');
    expect(f.supportIndex).toBe(1);
    expect(f.positivesExceedServed).toBe(true);
  });

  it('reports the change against the previous period in fractions', () => {
    const now = figures(sumDays([day('d', { cardsPrinted: 100, positive: 8, complaints: 1 })]), 'cardsHandedOut');
    const before = figures(sumDays([day('d', { cardsPrinted: 200, positive: 10, complaints: 6 })]), 'cardsHandedOut');
    const c = changes(now, before);
    expect(c.supportIndex).toBeCloseTo(0.03, 10);
    expect(c.complaintRate).toBeCloseTo(-0.02, 10);
    expect(c.netSupport).toBeCloseTo(0.05, 10);
    expect(changes(now, figures(sumDays([]), 'cardsHandedOut'))).toEqual({
      supportIndex: null,
      complaintRate: null,
      netSupport: null,
      significant: { supportIndex: false, complaintRate: false, netSupport: false },
    });
  });
});

describe('pareto', () => {
  it('sorts by count, marks the top three and accumulates shares', () => {
    const bars = pareto([
      { reason: 'Другое', count: 1 },
      { reason: 'Опоздали', count: 5 },
      { reason: 'Повреждён', count: 3 },
      { reason: 'Не то', count: 0 },
      { reason: 'Качество', count: 1 },
    ]);
    expect(bars.map((b) => b.reason)).toEqual(['Опоздали', 'Повреждён', 'Другое', 'Качество']);
    expect(bars.map((b) => b.top)).toEqual([true, true, true, false]);
    expect(bars.map((b) => b.cumulative)).toEqual([0.5, 0.8, 0.9, 1]);
    expect(bars[0]!.share).toBe(0.5);
    expect(pareto([])).toEqual([]);
  });
});

describe('median and apportion', () => {
  it('takes the middle value or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('shares a location’s positives by the batch’s part of its scanned cards', () => {
    expect(apportion(10, 3, 12)).toBe(3); // 2.5 rounds to 3
    expect(apportion(10, 0, 0)).toBe(0);
  });
});

describe('trend', () => {
  it('groups days into buckets, with empty buckets having null shares', () => {
    const points = trend(
      [day('2026-03-02', { cardsPrinted: 10, positive: 1 }), day('2026-03-03', { cardsPrinted: 30, positive: 1 })],
      [
        { from: '2026-03-01', to: '2026-03-01' },
        { from: '2026-03-02', to: '2026-03-08' },
      ],
      'cardsHandedOut',
    );
    expect(points[0]!.figures.supportIndex).toBeNull();
    expect(points[1]!.figures.customersServed).toBe(40);
    expect(points[1]!.figures.supportIndex).toBeCloseTo(0.05, 10);
  });
});
