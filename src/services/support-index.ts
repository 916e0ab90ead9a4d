import { getBatch } from '../db/batches';
import { BATCH_TABLE_LIMIT } from '../db/support-index';
import { getLocationBySlug, ownerTimeZone } from '../db/locations';
import {
  byBatchStatement,
  byLocationStatement,
  customersServedModeStatement,
  dailyTotalsStatements,
  medianResponseStatement,
  mergeDailyTotals,
  openComplaintsStatement,
  reasonsStatement,
  type BatchRow,
  type LocationRow,
  type ReasonCount,
  type Scope,
} from '../db/support-index';
import { buckets, dayStart, previousPeriod, type Granularity, type Period } from '../domain/period';
import { addDays, dayCount } from '../domain/time';
import {
  apportion,
  changes,
  figures,
  pareto,
  sumDays,
  trailing,
  TRAILING_DAYS,
  type Changes,
  type CustomersServedMode,
  type DayTotals,
  type Figures,
  type ParetoBar,
  type Totals,
} from '../domain/support-index';
import { badRequest } from '../errors';

interface ReportRequest {
  period: Period;
  scope: Scope;
  granularity: Granularity;
  /** The page shows tables by location and batch; the API and CSV do not need them. */
  withTables: boolean;
  /** Where customers served come from; the owner's setting when omitted. */
  denominator?: CustomersServedMode;
  /** The zone the period's days are read in (the location's, or the owner's for all locations). */
  timeZone: string;
}

interface TrendPoint {
  from: string;
  to: string;
  /** First day of the trailing window that ends on `to`. */
  windowFrom: string;
  /** Over the trailing window: what the lines draw. */
  trailing: Figures;
  /** Over the bucket alone: the table under the chart. */
  figures: Figures;
}

export interface LocationFigures {
  id: number;
  slug: string;
  name: string;
  figures: Figures;
}

export interface BatchFigures {
  id: string;
  /** the design's id */
  template: string;
  locationName: string;
  timeZone: string;
  createdAt: number;
  figures: Figures;
}

export interface SupportIndexReport {
  period: Period;
  previous: Period;
  scope: Scope;
  /** The zone of the period's days. */
  timeZone: string;
  mode: CustomersServedMode;
  granularity: Granularity;
  current: Figures;
  prior: Figures;
  change: Changes;
  /** Days whose customers are counted (in orders mode, the days with an orders count) of the period's days. */
  coverage: { days: number; of: number };
  /** Positive reviews of a batch are apportioned from its location's (see `apportion`). */
  positivesEstimated: boolean;
  byReason: ParetoBar[];
  trend: TrendPoint[];
  days: { day: string; figures: Figures }[];
  openComplaints: { count: number; oldestAt: number | null };
  medianFirstResponseMs: number | null;
  locations: LocationFigures[];
  batches: BatchFigures[];
}

/** The most batches the page's batch table lists. */
export { BATCH_TABLE_LIMIT };

const inRange = (days: readonly DayTotals[], from: string, to: string) =>
  days.filter((d) => d.day >= from && d.day <= to);

