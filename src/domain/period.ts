import { addDays, dayCount, localDay, localDayStart } from './time';

/**
 * Periods of the Support Index page: calendar days in a time zone (a location's, or the owner's
 * for a view of all locations; see domain/time.ts). The daily aggregates are kept by each
 * location's local day (migrations/0012), so a period is the same days wherever it is read.
 */

/** The longest range the page and the API accept: two years of days. */
const MAX_PERIOD_DAYS = 732;

export type PeriodKind = '7d' | '30d' | '90d' | '365d' | 'month' | 'custom';
export const PERIOD_KINDS: readonly PeriodKind[] = ['7d', '30d', '90d', '365d', 'month', 'custom'];

/** An inclusive range of days, 'YYYY-MM-DD'. */
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** 'YYYY-MM' for a month period. */
  month?: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** The local calendar day of a moment (unix ms) in a zone. */
export function dayOf(ms: number, zone: string): string {
  return localDay(ms, zone);
}

/** The moment (unix ms) a local day starts in a zone. */
export function dayStart(day: string, zone: string): number {
  return localDayStart(day, zone);
}

/** Day arithmetic lives in domain/time.ts; a period's days are counted with it. */
export { addDays, dayCount };

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from, to };
}

interface PeriodQuery {
  period?: string;
  month?: string;
  from?: string;
  to?: string;
}

export type PeriodError = 'from' | 'to' | 'order' | 'tooLong' | 'month';

/**
 * Reads the period from a query. Unknown or missing values give the last 30 days; a bad custom
 * range gives the last 30 days and names what was wrong, so the page can say so.
 */
export function parsePeriod(query: PeriodQuery, now: number, zone: string): { period: Period; error?: PeriodError } {
  const today = dayOf(now, zone);
  const lastDays = (kind: PeriodKind, n: number): Period => ({ kind, from: addDays(today, -(n - 1)), to: today });
  const fallback = lastDays('30d', 30);
  const kind = query.period ?? (query.from || query.to ? 'custom' : '30d');
  switch (kind) {
    case '7d':
      return { period: lastDays('7d', 7) };
    case '30d':
      return { period: fallback };
    case '90d':
      return { period: lastDays('90d', 90) };
    case '365d':
      return { period: lastDays('365d', 365) };
    case 'month': {
      const month = query.month || today.slice(0, 7);
      if (!MONTH_RE.test(month) || !isDay(`${month}-01`)) return { period: fallback, error: 'month' };
      // The month in progress ends today: its days to come hold nothing yet.
      const range = monthRange(month);
      return {
        period: {
          kind: 'month',
          month,
          from: range.from,
          to: range.to > today && range.from <= today ? today : range.to,
        },
      };
    }
    case 'custom': {
      const result = customRange(query.from ?? '', query.to ?? '');
      return 'error' in result ? { period: fallback, error: result.error } : { period: { kind: 'custom', ...result } };
    }
    default:
      return { period: fallback };
  }
}

/** Validates an explicit from/to pair (the API's and the custom period's). */
export function customRange(from: string, to: string): { from: string; to: string } | { error: PeriodError } {
  if (!isDay(from)) return { error: 'from' };
  if (!isDay(to)) return { error: 'to' };
  if (from > to) return { error: 'order' };
  if (dayCount(from, to) > MAX_PERIOD_DAYS) return { error: 'tooLong' };
  return { from, to };
}

/**
 * The period just before: as many days right before; for a month, the previous month, and for a
 * month so far (1 to 16 March) the same days of the previous month (1 to 16 February, clipped to
 * its length), so a day of December is never compared with all of November.
 */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'month' && period.month) {
    const prevMonth = addDays(`${period.month}-01`, -1).slice(0, 7);
    const whole = monthRange(prevMonth);
    if (period.to === monthRange(period.month).to) return { kind: 'month', month: prevMonth, ...whole };
    const sameDay = `${prevMonth}-${period.to.slice(8, 10)}`;
    return {
      kind: 'month',
      month: prevMonth,
      from: whole.from,
      to: sameDay < whole.to && isDay(sameDay) ? sameDay : whole.to,
    };
  }
  const n = dayCount(period.from, period.to);
  return { kind: period.kind, from: addDays(period.from, -n), to: addDays(period.from, -1) };
}

export type Granularity = 'day' | 'week';

interface Bucket {
  /** First and last day of the bucket, clipped to the period. */
  from: string;
  to: string;
}

/** Weeks start on Monday, as in Russia; the first and last weeks are clipped to the period. */
export function buckets(from: string, to: string, by: Granularity): Bucket[] {
  const out: Bucket[] = [];
  let start = from;
  while (start <= to) {
    let end = start;
    if (by === 'week') {
      const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      end = addDays(start, 6 - weekday);
      if (end > to) end = to;
    }
    out.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return out;
}

/** Days for short periods, weeks beyond a month so the chart stays readable. */
export function defaultGranularity(period: Pick<Period, 'from' | 'to'>): Granularity {
  return dayCount(period.from, period.to) <= 31 ? 'day' : 'week';
}
