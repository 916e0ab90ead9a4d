import type { Context } from 'hono';
import type { AppEnv, Bindings } from '../env';

/** Only a development run may use plain http; every other APP_ENV (production, test) is https-only. */
export function allowsPlainHttp(env: Pick<Bindings, 'APP_ENV'>): boolean {
  return env.APP_ENV === 'development';
}

/**
 * Cookies are `Secure` with the `__Host-` prefix (this exact origin, path /, no Domain) except
 * in development over plain http. Decided by APP_ENV, never by the protocol a request claims.
 */
export function secureCookies(c: Context<AppEnv>): boolean {
  return !(allowsPlainHttp(c.env) && new URL(c.req.url).protocol === 'http:');
}

/** The name a cookie goes by here: `__Host-<base>` wherever cookies are secure. */
export function cookieName(c: Context<AppEnv>, base: string): string {
  return secureCookies(c) ? `__Host-${base}` : base;
}
