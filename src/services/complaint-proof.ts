import { constantTimeEqual, hmacSha256Hex, randomToken } from '../auth/crypto';
import { LIMITS } from '../domain/complaints';
import type { Bindings } from '../env';

/**
 * Who may see and add to a complaint from the public pages: the phone that made it. The first
 * tap sets a signed cookie naming the complaint (scoped to the card's pages); the keyed visitor
 * hash stored with the complaint is the second proof, for a browser that keeps no cookies. A
 * complaint id in a URL alone proves nothing, so a card passed from hand to hand (a courier's)
 * does not open its earlier customer's complaint.
 *
 * The route reads and sets the cookie; this module only signs and checks its value.
 */

export const COMPLAINT_COOKIE = 'si_complaint';

export interface ProvenComplaint {
  id: string;
  createdAt: number;
}

/** The cookie to set: its value and the options `setCookie` takes. */
interface ProofCookie {
  name: string;
  value: string;
  options: { path: string; httpOnly: true; secure: boolean; sameSite: 'Lax'; maxAge: number };
}

let isolateSecret: string | undefined;

/** Without APP_SECRET a random secret per isolate: the cookie then holds only there, and the visitor hash still works. */
function secretOf(env: Pick<Bindings, 'APP_SECRET'>): string {
  if (env.APP_SECRET) return env.APP_SECRET;
  isolateSecret ??= randomToken(32);
  return isolateSecret;
}

const macOf = (secret: string, code: string, id: string, createdAt: number) =>
  hmacSha256Hex(secret, `complaint|${code}|${id}|${createdAt}`);

/**
 * The cookie that lets this browser come back to its complaint for the details window, scoped to
 * the card's pages; `secure` when the page was served over https.
 */
export async function complaintCookie(
  env: Pick<Bindings, 'APP_SECRET'>,
  code: string,
  id: string,
  createdAt: number,
  secure: boolean,
): Promise<ProofCookie> {
  const mac = await macOf(secretOf(env), code, id, createdAt);
  return {
    name: COMPLAINT_COOKIE,
    value: `${id}.${createdAt}.${mac}`,
    options: { path: `/c/${code}`, httpOnly: true, secure, sameSite: 'Lax', maxAge: LIMITS.detailsWindowMs / 1000 },
  };
}

/** The complaint the browser's cookie (`raw`, the value of COMPLAINT_COOKIE) names for this card, if the signature holds. */
export async function provenComplaint(
  env: Pick<Bindings, 'APP_SECRET'>,
  code: string,
  raw: string | undefined,
): Promise<ProvenComplaint | null> {
  const parts = raw ? /^([\w-]{8,32})\.(\d{1,15})\.([0-9a-f]{64})$/.exec(raw) : null;
  if (!parts) return null;
  const [, id, at, mac] = parts as unknown as [string, string, string, string];
  const createdAt = Number(at);
  return constantTimeEqual(mac, await macOf(secretOf(env), code, id, createdAt)) ? { id, createdAt } : null;
}
