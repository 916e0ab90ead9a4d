import { getSettings } from '../db/settings';
import { checkTarget } from '../domain/outbound';
import type { Bindings } from '../env';
import { deliveryPolicy } from './notify';

/**
 * When Telegram is set up, a review to confirm is announced there with buttons that open its
 * confirmation on /admin/reviews. One-way and best effort (one attempt, no outbox): the page
 * lists every pending review anyway. Answering inside Telegram needs a two-way bot, which is a
 * separate piece of work; this module is the one place to replace then.
 */
export async function announcePendingReview(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  review: { id: string; platform: string; locationName: string | null; subject: string },
): Promise<boolean> {
  const settings = await getSettings(env.DB);
  if (!settings.telegramBotToken || !settings.telegramChatId) return false;
  const base = settings.telegramApiBase.replace(/\/+$/, '');
  const url = `${base}/bot${settings.telegramBotToken}/sendMessage`;
  if (checkTarget(url, deliveryPolicy(env))) return false;
  const origin = env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  const link = (verdict: string) => `${origin}/admin/reviews?confirm=${encodeURIComponent(review.id)}&verdict=${verdict}#pending`;
  const text = [
    `Новый отзыв — подтвердите оценку${review.locationName ? ` · ${review.locationName}` : ''}`,
    `Площадка: ${review.platform}`,
    review.subject ? `Тема письма: ${review.subject}` : '',
  ].filter(Boolean).join('\n');
  // Buttons need an https origin Telegram can open; without PUBLIC_ORIGIN the text goes alone.
  const buttons = origin.startsWith('https://')
    ? { reply_markup: { inline_keyboard: [[{ text: '4–5 ★', url: link('positive') }, { text: '1–3 ★', url: link('negative') }, { text: 'не отзыв', url: link('not_review') }]] } }
    : {};
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: settings.telegramChatId, text, ...buttons }),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
