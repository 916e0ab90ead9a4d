import type { Context, ExecutionContext, Hono, MiddlewareHandler } from 'hono';
import { createApp } from './app';
import type { AppEnv, Bindings } from './env';
import { complaintPageRoutes } from './routes/public/complaint';
import { inviteRoutes } from './routes/public/invite';
import { resetRoutes } from './routes/public/reset';
import { scanRoutes } from './routes/public/scan';
import { setupRoutes } from './routes/public/setup';
import { telegramRoutes } from './routes/public/telegram';
import { maxRoutes } from './routes/public/max';
import { retryDeadComplaints, storeComplaintBatch } from './services/complaint-queue';
import { retryNotifications } from './services/notify';
import { SCANS_DEAD_LETTER_QUEUE, SCANS_QUEUE, storeDeadScanBatch, storeScanBatch } from './services/scan-log';
import { erasePersonalData } from './services/retention';
import { receiveReviewMail } from './services/review-mail';
import { syncGoogleReviews } from './services/google-reviews';
import { escalateOverdue, EVERY_MINUTE } from './services/escalation';
import { sendWeeklyDigest } from './services/digest';
import { assetRoutes } from './routes/assets';

/** The back office (admin pages, /api/v1), loaded on its first request; see back-office.ts. */
let backOffice: Promise<Hono<AppEnv>> | undefined;
const loadBackOffice = () => (backOffice ??= import('./back-office').then((m) => m.backOffice));

/**
 * Hands a request under /admin or /api/v1 to the back office as it arrived, before any middleware
 * here has read it: the back office runs the same middleware (createApp) itself.
 */
const toBackOffice: MiddlewareHandler<AppEnv> = async (c) =>
  (await loadBackOffice()).fetch(c.req.raw, c.env, executionContext(c));

// Before the middleware, so the back office sees each of its requests untouched.
/** The request's ExecutionContext; Hono's getter throws when a caller (a test) passed none. */
function executionContext(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

const app = createApp((first) => {
  for (const path of ['/admin', '/admin/*', '/api/v1', '/api/v1/*']) first.all(path, toBackOffice);
});

app.route('/', assetRoutes);

app.get('/', (c) => c.redirect('/admin', 302));
app.route('/', complaintPageRoutes);
app.route('/', scanRoutes);
app.route('/', setupRoutes);
app.route('/', inviteRoutes);
app.route('/', resetRoutes);
app.route('/', telegramRoutes);
app.route('/', maxRoutes);

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
    ctx.waitUntil(
      erasePersonalData(env, controller.scheduledTime).catch((error) => console.error('retention sweep failed', error)),
    );
    ctx.waitUntil(
      retryNotifications(env, Date.now()).catch((error) => console.error('notification retries failed', error)),
    );
    // Google Business Profile reviews: the service keeps its own 30-minute pace and back-off.
    ctx.waitUntil(
      syncGoogleReviews(env, controller.scheduledTime).catch((error) => console.error('google sync failed', error)),
    );
    // The Monday digest: due from 09:00 in the owner's zone, sent once a week (see services/digest.ts).
    ctx.waitUntil(
      sendWeeklyDigest(env, controller.scheduledTime).catch((error) => console.error('weekly digest failed', error)),
    );
  },
  /** Forwarded review notifications (Email Routing: reviews@ and reviews+<slug>@ your domain). */
  async email(message, env, ctx) {
    const outcome = await receiveReviewMail(
      env,
      { raw: message.raw, to: message.to, rawSize: message.rawSize },
      Date.now(),
      (p) => ctx.waitUntil(p),
    );
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
