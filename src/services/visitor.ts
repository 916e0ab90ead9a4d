import type { Bindings } from '../env';
import { dailyVisitorKey, utcDay, visitorKey } from '../domain/visitor';

/**
 * The one visitor key of the app, for scans and complaints alike (domain/visitor.ts says how it
 * is made): what the request's IP and user agent become before anything is stored.
 */

/** What a request tells about the phone behind it; read in the route, never stored as such. */
export interface Visit {
  ip: string;
  userAgent: string;
}

/** The phone behind a request: its `cf-connecting-ip` and user agent (empty when absent). */
export function visitOf(request: Request): Visit {
  return { ip: request.headers.get('cf-connecting-ip') ?? '', userAgent: request.headers.get('user-agent') ?? '' };
}

// One daily key per isolate: deriving it costs an HMAC and a key import.
let cachedKey: { secret: string; day: string; key: Promise<CryptoKey> } | undefined;

/** The visitor key of `visit` on the UTC day of `now`. */
export function visitorOf(env: Pick<Bindings, 'APP_SECRET'>, visit: Visit, now: number): Promise<string> {
  const secret = env.APP_SECRET || isolateSecret();
  const day = utcDay(now);
  if (!cachedKey || cachedKey.day !== day || cachedKey.secret !== secret) {
    cachedKey = { secret, day, key: dailyVisitorKey(secret, day) };
  }
  return cachedKey.key.then((key) => visitorKey(key, visit.ip, visit.userAgent));
}

let fallbackSecret: string | undefined;

/**
 * Without APP_SECRET, a random secret per isolate. Acceptable because visitor keys only need
 * to be stable for a day (repeat scans) or an hour (the complaint limits), and are never
 * reversed: the cost is that one phone seen by two isolates counts as two visitors (an
 * overcount of unique visitors, and complaint limits held per isolate), and no IP ever becomes
 * recoverable, as it would be under a well-known key. The owner is told once per isolate.
 */
function isolateSecret(): string {
  if (!fallbackSecret) {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    fallbackSecret = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    console.error(
      'APP_SECRET is not set: visitor keys use a per-isolate secret; set it with `wrangler secret put APP_SECRET`',
    );
  }
  return fallbackSecret;
}
