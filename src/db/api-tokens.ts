import type { Role } from '../auth/roles';
import type { ApiTokenSummary } from '../auth/accounts';

interface ApiTokenIdentity {
  id: string;
  name: string;
  role: Role;
}

/** "Last used" is shown to the minute, so a busy CRM does not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Finds a live token by its hash and records when it was last used (at most once a minute). */
export async function useApiToken(db: D1Database, tokenHash: string, now: number): Promise<ApiTokenIdentity | null> {
  const token = await db
    .prepare(
      'SELECT id, name, role, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL',
    )
    .bind(tokenHash)
    .first<ApiTokenIdentity & { lastUsedAt: number | null }>();
  if (!token) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    await db.prepare('UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1').bind(token.id, now).run();
  }
  return { id: token.id, name: token.name, role: token.role };
}

export async function insertApiToken(
  db: D1Database,
  token: { id: string; name: string; tokenHash: string; role: Role; createdBy: string | null },
  now: number,
): Promise<void> {
  await db
    .prepare(
      'INSERT INTO api_tokens (id, name, token_hash, role, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(token.id, token.name, token.tokenHash, token.role, token.createdBy, now)
    .run();
}

/** Live tokens first, newest first; the hash never leaves the database. */
export async function listApiTokens(db: D1Database): Promise<ApiTokenSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.name, t.role, COALESCE(u.email, t.created_by) AS createdBy, t.created_at AS createdAt,
              t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
         FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
        ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
    )
    .all<ApiTokenSummary>();
  return results;
}

/** Returns false when there was no live token with this id. */
export async function revokeApiToken(db: D1Database, id: string, now: number): Promise<boolean> {
  const result = await db
    .prepare('UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL')
    .bind(id, now)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
