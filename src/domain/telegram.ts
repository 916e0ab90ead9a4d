/**
 * The Telegram side of a complaint message: its inline buttons and what a press means. Pure: the
 * service (services/telegram.ts) talks to the Bot API and the database.
 */

const BUTTON_ACTIONS = ['take', 'contacted', 'resolved'] as const;
type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/**
 * A button under a message, in either messenger: one that sends `data` back when pressed, or one
 * that opens `url`. Rows of them make a message's keyboard.
 */
export type Button = { text: string; data: string } | { text: string; url: string };

/**
 * The buttons of a complaint message, labelled from the catalogue (`messages(locale).telegram.buttons`);
 * callback data `<action>:<complaint id>` stays far below Telegram's 64 bytes.
 */
export function complaintButtons(complaintId: string, labels: Record<ButtonAction, string>): Button[][] {
  return [BUTTON_ACTIONS.map((a) => ({ text: labels[a], data: `${a}:${complaintId}` }))];
}

/** Telegram's `reply_markup` for rows of buttons. */
export function telegramKeyboard(rows: Button[][]): {
  inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][];
} {
  return {
    inline_keyboard: rows.map((row) =>
      row.map((b) => ('url' in b ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.data })),
    ),
  };
}

export function parseCallbackData(data: unknown): { action: ButtonAction; complaintId: string } | null {
  if (typeof data !== 'string') return null;
  const m = /^(take|contacted|resolved):([\w-]{8,32})$/.exec(data);
  return m ? { action: m[1] as ButtonAction, complaintId: m[2]! } : null;
}

/** "@anna" or "Анна Петрова": how a Telegram user is named in the timeline and the message. */
export function telegramUserName(
  from: { username?: string; first_name?: string; last_name?: string; id?: number } | undefined,
): string {
  if (!from) return 'Telegram';
  if (from.username) return `@${from.username}`;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim();
  return name || `id ${from.id ?? '?'}`;
}

/** Compares two strings in time independent of where they differ (the webhook's secret header). */
export function sameSecret(given: string, expected: string): boolean {
  if (expected === '' || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** A review to confirm, answered from its Telegram message: the same three verdicts as /admin/reviews. */
const REVIEW_VERDICTS = ['positive', 'negative', 'not_review'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/**
 * The buttons of a review to confirm: `review:<verdict>:<id>` (at most 45 bytes of the 64
 * Telegram allows), and, when the page has an https address, a button that opens it there.
 * The labels come from the catalogue (`messages(locale).telegram`).
 */
export function reviewButtons(
  reviewMailId: string,
  pageUrl: string | null,
  labels: { reviewButtons: Record<ReviewVerdict, string>; review: { open: string } },
): Button[][] {
  const verdicts: Button[] = REVIEW_VERDICTS.map((v) => ({
    text: labels.reviewButtons[v],
    data: `review:${v}:${reviewMailId}`,
  }));
  return pageUrl ? [verdicts, [{ text: labels.review.open, url: pageUrl }]] : [verdicts];
}

export function parseReviewCallbackData(data: unknown): { verdict: ReviewVerdict; reviewMailId: string } | null {
  if (typeof data !== 'string') return null;
  const m = /^review:(positive|negative|not_review):([\w-]{8,32})$/.exec(data);
  return m ? { verdict: m[1] as ReviewVerdict, reviewMailId: m[2]! } : null;
}
