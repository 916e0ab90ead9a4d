import { saveSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { randomToken } from '../auth/crypto';
import type { TargetPolicy } from '../domain/outbound';
import { telegramKeyboard, telegramUserName, type Button } from '../domain/telegram';
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
 * Telegram behind the Messenger interface (Bot API: sendMessage, editMessageText,
 * answerCallbackQuery, setWebhook, getMe), and its updates: `/start <code>` messages and presses
 * of a complaint message's inline buttons.
 */

interface CallbackQuery {
  id: string;
  from?: { id?: number; username?: string; first_name?: string; last_name?: string };
  data?: string;
  message?: { message_id: number; chat: { id: number | string }; text?: string };
}

function describeTelegramError(answer: unknown): string {
  const description = (answer as { description?: unknown } | null)?.description;
  return typeof description === 'string' ? description : '';
}

export function telegramMessenger(settings: Settings, policy: TargetPolicy): Messenger {
  const base = settings.telegramApiBase.replace(/\/+$/, '');
  const call = async (method: string, params: Record<string, unknown>, read = false) => {
    if (!settings.telegramBotToken)
      return { ok: false as const, failure: 'not configured' as const, detail: 'not configured' };
    return callApi(
      `${base}/bot${settings.telegramBotToken}/${method}`,
      policy,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) },
      read,
      describeTelegramError,
    );
  };
  const keyboard = (buttons: Button[][]) => (buttons.length > 0 ? { reply_markup: telegramKeyboard(buttons) } : {});
  const failureOf = async (result: Promise<Awaited<ReturnType<typeof call>>>) => {
    const r = await result;
    return r.ok ? null : r.failure;
  };
  return {
    channel: 'telegram',
    label: 'Telegram',
    configured: () => settings.telegramBotToken !== '' && settings.telegramChatId !== '',
    boundChats: () => [settings.telegramChatId, settings.escalationChatId].filter((c) => c !== ''),
    sendWithButtons: (chatId, text, buttons) =>
      failureOf(call('sendMessage', { chat_id: chatId, text, ...keyboard(buttons) })),
    editAfterPress: (message, text, buttons) =>
      failureOf(
        call('editMessageText', { chat_id: message.chatId, message_id: message.messageId, text, ...keyboard(buttons) }),
      ),
    answerPress: (pressId, text) => failureOf(call('answerCallbackQuery', { callback_query_id: pressId, text })),
    say: (chatId, text) =>
      failureOf(call('sendMessage', { chat_id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId, text })),
    registerWebhook: (url, secret) =>
      failureOf(call('setWebhook', { url, secret_token: secret, allowed_updates: ['callback_query', 'message'] })),
    sendTest: async (chatId, text) => {
      const r = await call('sendMessage', { chat_id: chatId, text }, true);
      return r.ok ? null : r.detail;
    },
    botUsername: async () => {
      const r = await call('getMe', {}, true);
      const username = r.ok ? (r.answer as { result?: { username?: unknown } } | null)?.result?.username : null;
      return typeof username === 'string' && /^\w{3,64}$/.test(username) ? username : null;
    },
  };
}

/**
 * `setWebhook` with the update URL and a fresh `secret_token`, saved first (updates must carry it).
 * Returns the failure, or null.
 */
async function registerWebhook(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  origin: string | null,
  now: number,
): Promise<string | null> {
  if (!origin) return 'PUBLIC_ORIGIN is not set';
  const secret = randomToken(32).replace(/[^\w-]/g, '');
  await saveSettings(db, { telegramWebhookSecret: secret }, now);
  return telegramMessenger(settings, policy).registerWebhook(`${origin}/telegram/webhook`, secret);
}

/**
 * "Отправить тестовое сообщение": one sendMessage to the complaint chat. The answer of the Bot API
 * is read here (and only here: the message carries no customer data), so the owner sees
 * Telegram's own words, e.g. "HTTP 400: Bad Request: chat not found". Null when it went.
 */
export async function sendTestMessage(settings: Settings, policy: TargetPolicy): Promise<string | null> {
  if (!settings.telegramBotToken || !settings.telegramChatId)
    return 'not configured: save the bot token and the chat id first';
  return telegramMessenger(settings, policy).sendTest(settings.telegramChatId, TEST_TEXT);
}

/** After a new bot token: its username for the connect link, and the update webhook. Returns the webhook's failure, or null. */
export async function connectBot(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  origin: string | null,
  now: number,
): Promise<string | null> {
  const username = await telegramMessenger(settings, policy).botUsername();
  await saveSettings(db, { telegramBotUsername: username ?? '' }, now);
  return registerWebhook(db, settings, policy, origin, now);
}

/** A fresh one-time code for `https://t.me/<bot>?start=<code>`. */
export async function newConnectCode(db: D1Database, now: number): Promise<string> {
  const code = randomToken(16).replace(/[^\w-]/g, 'x');
  await saveSettings(db, { telegramConnectCode: code }, now);
  return code;
}

export async function handleTelegramUpdate(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  update: unknown,
  now: number,
): Promise<UpdateOutcome> {
  const messenger = telegramMessenger(settings, policy);
  const message = (
    update as { message?: { text?: string; chat?: { id?: number | string }; from?: CallbackQuery['from'] } } | null
  )?.message;
  if (message?.text && message.chat?.id !== undefined) {
    // `/start <code>` in a private chat or a group (`/start@bot <code>`).
    const m = /^\/start(?:@\w+)?\s+([\w-]{8,64})\s*$/.exec(message.text.trim());
    if (!m) return 'ignored';
    const from =
      message.from?.id !== undefined
        ? { externalId: String(message.from.id), name: telegramUserName(message.from) }
        : null;
    return handleConnect(
      db,
      settings,
      messenger,
      { code: 'telegramConnectCode', chat: 'telegramChatId' },
      m[1]!,
      String(message.chat.id),
      from,
      now,
    );
  }
  const press = telegramPress(update);
  return press ? handlePress(db, messenger, press, now) : 'ignored';
}

/** The press of an inline button an update carries (`callback_query`), or null. */
export function telegramPress(update: unknown): Press | null {
  const query = (update as { callback_query?: CallbackQuery } | null)?.callback_query;
  if (!query || typeof query.id !== 'string') return null;
  return {
    id: query.id,
    chatId: query.message ? String(query.message.chat.id) : '',
    message: query.message
      ? { chatId: query.message.chat.id, messageId: query.message.message_id, text: query.message.text ?? '' }
      : null,
    data: query.data,
    from: { externalId: String(query.from?.id ?? ''), name: telegramUserName(query.from) },
  };
}
