import type { Role } from '../auth/roles';

interface SessionWithUser {
  userId: string;
  email: string;
  role: Role;
  csrfToken: string;
  expiresAt: number;
}

export async function insertSession(
  db: D1Database,
  session: { idHash: string; userId: string; csrfToken: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db
    .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(session.idHash, session.userId, session.csrfToken, now, session.expiresAt)
    .run();
}

/** The live session for a hashed id, with its user; expired sessions and disabled users give null. */
export async function getSession(db: D1Database, idHash: string, now: number): Promise<SessionWithUser | null> {
  return db
    .prepare(
      `SELECT s.user_id AS userId, u.email AS email, u.role AS role, s.csrf_token AS csrfToken,
              s.expires_at AS expiresAt
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.disabled_at IS NULL`,
    )
    .bind(idHash, now)
    .first<SessionWithUser>();
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare('DELETE FROM sessions WHERE id_hash = ?1').bind(idHash).run();
}

/** Housekeeping for the cron: expired sessions are useless and only take space. */
export async function deleteExpiredSessions(db: D1Database, now: number): Promise<number> {
  const result = await db.prepare('DELETE FROM sessions WHERE expires_at <= ?1').bind(now).run();
  return result.meta.changes ?? 0;
}
