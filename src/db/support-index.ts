import { dayExpr } from './daily-stats';
import type { CustomersServedMode, DayTotals, OrdersSums } from '../domain/support-index';
import { emptyDay } from '../domain/support-index';
import type { BatchOption } from '../domain/batches';
import { addDays } from '../domain/time';

/**
 * Reads for the Support Index page and API. Everything but the median response time and the open
 * complaints comes from the daily aggregates, so the cost follows the days shown, not the events.
 */

export interface Scope {
  locationId: number | null;
  batchId: string | null;
}

const STAT_SUMS = `SUM(cards_printed) AS cardsPrinted, SUM(cards_voided) AS cardsVoided,
  SUM(review_scans) AS reviewScans, SUM(review_scans_human) AS reviewScansHuman, SUM(review_cards_first) AS reviewCardsFirst,
  SUM(complaint_scans) AS complaintScans, SUM(complaint_scans_human) AS complaintScansHuman,
  SUM(complaint_cards_first) AS complaintCardsFirst, SUM(complaints) AS complaints`;

type StatSums = Omit<DayTotals, 'day' | 'positive' | 'reviewsTotal' | 'ratingSum' | 'ratingN' | 'orders'>;

/**
 * Fixed SQL fragments for the scope (?3 location, ?4 batch). An unused one still names its
 * parameter, so every statement binds the same values, and a plain `= ?3` keeps the index usable.
 */
function scopeSql(scope: Scope, prefix = '', locationParam = '?3', batchParam = '?4'): string {
  return (
    (scope.locationId !== null ? ` AND ${prefix}location_id = ${locationParam}` : ` AND ${locationParam} IS NULL`) +
    (scope.batchId !== null ? ` AND ${prefix}batch_id = ${batchParam}` : ` AND ${batchParam} IS NULL`)
  );
}

/**
 * The smallest table with the scope's sums: the rollup for the deployment (migrations/0023), by
 * location (migrations/0006), or by batch. The unused scope parameters still bind.
 */
function statsTable(scope: Scope): string {
  if (scope.batchId !== null) return 'daily_stats';
  return scope.locationId !== null ? 'daily_location_stats' : 'daily_all_stats';
}

/**
 * Per-day figures for days from..to: cards, scans and complaints for the scope; reviews and orders
 * for its location (or all), since the owner records those per location.
 */
export function dailyTotalsStatements(db: D1Database, from: string, to: string, scope: Scope): D1PreparedStatement[] {
  const locationOnly: Scope = { locationId: scope.locationId, batchId: null };
  return [
    db
      .prepare(
        `SELECT day, ${STAT_SUMS} FROM ${statsTable(scope)} WHERE day BETWEEN ?1 AND ?2${scopeSql(scope)} GROUP BY day`,
      )
      .bind(from, to, scope.locationId, scope.batchId),
    db
      .prepare(
        `SELECT day, SUM(positive) AS positive, SUM(total) AS reviewsTotal, SUM(rating_sum) AS ratingSum, SUM(rating_n) AS ratingN
           FROM daily_reviews WHERE day BETWEEN ?1 AND ?2${scopeSql(locationOnly)} GROUP BY day`,
      )
      .bind(from, to, scope.locationId, null),
    db
      .prepare(
        `SELECT day, SUM(count) AS orders FROM orders_counts WHERE day BETWEEN ?1 AND ?2${scopeSql(locationOnly)} GROUP BY day`,
      )
      .bind(from, to, scope.locationId, null),
  ];
}

/** Merges the three result sets of `dailyTotalsStatements` into one row per day that has anything. */
export function mergeDailyTotals(results: D1Result[]): DayTotals[] {
  const days = new Map<string, DayTotals>();
  const get = (day: string) => {
    let row = days.get(day);
    if (!row) days.set(day, (row = emptyDay(day)));
    return row;
  };
  for (const r of results[0]!.results as (StatSums & { day: string })[]) Object.assign(get(r.day), r);
  for (const r of results[1]!.results as {
    day: string;
    positive: number;
    reviewsTotal: number;
    ratingSum: number;
    ratingN: number;
  }[])
    Object.assign(get(r.day), r);
  for (const r of results[2]!.results as { day: string; orders: number }[]) get(r.day).orders = r.orders;
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** 1 when any location marks a reason of this label catch-all. */
  catchAll: number;
  /** The first complaint of the period with this label (unix ms), to break ties. */
  firstAt: number | null;
}

