/** The location a person last printed for, so the print page opens on it. */
export async function lastPrintLocation(db: D1Database, userId: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT l.slug FROM print_choices p JOIN locations l ON l.id = p.location_id
        WHERE p.user_id = ?1 AND l.archived_at IS NULL`,
    )
    .bind(userId)
    .first<{ slug: string }>();
  return row?.slug ?? null;
}

export async function rememberPrintLocation(
  db: D1Database,
  userId: string,
  locationId: number,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO print_choices (user_id, location_id, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (user_id) DO UPDATE SET location_id = excluded.location_id, updated_at = excluded.updated_at`,
    )
    .bind(userId, locationId, now)
    .run();
}
