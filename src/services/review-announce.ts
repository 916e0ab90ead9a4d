import { getSettings } from '../db/settings';
import { reviewButtons } from '../domain/telegram';
import type { Bindings } from '../env';
import { maxMessenger } from './max';
import { deliveryPolicy } from './notify';
import { telegramMessenger } from './telegram';
import { fill, messages } from '../i18n';

/**
 * When Telegram (or MAX) is set up, a review to confirm is announced there with the buttons "4–5 ★",
 * "1–3 ★" and "Не отзыв": a press from a bound chat confirms it (services/review-press.ts,
 * through the same service call as /admin/reviews). Best effort (one attempt, no outbox): the
 * page lists every pending review anyway, and the message links to it when the app has an https
 * address. True when either messenger took the message.
 */
export async function announcePendingReview(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  review: { id: string; platform: string; locationName: string | null; subject: string },
): Promise<boolean> {
  const settings = await getSettings(env.DB);
  const policy = deliveryPolicy(env);
  const telegram = telegramMessenger(settings, policy);
  const max = maxMessenger(settings, policy);
  if (!telegram.configured() && !max.configured()) return false;
  const origin = env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  // A URL button needs an address Telegram can open: https only.
  const pageUrl = origin.startsWith('https://')
    ? `${origin}/admin/reviews?confirm=${encodeURIComponent(review.id)}#pending`
    : null;
  const bot = messages('ru').telegram;
  const t = bot.review;
  const text = [
    t.title + (review.locationName ? fill(t.location, { location: review.locationName }) : ''),
    fill(t.platform, { platform: review.platform }),
    review.subject ? fill(t.subject, { subject: review.subject }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const failures = await Promise.all([
    telegram.configured()
      ? telegram.sendWithButtons(settings.telegramChatId, text, reviewButtons(review.id, pageUrl, bot))
      : 'not configured',
    // MAX gets the same verdict buttons; the page's address goes in the text.
    max.configured()
      ? max.sendWithButtons(
          settings.maxChatId,
          pageUrl ? `${text}\n${pageUrl}` : text,
          reviewButtons(review.id, null, bot),
        )
      : 'not configured',
  ]);
  return failures.some((failure) => failure === null);
}
