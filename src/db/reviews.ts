import type { ReviewCountInput } from '../domain/review-import';
import type { ReviewCountEntry, OrdersEntry, ReviewSource, LastReceived, CountOverlap } from '../domain/reviews';

/** Reviews and orders the owner records: quick-form entries, imported reviews, orders per day. */

/**
 * A quick-form count. `platform` says where its reviews were left (the location's primary platform
 * by default): overlaps with reviews that arrived by themselves are matched on it. A count without
 * one (entered before counts had a platform) matches every platform of its location and days.
 */
export async function insertReviewCount(
  db: D1Database,
  locationId: number,
  input: ReviewCountInput,
  createdBy: string,
  now: number,
  platform: string | null = null,
): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO review_counts (location_id, period_start, day, positive, total, average_rating, created_by, created_at, platform)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id`,
    )
    .bind(
      locationId,
      input.from ?? input.day,
      input.day,
      input.positive,
      input.total,
      input.averageRating,
      createdBy,
      now,
      platform,
    )
    .first<{ id: number }>();
  return row!.id;
}

export async function listReviewCounts(db: D1Database, limit = 10): Promise<ReviewCountEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, l.name AS locationName, r.period_start AS "from", r.day, r.positive, r.total,
              r.average_rating AS averageRating, r.platform, r.created_by AS createdBy, r.created_at AS createdAt
         FROM review_counts r JOIN locations l ON l.id = r.location_id ORDER BY r.created_at DESC, r.id DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<ReviewCountEntry>();
  return results;
}

/** A mistaken entry is deleted (the aggregates follow through their trigger). */
export async function deleteReviewCount(db: D1Database, id: number): Promise<boolean> {
  const result = await db.prepare('DELETE FROM review_counts WHERE id = ?1').bind(id).run();
  return result.meta.changes > 0;
}

/** Which of these fingerprints are stored already. */
export async function existingFingerprints(db: D1Database, fingerprints: string[]): Promise<Set<string>> {
  if (fingerprints.length === 0) return new Set();
  const { results } = await db
    .prepare('SELECT fingerprint FROM reviews WHERE fingerprint IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(fingerprints))
    .all<{ fingerprint: string }>();
  return new Set(results.map((r) => r.fingerprint));
}

export interface NewReview {
  locationId: number;
  day: string;
  rating: number;
  platform: string;
  author: string | null;
  text: string | null;
  fingerprint: string;
}

/** All rows in one statement, so an import is stored whole or not at all. */
export async function insertReviews(
  db: D1Database,
  reviews: NewReview[],
  importedBy: string,
  now: number,
): Promise<number> {
  if (reviews.length === 0) return 0;
  const result = await insertReviewsStatement(db, reviews, importedBy, now).run();
  return result.meta.changes;
}

function insertReviewsStatement(
  db: D1Database,
  reviews: NewReview[],
  importedBy: string,
  now: number,
): D1PreparedStatement {
  const rows = JSON.stringify(
    reviews.map((r) => [r.locationId, r.day, r.rating, r.platform, r.author, r.text, r.fingerprint]),
  );
  return db
    .prepare(
      `INSERT OR IGNORE INTO reviews (location_id, day, rating, platform, author, text, fingerprint, imported_by, created_at)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, ?2, ?3 FROM json_each(?1)`,
    )
    .bind(rows, importedBy, now);
}

/** A quick-form count whose days some imported reviews fall on. */
export interface CoveringCount {
  id: number;
  locationId: number;
  locationName: string;
  from: string;
  day: string;
  positive: number;
}

/** The quick-form counts covering any of these location days (an import would count them twice). */
export async function countsCovering(
  db: D1Database,
  days: { locationId: number; day: string }[],
): Promise<CoveringCount[]> {
  if (days.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT rc.id, rc.location_id AS locationId, l.name AS locationName, rc.period_start AS "from", rc.day, rc.positive
         FROM review_counts rc JOIN locations l ON l.id = rc.location_id
        WHERE EXISTS (SELECT 1 FROM json_each(?1) j
                       WHERE rc.location_id = j.value ->> 0 AND (j.value ->> 1) BETWEEN rc.period_start AND rc.day)
        ORDER BY rc.day, rc.id`,
    )
    .bind(JSON.stringify(days.map((d) => [d.locationId, d.day])))
    .all<CoveringCount>();
  return results;
}

