import type { Role } from '../auth/roles';
import type { UserSummary } from '../auth/accounts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  passwordChangedAt: number;
  disabledAt: number | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  password_changed_at: number;
  disabled_at: number | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    disabledAt: row.disabled_at,
  };
}

export async function getUserByEmail(db: D1Database, email: string): Promise<User | null> {
  const row = await db.prepare('SELECT * FROM users WHERE email = ?1').bind(email.trim()).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function getUser(db: D1Database, id: string): Promise<User | null> {
  const row = await db.prepare('SELECT * FROM users WHERE id = ?1').bind(id).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function countOwners(db: D1Database): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'owner' AND disabled_at IS NULL")
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function insertUser(
  db: D1Database,
  user: { id: string; email: string; name: string; role: Role; passwordHash: string },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO users (id, email, name, role, password_hash, password_changed_at, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)`,
    )
    .bind(user.id, user.email.trim(), user.name, user.role, user.passwordHash, now)
    .run();
}

export async function listUsers(db: D1Database): Promise<UserSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT id, email, name, role, created_at AS createdAt, disabled_at AS disabledAt
         FROM users ORDER BY disabled_at IS NOT NULL, role = 'staff', role = 'manager', email`,
    )
    .all<UserSummary>();
  return results;
}

/** True when someone other than `id` is an active owner: the guard that keeps one owner at least. */
const ANOTHER_OWNER = `EXISTS (SELECT 1 FROM users o WHERE o.role = 'owner' AND o.disabled_at IS NULL AND o.id != ?1)`;

/**
 * Changes a role unless that would leave no active owner; the check and the write are one
 * statement, so two owners demoting each other at once cannot both succeed.
 */
export async function setUserRole(db: D1Database, id: string, role: Role): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE users SET role = ?2 WHERE id = ?1 AND (role != 'owner' OR ?2 = 'owner' OR disabled_at IS NOT NULL OR ${ANOTHER_OWNER})`,
    )
    .bind(id, role)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

const IS_DISABLED = 'EXISTS (SELECT 1 FROM users WHERE id = ?1 AND disabled_at IS NOT NULL)';

/**
 * Disables an account (never the last active owner) and, in the same transaction, ends its
 * sessions, forgets its devices and revokes the API tokens it created (enabling it again brings
 * none of them back).
 */
export async function disableUser(db: D1Database, id: string, now: number): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE users SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL AND (role != 'owner' OR ${ANOTHER_OWNER})`,
      )
      .bind(id, now),
    db.prepare(`DELETE FROM sessions WHERE user_id = ?1 AND ${IS_DISABLED}`).bind(id),
    db.prepare(`DELETE FROM login_devices WHERE user_id = ?1 AND ${IS_DISABLED}`).bind(id),
    db
      .prepare(`UPDATE api_tokens SET revoked_at = ?2 WHERE created_by = ?1 AND revoked_at IS NULL AND ${IS_DISABLED}`)
      .bind(id, now),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

export async function enableUser(db: D1Database, id: string): Promise<void> {
  await db.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?1').bind(id).run();
}

/**
 * A new password ends every session of the account and forgets its devices, so a stolen cookie
 * dies with the old password.
 */
export async function changePassword(db: D1Database, id: string, passwordHash: string, now: number): Promise<void> {
  await db.batch([
    db
      .prepare('UPDATE users SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1')
      .bind(id, passwordHash, now),
    db.prepare('DELETE FROM sessions WHERE user_id = ?1').bind(id),
    db.prepare('DELETE FROM login_devices WHERE user_id = ?1').bind(id),
  ]);
}

/**
 * Creates the first owner only while the deployment has none, so a replayed setup form
 * cannot add a second owner. Returns false when an owner already existed.
 */
export async function insertFirstOwner(
  db: D1Database,
  user: { id: string; email: string; name: string; passwordHash: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO users (id, email, name, role, password_hash, password_changed_at, created_at)
       SELECT ?1, ?2, ?3, 'owner', ?4, ?5, ?5
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'owner')`,
    )
    .bind(user.id, user.email.trim(), user.name, user.passwordHash, now)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

export async function countAnyOwners(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'owner'").first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * A person's own name and e-mail. The e-mail is unique (case-insensitively): the check is the
 * column's constraint, so two people taking one address at once cannot both succeed. Returns
 * false when another account has that e-mail.
 */
export async function updateProfile(
  db: D1Database,
  id: string,
  profile: { name: string; email: string },
): Promise<boolean> {
  const result = await db
    .prepare('UPDATE OR IGNORE users SET name = ?2, email = ?3 WHERE id = ?1')
    .bind(id, profile.name, profile.email)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
