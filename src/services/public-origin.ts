import { allowsPlainHttp } from '../auth/cookies';
import type { Bindings } from '../env';

// Apart from printing.ts, so that the public complaint page can name the origin without loading PDF drawing.

/**
 * The origin printed in QR codes and notification links: PUBLIC_ORIGIN, or, only in
 * development, the one the request came to. Elsewhere the Host header is never trusted: null.
 */
export function publicOrigin(env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'APP_ENV'>, requestUrl: string): string | null {
  const configured = env.PUBLIC_ORIGIN?.trim();
  if (configured) return configured;
  return allowsPlainHttp(env) ? new URL(requestUrl).origin : null;
}
