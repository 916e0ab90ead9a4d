/**
 * The Support Index and its companions, computed from daily totals. Pure: no I/O, no clock.
 * Shares are fractions from 0 to 1; `null` wherever the denominator is zero.
 */

/** Where "customers served" comes from: cards handed out (default) or the orders count entered. */
export type CustomersServedMode = 'cardsHandedOut' | 'ordersCount';
/** One day's figures for a scope, as the aggregates hold them. */
export interface DayTotals {
  day: string;
  cardsPrinted: number;
  cardsVoided: number;
  reviewScans: number;
  reviewScansHuman: number;
  reviewCardsFirst: number;
  complaintScans: number;
  complaintScansHuman: number;
  complaintCardsFirst: number;
  complaints: number;
  positive: number;
  reviewsTotal: number;
  ratingSum: number;
  ratingN: number;
  /** Orders served that day, or null when the owner entered none for it. */
  orders: number | null;
}

/**
 * Sums of days. The `covered*` sums run over the days that have an orders count only, so that in
 * orders mode numerator and denominator come from the same days.
 */
export interface OrdersSums {
  orders: number;
  ordersDays: number;
  coveredPositive: number;
  coveredComplaints: number;
  coveredReviewCardsFirst: number;
  coveredComplaintCardsFirst: number;
}
export type Totals = Omit<DayTotals, 'day' | 'orders'> & OrdersSums;

export function emptyDay(day: string): DayTotals {
  return {
    day,
    cardsPrinted: 0,
    cardsVoided: 0,
    reviewScans: 0,
    reviewScansHuman: 0,
    reviewCardsFirst: 0,
    complaintScans: 0,
    complaintScansHuman: 0,
    complaintCardsFirst: 0,
    complaints: 0,
    positive: 0,
    reviewsTotal: 0,
    ratingSum: 0,
    ratingN: 0,
    orders: null,
  };
}

/** Adds up days; orders only over the days that have an entry. */
export function sumDays(days: readonly DayTotals[]): Totals {
  const { day: _day, ...zero } = emptyDay('');
  const t: Totals = {
    ...zero,
    orders: 0,
    ordersDays: 0,
    coveredPositive: 0,
    coveredComplaints: 0,
    coveredReviewCardsFirst: 0,
    coveredComplaintCardsFirst: 0,
  };
  for (const d of days) {
    t.cardsPrinted += d.cardsPrinted;
    t.cardsVoided += d.cardsVoided;
    t.reviewScans += d.reviewScans;
    t.reviewScansHuman += d.reviewScansHuman;
    t.reviewCardsFirst += d.reviewCardsFirst;
    t.complaintScans += d.complaintScans;
    t.complaintScansHuman += d.complaintScansHuman;
    t.complaintCardsFirst += d.complaintCardsFirst;
    t.complaints += d.complaints;
    t.positive += d.positive;
    t.reviewsTotal += d.reviewsTotal;
    t.ratingSum += d.ratingSum;
    t.ratingN += d.ratingN;
    if (d.orders !== null) {
      t.orders += d.orders;
      t.ordersDays += 1;
      t.coveredPositive += d.positive;
      t.coveredComplaints += d.complaints;
      t.coveredReviewCardsFirst += d.reviewCardsFirst;
      t.coveredComplaintCardsFirst += d.complaintCardsFirst;
    }
  }
  return t;
}

/** part / whole, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval for k successes in n trials (95% by default). Unlike the plain
 * p ± z·se it stays inside [0, 1] and is honest for small n and for p near 0, which is where a
 * Support Index of a few percent lives. Null when n is 0.
 */
