import type { Settings } from '../domain/settings';
import type { TargetPolicy } from '../domain/outbound';
import { maxUserName, type MaxUser } from '../domain/max';
import { parseReviewCallbackData, telegramUserName, type ReviewVerdict } from '../domain/telegram';
import { AppError } from '../errors';
import { confirmReviewMail } from './review-mail';
import { maxMessenger } from './max';
import { botCall } from './review-telegram';
import { fill, messages } from '../i18n';

/** What the bot answers, in the staff chat's language. */
const botText = messages('ru').telegram;

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
    await answer(botText.notBound);
    return 'refused';
  }
  const who = telegramUserName(query.from);
  const confirmed = await confirmByPress(db, press.reviewMailId, press.verdict, `Telegram ${who}`, now);
  if (confirmed.outcome !== 'done') {
    await answer(confirmed.answer);
    return confirmed.outcome;
  }
  await botCall(settings, policy, 'editMessageText', {
    chat_id: query.message!.chat.id,
    message_id: query.message!.message_id,
    text: `${query.message!.text ?? ''}\n\n✓ ${who}: ${botText.reviewDone[press.verdict]}`.trim(),
  });
  await answer(fill(botText.pressed, { done: botText.reviewDone[press.verdict] }));
  return 'done';
}

/**
 * Confirms a review as /admin/reviews does, for a press in either messenger. On failure, what to
 * answer the press: confirmed already, not found, or (no location among several) go to the page.
 */
async function confirmByPress(
  db: D1Database, reviewMailId: string, verdict: ReviewVerdict, actor: string, now: number,
): Promise<{ outcome: 'done' } | { outcome: 'already' | 'unknown'; answer: string }> {
  try {
    await confirmReviewMail(db, reviewMailId, verdict, null, actor, now);
    return { outcome: 'done' };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 409) return { outcome: 'already', answer: botText.reviewConfirmed };
    if (error.status === 404) return { outcome: 'unknown', answer: botText.noReview };
    return { outcome: 'unknown', answer: botText.reviewNoLocation };
  }
}

interface MaxReviewUpdate {
  update_type?: unknown;
  callback?: { callback_id?: unknown; payload?: unknown; user?: MaxUser };
  message?: { recipient?: { chat_id?: unknown }; body?: { mid?: unknown; text?: unknown } } | null;
}

/**
 * The same buttons under a review announced in MAX (a `message_callback` whose payload is
 * `review:<verdict>:<id>`). Null when the update is no such press: the complaint bot takes it then.
 */
export async function handleMaxReviewPress(db: D1Database, settings: Settings, policy: TargetPolicy, update: unknown, now: number): Promise<ReviewPressOutcome | null> {
  const u = (update ?? {}) as MaxReviewUpdate;
  const press = parseReviewCallbackData(u.callback?.payload);
  const callbackId = u.callback?.callback_id;
  if (u.update_type !== 'message_callback' || !press || typeof callbackId !== 'string' || callbackId === '') return null;
  const messenger = maxMessenger(settings, policy);
  const rawChat = u.message?.recipient?.chat_id;
  const chat = typeof rawChat === 'number' || typeof rawChat === 'string' ? String(rawChat) : '';
  if (!chat || !messenger.boundChats().includes(chat)) {
    await messenger.answerPress(callbackId, botText.notBound);
    return 'refused';
  }
  const who = maxUserName(u.callback?.user);
  const confirmed = await confirmByPress(db, press.reviewMailId, press.verdict, `MAX ${who}`, now);
  if (confirmed.outcome !== 'done') {
    await messenger.answerPress(callbackId, confirmed.answer);
    return confirmed.outcome;
  }
  const mid = u.message?.body?.mid;
  const text = typeof u.message?.body?.text === 'string' ? u.message.body.text : '';
  // Edited without buttons: the review is decided.
  if (typeof mid === 'string') await messenger.editAfterPress({ chatId: chat, messageId: mid, text }, `${text}\n\n✓ ${who}: ${botText.reviewDone[press.verdict]}`.trim(), null);
  await messenger.answerPress(callbackId, fill(botText.pressed, { done: botText.reviewDone[press.verdict] }));
  return 'done';
}