/** Everything the page, the JSON and the CSV show for one period and scope: one D1 round trip. */
export async function buildReport(db: D1Database, request: ReportRequest): Promise<SupportIndexReport> {
  const { period, scope } = request;
  const previous = previousPeriod(period);
  const isBatch = scope.batchId !== null;
  // A batch has no orders of its own: its customers are always its cards handed out.
  if (isBatch && request.denominator === 'ordersCount')
    throw badRequest('a batch has no orders count: use denominator=cards', 'denominator');
  const windowDays = TRAILING_DAYS[request.granularity];
  // The trend's first point needs the days before the period that its trailing window covers.
  const trendFrom = addDays(period.from, -(windowDays - 1));
  const loadFrom = previous.from < trendFrom ? previous.from : trendFrom;
  const locationScope: Scope = { locationId: scope.locationId, batchId: null };
  const statements = [
    customersServedModeStatement(db),
    ...dailyTotalsStatements(db, loadFrom, period.to, scope),
    reasonsStatement(db, period.from, period.to, scope),
    openComplaintsStatement(db, scope),
    medianResponseStatement(
      db,
      dayStart(period.from, request.timeZone),
      dayStart(addDays(period.to, 1), request.timeZone),
      scope,
    ),
    // A batch's reviews are estimated from its location's figures.
    ...(isBatch ? dailyTotalsStatements(db, loadFrom, period.to, locationScope).slice(0, 1) : []),
    ...(request.withTables
      ? [
          byLocationStatement(db, period.from, period.to),
          byBatchStatement(db, period.from, period.to, dayStart(addDays(period.to, 1), request.timeZone), scope),
        ]
      : []),
  ];
  const results = await db.batch(statements);
  const settingRow = results[0]!.results[0] as { value: string } | undefined;
  const chosen: CustomersServedMode =
    request.denominator ?? (settingRow?.value === 'ordersCount' ? 'ordersCount' : 'cardsHandedOut');
  const mode: CustomersServedMode = isBatch ? 'cardsHandedOut' : chosen;
  const days = mergeDailyTotals(results.slice(1, 4));
  const reasons = results[4]!.results as ReasonCount[];
  const open = results[5]!.results[0] as { count: number; oldestAt: number | null };
  const median = (results[6]!.results[0] as { median: number | null } | undefined)?.median ?? null;
  let next = 7;
  const locationStats = isBatch ? (results[next++]!.results as Pick<DayTotals, 'day' | 'reviewCardsFirst'>[]) : [];

  const totalsFor = (from: string, to: string): Totals => {
    const totals = sumDays(inRange(days, from, to));
    if (!isBatch) return totals;
    const locationFirst = locationStats
      .filter((d) => d.day >= from && d.day <= to)
      .reduce((s, d) => s + d.reviewCardsFirst, 0);
    const positive = apportion(totals.positive, totals.reviewCardsFirst, locationFirst);
    return {
      ...totals,
      positive,
      reviewsTotal: positive,
      ratingSum: 0,
      ratingN: 0,
      orders: 0,
      ordersDays: 0,
      coveredPositive: 0,
      coveredComplaints: 0,
      coveredReviewCardsFirst: 0,
      coveredComplaintCardsFirst: 0,
    };
  };

  const current = figures(totalsFor(period.from, period.to), mode);
  const prior = figures(totalsFor(previous.from, previous.to), mode);
  const byDay = new Map(days.map((d) => [d.day, d]));
  const bucketList = buckets(period.from, period.to, request.granularity);
  const trendPoints: TrendPoint[] = isBatch
    ? bucketList.map((b) => {
        const windowFrom = addDays(b.to, -(windowDays - 1));
        return {
          ...b,
          windowFrom,
          trailing: figures(totalsFor(windowFrom, b.to), mode),
          figures: figures(totalsFor(b.from, b.to), mode),
        };
      })
    : trailing(days, bucketList, windowDays, mode, addDays).map((p) => ({
        ...p,
        trailing: p.figures,
        figures: figures(totalsFor(p.from, p.to), mode),
      }));
  const periodDays = dayCount(period.from, period.to);

  let locations: LocationFigures[] = [];
  let batches: BatchFigures[] = [];
  if (request.withTables) {
    const locationRows = results[next++]!.results as (LocationRow & Partial<Record<string, number | null>>)[];
    const batchRows = results[next++]!.results as BatchRow[];
    const byId = new Map(locationRows.map((row) => [row.id, row]));
    locations = locationRows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      figures: figures(
        {
          ...rowTotals(row, row.positive, row.orders, row.ordersDays),
          coveredPositive: row.coveredPositive,
          coveredComplaints: row.coveredComplaints,
          coveredReviewCardsFirst: row.coveredReviewCardsFirst,
          coveredComplaintCardsFirst: row.coveredComplaintCardsFirst,
        },
        mode,
      ),
    }));
    batches = batchRows.map((row) => {
      const location = byId.get(row.locationId);
      const positive = apportion(location?.positive ?? 0, row.reviewCardsFirst ?? 0, location?.reviewCardsFirst ?? 0);
      return {
        id: row.id,
        template: row.template,
        locationName: row.locationName,
        timeZone: row.timeZone,
        createdAt: row.createdAt,
        figures: figures(rowTotals(row, positive, 0, 0), 'cardsHandedOut'),
      };
    });
  }

  return {
    period,
    previous,
    scope,
    timeZone: request.timeZone,
    mode,
    granularity: request.granularity,
    current,
    prior,
    change: changes(current, prior),
    coverage: { days: mode === 'ordersCount' ? current.ordersDays : periodDays, of: periodDays },
    positivesEstimated: isBatch,
    byReason: pareto(
      reasons.map((r) => ({ reason: r.reason, count: r.count, catchAll: r.catchAll === 1, firstAt: r.firstAt })),
    ),
    trend: trendPoints,
    // Every day of the period, empty ones too, so a spreadsheet gets a regular series.
    days: buckets(period.from, period.to, 'day').map(({ from: day }) => ({
      day,
      figures: isBatch
        ? figures(totalsFor(day, day), mode)
        : figures(sumDays(byDay.has(day) ? [byDay.get(day)!] : []), mode),
    })),
    openComplaints: { count: open?.count ?? 0, oldestAt: open?.oldestAt ?? null },
    medianFirstResponseMs: median,
    locations,
    batches,
  };
}

