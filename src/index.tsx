import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Bindings } from './env';
import { AppError } from './errors';
import { adminRoutes } from './routes/admin';
import { apiV1 } from './routes/api/v1';
import { complaintPageRoutes } from './routes/public/complaint';
import { inviteRoutes } from './routes/public/invite';
import { resetRoutes } from './routes/public/reset';
import { scanRoutes } from './routes/public/scan';
import { setupRoutes } from './routes/public/setup';
import { telegramRoutes } from './routes/public/telegram';
import { maxRoutes } from './routes/public/max';
import { bodyLimit } from './routes/body-limit';
import { formBody } from './routes/form-body';
import { retryDeadComplaints, storeComplaintBatch } from './services/complaint-queue';
import { requireHttps } from './routes/https';
import { locale } from './routes/locale';
import { retryNotifications } from './services/notify';
import { SCANS_DEAD_LETTER_QUEUE, SCANS_QUEUE, storeDeadScanBatch, storeScanBatch } from './services/scan-log';
import { erasePersonalData } from './services/retention';
import { receiveReviewMail } from './services/review-mail';
import { syncGoogleReviews } from './services/google-reviews';
import { escalateOverdue, EVERY_MINUTE } from './services/escalation';
import { sendWeeklyDigest } from './services/digest';
import { assetRoutes } from './routes/assets';
import { messages } from './i18n';
import { pageRenderer } from './views/renderer';

const app = new Hono<AppEnv>();

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

app.route('/', assetRoutes);

app.get('/', (c) => c.redirect('/admin', 302));
app.route('/', complaintPageRoutes);
app.route('/', scanRoutes);
app.route('/', setupRoutes);
app.route('/', inviteRoutes);
app.route('/', resetRoutes);
app.route('/', telegramRoutes);
app.route('/', maxRoutes);
app.route('/admin', adminRoutes);
app.route('/api/v1', apiV1);

app.notFound((c) => {
  if (new URL(c.req.url).pathname.startsWith('/api/')) return c.json({ error: 'no such endpoint' }, 404);
  const t = messages(c.get('locale'));
  c.status(404);
  return c.render(<div class="narrow"><h1>{t.common.notFoundTitle}</h1><p>{t.common.notFoundText}</p></div>, { title: t.common.notFoundTitle });
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
  const title = status === 403 ? t.common.forbiddenTitle : status === 404 ? t.common.notFoundTitle : status >= 500 ? t.common.errorTitle : t.common.badRequestTitle;
  const text = status === 403 ? (message === 'csrf' ? t.common.csrfText : t.common.forbiddenText) : status === 404 ? t.common.notFoundText : status >= 500 && !(error instanceof AppError) ? t.common.errorText : message;
  c.status(status as 400);
  return c.render(<div class="narrow"><h1>{title}</h1><p>{text}</p></div>, { title });
});

/** The Hono app itself, for tests that walk its routes. */
export { app };

export default {
  fetch: app.fetch,
  /** The crons: escalation (every minute, see wrangler.toml); privacy retention (and housekeeping of sessions and login counters), notification retries, Google reviews and the Monday digest. */
  scheduled(controller, env, ctx) {
    // Every minute: overdue complaints are escalated to the minute. Every five: the rest.
    if (controller.cron === EVERY_MINUTE) {
      ctx.waitUntil(escalateOverdue(env, Date.now()).catch((error) => console.error('escalation failed', error)));
      return;
    }
    ctx.waitUntil(erasePersonalData(env, controller.scheduledTime).catch((error) => console.error('retention sweep failed', error)));
    ctx.waitUntil(retryNotifications(env, Date.now()).catch((error) => console.error('notification retries failed', error)));
    // Google Business Profile reviews: the service keeps its own 30-minute pace and back-off.
    ctx.waitUntil(syncGoogleReviews(env, controller.scheduledTime).catch((error) => console.error('google sync failed', error)));
    // The Monday digest: due from 09:00 in the owner's zone, sent once a week (see services/digest.ts).
    ctx.waitUntil(sendWeeklyDigest(env, controller.scheduledTime).catch((error) => console.error('weekly digest failed', error)));
  },
  /** Forwarded review notifications (Email Routing: reviews@ and reviews+<slug>@ your domain). */
  async email(message, env, ctx) {
    const outcome = await receiveReviewMail(env, { raw: message.raw, to: message.to, rawSize: message.rawSize }, Date.now(), (p) => ctx.waitUntil(p));
    // Mail that is no review notification (a mailbox's forwarding confirmation, say) goes on to a
    // person when REVIEW_MAIL_FORWARD_TO names one (a verified Email Routing destination).
    if (outcome.kind === 'ignored' && env.REVIEW_MAIL_FORWARD_TO) await message.forward(env.REVIEW_MAIL_FORWARD_TO);
  },
  /** Each queue to its consumer, by the queue's name (wrangler.toml). */
  async queue(batch, env, _ctx) {
    switch (batch.queue) {
      case SCANS_QUEUE:
        // Scans, stored many per statement.
        return storeScanBatch(batch, env);
      case SCANS_DEAD_LETTER_QUEUE:
        return storeDeadScanBatch(batch, env);
      case 'support-index-complaints':
        return storeComplaintBatch(batch, env);
      case 'support-index-complaints-dead':
        return retryDeadComplaints(batch, env);
      default:
        // Thrown, so the messages are retried rather than dropped.
        throw new Error(`no consumer for queue ${batch.queue}`);
    }
  },
} satisfies ExportedHandler<Bindings>;
