import { BUTTON_ACTIONS, REVIEW_VERDICTS, type ButtonAction, type ReviewVerdict } from './telegram';

/**
 * The MAX side of a complaint message: the same three buttons as in Telegram, as a MAX
 * `inline_keyboard` attachment of `callback` buttons. The button's `payload` is what the
 * `message_callback` update carries back: `<action>:<complaint id>`, the Telegram callback data.
 */
export function maxComplaintKeyboard(complaintId: string, labels: Record<ButtonAction, string>): { type: 'inline_keyboard'; payload: { buttons: { type: 'callback'; text: string; payload: string }[][] } } {
  return { type: 'inline_keyboard', payload: { buttons: [BUTTON_ACTIONS.map((a) => ({ type: 'callback', text: labels[a], payload: `${a}:${complaintId}` }))] } };
}

/**
 * The buttons of a review to confirm in MAX: "4–5 ★", "1–3 ★", "Не отзыв" as `callback` buttons
 * whose payload is the Telegram callback data, `review:<verdict>:<review id>`.
 */
export function maxReviewKeyboard(reviewMailId: string, labels: Record<ReviewVerdict, string>): { type: 'inline_keyboard'; payload: { buttons: { type: 'callback'; text: string; payload: string }[][] } } {
  return { type: 'inline_keyboard', payload: { buttons: [REVIEW_VERDICTS.map((v) => ({ type: 'callback', text: labels[v], payload: `review:${v}:${reviewMailId}` }))] } };
}

/** A MAX user as updates carry it (`callback.user`, `bot_started.user`, a message's `sender`). */
export interface MaxUser {
  user_id?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  username?: unknown;
  name?: unknown;
}

/** "@anna" or "Анна Петрова": how a MAX user is named in the timeline and the message. */
export function maxUserName(user: MaxUser | undefined): string {
  if (!user) return 'MAX';
  const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 64) : '');
  if (str(user.username)) return `@${str(user.username)}`;
  const name = [str(user.first_name), str(user.last_name)].filter(Boolean).join(' ') || str(user.name);
  return name || `id ${typeof user.user_id === 'number' ? user.user_id : '?'}`;
}

/** MAX chat ids are 64-bit integers, negative for group chats. */
export function isMaxChatId(value: string): boolean {
  return /^-?\d{1,20}$/.test(value);
}