/** Totals from a grouped aggregate row (its sums are NULL when it had no days). */
function rowTotals(
  row: Partial<Record<keyof Totals, number | null>>,
  positive: number,
  orders: number,
  ordersDays: number,
): Totals {
  const n = (key: keyof Totals) => Number(row[key] ?? 0);
  return {
    cardsPrinted: n('cardsPrinted'),
    cardsVoided: n('cardsVoided'),
    reviewScans: n('reviewScans'),
    reviewScansHuman: n('reviewScansHuman'),
    reviewCardsFirst: n('reviewCardsFirst'),
    complaintScans: n('complaintScans'),
    complaintScansHuman: n('complaintScansHuman'),
    complaintCardsFirst: n('complaintCardsFirst'),
    complaints: n('complaints'),
    positive,
    reviewsTotal: positive,
    ratingSum: 0,
    ratingN: 0,
    orders,
    ordersDays,
    coveredPositive: 0,
    coveredComplaints: 0,
    coveredReviewCardsFirst: 0,
    coveredComplaintCardsFirst: 0,
  };
}

export interface ResolvedScope {
  scope: Scope;
  location: { id: number; slug: string; name: string } | null;
  batch: { id: string; createdAt: number; locationName: string } | null;
  /** The scope's days: its location's zone, or the owner's for all locations. */
  timeZone: string;
}

/**
 * Turns `location=<slug>` and `batch=<id>` into a scope; a batch implies its location. Unknown
 * values are refused with the field named, rather than silently showing everything.
 */
export async function resolveScope(db: D1Database, location: string, batchId: string): Promise<ResolvedScope> {
  if (batchId) {
    const batch = await getBatch(db, batchId);
    if (!batch) throw badRequest(`no batch "${batchId}"`, 'batch');
    return {
      scope: { locationId: batch.locationId, batchId: batch.id },
      location: { id: batch.locationId, slug: batch.locationSlug, name: batch.locationName },
      batch: { id: batch.id, createdAt: batch.createdAt, locationName: batch.locationName },
      timeZone: batch.locationTimeZone,
    };
  }
  if (location) {
    const found = await getLocationBySlug(db, location);
    if (!found) throw badRequest(`no location with slug "${location}"`, 'location');
    return {
      scope: { locationId: found.id, batchId: null },
      location: { id: found.id, slug: found.slug, name: found.name },
      batch: null,
      timeZone: found.timeZone,
    };
  }
  return { scope: { locationId: null, batchId: null }, location: null, batch: null, timeZone: await ownerTimeZone(db) };
}
