import type { Button } from './telegram';

/**
 * The MAX side of a message's buttons: the same buttons as in Telegram, as a MAX
 * `inline_keyboard` attachment of `callback` buttons (and `link` buttons for a URL). A callback
 * button's `payload` is what the `message_callback` update carries back, the Telegram callback
 * data: `<action>:<complaint id>` or `review:<verdict>:<review id>`.
 */
export function maxKeyboard(rows: Button[][]): {
  type: 'inline_keyboard';
  payload: {
    buttons: ({ type: 'callback'; text: string; payload: string } | { type: 'link'; text: string; url: string })[][];
  };
} {
  return {
    type: 'inline_keyboard',
    payload: {
      buttons: rows.map((row) =>
        row.map((b) =>
          'url' in b ? { type: 'link', text: b.text, url: b.url } : { type: 'callback', text: b.text, payload: b.data },
        ),
      ),
    },
  };
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
