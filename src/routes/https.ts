import { createMiddleware } from 'hono/factory';
import { allowsPlainHttp } from '../auth/cookies';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { detectLocale } from './locale';
import { messages } from '../i18n';

/**
 * Plain http is for development only (APP_ENV=development). Elsewhere a GET or HEAD is sent to
 * the same address over https (301); any other method answers 400 and is not redirected, since
 * its body (a password, a token) has already crossed the network in the clear and a redirect
 * would only hide the mistake from whoever configured the client.
 */
export const requireHttps = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  if (url.protocol !== 'http:' || allowsPlainHttp(c.env)) return next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    url.protocol = 'https:';
    return c.redirect(url.toString(), 301);
  }
  // Runs before the language middleware, so the refusal picks its language itself.
  await detectLocale(c);
  const isApi = url.pathname.startsWith('/api/');
  throw new AppError(
    400,
    isApi ? 'use https: plain http is refused' : messages(c.get('locale')).common.httpsOnly,
    'url',
  );
});