/** Whole local months inside days from..to, as 'YYYY-MM' bounds and the ragged days left at each end. */
function wholeMonths(
  from: string,
  to: string,
): { months: [string, string]; head: [string, string]; tail: [string, string] } {
  const none: [string, string] = ['9999-12-31', '0000-01-01'];
  const nextMonth = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  };
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const afterTo = addDays(to, 1);
  const last = afterTo.endsWith('-01')
    ? to.slice(0, 7)
    : (() => {
        const [y, m] = to.slice(0, 7).split('-').map(Number) as [number, number];
        return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
      })();
  if (first > last) return { months: ['9999-12', '0000-01'], head: [from, to], tail: none };
  return { months: [first, last], head: [from, addDays(`${first}-01`, -1)], tail: [`${nextMonth(last)}-01`, to] };
}

/**
 * Complaints by reason, merged by the reason's current label (locations share the default list).
 * Without a batch, the counts come from the monthly rollup for the whole months of the period and
 * the daily rollup by location for its ragged ends (migrations/0023); a label's first day is one
 * index seek per reason. The first complaint's time is then looked up only around that day,
 * through the complaints_response index, so it costs a day's complaints, not the period's. Local
 * days run from UTC−12 to UTC+14, so that day lies within [its UTC midnight − 14 h, the next one
 * + 12 h); the complaint's own local day keeps the period's edges exact.
 */
export function reasonsStatement(db: D1Database, from: string, to: string, scope: Scope): D1PreparedStatement {
  const edgeMs = (day: string, hours: number) => `(unixepoch(${day}) + ${hours * 3600}) * 1000`;
  const firstAt = `(SELECT c.created_at FROM complaints c
                WHERE c.created_at >= ${edgeMs('l.firstDay', -14)} AND c.created_at < ${edgeMs("date(l.firstDay, '+1 day')", 12)}
                  AND +c.reason_id IN (SELECT value FROM json_each(l.ids))${scopeSql(scope, 'c.')}
                  AND ${dayExpr('c.created_at', 'c.location_id')} BETWEEN ?1 AND ?2
                ORDER BY c.created_at LIMIT 1) AS firstAt`;
  const labels = `SELECT r.label AS reason, SUM(g.count) AS count, MAX(r.is_catch_all) AS catchAll,
                         MIN(g.first_day) AS firstDay, json_group_array(r.id) AS ids
                    FROM g JOIN complaint_reasons r ON r.id = g.reason_id
                   GROUP BY r.label HAVING SUM(g.count) > 0`;
  if (scope.batchId !== null) {
    return db
      .prepare(
        `WITH g AS (SELECT reason_id, SUM(complaints) AS count, MIN(CASE WHEN complaints > 0 THEN day END) AS first_day
                      FROM daily_reasons WHERE day BETWEEN ?1 AND ?2${scopeSql(scope)} GROUP BY reason_id),
              l AS (${labels})
         SELECT reason, count, catchAll, ${firstAt} FROM l`,
      )
      .bind(from, to, scope.locationId, scope.batchId);
  }
  const { months, head, tail } = wholeMonths(from, to);
  return db
    .prepare(
      `WITH counts AS (SELECT reason_id, SUM(complaints) AS count FROM (
                         SELECT reason_id, complaints FROM monthly_location_reasons WHERE month BETWEEN ?5 AND ?6${scopeSql(scope)}
                         UNION ALL
                         SELECT reason_id, complaints FROM daily_location_reasons
                          WHERE (day BETWEEN ?7 AND ?8 OR day BETWEEN ?9 AND ?10)${scopeSql(scope)})
                        GROUP BY reason_id HAVING SUM(complaints) > 0),
            g AS (SELECT reason_id, count,
                         (SELECT d.day FROM daily_location_reasons d
                           WHERE d.reason_id = counts.reason_id AND d.day BETWEEN ?1 AND ?2 AND d.complaints > 0${scopeSql(scope, 'd.')}
                           ORDER BY d.day LIMIT 1) AS first_day
                    FROM counts),
            l AS (${labels})
       SELECT reason, count, catchAll, ${firstAt} FROM l`,
    )
    .bind(from, to, scope.locationId, scope.batchId, months[0], months[1], head[0], head[1], tail[0], tail[1]);
}

