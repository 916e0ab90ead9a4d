import { DEFAULT_OFFSET_SECONDS } from '../domain/time';

/**
 * The daily aggregates (migrations/0004_daily_stats.sql, days and served cards as of
 * migrations/0012_zones_hand_out.sql) recomputed from the raw rows, by the same rules the triggers
 * follow: used to prove the triggers right and to repair the tables.
 */

/**
 * SQL for the local calendar day of a unix-ms column at a location: the offset in force at that
 * moment, from the location's copy of its zone (location_offsets), as the triggers compute it.
 * Qualify both columns (`k.created_at`): a bare `location_id` would name location_offsets' own.
 */
export const dayExpr = (column: string, location: string) =>
  `date(${column} / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = ${location} AND o.starts_at <= ${column} ORDER BY o.starts_at DESC LIMIT 1), ${DEFAULT_OFFSET_SECONDS}), 'unixepoch')`;

interface DailyStatsRow {
  day: string;
  location_id: number;
  batch_id: string;
  cards_printed: number;
  cards_voided: number;
  review_scans: number;
  review_scans_human: number;
  review_cards_first: number;
  complaint_scans: number;
  complaint_scans_human: number;
  complaint_cards_first: number;
  complaints: number;
  voided_scans: number;
}

const COUNT_COLUMNS = [
  'cards_printed',
  'cards_voided',
  'review_scans',
  'review_scans_human',
  'review_cards_first',
  'complaint_scans',
  'complaint_scans_human',
  'complaint_cards_first',
  'complaints',
  'voided_scans',
] as const;

const LIVE = `(c.voided_at IS NULL AND b.voided_at IS NULL)`;

/** One row per (day, location, batch) with anything non-zero, computed from cards, scans and complaints. */
const RECOMPUTE_STATS = `
  WITH card_state AS (
    SELECT c.code, c.location_id, c.batch_id, ${LIVE} AS live, c.served_day
      FROM cards c JOIN batches b ON b.id = c.batch_id
  ), raw (day, location_id, batch_id, ${COUNT_COLUMNS.join(', ')}) AS (
    SELECT served_day, location_id, batch_id, 1, 1 - live, 0, 0, 0, 0, 0, 0, 0, 0 FROM card_state
    UNION ALL
    SELECT ${dayExpr('s.created_at', 's.location_id')}, s.location_id, s.batch_id, 0, 0,
           live AND s.kind = 'review', live AND s.kind = 'review' AND s.is_bot = 0, 0,
           live AND s.kind = 'complaint', live AND s.kind = 'complaint' AND s.is_bot = 0, 0, 0, NOT live
      FROM (SELECT s.*, COALESCE(cs.live, 1) AS live FROM scans s LEFT JOIN card_state cs ON cs.code = s.card_code) s
    UNION ALL
    SELECT ${dayExpr('f.first_at', 'f.location_id')}, f.location_id, f.batch_id, 0, 0, 0, 0, f.kind = 'review', 0, 0, f.kind = 'complaint', 0, 0
      FROM (SELECT MIN(s.created_at) AS first_at, s.location_id, s.batch_id, s.kind
              FROM scans s LEFT JOIN card_state cs ON cs.code = s.card_code
             WHERE s.is_bot = 0 AND COALESCE(cs.live, 1)
             GROUP BY s.card_code, s.kind) f
    UNION ALL
    SELECT ${dayExpr('k.created_at', 'k.location_id')}, k.location_id, k.batch_id, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 FROM complaints k
  )
  SELECT day, location_id, batch_id, ${COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
    FROM raw WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR location_id = ?3)
   GROUP BY day, location_id, batch_id
  HAVING ${COUNT_COLUMNS.map((c) => `SUM(${c}) <> 0`).join(' OR ')}`;

const RECOMPUTE_REASONS = `
  SELECT ${dayExpr('k.created_at', 'k.location_id')} AS day, k.location_id, k.batch_id, k.reason_id, COUNT(*) AS complaints
    FROM complaints k WHERE ${dayExpr('k.created_at', 'k.location_id')} BETWEEN ?1 AND ?2 AND (?3 IS NULL OR k.location_id = ?3)
   GROUP BY 1, 2, 3, 4`;

const RECOMPUTE_REVIEWS = `
  SELECT day, location_id, SUM(positive) AS positive, SUM(total) AS total, SUM(rating_sum) AS rating_sum, SUM(rating_n) AS rating_n
    FROM (SELECT day, location_id, rating >= 4 AS positive, 1 AS total, rating * rating_exact AS rating_sum, rating_exact AS rating_n
            FROM reviews WHERE counted = 1
          UNION ALL
          SELECT day, location_id, positive, COALESCE(total, positive),
                 CASE WHEN total IS NOT NULL AND average_rating IS NOT NULL THEN average_rating * total ELSE 0 END,
                 CASE WHEN total IS NOT NULL AND average_rating IS NOT NULL THEN total ELSE 0 END
            FROM review_counts)
   WHERE day BETWEEN ?1 AND ?2
   GROUP BY day, location_id
  HAVING SUM(total) <> 0`;

