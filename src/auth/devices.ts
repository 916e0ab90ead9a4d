import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { insertDevice, isDeviceOf } from '../db/devices';
import type { AppEnv } from '../env';
import { cookieName, secureCookies } from './cookies';
import { randomToken, sha256Hex } from './crypto';

const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The hashed id of this browser's remembered device when it belongs to `userId`, else null.
 * The cookie holds a random id; D1 keeps only its hash, bound to one person, so a cookie cannot
 * be forged or moved to another account, and a new password or disabling forgets it.
 */
export async function knownDevice(c: Context<AppEnv>, userId: string | undefined, now: number): Promise<string | null> {
  const id = getCookie(c, cookieName(c, 'device'));
  if (!userId || !id || id.length > 100) return null;
  const idHash = await sha256Hex(id);
  return (await isDeviceOf(c.env.DB, idHash, userId, now)) ? idHash : null;
}

/** Remembers this browser as a device `userId` signed in from (replacing another person's). */
export async function rememberDevice(c: Context<AppEnv>, userId: string, now: number): Promise<void> {
  const id = randomToken(32);
  await insertDevice(c.env.DB, { idHash: await sha256Hex(id), userId, expiresAt: now + DEVICE_TTL_MS }, now);
  setCookie(c, cookieName(c, 'device'), id, {
    path: '/',
    httpOnly: true,
    secure: secureCookies(c),
    sameSite: 'Lax',
    maxAge: DEVICE_TTL_MS / 1000,
  });
}
