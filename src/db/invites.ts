import type { Role } from '../auth/roles';
import type { Invite } from '../auth/accounts';

const COLUMNS = `id, email, role, created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt`;

export async function insertInvite(
  db: D1Database,
  invite: { id: string; tokenHash: string; email: string; role: Role; createdBy: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO invites (id, token_hash, email, role, created_by, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(invite.id, invite.tokenHash, invite.email, invite.role, invite.createdBy, now, invite.expiresAt)
    .run();
}

/** An invite that can still be accepted: not used, not revoked, not expired. */
export async function getLiveInvite(db: D1Database, tokenHash: string, now: number): Promise<Invite | null> {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM invites WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<Invite>();
}

/** Invites waiting to be accepted, for the people page. */
export async function listPendingInvites(db: D1Database, now: number): Promise<Invite[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM invites WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > ?1 ORDER BY created_at DESC`,
    )
    .bind(now)
    .all<Invite>();
  return results;
}

export async function revokeInvite(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare('UPDATE invites SET revoked_at = ?2 WHERE id = ?1 AND used_at IS NULL').bind(id, now).run();
}

/**
 * Creates the invited user and spends the invite in one transaction. The user row is copied
 * from a live invite only, so two tabs racing on one link create one account at most.
 * Returns false when the invite was no longer live.
 */
export async function acceptInvite(
  db: D1Database,
  accept: { tokenHash: string; userId: string; name: string; passwordHash: string },
  now: number,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO users (id, email, name, role, password_hash, password_changed_at, created_at)
         SELECT ?2, email, ?3, role, ?4, ?5, ?5 FROM invites
          WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?5`,
      )
      .bind(accept.tokenHash, accept.userId, accept.name, accept.passwordHash, now),
    db
      .prepare(
        'UPDATE invites SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2',
      )
      .bind(accept.tokenHash, now),
  ]);
  return (inserted?.meta.changes ?? 0) > 0;
}