export function wilson(k: number, n: number, z = Z_95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const x = Math.min(Math.max(k, 0), n);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The small-sample warning. Under 100 customers one customer moves the index by more than a
 * percentage point; and an interval wider than 10 points means the true value could differ from
 * what is shown by more than any week-to-week change worth acting on. Either way the owner is told
 * to read the figure as a rough one.
 */
const SMALL_SAMPLE_N = 100;
const SMALL_SAMPLE_WIDTH = 0.1;
export function isSmallSample(n: number, interval: { low: number; high: number } | null): boolean {
  return n < SMALL_SAMPLE_N || interval === null || interval.high - interval.low > SMALL_SAMPLE_WIDTH;
}

/** a − b, or null when either is unknown (used for net support and period-over-period change). */
export function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

export interface Figures {
  customersServed: number;
  customersServedSource: CustomersServedMode;
  cardsHandedOut: number;
  /** Sum of the orders counts entered in the period, and how many of its days have one. */
  ordersCount: number;
  ordersDays: number;
  reviewScans: number;
  reviewScansHuman: number;
  uniqueReviewCards: number;
  reviewScanRate: number | null;
  positiveReviews: number;
  /**
   * The numerators behind the shares: in orders mode only the days with an orders count, so a
   * month of reviews is never divided by three days of orders; otherwise the same as the totals.
   */
  countedPositiveReviews: number;
  countedComplaints: number;
  countedUniqueReviewCards: number;
  countedUniqueComplaintCards: number;
  reviewsTotal: number;
  averageRating: number | null;
  supportIndex: number | null;
  supportIndexLow: number | null;
  supportIndexHigh: number | null;
  smallSample: boolean;
  /** More positive reviews than customers served: the denominator is probably incomplete. */
  positivesExceedServed: boolean;
  complaintScans: number;
  complaintScansHuman: number;
  uniqueComplaintCards: number;
  complaints: number;
  complaintRate: number | null;
  netSupport: number | null;
}

/** The headline figures of a period from its totals. */
export function figures(t: Totals, mode: CustomersServedMode): Figures {
  const cardsHandedOut = t.cardsPrinted - t.cardsVoided;
  const byOrders = mode === 'ordersCount';
  const served = byOrders ? t.orders : cardsHandedOut;
  const positive = byOrders ? t.coveredPositive : t.positive;
  const complaints = byOrders ? t.coveredComplaints : t.complaints;
  const interval = wilson(positive, served);
  // The index is a share of customers; more positives than customers can only mean a missing
  // denominator, so the share is capped at 1 and the page says why.
  const rawIndex = share(positive, served);
  const supportIndex = rawIndex === null ? null : Math.min(rawIndex, 1);
  const complaintRate = share(complaints, served);
  return {
    customersServed: served,
    customersServedSource: mode,
    cardsHandedOut,
    ordersCount: t.orders,
    ordersDays: t.ordersDays,
    reviewScans: t.reviewScans,
    reviewScansHuman: t.reviewScansHuman,
    uniqueReviewCards: t.reviewCardsFirst,
    reviewScanRate: share(byOrders ? t.coveredReviewCardsFirst : t.reviewCardsFirst, served),
    positiveReviews: t.positive,
    countedPositiveReviews: positive,
    countedComplaints: complaints,
    countedUniqueReviewCards: byOrders ? t.coveredReviewCardsFirst : t.reviewCardsFirst,
    countedUniqueComplaintCards: byOrders ? t.coveredComplaintCardsFirst : t.complaintCardsFirst,
    reviewsTotal: t.reviewsTotal,
    averageRating: t.ratingN > 0 ? t.ratingSum / t.ratingN : null,
    supportIndex,
    supportIndexLow: interval?.low ?? null,
    supportIndexHigh: interval?.high ?? null,
    smallSample: isSmallSample(served, interval),
    positivesExceedServed: served > 0 && positive > served,
    complaintScans: t.complaintScans,
    complaintScansHuman: t.complaintScansHuman,
    uniqueComplaintCards: t.complaintCardsFirst,
    complaints: t.complaints,
    complaintRate,
    netSupport: difference(supportIndex, complaintRate),
  };
}

export interface Changes {
  supportIndex: number | null;
  complaintRate: number | null;
  netSupport: number | null;
  /** Whether each change is beyond chance at 95 % (see `proportionsDiffer`, `netSupportDiffers`). */
  significant: { supportIndex: boolean; complaintRate: boolean; netSupport: boolean };
}

/**
 * Whether x1 of n1 and x2 of n2 differ beyond chance: the two-sided two-proportion z-test with a
 * pooled proportion, the textbook test for "did the share change" (both samples are customers of
 * separate periods, so independent). False when either sample is empty or nothing varies.
 *
 * @example proportionsDiffer(40, 1000, 60, 1000) // true: z ≈ 2.05 > 1.96
 * @example proportionsDiffer(40, 1000, 45, 1000) // false: z ≈ 0.55
 */
export function proportionsDiffer(x1: number, n1: number, x2: number, n2: number, z = Z_95): boolean {
  if (!(n1 > 0) || !(n2 > 0)) return false;
  const a = Math.min(Math.max(x1, 0), n1);
  const b = Math.min(Math.max(x2, 0), n2);
  const pooled = (a + b) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se > 0 && Math.abs(a / n1 - b / n2) / se > z;
}

/**
 * Whether net support (positive share minus complaint share of the same customers) differs between
 * two periods beyond chance. Net support is a difference of two proportions of one sample, like
 * NPS: each customer scores +1 (positive review), −1 (complaint) or 0, so its variance is
 * (p₊ + p₋) − (p₊ − p₋)², and the periods are compared with an unpooled z-test (Wald) on the mean
 * score. Pooling does not apply: there is no single proportion under the null hypothesis.
 *
 * @example netSupportDiffers({ positive: 60, complaints: 20, served: 1000 }, { positive: 40, complaints: 40, served: 1000 }) // true
 */
export function netSupportDiffers(
  a: { positive: number; complaints: number; served: number },
  b: { positive: number; complaints: number; served: number },
  z = Z_95,
): boolean {
  if (!(a.served > 0) || !(b.served > 0)) return false;
  const moments = (s: typeof a) => {
    const plus = Math.min(Math.max(s.positive, 0), s.served) / s.served;
    const minus = Math.min(Math.max(s.complaints, 0), s.served) / s.served;
    return { mean: plus - minus, variance: Math.max(0, plus + minus - (plus - minus) ** 2) };
  };
  const x = moments(a);
  const y = moments(b);
  const se = Math.sqrt(x.variance / a.served + y.variance / b.served);
  return se > 0 && Math.abs(x.mean - y.mean) / se > z;
}

/** Change of each headline share against the previous period, as a fraction (0.01 = 1 point). */
export function changes(current: Figures, previous: Figures): Changes {
  const sample = (f: Figures) => ({
    positive: f.countedPositiveReviews,
    complaints: f.countedComplaints,
    served: f.customersServed,
  });
  return {
    supportIndex: difference(current.supportIndex, previous.supportIndex),
    complaintRate: difference(current.complaintRate, previous.complaintRate),
    netSupport: difference(current.netSupport, previous.netSupport),
    significant: {
      supportIndex: proportionsDiffer(
        current.countedPositiveReviews,
        current.customersServed,
        previous.countedPositiveReviews,
        previous.customersServed,
      ),
      complaintRate: proportionsDiffer(
        current.countedComplaints,
        current.customersServed,
        previous.countedComplaints,
        previous.customersServed,
      ),
      netSupport: netSupportDiffers(sample(current), sample(previous)),
    },
  };
}

export interface ParetoBar {
  reason: string;
  count: number;
  share: number;
  /** Running share of all complaints up to and including this reason. */
  cumulative: number;
  /** One of the three most frequent causes: what to fix first. */
  top: boolean;
  /** A catch-all reason ("Другое"): listed, never a top cause, since it names no cause to fix. */
  catchAll: boolean;
}

interface ReasonTally {
  reason: string;
  count: number;
  catchAll?: boolean;
  /** When the first complaint of the period named it (unix ms): the earlier wins a tie. */
  firstAt?: number | null;
}

/**
 * Reasons from most to least frequent; a tie goes to the reason complained about first (then by
 * name, so the order is stable). The three most frequent reasons that are not catch-alls are marked.
 */
export function pareto(items: readonly ReasonTally[]): ParetoBar[] {
  const first = (i: ReasonTally) => i.firstAt ?? Number.MAX_SAFE_INTEGER;
  const sorted = items
    .filter((i) => i.count > 0)
    .sort((a, b) => b.count - a.count || first(a) - first(b) || a.reason.localeCompare(b.reason));
  const total = sorted.reduce((sum, i) => sum + i.count, 0);
  let running = 0;
  let causes = 0;
  return sorted.map((item) => {
    running += item.count;
    const catchAll = item.catchAll === true;
    const top = !catchAll && causes++ < 3;
    return {
      reason: item.reason,
      count: item.count,
      share: item.count / total,
      cumulative: running / total,
      top,
      catchAll,
    };
  });
}

/** The median, or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Reviews are recorded per location, not per card, so a batch's positive reviews are estimated:
 * the location's positives shared out by the batch's part of the location's review-scanned cards.
 */
export function apportion(total: number, part: number, whole: number): number {
  return whole > 0 ? Math.round((total * part) / whole) : 0;
}

/** Figures for each bucket of a trend (days or weeks). */
export function trend(
  days: readonly DayTotals[],
  bucketList: readonly { from: string; to: string }[],
  mode: CustomersServedMode,
): { from: string; to: string; figures: Figures }[] {
  const sortedDays = [...days].sort((a, b) => a.day.localeCompare(b.day));
  let i = 0;
  return bucketList.map((bucket) => {
    const inBucket: DayTotals[] = [];
    while (i < sortedDays.length && sortedDays[i]!.day < bucket.from) i++;
    while (i < sortedDays.length && sortedDays[i]!.day <= bucket.to) inBucket.push(sortedDays[i++]!);
    return { ...bucket, figures: figures(sumDays(inBucket), mode) };
  });
}

/** The trailing window the trend lines are drawn over: 7 days by day, 4 weeks (28 days) by week. */
export const TRAILING_DAYS = { day: 7, week: 28 } as const;

/**
 * Figures over the trailing window ending on each bucket's last day: one day's reviews over one
 * day's customers jumps between 0 and 17 %, a week of them shows the signal. `days` must reach
 * back `windowDays − 1` days before the first bucket, or the first points cover fewer days.
 * `addDays` is passed in so this stays free of the calendar module.
 */
export function trailing(
  days: readonly DayTotals[],
  bucketList: readonly { from: string; to: string }[],
  windowDays: number,
  mode: CustomersServedMode,
  addDays: (day: string, n: number) => string,
): { from: string; to: string; windowFrom: string; figures: Figures }[] {
  const sortedDays = [...days].sort((a, b) => a.day.localeCompare(b.day));
  return bucketList.map((bucket) => {
    const windowFrom = addDays(bucket.to, -(windowDays - 1));
    const inWindow = sortedDays.filter((d) => d.day >= windowFrom && d.day <= bucket.to);
    return { ...bucket, windowFrom, figures: figures(sumDays(inWindow), mode) };
  });
}
