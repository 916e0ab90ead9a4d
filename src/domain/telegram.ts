/**
 * The Telegram side of a complaint message: its inline buttons and what a press means. Pure: the
 * service (services/telegram.ts) talks to the Bot API and the database.
 */

export const BUTTON_ACTIONS = ['take', 'contacted', 'resolved'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export const BUTTON_LABELS: Record<ButtonAction, string> = { take: 'Беру', contacted: 'Связались', resolved: 'Решено' };
/** What the edited message says happened, after the person's name. */
export const DONE_LABELS: Record<ButtonAction, string> = { take: 'взял(а) в работу', contacted: 'связались с клиентом', resolved: 'жалоба решена' };

/** The inline keyboard of a complaint message; callback data `<action>:<complaint id>` stays far below Telegram's 64 bytes. */
export function complaintKeyboard(complaintId: string): { inline_keyboard: { text: string; callback_data: string }[][] } {
  return { inline_keyboard: [BUTTON_ACTIONS.map((a) => ({ text: BUTTON_LABELS[a], callback_data: `${a}:${complaintId}` }))] };
}

export function parseCallbackData(data: unknown): { action: ButtonAction; complaintId: string } | null {
  if (typeof data !== 'string') return null;
  const m = /^(take|contacted|resolved):([\w-]{8,32})$/.exec(data);
  return m ? { action: m[1] as ButtonAction, complaintId: m[2]! } : null;
}

/** "@anna" or "Анна Петрова": how a Telegram user is named in the timeline and the message. */
export function telegramUserName(from: { username?: string; first_name?: string; last_name?: string; id?: number } | undefined): string {
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
