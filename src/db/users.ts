import type { Role } from '../env';

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
