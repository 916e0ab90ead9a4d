/** Failed-login counters: one row per hashed account or hashed visitor. */

export interface ThrottleRule {
  /** Failures allowed within `windowMs` before the key is locked. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** When the key is locked, the time it opens again; otherwise null. */
export async function lockedUntil(db: D1Database, key: string, now: number): Promise<number | null> {
  const row = await db
    .prepare('SELECT locked_until AS lockedUntil FROM login_throttle WHERE key = ?1 AND locked_until > ?2')
    .bind(key, now)
    .first<{ lockedUntil: number }>();
  return row?.lockedUntil ?? null;
}

/**
 * Counts one failure atomically (parallel guesses cannot slip past the limit): a window that
 * has passed starts over; the failure that reaches the limit locks the key.
 */
export async function recordFailure(db: D1Database, key: string, rule: ThrottleRule, now: number): Promise<{ failures: number; lockedUntil: number | null }> {
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (key, failures, window_start, locked_until)
       VALUES (?1, 1, ?2, CASE WHEN ?4 <= 1 THEN ?2 + ?5 END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END,
         locked_until = CASE
           WHEN window_start > ?2 - ?3 AND failures + 1 >= ?4 THEN ?2 + ?5
           ELSE locked_until END
       RETURNING failures, locked_until AS lockedUntil`,
    )
    .bind(key, now, rule.windowMs, rule.limit, rule.lockMs)
    .first<{ failures: number; lockedUntil: number | null }>();
  return row ?? { failures: 1, lockedUntil: null };
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
