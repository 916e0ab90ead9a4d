import type { GoogleReview } from '../domain/google-reviews';
import { countedUnlessFormStands } from './reviews';
import type { GoogleLocation } from '../domain/google';

/**
 * The Google Business Profile connection: its configuration and tokens (rows `google.*` of
 * `settings`; the client secret and the tokens sealed with APP_SECRET), the Google locations
 * and which of ours each is, and the reviews pulled from it.
 */

export interface GoogleState {
  clientId: string;
  /** Sealed (auth/crypto sealText); never shown back. */
  clientSecret: string;
  /** Empty: Google's own hosts. */
  apiBase: string;
  oauthBase: string;
  refreshToken: string;
  accessToken: string;
  accessTokenExpiresAt: number;
  /** The random state of a consent in progress and when it was made. */
  oauthState: string;
  lastSyncAt: number;
  backoffUntil: number;
  backoffSeconds: number;
  /** A fixed reason for the last failed sync ("HTTP 403", "refused address", ...), or empty. */
  lastError: string;
}

const DEFAULTS: GoogleState = {
  clientId: '',
  clientSecret: '',
  apiBase: '',
  oauthBase: '',
  refreshToken: '',
  accessToken: '',
  accessTokenExpiresAt: 0,
  oauthState: '',
  lastSyncAt: 0,
  backoffUntil: 0,
  backoffSeconds: 0,
  lastError: '',
};
const NUMERIC = new Set<keyof GoogleState>(['accessTokenExpiresAt', 'lastSyncAt', 'backoffUntil', 'backoffSeconds']);

export async function getGoogleState(db: D1Database): Promise<GoogleState> {
  const { results } = await db
    .prepare("SELECT key, value FROM settings WHERE key LIKE 'google.%'")
    .all<{ key: string; value: string }>();
  const state = { ...DEFAULTS };
  for (const row of results) {
    const key = row.key.slice('google.'.length) as keyof GoogleState;
    if (!(key in DEFAULTS)) continue;
    if (NUMERIC.has(key)) (state[key] as number) = Number(row.value) || 0;
    else (state[key] as string) = row.value;
  }
  return state;
}

export async function saveGoogleState(db: D1Database, changes: Partial<GoogleState>, now: number): Promise<void> {
  const statements = Object.entries(changes)
    .filter(([key, value]) => key in DEFAULTS && value !== undefined)
    .map(([key, value]) =>
      db
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .bind(`google.${key}`, String(value), now),
    );
  if (statements.length > 0) await db.batch(statements);
}

export async function listGoogleLocations(db: D1Database): Promise<GoogleLocation[]> {
  const { results } = await db
    .prepare(
      `SELECT g.name, g.title, g.location_id AS locationId, l.name AS locationName, COALESCE(l.time_zone, 'Europe/Moscow') AS timeZone, g.last_update_time AS lastUpdateTime,
              g.synced_at AS syncedAt, g.average_rating AS averageRating, g.total_review_count AS totalReviewCount
         FROM google_locations g LEFT JOIN locations l ON l.id = g.location_id ORDER BY g.title, g.name`,
    )
    .all<GoogleLocation>();
  return results;
}

/** The locations the account has now; a mapping already made is kept. */
export async function upsertGoogleLocations(
  db: D1Database,
  locations: { name: string; title: string }[],
): Promise<void> {
  if (locations.length === 0) return;
  await db
    .prepare(
      `INSERT INTO google_locations (name, title) SELECT value ->> 0, value ->> 1 FROM json_each(?1) WHERE true
       ON CONFLICT (name) DO UPDATE SET title = excluded.title`,
    )
    .bind(JSON.stringify(locations.map((l) => [l.name, l.title])))
    .run();
}

export async function mapGoogleLocation(db: D1Database, name: string, locationId: number | null): Promise<boolean> {
  const result = await db
    .prepare('UPDATE google_locations SET location_id = ?2 WHERE name = ?1')
    .bind(name, locationId)
    .run();
  return result.meta.changes > 0;
}

/**
 * Google reviews of one of our locations, each stored once by its review name; an edited review
 * updates its rating (the aggregates follow through their trigger). Returns how many rows changed.
 */
export async function upsertGoogleReviews(
  db: D1Database,
  locationId: number,
  reviews: (GoogleReview & { day: string })[],
  now: number,
): Promise<number> {
  if (reviews.length === 0) return 0;
  const result = await db
    .prepare(
      `INSERT INTO reviews (location_id, day, rating, platform, fingerprint, imported_by, created_at, source, source_key, counted)
       SELECT location_id, day, rating, 'google_maps', 'google:' || name, 'google', ?2, 'google', name, ${countedUnlessFormStands('g')}
         FROM (SELECT ?1 AS location_id, value ->> 0 AS name, value ->> 1 AS day, value ->> 2 AS rating, 'google_maps' AS platform FROM json_each(?3)) g WHERE true
       ON CONFLICT (fingerprint) DO UPDATE SET rating = excluded.rating, updated_at = ?2
        WHERE reviews.rating <> excluded.rating
       RETURNING id`,
    )
    .bind(locationId, now, JSON.stringify(reviews.map((r) => [r.name, r.day, r.rating])))
    .all();
  // Rows returned, not meta.changes: that also counts the aggregate triggers' writes.
  return result.results.length;
}

export async function recordGoogleSync(
  db: D1Database,
  name: string,
  sync: { lastUpdateTime: string | null; averageRating: number | null; totalReviewCount: number | null },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE google_locations SET last_update_time = COALESCE(?2, last_update_time), synced_at = ?3,
              average_rating = COALESCE(?4, average_rating), total_review_count = COALESCE(?5, total_review_count)
        WHERE name = ?1`,
    )
    .bind(name, sync.lastUpdateTime, now, sync.averageRating, sync.totalReviewCount)
    .run();
}

/** Disconnecting forgets the tokens and where each location's sync stood; mappings and reviews stay. */
export async function forgetGoogleTokens(db: D1Database, now: number): Promise<void> {
  await saveGoogleState(
    db,
    { refreshToken: '', accessToken: '', accessTokenExpiresAt: 0, oauthState: '', lastError: '' },
    now,
  );
}
