import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { languageDetector } from 'hono/language';
import { cookieName, secureCookies } from '../auth/cookies';
import type { AppEnv } from '../env';
import type { Locale } from '../i18n';

const LOCALES: Locale[] = ['ru', 'en'];

/**
 * Hono's detector: `?lang=`, then the `lang` cookie, then Accept-Language; Russian when none
 * names a supported language, because most customers are Russian-speaking. The cookie's name
 * depends on the request (`__Host-lang` wherever cookies are secure), so there is one detector
 * per name. It caches nothing itself: the cookie is written only for an explicit `?lang=`, so a
 * browser's Accept-Language never adds a Set-Cookie (the scan redirect stays cacheable).
 */
function detector(lookupCookie: string) {
  return languageDetector({
    supportedLanguages: LOCALES,
    fallbackLanguage: 'ru',
    lookupQueryString: 'lang',
    lookupCookie,
    caches: false,
  });
}

const detectors = { secure: detector('__Host-lang'), plain: detector('lang') };

/** Sets the request's `locale` (and the detector's `language`) without writing the cookie. */
export async function detectLocale(c: Context<AppEnv>): Promise<Locale> {
  await detectors[secureCookies(c) ? 'secure' : 'plain'](c, async () => {});
  const locale = c.get('language') as Locale;
  c.set('locale', locale);
  return locale;
}

/**
 * The request's language, first (so even an early refusal renders in the visitor's language);
 * an explicit `?lang=` is remembered in the cookie for a year.
 */
export const locale = createMiddleware<AppEnv>(async (c, next) => {
  await detectLocale(c);
  const query = c.req.query('lang');
  if (query === 'ru' || query === 'en') {
    setCookie(c, cookieName(c, 'lang'), query, {
      path: '/',
      maxAge: 365 * 24 * 3600,
      sameSite: 'Lax',
      httpOnly: true,
      secure: secureCookies(c),
    });
  }
  await next();
});
