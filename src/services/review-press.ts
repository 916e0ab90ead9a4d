import { parseReviewCallbackData, type ReviewVerdict } from '../domain/telegram';
import { AppError } from '../errors';
import { fill, messages } from '../i18n';
import type { Messenger, Press } from './messenger';
import { confirmReviewMail } from './review-mail';

/**
 * "4–5 ★" / "1–3 ★" / "Не отзыв" under a review to confirm (services/review-announce.ts), pressed
 * in Telegram or MAX. A press from a chat that is neither the complaint chat nor the escalation
 * chat is refused; from a bound chat it confirms the review exactly as /admin/reviews does
 * (confirmReviewMail, recorded as the messenger user, "Telegram @anna"), edits the message to say
 * who decided what (its buttons go) and answers the press. A review confirmed already, on the
 * page or by an earlier press, is left as it is.
 *
 * Kept apart from the complaint buttons (services/messenger.ts): it needs the review services,
 * which the notification path must not import.
 */

/** What the bot answers, in the staff chat's language. */
const botText = messages('ru').telegram;

type ReviewPressOutcome = 'done' | 'already' | 'refused' | 'unknown';

/**
 * `press` as the messenger read it from its update (telegramPress, maxPress). Null when it is no
 * press of a review button: the complaint bot takes the update then.
 */
export async function handleReviewPress(
  db: D1Database,
  messenger: Messenger,
  press: Press | null,
  now: number,
): Promise<ReviewPressOutcome | null> {
  const review = press ? parseReviewCallbackData(press.data) : null;
  if (!press || !review) return null;
  if (!press.chatId || !messenger.boundChats().includes(press.chatId)) {
    await messenger.answerPress(press.id, botText.notBound);
    return 'refused';
  }
  const who = press.from.name;
  const confirmed = await confirmByPress(db, review.reviewMailId, review.verdict, `${messenger.label} ${who}`, now);
  if (confirmed.outcome !== 'done') {
    await messenger.answerPress(press.id, confirmed.answer);
    return confirmed.outcome;
  }
  // Edited without buttons: the review is decided.
  if (press.message)
    await messenger.editAfterPress(
      press.message,
      `${press.message.text}\n\n✓ ${who}: ${botText.reviewDone[review.verdict]}`.trim(),
      [],
    );
  await messenger.answerPress(press.id, fill(botText.pressed, { done: botText.reviewDone[review.verdict] }));
  return 'done';
}

/**
 * Confirms a review as /admin/reviews does. On failure, what to answer the press: confirmed
 * already, not found, or (no location among several) go to the page.
 */
async function confirmByPress(
  db: D1Database,
  reviewMailId: string,
  verdict: ReviewVerdict,
  actor: string,
  now: number,
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
