import { dayExpr } from './daily-stats';
import type { CustomersServedMode, DayTotals, OrdersSums } from '../domain/support-index';
import { emptyDay } from '../domain/support-index';

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

/** Without a batch, the rollup by location (migrations/0006) has the same sums in fewer rows. */
function statsTable(scope: Scope): string {
  return scope.batchId === null ? 'daily_location_stats' : 'daily_stats';
}

/**
 * Per-day figures for days from..to: cards, scans and complaints for the scope; reviews and orders
 * for its location (or all), since the owner records those per location.
 */
export function dailyTotalsStatements(db: D1Database, from: string, to: string, scope: Scope): D1PreparedStatement[] {
  const locationOnly: Scope = { locationId: scope.locationId, batchId: null };
  return [
    db
      .prepare(`SELECT day, ${STAT_SUMS} FROM ${statsTable(scope)} WHERE day BETWEEN ?1 AND ?2${scopeSql(scope)} GROUP BY day`)
      .bind(from, to, scope.locationId, scope.batchId),
    db
      .prepare(
        `SELECT day, SUM(positive) AS positive, SUM(total) AS reviewsTotal, SUM(rating_sum) AS ratingSum, SUM(rating_n) AS ratingN
           FROM daily_reviews WHERE day BETWEEN ?1 AND ?2${scopeSql(locationOnly)} GROUP BY day`,
      )
      .bind(from, to, scope.locationId, null),
    db
      .prepare(`SELECT day, SUM(count) AS orders FROM orders_counts WHERE day BETWEEN ?1 AND ?2${scopeSql(locationOnly)} GROUP BY day`)
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
  for (const r of results[1]!.results as { day: string; positive: number; reviewsTotal: number; ratingSum: number; ratingN: number }[]) Object.assign(get(r.day), r);
  for (const r of results[2]!.results as { day: string; orders: number }[]) get(r.day).orders = r.orders;
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export async function dailyTotals(db: D1Database, from: string, to: string, scope: Scope): Promise<DayTotals[]> {
  return mergeDailyTotals(await db.batch(dailyTotalsStatements(db, from, to, scope)));
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** 1 when any location marks a reason of this label catch-all. */
  catchAll: number;
  /** The first complaint of the period with this label (unix ms), to break ties. */
  firstAt: number | null;
}

/**
 * Complaints by reason, merged by the reason's current label (locations share the default list).
 * The first complaint's time is looked up only around the label's first day (from daily_reasons),
 * through the complaints_response index, so it costs a day's complaints, not the period's. Local
 * days run from UTC−12 to UTC+14, so that day lies within [its UTC midnight − 14 h, the next one
 * + 12 h); the complaint's own local day keeps the period's edges exact.
 */
export function reasonsStatement(db: D1Database, from: string, to: string, scope: Scope): D1PreparedStatement {
  const edgeMs = (day: string, hours: number) => `(unixepoch(${day}) + ${hours * 3600}) * 1000`;
  return db
    .prepare(
      `WITH g AS (SELECT reason_id, SUM(complaints) AS count, MIN(CASE WHEN complaints > 0 THEN day END) AS first_day
                    FROM daily_reasons WHERE day BETWEEN ?1 AND ?2${scopeSql(scope)} GROUP BY reason_id),
            l AS (SELECT r.label AS reason, SUM(g.count) AS count, MAX(r.is_catch_all) AS catchAll,
                         MIN(g.first_day) AS firstDay, json_group_array(r.id) AS ids
                    FROM g JOIN complaint_reasons r ON r.id = g.reason_id
                   GROUP BY r.label HAVING SUM(g.count) > 0)
       SELECT reason, count, catchAll,
              (SELECT c.created_at FROM complaints c
                WHERE c.created_at >= ${edgeMs('l.firstDay', -14)} AND c.created_at < ${edgeMs("date(l.firstDay, '+1 day')", 12)}
                  AND +c.reason_id IN (SELECT value FROM json_each(l.ids))${scopeSql(scope, 'c.')}
                  AND ${dayExpr('c.created_at', 'c.location_id')} BETWEEN ?1 AND ?2
                ORDER BY c.created_at LIMIT 1) AS firstAt
         FROM l`,
    )
    .bind(from, to, scope.locationId, scope.batchId);
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
export function byBatchStatement(db: D1Database, from: string, to: string, endMs: number, scope: Scope, limit = BATCH_TABLE_LIMIT): D1PreparedStatement {
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
    .prepare(`SELECT COUNT(*) AS count, MIN(created_at) AS oldestAt FROM complaints WHERE status = 'open'${scopeSql(scope, '', '?1', '?2')}`)
    .bind(scope.locationId, scope.batchId);
}

/**
 * Median time to first response (ms) of complaints made in [fromMs, toMs): the middle one or two
 * values, read from the complaints_response index (the one figure not pre-aggregated by day).
 */
export function medianResponseStatement(db: D1Database, fromMs: number, toMs: number, scope: Scope): D1PreparedStatement {
  // Counting first lets the sort keep only the lower half (LIMIT/OFFSET), about a fifth faster
  // than sorting everything into a materialized list and reading it twice.
  const where = `created_at >= ?1 AND created_at < ?2 AND first_response_at IS NOT NULL${scopeSql(scope)}`;
  return db
    .prepare(
      `WITH c AS (SELECT COUNT(*) AS n FROM complaints WHERE ${where})
       SELECT AVG(ms) AS median FROM (SELECT first_response_at - created_at AS ms FROM complaints WHERE ${where}
                                       ORDER BY ms LIMIT 2 - (SELECT n FROM c) % 2 OFFSET ((SELECT n FROM c) - 1) / 2)`,
    )
    .bind(fromMs, toMs, scope.locationId, scope.batchId);
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

export interface BatchOption {
  id: string;
  locationId: number;
  locationName: string;
  timeZone: string;
  createdAt: number;
  cardCount: number;
  template: string;
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