/** Imported reviews replace the quick-form counts of their days: both in one batch, never both counted. */
export async function insertReviewsReplacingCounts(
  db: D1Database,
  reviews: NewReview[],
  countIds: number[],
  importedBy: string,
  now: number,
): Promise<void> {
  await db.batch([
    db
      .prepare('DELETE FROM review_counts WHERE id IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(countIds)),
    insertReviewsStatement(db, reviews, importedBy, now),
  ]);
}

interface OrdersCount {
  locationId: number;
  day: string;
  count: number;
}

/** Orders per day; a day entered again replaces the earlier figure. One statement: all or nothing. */
export async function upsertOrdersCounts(
  db: D1Database,
  counts: OrdersCount[],
  updatedBy: string,
  now: number,
): Promise<void> {
  if (counts.length === 0) return;
  await db
    .prepare(
      `INSERT INTO orders_counts (location_id, day, count, updated_by, updated_at)
       SELECT value ->> 0, value ->> 1, value ->> 2, ?2, ?3 FROM json_each(?1) WHERE true
       ON CONFLICT (location_id, day) DO UPDATE SET count = excluded.count, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .bind(JSON.stringify(counts.map((c) => [c.locationId, c.day, c.count])), updatedBy, now)
    .run();
}

export async function listOrdersCounts(db: D1Database, limit = 14): Promise<OrdersEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT l.name AS locationName, o.day, o.count, o.updated_by AS updatedBy
         FROM orders_counts o JOIN locations l ON l.id = o.location_id ORDER BY o.updated_at DESC, o.day DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<OrdersEntry>();
  return results;
}

export const REVIEW_SOURCES: readonly ReviewSource[] = ['import', 'email', 'google'];

export interface StoredReview {
  id: number;
  locationSlug: string;
  locationName: string;
  day: string;
  rating: number;
  ratingExact: number;
  counted: number;
  platform: string;
  source: ReviewSource;
  sourceKey: string | null;
  createdAt: number;
  updatedAt: number | null;
}

interface ReviewFilter {
  from: string;
  to: string;
  locationId: number | null;
  source: ReviewSource | null;
  limit: number;
}

/** Stored reviews of every source, newest day first; author and text are not listed. */
export async function listStoredReviews(db: D1Database, filter: ReviewFilter): Promise<StoredReview[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, l.slug AS locationSlug, l.name AS locationName, r.day, r.rating, r.rating_exact AS ratingExact, r.counted,
              r.platform, r.source, r.source_key AS sourceKey, r.created_at AS createdAt, r.updated_at AS updatedAt
         FROM reviews r JOIN locations l ON l.id = r.location_id
        WHERE r.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR r.location_id = ?3) AND (?4 IS NULL OR r.source = ?4)
        ORDER BY r.day DESC, r.id DESC LIMIT ?5`,
    )
    .bind(filter.from, filter.to, filter.locationId, filter.source, filter.limit)
    .all<StoredReview>();
  return results;
}

/**
 * Per location and source, when the last review arrived (for e-mail: the last notification,
 * confirmed or not), so a forwarding rule that stopped working shows.
 */
export async function lastReceivedBySource(db: D1Database): Promise<LastReceived[]> {
  const { results } = await db
    .prepare(
      `SELECT x.location_id AS locationId, l.name AS locationName, x.source, MAX(x.at) AS lastAt
         FROM (SELECT location_id, source, MAX(created_at) AS at FROM reviews GROUP BY location_id, source
               UNION ALL
               SELECT location_id, 'email', MAX(received_at) FROM review_mails WHERE location_id IS NOT NULL GROUP BY location_id) x
         JOIN locations l ON l.id = x.location_id
        GROUP BY x.location_id, x.source ORDER BY l.name, x.source`,
    )
    .all<LastReceived>();
  return results;
}

/**
 * SQL for the `counted` of a review arriving by itself, from the `location_id`, `day` and
 * `platform` of the row source `from`: 0 when the owner let a quick-form count of that day and
 * platform (or of that day and no platform: an older count) stand instead, else 1.
 */
export const countedUnlessFormStands = (from: string) => `CASE WHEN EXISTS (SELECT 1 FROM review_counts rc
  WHERE rc.location_id = ${from}.location_id AND rc.stands = 'form' AND ${from}.day BETWEEN rc.period_start AND rc.day
    AND (rc.platform IS NULL OR rc.platform = ${from}.platform)) THEN 0 ELSE 1 END`;

/** Quick-form counts that cover days with reviews that arrived by themselves, not yet decided. */
export async function listCountOverlaps(db: D1Database, limit = 20): Promise<CountOverlap[]> {
  const { results } = await db
    .prepare(
      `SELECT rc.id, l.name AS locationName, rc.period_start AS "from", rc.day, rc.positive, rc.platform,
              COUNT(r.id) AS ingested, SUM(r.rating >= 4) AS ingestedPositive, GROUP_CONCAT(DISTINCT r.source) AS sources
         FROM review_counts rc JOIN locations l ON l.id = rc.location_id
         JOIN reviews r ON r.location_id = rc.location_id AND r.day BETWEEN rc.period_start AND rc.day AND r.source IN ('email', 'google')
                       AND (rc.platform IS NULL OR r.platform = rc.platform)
        WHERE rc.stands IS NULL
        GROUP BY rc.id ORDER BY rc.day DESC, rc.id DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<CountOverlap>();
  return results;
}

/**
 * The owner lets the quick-form count stand: the reviews that arrived by themselves for its
 * location, days and platform (any platform for an older count without one) stop counting (the aggregates follow through the update trigger), and so do
 * any that arrive later. False for an unknown entry.
 */
export async function letCountStand(db: D1Database, id: number): Promise<boolean> {
  const [mark] = await db.batch([
    db.prepare("UPDATE review_counts SET stands = 'form' WHERE id = ?1").bind(id),
    db
      .prepare(
        `UPDATE reviews SET counted = 0
          WHERE counted = 1 AND source IN ('email', 'google')
            AND EXISTS (SELECT 1 FROM review_counts rc WHERE rc.id = ?1 AND rc.location_id = reviews.location_id
                        AND reviews.day BETWEEN rc.period_start AND rc.day
                        AND (rc.platform IS NULL OR rc.platform = reviews.platform))`,
      )
      .bind(id),
  ]);
  return mark!.meta.changes > 0;
}
