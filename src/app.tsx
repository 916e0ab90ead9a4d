import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { AppError } from './errors';
import { bodyLimit } from './routes/body-limit';
import { formBody } from './routes/form-body';
import { requireHttps } from './routes/https';
import { locale } from './routes/locale';
import { messages } from './i18n';
import { pageRenderer } from './views/renderer';

/**
 * A Hono app with the middleware every request passes (page renderer, security headers, https,
 * language, CSRF, body limit, form body) and the one not-found and error handler. The Worker's entry
 * (index.tsx) and the back office it loads on first use (back-office.ts) are both built from it, so a
 * page answers the same whichever of the two serves it.
 */
export function createApp(first?: (app: Hono<AppEnv>) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Handlers that must see a request before any middleware (index.tsx hands the back office its requests).
  first?.(app);

  // First, so that every page, even an early refusal, renders through the one page renderer (c.render).
  app.use('*', pageRenderer);

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      // A route that sets one of these knows better (the review redirect sends no referrer at all).
      overwrite: false,
    }),
  );

  // Before anything reads or sets a cookie: outside development, plain http goes no further.
  app.use('*', requireHttps);

  // Language (first, so even an early refusal renders in the visitor's language): `?lang=`, cookie, Accept-Language.
  app.use('*', locale);

  // Cross-site form posts to pages are refused by their Origin header before anything else
  // runs; the API authenticates with bearer tokens, which a browser never sends on its own.
  app.use('/admin/*', csrf());
  app.use('/c/*', csrf());
  app.use('/C/*', csrf());
  app.use('/setup', csrf());
  app.use('/invite/*', csrf());
  app.use('/reset/*', csrf());

  // Bodies over 1 MB: 413 before anything reads them.
  app.use('*', bodyLimit);

  // After the size limit, so an oversized form is refused before it is read.
  app.use('*', formBody);

  app.notFound((c) => {
    if (new URL(c.req.url).pathname.startsWith('/api/')) return c.json({ error: 'no such endpoint' }, 404);
    const t = messages(c.get('locale'));
    c.status(404);
    return c.render(
      <div class="narrow">
        <h1>{t.common.notFoundTitle}</h1>
        <p>{t.common.notFoundText}</p>
      </div>,
      { title: t.common.notFoundTitle },
    );
  });

  /** The one place failures become responses: JSON under /api, a page elsewhere; never a stack trace. */
  app.onError((error, c) => {
    const isApi = new URL(c.req.url).pathname.startsWith('/api/');
    const expected = error instanceof AppError || (error as { status?: number }).status !== undefined;
    const status = expected ? ((error as AppError).status ?? 500) : 500;
    if (!expected || status >= 500) console.error('unhandled error', c.req.method, new URL(c.req.url).pathname, error);
    // An AppError's message is written for the reader, even a 503 for missing configuration.
    const message = status >= 500 && !(error instanceof AppError) ? 'internal error' : error.message;
    if (isApi) {
      const field = error instanceof AppError ? error.field : undefined;
      return c.json(field ? { error: message, field } : { error: message }, status as 400);
    }
    const t = messages(c.get('locale'));
    const title =
      status === 403
        ? t.common.forbiddenTitle
        : status === 404
          ? t.common.notFoundTitle
          : status >= 500
            ? t.common.errorTitle
            : t.common.badRequestTitle;
    const text =
      status === 403
        ? message === 'csrf'
          ? t.common.csrfText
          : t.common.forbiddenText
        : status === 404
          ? t.common.notFoundText
          : status >= 500 && !(error instanceof AppError)
            ? t.common.errorText
            : message;
    c.status(status as 400);
    return c.render(
      <div class="narrow">
        <h1>{title}</h1>
        <p>{text}</p>
      </div>,
      { title },
    );
  });

  return app;
}
