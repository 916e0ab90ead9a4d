import type { Settings } from '../domain/settings';
import type { TargetPolicy } from '../domain/outbound';
import { parseReviewCallbackData, REVIEW_DONE_LABELS, telegramUserName } from '../domain/telegram';
import { AppError } from '../errors';
import { confirmReviewMail } from './review-mail';
import { botCall } from './review-telegram';

/**
 * "4–5 ★" / "1–3 ★" / "Не отзыв" under a review to confirm (services/review-telegram.ts). A press
 * from a chat that is neither the complaint chat nor the escalation chat is refused; from a bound
 * chat it confirms the review exactly as /admin/reviews does (confirmReviewMail, recorded as the
 * Telegram user), edits the message to say who decided what (its buttons go) and answers the
 * callback. A review confirmed already, on the page or by an earlier press, is left as it is.
 *
 * Kept apart from the complaint buttons (services/telegram.ts): it needs the review services,
 * which the notification path must not import.
 */

export type ReviewPressOutcome = 'done' | 'already' | 'refused' | 'unknown';

interface ReviewCallbackQuery {
  id: string;
  from?: { id?: number; username?: string; first_name?: string; last_name?: string };
  data?: string;
  message?: { message_id: number; chat: { id: number | string }; text?: string };
}

/** Null when the update is no press of a review button: the complaint bot takes it then. */
export async function handleReviewPress(db: D1Database, settings: Settings, policy: TargetPolicy, update: unknown, now: number): Promise<ReviewPressOutcome | null> {
  const query = (update as { callback_query?: ReviewCallbackQuery } | null)?.callback_query;
  const press = parseReviewCallbackData(query?.data);
  if (!query || typeof query.id !== 'string' || !press) return null;
  const answer = (text: string) => botCall(settings, policy, 'answerCallbackQuery', { callback_query_id: query.id, text });
  const chat = query.message ? String(query.message.chat.id) : '';
  const bound = [settings.telegramChatId, settings.escalationChatId].filter((c) => c !== '');
  if (!bound.includes(chat)) {
    await answer('Этот чат не подключён к Индексу поддержки.');
    return 'refused';
  }
  const who = telegramUserName(query.from);
  try {
    await confirmReviewMail(db, press.reviewMailId, press.verdict, null, `Telegram ${who}`, now);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 409) await answer('Этот отзыв уже подтверждён.');
    else if (error.status === 404) await answer('Отзыв не найден.');
    // The mail named no location and there are several: only the page can ask which.
    else await answer('Не понятно, о какой точке отзыв: подтвердите его на странице отзывов.');
    return error.status === 409 ? 'already' : 'unknown';
  }
  await botCall(settings, policy, 'editMessageText', {
    chat_id: query.message!.chat.id,
    message_id: query.message!.message_id,
    text: `${query.message!.text ?? ''}\n\n✓ ${who}: ${REVIEW_DONE_LABELS[press.verdict]}`.trim(),
  });
  await answer(`Готово: ${REVIEW_DONE_LABELS[press.verdict]}`);
  return 'done';
}
