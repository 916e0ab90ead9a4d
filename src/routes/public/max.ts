import { Hono } from 'hono';
import { getSettings } from '../../db/settings';
import { sameSecret } from '../../domain/telegram';
import type { AppEnv } from '../../env';
import { deliveryPolicy } from '../../services/notify';
import { handleMaxUpdate, maxMessenger, maxPress } from '../../services/max';
import { handleReviewPress } from '../../services/review-press';

/**
 * MAX posts updates here (registered with `POST /subscriptions` and a `secret`). An update
 * without that secret in `X-Max-Bot-Api-Secret` is refused with 401 and changes nothing.
 */
export const maxRoutes = new Hono<AppEnv>();

maxRoutes.post('/max/webhook', async (c) => {
  const settings = await getSettings(c.env.DB);
  if (!sameSecret(c.req.header('x-max-bot-api-secret') ?? '', settings.maxWebhookSecret))
    return c.json({ error: 'forbidden' }, 401);
  let update: unknown;
  try {
    update = await c.req.json();
  } catch {
    return c.json({ error: 'the body must be a MAX update (JSON)' }, 400);
  }
  const policy = deliveryPolicy(c.env, c.req.url);
  // A press under a review to confirm; anything else is the complaint bot's.
  const outcome =
    (await handleReviewPress(c.env.DB, maxMessenger(settings, policy), maxPress(update), Date.now())) ??
    (await handleMaxUpdate(c.env.DB, settings, policy, update, Date.now()));
  return c.json({ ok: true, outcome });
});