interface DailyReasonRow {
  day: string;
  location_id: number;
  batch_id: string;
  reason_id: number;
  complaints: number;
}

interface DailyReviewRow {
  day: string;
  location_id: number;
  positive: number;
  total: number;
  rating_sum: number;
  rating_n: number;
}

interface DailySnapshot {
  stats: DailyStatsRow[];
  reasons: DailyReasonRow[];
  reviews: DailyReviewRow[];
}

const ORDER_STATS = ' ORDER BY day, location_id, batch_id';

/** What the aggregates should hold for days from..to, recomputed from the raw rows. */
export async function recomputeDaily(db: D1Database, from: string, to: string): Promise<DailySnapshot> {
  const [stats, reasons, reviews] = await db.batch([
    db.prepare(`SELECT * FROM (${RECOMPUTE_STATS})${ORDER_STATS}`).bind(from, to, null),
    db
      .prepare(`SELECT * FROM (${RECOMPUTE_REASONS}) ORDER BY day, location_id, batch_id, reason_id`)
      .bind(from, to, null),
    db.prepare(`SELECT * FROM (${RECOMPUTE_REVIEWS}) ORDER BY day, location_id`).bind(from, to),
  ]);
  return {
    stats: stats!.results as DailyStatsRow[],
    reasons: reasons!.results as DailyReasonRow[],
    reviews: reviews!.results as DailyReviewRow[],
  };
}

/** What the aggregates hold for days from..to, leaving out rows that add up to nothing. */
export async function readDaily(db: D1Database, from: string, to: string): Promise<DailySnapshot> {
  const [stats, reasons, reviews] = await db.batch([
    db
      .prepare(
        `SELECT * FROM daily_stats WHERE day BETWEEN ?1 AND ?2 AND (${COUNT_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')})${ORDER_STATS}`,
      )
      .bind(from, to),
    db
      .prepare(
        'SELECT * FROM daily_reasons WHERE day BETWEEN ?1 AND ?2 AND complaints <> 0 ORDER BY day, location_id, batch_id, reason_id',
      )
      .bind(from, to),
    db
      .prepare('SELECT * FROM daily_reviews WHERE day BETWEEN ?1 AND ?2 AND total <> 0 ORDER BY day, location_id')
      .bind(from, to),
  ]);
  return {
    stats: stats!.results as DailyStatsRow[],
    reasons: reasons!.results as DailyReasonRow[],
    reviews: reviews!.results as DailyReviewRow[],
  };
}

/**
 * Rebuilds the aggregates from the raw rows in one transaction: all of them (repairs, imports done
 * without triggers), or one location's cards, scans and complaints after its time zone changed
 * (its reviews and orders are kept by the day they were entered for, so they stay).
 */
export async function rebuildDailyStats(db: D1Database, locationId: number | null = null): Promise<void> {
  const all = ['0000-01-01', '9999-12-31', locationId] as const;
  const where = locationId === null ? '' : ' WHERE location_id = ?1';
  await db.batch([
    db.prepare(`DELETE FROM daily_stats${where}`).bind(...(locationId === null ? [] : [locationId])),
    // Its rollup by location follows daily_stats through triggers; cleared too, in case it drifted.
    db.prepare(`DELETE FROM daily_location_stats${where}`).bind(...(locationId === null ? [] : [locationId])),
    db
      .prepare(`INSERT INTO daily_stats (day, location_id, batch_id, ${COUNT_COLUMNS.join(', ')}) ${RECOMPUTE_STATS}`)
      .bind(...all),
    db.prepare(`DELETE FROM monthly_location_reasons${where}`).bind(...(locationId === null ? [] : [locationId])),
    db.prepare(`DELETE FROM daily_location_reasons${where}`).bind(...(locationId === null ? [] : [locationId])),
    db.prepare(`DELETE FROM daily_reasons${where}`).bind(...(locationId === null ? [] : [locationId])),
    db
      .prepare(`INSERT INTO daily_reasons (day, location_id, batch_id, reason_id, complaints) ${RECOMPUTE_REASONS}`)
      .bind(...all),
    // The deployment's rollup follows daily_location_stats through triggers; summed afresh, in case it drifted.
    db.prepare('DELETE FROM daily_all_stats'),
    db.prepare(`INSERT INTO daily_all_stats (day, ${COUNT_COLUMNS.join(', ')})
                SELECT day, ${COUNT_COLUMNS.map((c) => `SUM(${c})`).join(', ')} FROM daily_location_stats GROUP BY day`),
    ...(locationId === null
      ? [
          // Response times are kept by UTC month, whatever the zones: rebuilt only in a full repair.
          db.prepare('DELETE FROM monthly_response_minutes'),
          db.prepare(
            `INSERT INTO monthly_response_minutes (month, location_id, minutes, complaints) ${RECOMPUTE_RESPONSE}`,
          ),
          db.prepare('DELETE FROM monthly_response_minutes_all'),
          db.prepare(`INSERT INTO monthly_response_minutes_all (month, minutes, complaints)
                      SELECT month, minutes, SUM(complaints) FROM monthly_response_minutes GROUP BY month, minutes`),
          db.prepare('DELETE FROM daily_reviews'),
          db
            .prepare(
              `INSERT INTO daily_reviews (day, location_id, positive, total, rating_sum, rating_n) ${RECOMPUTE_REVIEWS}`,
            )
            .bind(all[0], all[1]),
        ]
      : []),
  ]);
}

