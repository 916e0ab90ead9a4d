/**
 * The visitor key: a keyed hash of IP and user agent, so repeated scans by one phone can be
 * told apart from scans by many, without storing the IP (which may be personal data under
 * 152-FZ). The key rotates every UTC day, so keys cannot be linked across days either:
 *
 *   dailyKey = HMAC-SHA256(secret, 'YYYY-MM-DD')
 *   visitor  = first 16 hex of HMAC-SHA256(dailyKey, ip + '\n' + userAgent)
 */

const encoder = new TextEncoder();
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

/** The UTC calendar day of `now` (unix ms), e.g. "2026-11-23". */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

async function hmac(keyBytes: BufferSource, message: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', keyBytes, HMAC, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, encoder.encode(message));
}

/** The day's key, derived from the deployment secret; cache it for the day. */
export async function dailyVisitorKey(secret: string, day: string): Promise<CryptoKey> {
  const bytes = await hmac(encoder.encode(secret), day);
  return crypto.subtle.importKey('raw', bytes, HMAC, false, ['sign']);
}

/** 16 hex characters (64 bits): plenty to count one business's visitors, too few to be a fingerprint. */
export async function visitorKey(dailyKey: CryptoKey, ip: string, userAgent: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', dailyKey, encoder.encode(`${ip}\n${userAgent}`)));
  let hex = '';
  for (const byte of mac.subarray(0, 8)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
