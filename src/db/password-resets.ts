/**
 * Password reset links: an owner (or the command line, see scripts/reset-password.mjs) issues one
 * for a person; only the token's SHA-256 is stored; it works once, for 24 hours.
 */

export interface PasswordReset {
  id: string;
  userId: string;
  email: string;
  expiresAt: number;
}

const LIVE = 'r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > ?2';

/**
 * Stores a new link for a person and revokes their earlier unused ones in one transaction, so
 * only the newest link works. Returns false when the person does not exist or is disabled.
 */
export async function insertPasswordReset(
  db: D1Database,
  reset: { id: string; tokenHash: string; userId: string; createdBy: string | null; expiresAt: number },
  now: number,
): Promise<boolean> {
  const [, inserted] = await db.batch([
    db
      .prepare(
        'UPDATE password_resets SET revoked_at = ?2 WHERE user_id = ?1 AND used_at IS NULL AND revoked_at IS NULL',
      )
      .bind(reset.userId, now),
    db
      .prepare(
        `INSERT INTO password_resets (id, token_hash, user_id, created_by, created_at, expires_at)
         SELECT ?1, ?2, id, ?4, ?5, ?6 FROM users WHERE id = ?3 AND disabled_at IS NULL`,
      )
      .bind(reset.id, reset.tokenHash, reset.userId, reset.createdBy, now, reset.expiresAt),
  ]);
  return (inserted?.meta.changes ?? 0) > 0;
}

/** A link that can still be used: not used, not revoked, not expired, its person active. */
export async function getLivePasswordReset(
  db: D1Database,
  tokenHash: string,
  now: number,
): Promise<PasswordReset | null> {
  return db
    .prepare(
      `SELECT r.id, r.user_id AS userId, u.email, r.expires_at AS expiresAt
         FROM password_resets r JOIN users u ON u.id = r.user_id
        WHERE r.token_hash = ?1 AND ${LIVE} AND u.disabled_at IS NULL`,
    )
    .bind(tokenHash, now)
    .first<PasswordReset>();
}

/**
 * Sets the new password, ends every session of that person, forgets their devices and spends the
 * link, all in one transaction and all conditioned on the link being live, so two tabs racing on
 * one link change the password once and a spent link ends nobody's sessions. Returns the person's
 * id, or null when the link was no longer live.
 */
export async function usePasswordReset(
  db: D1Database,
  tokenHash: string,
  passwordHash: string,
  now: number,
): Promise<string | null> {
  const person = `(SELECT r.user_id FROM password_resets r WHERE r.token_hash = ?1 AND ${LIVE})`;
  const [updated, , , , spent] = await db.batch([
    db
      .prepare(
        `UPDATE users SET password_hash = ?3, password_changed_at = ?2 WHERE id = ${person} AND disabled_at IS NULL`,
      )
      .bind(tokenHash, now, passwordHash),
    db.prepare(`DELETE FROM sessions WHERE user_id = ${person}`).bind(tokenHash, now),
    db.prepare(`DELETE FROM login_devices WHERE user_id = ${person}`).bind(tokenHash, now),
    db
      .prepare(
        `UPDATE password_resets SET revoked_at = ?2 WHERE user_id = ${person} AND token_hash != ?1 AND used_at IS NULL AND revoked_at IS NULL`,
      )
      .bind(tokenHash, now),
    db
      .prepare(
        'UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2 RETURNING user_id AS userId',
      )
      .bind(tokenHash, now),
  ]);
  if ((updated?.meta.changes ?? 0) === 0) return null;
  return (spent?.results[0] as { userId: string } | undefined)?.userId ?? null;
}
