/** Remembered sign-in devices: hashed random ids bound to one person. */

export async function insertDevice(
  db: D1Database,
  device: { idHash: string; userId: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db
    .prepare('INSERT INTO login_devices (id_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)')
    .bind(device.idHash, device.userId, now, device.expiresAt)
    .run();
}

/** True when the hashed id is a live device of this person (a disabled person has none). */
export async function isDeviceOf(db: D1Database, idHash: string, userId: string, now: number): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS ok FROM login_devices WHERE id_hash = ?1 AND user_id = ?2 AND expires_at > ?3')
    .bind(idHash, userId, now)
    .first<{ ok: number }>();
  return row !== null;
}

/** Housekeeping for the cron. */
export async function deleteExpiredDevices(db: D1Database, now: number): Promise<void> {
  await db.prepare('DELETE FROM login_devices WHERE expires_at <= ?1').bind(now).run();
}
