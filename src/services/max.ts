import { randomToken } from '../auth/crypto';
import { saveSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import type { TargetPolicy } from '../domain/outbound';
import { maxKeyboard, maxUserName, type MaxUser } from '../domain/max';
import {
  callApi,
  handleConnect,
  handlePress,
  TEST_TEXT,
  type Messenger,
  type Press,
  type UpdateOutcome,
} from './messenger';

/**
 * MAX behind the Messenger interface, in the shape of the MAX Bot API as documented at
 * https://dev.max.ru/docs-api (OpenAPI "Max Bot API" 0.0.32):
 * - every call carries the bot token in the `Authorization: <token>` header (query tokens are
 *   no longer accepted);
 * - `POST /messages?chat_id=<id>` with `{ text, attachments: [{ type: "inline_keyboard",
 *   payload: { buttons: [[{ type: "callback", text, payload }]] } }] }` sends a message;
 * - `PUT /messages?message_id=<mid>` with the same body edits it (`attachments: []` removes the buttons);
 * - `POST /answers?callback_id=<id>` with `{ notification }` answers a press;
 * - `POST /subscriptions` with `{ url, update_types, secret }` registers the webhook; MAX then
 *   sends every update with the header `X-Max-Bot-Api-Secret: <secret>` (secret: [A-Za-z0-9_-]{5,256});
 * - `GET /me` names the bot (its `username`, for `https://max.ru/<bot>?start=<payload>`);
 * - errors are `{ code, message }` with an HTTP status.
 */

const MAX_UPDATE_TYPES = ['message_callback', 'bot_started', 'message_created'] as const;

function describeMaxError(answer: unknown): string {
  const a = answer as { code?: unknown; message?: unknown } | null;
  const message = typeof a?.message === 'string' ? a.message : '';
  const code = typeof a?.code === 'string' ? a.code : '';
  return message && code ? `${message} (${code})` : message || code;
}

/** One MAX API call with the bot token, under the outbound address rules. */
function maxCall(settings: Settings, policy: TargetPolicy) {
  const base = settings.maxApiBase.replace(/\/+$/, '');
  return async (method: 'GET' | 'POST' | 'PUT', path: string, body: Record<string, unknown> | null, read = false) => {
    if (!settings.maxBotToken)
      return { ok: false as const, failure: 'not configured' as const, detail: 'not configured' };
    const headers: Record<string, string> = { authorization: settings.maxBotToken };
    if (body) headers['content-type'] = 'application/json';
    return callApi(
      `${base}${path}`,
      policy,
      { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) },
      read,
      describeMaxError,
    );
  };
}

export function maxMessenger(settings: Settings, policy: TargetPolicy): Messenger {
  const call = maxCall(settings, policy);
  const failureOf = async (result: Promise<Awaited<ReturnType<typeof call>>>) => {
    const r = await result;
    return r.ok ? null : r.failure;
  };
  const to = (chatId: string) => `/messages?chat_id=${encodeURIComponent(chatId)}`;
  return {
    channel: 'max',
    label: 'MAX',
    configured: () => settings.maxBotToken !== '' && settings.maxChatId !== '',
    boundChats: () => [settings.maxChatId, settings.maxEscalationChatId].filter((c) => c !== ''),
    sendWithButtons: (chatId, text, buttons) =>
      failureOf(
        call('POST', to(chatId), { text, ...(buttons.length > 0 ? { attachments: [maxKeyboard(buttons)] } : {}) }),
      ),
    // `attachments: []` removes the buttons of the edited message.
    editAfterPress: (message, text, buttons) =>
      failureOf(
        call('PUT', `/messages?message_id=${encodeURIComponent(String(message.messageId))}`, {
          text,
          attachments: buttons.length > 0 ? [maxKeyboard(buttons)] : [],
        }),
      ),
    answerPress: (pressId, text) =>
      failureOf(call('POST', `/answers?callback_id=${encodeURIComponent(pressId)}`, { notification: text })),
    say: (chatId, text) => failureOf(call('POST', to(chatId), { text })),
    registerWebhook: (url, secret) =>
      failureOf(call('POST', '/subscriptions', { url, update_types: MAX_UPDATE_TYPES, secret })),
    sendTest: async (chatId, text) => {
      const r = await call('POST', to(chatId), { text }, true);
      return r.ok ? null : r.detail;
    },
    botUsername: async () => {
      const r = await call('GET', '/me', null, true);
      const username = r.ok ? (r.answer as { username?: unknown } | null)?.username : null;
      return typeof username === 'string' && /^[\w.-]{3,64}$/.test(username) ? username : null;
    },
  };
}

