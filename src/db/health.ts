/** Scans that could not be stored, counted by UTC day (see migrations/0002_scans.sql). */

export async function countScanLogFailure(db: D1Database, day: string, error: string, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO scan_log_failures (day, failures, last_error, last_at) VALUES (?1, 1, ?2, ?3)
       ON CONFLICT (day) DO UPDATE SET failures = failures + 1, last_error = excluded.last_error, last_at = excluded.last_at`,
    )
    .bind(day, error.slice(0, 500), now)
    .run();
}

/** Lost scans from `fromDay` ('YYYY-MM-DD', inclusive) on. */
export async function scanLogFailuresSince(db: D1Database, fromDay: string): Promise<number> {
  const row = await db
    .prepare('SELECT COALESCE(SUM(failures), 0) AS n FROM scan_log_failures WHERE day >= ?1')
    .bind(fromDay)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
