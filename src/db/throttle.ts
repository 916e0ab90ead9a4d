/** Sign-in attempt counters: one row per hashed account, hashed visitor or hashed device. */

export interface ThrottleRule {
  /** Attempts allowed within `windowMs` before the key is locked. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** A window that has passed and no lock still running: the key starts over. */
const FRESH = '(window_start <= ?2 - ?3 AND (locked_until IS NULL OR locked_until <= ?2))';

/**
 * Counts one sign-in attempt atomically, before any password is checked, so parallel guesses
 * cannot slip past the limit: the attempt is allowed only while the count is within the limit
 * and no lock runs; the first attempt past the limit locks the key for `lockMs`.
 */
export async function takeAttempt(
  db: D1Database,
  key: string,
  rule: ThrottleRule,
  now: number,
): Promise<{ allowed: boolean; lockedUntil: number | null }> {
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (key, failures, window_start, locked_until)
       VALUES (?1, 1, ?2, CASE WHEN 1 > ?4 THEN ?2 + ?5 END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${FRESH} THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN ${FRESH} THEN ?2 ELSE window_start END,
         locked_until = CASE
           WHEN ${FRESH} THEN NULL
           WHEN locked_until > ?2 THEN locked_until
           WHEN failures + 1 > ?4 THEN ?2 + ?5
           ELSE locked_until END
       RETURNING failures, locked_until AS lockedUntil`,
    )
    .bind(key, now, rule.windowMs, rule.limit, rule.lockMs)
    .first<{ failures: number; lockedUntil: number | null }>();
  const lockedUntil =
    row?.lockedUntil !== null && row?.lockedUntil !== undefined && row.lockedUntil > now ? row.lockedUntil : null;
  return { allowed: lockedUntil === null && (row?.failures ?? 1) <= rule.limit, lockedUntil };
}

/** Gives back one attempt that turned out to be a success (never lifts a lock). */
export async function refundAttempt(db: D1Database, key: string): Promise<void> {
  await db.prepare('UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE key = ?1').bind(key).run();
}

export async function clearThrottle(db: D1Database, key: string): Promise<void> {
  await db.prepare('DELETE FROM login_throttle WHERE key = ?1').bind(key).run();
}

/** Housekeeping for the cron: rows whose window and lock are both over. */
export async function deleteStaleThrottles(db: D1Database, olderThan: number): Promise<void> {
  await db
    .prepare('DELETE FROM login_throttle WHERE window_start < ?1 AND (locked_until IS NULL OR locked_until < ?1)')
    .bind(olderThan)
    .run();
}