/** Times to first response by UTC month and whole minute, from the complaints (migrations/0023). */
const RECOMPUTE_RESPONSE = `SELECT strftime('%Y-%m', created_at / 1000, 'unixepoch') AS month, location_id,
         MAX(0, (first_response_at - created_at) / 60000) AS minutes, COUNT(*) AS complaints
    FROM complaints WHERE first_response_at IS NOT NULL GROUP BY 1, 2, 3`;

/**
 * Rows where the deployment's daily rollup, the reasons' rollup by location or the response-time
 * histograms differ from what the
 * rows beneath them give (rows that add up to nothing left out): none when all is well.
 */
export async function longPeriodRollupMismatches(db: D1Database): Promise<{ table: string; row: unknown }[]> {
  const both = (table: string, stored: string, recomputed: string) =>
    db.prepare(`SELECT '${table}' AS tbl, * FROM (SELECT * FROM (${stored}) EXCEPT SELECT * FROM (${recomputed}))
                UNION ALL SELECT '${table}' AS tbl, * FROM (SELECT * FROM (${recomputed}) EXCEPT SELECT * FROM (${stored}))`);
  const results = await db.batch([
    both(
      'daily_all_stats',
      `SELECT day, ${COUNT_COLUMNS.join(', ')} FROM daily_all_stats WHERE ${COUNT_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')}`,
      `SELECT day, ${COUNT_COLUMNS.map((c) => `SUM(${c})`).join(', ')} FROM daily_location_stats GROUP BY day
        HAVING ${COUNT_COLUMNS.map((c) => `SUM(${c}) <> 0`).join(' OR ')}`,
    ),
    both(
      'daily_location_reasons',
      'SELECT day, location_id, reason_id, complaints FROM daily_location_reasons WHERE complaints <> 0',
      'SELECT day, location_id, reason_id, SUM(complaints) AS complaints FROM daily_reasons GROUP BY 1, 2, 3 HAVING SUM(complaints) <> 0',
    ),
    both(
      'monthly_location_reasons',
      'SELECT month, location_id, reason_id, complaints FROM monthly_location_reasons WHERE complaints <> 0',
      'SELECT substr(day, 1, 7), location_id, reason_id, SUM(complaints) FROM daily_location_reasons GROUP BY 1, 2, 3 HAVING SUM(complaints) <> 0',
    ),
    both(
      'monthly_response_minutes',
      'SELECT month, location_id, minutes, complaints FROM monthly_response_minutes WHERE complaints <> 0',
      RECOMPUTE_RESPONSE,
    ),
    both(
      'monthly_response_minutes_all',
      'SELECT month, minutes, complaints FROM monthly_response_minutes_all WHERE complaints <> 0',
      `SELECT month, minutes, SUM(complaints) AS complaints FROM (${RECOMPUTE_RESPONSE}) GROUP BY 1, 2`,
    ),
  ]);
  return results.flatMap((r) => (r.results as { tbl: string }[]).map(({ tbl, ...row }) => ({ table: tbl, row })));
}

/** Rows where the rollup by location differs from summing daily_stats: none when all is well. */
export async function locationRollupMismatches(db: D1Database): Promise<unknown[]> {
  const sums = COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
  const { results } = await db
    .prepare(
      `SELECT * FROM (SELECT day, location_id, ${sums} FROM daily_stats GROUP BY day, location_id
                      EXCEPT SELECT day, location_id, ${COUNT_COLUMNS.join(', ')} FROM daily_location_stats)
       UNION ALL
       SELECT * FROM (SELECT day, location_id, ${COUNT_COLUMNS.join(', ')} FROM daily_location_stats
                      EXCEPT SELECT day, location_id, ${sums} FROM daily_stats GROUP BY day, location_id)`,
    )
    .all();
  return results;
}
