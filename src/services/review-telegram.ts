import { getSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { checkTarget, type TargetPolicy } from '../domain/outbound';
import { reviewKeyboard } from '../domain/telegram';
import type { Bindings } from '../env';
import { sendMaxReview } from './max';
import { deliveryPolicy } from './notify';
import { fill, messages } from '../i18n';

/**
 * When Telegram (or MAX) is set up, a review to confirm is announced there with the buttons "4–5 ★",
 * "1–3 ★" and "Не отзыв": a press from a bound chat confirms it (services/review-telegram-press.ts,
 * through the same service call as /admin/reviews). Best effort (one attempt, no outbox): the
 * page lists every pending review anyway, and the message links to it when the app has an https
 * address.
 */
export async function announcePendingReview(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  review: { id: string; platform: string; locationName: string | null; subject: string },
): Promise<boolean> {
  const settings = await getSettings(env.DB);
  const telegram = settings.telegramBotToken !== '' && settings.telegramChatId !== '';
  const max = settings.maxBotToken !== '' && settings.maxChatId !== '';
  if (!telegram && !max) return false;
  const origin = env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  // A URL button needs an address Telegram can open: https only.
  const pageUrl = origin.startsWith('https://') ? `${origin}/admin/reviews?confirm=${encodeURIComponent(review.id)}#pending` : null;
  const t = messages('ru').telegram.review;
  const text = [
    t.title + (review.locationName ? fill(t.location, { location: review.locationName }) : ''),
    fill(t.platform, { platform: review.platform }),
    review.subject ? fill(t.subject, { subject: review.subject }) : '',
  ].filter(Boolean).join('\n');
  const policy = deliveryPolicy(env);
  const [toTelegram, toMax] = await Promise.all([
    telegram ? botCall(settings, policy, 'sendMessage', { chat_id: settings.telegramChatId, text, reply_markup: reviewKeyboard(review.id, pageUrl, messages('ru').telegram) }) : false,
    // MAX gets the same buttons; the page's address goes in the text.
    max ? sendMaxReview(settings, policy, pageUrl ? `${text}\n${pageUrl}` : text, review.id) : false,
  ]);
  return toTelegram || toMax;
}

/**
 * One Bot API call about a review message (`sendMessage`, `editMessageText`,
 * `answerCallbackQuery`) under the notification address rules. True when Telegram took it; its
 * answer is not read (it carries nothing the app needs).
 */
export async function botCall(settings: Settings, policy: TargetPolicy, method: string, params: Record<string, unknown>): Promise<boolean> {
  if (!settings.telegramBotToken) return false;
  const url = `${settings.telegramApiBase.replace(/\/+$/, '')}/bot${settings.telegramBotToken}/${method}`;
  if (checkTarget(url, policy)) return false;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
