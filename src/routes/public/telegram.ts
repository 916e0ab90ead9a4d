import { Hono } from 'hono';
import { getSettings } from '../../db/settings';
import { sameSecret } from '../../domain/telegram';
import type { AppEnv } from '../../env';
import { deliveryPolicy } from '../../services/notify';
import { handleReviewPress } from '../../services/review-press';
import { handleTelegramUpdate, telegramMessenger, telegramPress } from '../../services/telegram';

/**
 * The Bot API posts updates here (registered with `setWebhook` and a `secret_token`). An update
 * without that secret in `X-Telegram-Bot-Api-Secret-Token` is refused with 401 and changes nothing.
 */
export const telegramRoutes = new Hono<AppEnv>();

telegramRoutes.post('/telegram/webhook', async (c) => {
  const settings = await getSettings(c.env.DB);
  if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token') ?? '', settings.telegramWebhookSecret))
    return c.json({ error: 'forbidden' }, 401);
  let update: unknown;
  try {
    update = await c.req.json();
  } catch {
    return c.json({ error: 'the body must be a Telegram update (JSON)' }, 400);
  }
  const policy = deliveryPolicy(c.env, c.req.url);
  // A press under a review to confirm; anything else is the complaint bot's.
  const outcome =
    (await handleReviewPress(c.env.DB, telegramMessenger(settings, policy), telegramPress(update), Date.now())) ??
    (await handleTelegramUpdate(c.env.DB, settings, policy, update, Date.now()));
  return c.json({ ok: true, outcome });
});