/** With the sums over the days that have an orders count (orders mode compares like with like). */
export interface LocationRow extends StatSums, OrdersSums {
  id: number;
  slug: string;
  name: string;
  positive: number;
}

/** One row per location with activity in the period (or not archived). */
export function byLocationStatement(db: D1Database, from: string, to: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT l.id, l.slug, l.name, s.*, COALESCE(r.positive, 0) AS positive,
              COALESCE(o.orders, 0) AS orders, COALESCE(o.days, 0) AS ordersDays,
              COALESCE(r.coveredPositive, 0) AS coveredPositive, COALESCE(s.complaintsOnOrderDays, 0) AS coveredComplaints,
              COALESCE(s.reviewCardsFirstOnOrderDays, 0) AS coveredReviewCardsFirst,
              COALESCE(s.complaintCardsFirstOnOrderDays, 0) AS coveredComplaintCardsFirst
         FROM locations l
         LEFT JOIN (SELECT d.location_id, ${STAT_SUMS},
                           SUM(CASE WHEN oc.day IS NOT NULL THEN complaints ELSE 0 END) AS complaintsOnOrderDays,
                           SUM(CASE WHEN oc.day IS NOT NULL THEN review_cards_first ELSE 0 END) AS reviewCardsFirstOnOrderDays,
                           SUM(CASE WHEN oc.day IS NOT NULL THEN complaint_cards_first ELSE 0 END) AS complaintCardsFirstOnOrderDays
                      FROM daily_location_stats d LEFT JOIN orders_counts oc ON oc.location_id = d.location_id AND oc.day = d.day
                     WHERE d.day BETWEEN ?1 AND ?2 GROUP BY d.location_id) s ON s.location_id = l.id
         LEFT JOIN (SELECT d.location_id, SUM(positive) AS positive, SUM(CASE WHEN oc.day IS NOT NULL THEN positive ELSE 0 END) AS coveredPositive
                      FROM daily_reviews d LEFT JOIN orders_counts oc ON oc.location_id = d.location_id AND oc.day = d.day
                     WHERE d.day BETWEEN ?1 AND ?2 GROUP BY d.location_id) r ON r.location_id = l.id
         LEFT JOIN (SELECT location_id, SUM(count) AS orders, COUNT(*) AS days FROM orders_counts WHERE day BETWEEN ?1 AND ?2 GROUP BY location_id) o ON o.location_id = l.id
        WHERE l.archived_at IS NULL OR s.location_id IS NOT NULL OR r.location_id IS NOT NULL
        ORDER BY l.name`,
    )
    .bind(from, to);
}

export interface BatchRow extends StatSums {
  id: string;
  template: string;
  locationId: number;
  locationName: string;
  timeZone: string;
  createdAt: number;
}

/** The most batches the page's table lists: a batch a day for a quarter fits. */
export const BATCH_TABLE_LIMIT = 100;

/**
 * Batches with activity in the period (cards printed, scanned or complained about), newest first:
 * every such batch, however old, up to `limit` (only the picked batches' rows are summed).
 */
export function byBatchStatement(
  db: D1Database,
  from: string,
  to: string,
  endMs: number,
  scope: Scope,
  limit = BATCH_TABLE_LIMIT,
): D1PreparedStatement {
  const location = scope.locationId !== null ? 'b.location_id = ?3' : '?3 IS NULL';
  const batch = scope.batchId !== null ? 'b.id = ?4' : '?4 IS NULL';
  return db
    .prepare(
      `WITH picked AS (
         SELECT b.id FROM batches b
          WHERE b.created_at < ?6 AND ${location} AND ${batch}
            AND EXISTS (SELECT 1 FROM daily_stats d WHERE d.batch_id = b.id AND d.day BETWEEN ?1 AND ?2)
          ORDER BY b.created_at DESC LIMIT ?5)
       SELECT b.id, b.location_id AS locationId, l.name AS locationName, l.time_zone AS timeZone, b.created_at AS createdAt, b.template, s.*
         FROM picked JOIN batches b ON b.id = picked.id JOIN locations l ON l.id = b.location_id
         JOIN (SELECT batch_id, ${STAT_SUMS} FROM daily_stats
                WHERE batch_id IN (SELECT id FROM picked) AND day BETWEEN ?1 AND ?2 GROUP BY batch_id) s ON s.batch_id = b.id
        ORDER BY b.created_at DESC`,
    )
    .bind(from, to, scope.locationId, scope.batchId, limit, endMs);
}

/** Open complaints in the scope right now: how many, and since when the oldest waits. */
export function openComplaintsStatement(db: D1Database, scope: Scope): D1PreparedStatement {
  return db
    .prepare(
      `SELECT COUNT(*) AS count, MIN(created_at) AS oldestAt FROM complaints WHERE status = 'open'${scopeSql(scope, '', '?1', '?2')}`,
    )
    .bind(scope.locationId, scope.batchId);
}

const MINUTE = 60_000;

/** The first UTC month start at or after `ms` (unix ms). */
function monthStartFrom(ms: number): number {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return start === ms ? start : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The last UTC month start at or before `ms`. */
function monthStartUntil(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Median time to first response (ms, counted in whole minutes) of complaints made in
 * [fromMs, toMs) that have been answered. The UTC months wholly inside the range come from the
 * monthly histograms of migrations/0023 (a few hundred rows a year); the ragged ends, and a
 * batch's complaints, are read from the complaints themselves. A running sum over the minutes
 * finds the middle one or two complaints.
 */
export function medianResponseStatement(
  db: D1Database,
  fromMs: number,
  toMs: number,
  scope: Scope,
): D1PreparedStatement {
  let wholeFrom = monthStartFrom(fromMs);
  let wholeTo = monthStartUntil(toMs);
  // A batch has no histogram, and a range without a whole month reads its complaints only.
  if (scope.batchId !== null || wholeFrom >= wholeTo) wholeFrom = wholeTo = toMs;
  const months = wholeFrom < wholeTo ? [monthKey(wholeFrom), monthKey(wholeTo - 1)] : ['9999-12', '0000-01'];
  const histogram =
    scope.locationId !== null
      ? 'SELECT minutes, complaints AS n FROM monthly_response_minutes WHERE location_id = ?3 AND month BETWEEN ?5 AND ?6'
      : 'SELECT minutes, complaints AS n FROM monthly_response_minutes_all WHERE ?3 IS NULL AND month BETWEEN ?5 AND ?6';
  const raw = (from: string, to: string) =>
    `SELECT MAX(0, (first_response_at - created_at) / ${MINUTE}) AS minutes, 1 AS n FROM complaints
      WHERE created_at >= ${from} AND created_at < ${to} AND first_response_at IS NOT NULL${scopeSql(scope)}`;
  return db
    .prepare(
      `WITH h AS (${histogram} UNION ALL ${raw('?1', '?7')} UNION ALL ${raw('?8', '?2')}),
            g AS (SELECT minutes, SUM(n) AS n FROM h GROUP BY minutes HAVING SUM(n) > 0),
            c AS (SELECT minutes, SUM(n) OVER (ORDER BY minutes) AS below, SUM(n) OVER () AS total FROM g)
       SELECT ((SELECT MIN(minutes) FROM c WHERE below >= (total + 1) / 2) + (SELECT MIN(minutes) FROM c WHERE below >= total / 2 + 1))
              * ${MINUTE / 2} AS median`,
    )
    .bind(fromMs, toMs, scope.locationId, scope.batchId, months[0], months[1], wholeFrom, wholeTo);
}

/** Where "customers served" comes from, a deployment-wide choice of the owner. */
const MODE_KEY = 'customersServed';

export async function getCustomersServedMode(db: D1Database): Promise<CustomersServedMode> {
  const row = await db.prepare('SELECT value FROM settings WHERE key = ?1').bind(MODE_KEY).first<{ value: string }>();
  return row?.value === 'ordersCount' ? 'ordersCount' : 'cardsHandedOut';
}

export function customersServedModeStatement(db: D1Database): D1PreparedStatement {
  return db.prepare('SELECT value FROM settings WHERE key = ?1').bind(MODE_KEY);
}

export async function setCustomersServedMode(db: D1Database, mode: CustomersServedMode, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .bind(MODE_KEY, mode, now)
    .run();
}

/** Recent batches for the scope picker. */
export async function recentBatches(db: D1Database, limit = 60): Promise<BatchOption[]> {
  const { results } = await db
    .prepare(
      `SELECT b.id, b.location_id AS locationId, l.name AS locationName, l.time_zone AS timeZone, b.created_at AS createdAt, b.card_count AS cardCount, b.template
         FROM batches b JOIN locations l ON l.id = b.location_id ORDER BY b.created_at DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<BatchOption>();
  return results;
}