/** The MAX side of "Отправить тестовое сообщение": null when it went, else MAX's own words. */
export async function sendMaxTestMessage(settings: Settings, policy: TargetPolicy): Promise<string | null> {
  if (!settings.maxBotToken || !settings.maxChatId)
    return 'not configured: save the bot token and connect a chat first';
  return maxMessenger(settings, policy).sendTest(settings.maxChatId, TEST_TEXT);
}

/**
 * After a new MAX token: the bot's username (GET /me) for the connect link, and the webhook
 * (POST /subscriptions) with a fresh secret, saved first. Returns the failure, or null.
 */
export async function connectMaxBot(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  origin: string | null,
  now: number,
): Promise<string | null> {
  const messenger = maxMessenger(settings, policy);
  const username = await messenger.botUsername();
  await saveSettings(db, { maxBotUsername: username ?? '' }, now);
  if (!origin) return 'PUBLIC_ORIGIN is not set';
  const secret = randomToken(32).replace(/[^\w-]/g, '');
  await saveSettings(db, { maxWebhookSecret: secret }, now);
  return messenger.registerWebhook(`${origin}/max/webhook`, secret);
}

/** A fresh one-time code for `https://max.ru/<bot>?start=<code>`. */
export async function newMaxConnectCode(db: D1Database, now: number): Promise<string> {
  const code = randomToken(16).replace(/[^\w-]/g, 'x');
  await saveSettings(db, { maxConnectCode: code }, now);
  return code;
}

interface MaxUpdate {
  update_type?: unknown;
  chat_id?: unknown;
  user?: MaxUser;
  payload?: unknown;
  callback?: { callback_id?: unknown; payload?: unknown; user?: MaxUser };
  message?: { recipient?: { chat_id?: unknown }; sender?: MaxUser; body?: { mid?: unknown; text?: unknown } } | null;
}

const idOf = (value: unknown): string | null =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? String(value)
    : typeof value === 'string' && /^-?\d{1,20}$/.test(value)
      ? value
      : null;
const personOf = (user: MaxUser | undefined) =>
  user && idOf(user.user_id) ? { externalId: idOf(user.user_id)!, name: maxUserName(user) } : null;
const CODE = /^[\w-]{8,64}$/;

/**
 * One MAX update: `bot_started` (the connect link's start payload), `message_created` (`/start
 * <code>` typed in a group) or `message_callback` (a button press). Anything else is ignored.
 */
export async function handleMaxUpdate(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  update: unknown,
  now: number,
): Promise<UpdateOutcome> {
  const u = (update ?? {}) as MaxUpdate;
  const messenger = maxMessenger(settings, policy);
  const keys = { code: 'maxConnectCode', chat: 'maxChatId' } as const;
  if (u.update_type === 'bot_started') {
    const chatId = idOf(u.chat_id);
    if (!chatId || typeof u.payload !== 'string' || !CODE.test(u.payload)) return 'ignored';
    return handleConnect(db, settings, messenger, keys, u.payload, chatId, personOf(u.user), now);
  }
  if (u.update_type === 'message_created') {
    const chatId = idOf(u.message?.recipient?.chat_id);
    const text = typeof u.message?.body?.text === 'string' ? u.message.body.text.trim() : '';
    const m = /^\/start(?:@[\w.-]+)?\s+([\w-]{8,64})$/.exec(text);
    if (!chatId || !m) return 'ignored';
    return handleConnect(db, settings, messenger, keys, m[1]!, chatId, personOf(u.message?.sender), now);
  }
  if (u.update_type === 'message_callback') {
    const press = maxPress(update);
    return press ? handlePress(db, messenger, press, now) : 'ignored';
  }
  return 'ignored';
}

/**
 * The press of a button a `message_callback` update carries, or null. Its author is named as
 * maxUserName names them; a press whose user has no usable id is nobody's linked account.
 */
export function maxPress(update: unknown): Press | null {
  const u = (update ?? {}) as MaxUpdate;
  const callbackId = u.callback?.callback_id;
  if (u.update_type !== 'message_callback' || typeof callbackId !== 'string' || callbackId === '') return null;
  const chatId = idOf(u.message?.recipient?.chat_id) ?? '';
  const mid = u.message?.body?.mid;
  const user = u.callback?.user;
  return {
    id: callbackId,
    chatId,
    message:
      chatId && typeof mid === 'string'
        ? { chatId, messageId: mid, text: typeof u.message?.body?.text === 'string' ? u.message.body.text : '' }
        : null,
    data: u.callback?.payload,
    from: { externalId: idOf(user?.user_id) ?? '', name: maxUserName(user) },
  };
}
