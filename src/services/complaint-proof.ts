import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { constantTimeEqual, hmacSha256Hex, randomToken } from '../auth/crypto';
import { LIMITS } from '../domain/complaints';
import type { AppEnv } from '../env';

/**
 * Who may see and add to a complaint from the public pages: the phone that made it. The first
 * tap sets a signed cookie naming the complaint (scoped to the card's pages); the keyed visitor
 * hash stored with the complaint is the second proof, for a browser that keeps no cookies. A
 * complaint id in a URL alone proves nothing, so a card passed from hand to hand (a courier's)
 * does not open its earlier customer's complaint.
 */

const COOKIE = 'si_complaint';

export interface ProvenComplaint {
  id: string;
  createdAt: number;
}

let isolateSecret: string | undefined;

/** Without APP_SECRET a random secret per isolate: the cookie then holds only there, and the visitor hash still works. */
function secretOf(c: Context<AppEnv>): string {
  if (c.env.APP_SECRET) return c.env.APP_SECRET;
  isolateSecret ??= randomToken(32);
  return isolateSecret;
}

const macOf = (secret: string, code: string, id: string, createdAt: number) => hmacSha256Hex(secret, `complaint|${code}|${id}|${createdAt}`);

/** Sets the cookie that lets this browser come back to its complaint for the details window. */
export async function rememberComplaint(c: Context<AppEnv>, code: string, id: string, createdAt: number): Promise<void> {
  const mac = await macOf(secretOf(c), code, id, createdAt);
  setCookie(c, COOKIE, `${id}.${createdAt}.${mac}`, {
    path: `/c/${code}`,
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    maxAge: LIMITS.detailsWindowMs / 1000,
  });
}

/** The complaint this browser's cookie names for this card, if the signature holds. */
export async function provenComplaint(c: Context<AppEnv>, code: string): Promise<ProvenComplaint | null> {
  const raw = getCookie(c, COOKIE);
  const parts = raw ? /^([\w-]{8,32})\.(\d{1,15})\.([0-9a-f]{64})$/.exec(raw) : null;
  if (!parts) return null;
  const [, id, at, mac] = parts as unknown as [string, string, string, string];
  const createdAt = Number(at);
  return constantTimeEqual(mac, await macOf(secretOf(c), code, id, createdAt)) ? { id, createdAt } : null;
}
