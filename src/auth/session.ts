import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { deleteSession, getSession, insertSession } from '../db/sessions';
import type { AppEnv } from '../env';
import { cookieName, secureCookies } from './cookies';
import { randomToken, sha256Hex } from './crypto';

const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** `__Host-` binds the cookie to this exact origin over https; only development over http uses a plain name. */
function sessionCookieName(c: Context<AppEnv>): string {
  return cookieName(c, 'sid');
}

export async function startSession(c: Context<AppEnv>, userId: string, now: number): Promise<void> {
  const id = randomToken(32);
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(c.env.DB, { idHash: await sha256Hex(id), userId, csrfToken: randomToken(24), expiresAt }, now);
  setCookie(c, sessionCookieName(c), id, {
    path: '/',
    httpOnly: true,
    secure: secureCookies(c),
    sameSite: 'Lax',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Reads the session cookie; sets `actor` and `csrfToken` when the session is live. */
export async function loadSession(c: Context<AppEnv>, now: number): Promise<boolean> {
  const id = getCookie(c, sessionCookieName(c));
  if (!id || id.length > 100) return false;
  const session = await getSession(c.env.DB, await sha256Hex(id), now);
  if (!session) return false;
  c.set('actor', { kind: 'user', id: session.userId, label: session.email, role: session.role });
  c.set('csrfToken', session.csrfToken);
  return true;
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const id = getCookie(c, sessionCookieName(c));
  if (id) await deleteSession(c.env.DB, await sha256Hex(id));
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: secureCookies(c) });
}
