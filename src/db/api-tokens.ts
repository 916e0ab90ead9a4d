import type { Role } from '../env';

export interface ApiTokenIdentity {
  id: string;
  name: string;
  role: Role;
}

/** Finds a live token by its hash and records when it was last used. */
export async function useApiToken(db: D1Database, tokenHash: string, now: number): Promise<ApiTokenIdentity | null> {
  const token = await db
    .prepare('SELECT id, name, role FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash)
    .first<ApiTokenIdentity>();
  if (!token) return null;
  await db.prepare('UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1').bind(token.id, now).run();
  return token;
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
