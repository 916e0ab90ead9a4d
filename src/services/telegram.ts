import { changeStatus, eventStatement, getComplaint } from '../db/complaints';
import { saveSettings, type Settings } from '../db/settings';
import { randomToken } from '../auth/crypto';
import { statusChange } from '../domain/complaints';
import { checkTarget, type TargetPolicy } from '../domain/outbound';
import { complaintKeyboard, DONE_LABELS, parseCallbackData, sameSecret, telegramUserName } from '../domain/telegram';
import { telegramCall } from './notify';

/**
 * Updates from Telegram: presses of a complaint message's inline buttons. A press from a chat the
 * app is not bound to (the complaint chat or the escalation chat in the settings) is refused; a
 * press from a bound chat changes the complaint (recorded as that Telegram user), edits the
 * message to say who did what, and answers the callback.
 */

interface CallbackQuery {
  id: string;
  from?: { id?: number; username?: string; first_name?: string; last_name?: string };
  data?: string;
  message?: { message_id: number; chat: { id: number | string }; text?: string };
}

/**
 * `setWebhook` with the update URL and a fresh `secret_token`, saved first (updates must carry it).
 * Returns the failure, or null.
 */
export async function registerWebhook(db: D1Database, settings: Settings, policy: TargetPolicy, origin: string | null, now: number): Promise<string | null> {
  if (!origin) return 'PUBLIC_ORIGIN is not set';
  const secret = randomToken(32).replace(/[^\w-]/g, '');
  await saveSettings(db, { telegramWebhookSecret: secret }, now);
  return telegramCall(settings, policy, 'setWebhook', { url: `${origin}/telegram/webhook`, secret_token: secret, allowed_updates: ['callback_query', 'message'] });
}

/**
 * "Отправить тестовое сообщение": one sendMessage to the complaint chat. The answer of the Bot API
 * is read here (and only here: the message carries no customer data), so the owner sees
 * Telegram's own words, e.g. "HTTP 400: Bad Request: chat not found". Null when it went.
 */
export async function sendTestMessage(settings: Settings, policy: TargetPolicy): Promise<string | null> {
  if (!settings.telegramBotToken || !settings.telegramChatId) return 'not configured: save the bot token and the chat id first';
  const url = `${settings.telegramApiBase.replace(/\/+$/, '')}/bot${settings.telegramBotToken}/sendMessage`;
  if (checkTarget(url, policy)) return 'address refused';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: settings.telegramChatId, text: 'Проверка связи: так будут приходить жалобы из Индекса поддержки.' }),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    return (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'network error';
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  const answer = (await response.json().catch(() => null)) as { description?: unknown } | null;
  const description = typeof answer?.description === 'string' ? answer.description.slice(0, 300) : '';
  return description ? `HTTP ${response.status}: ${description}` : `HTTP ${response.status}`;
}

/** The bot's @username from getMe (its answer carries nothing about customers), or null. */
export async function fetchBotUsername(settings: Settings, policy: TargetPolicy): Promise<string | null> {
  const url = `${settings.telegramApiBase.replace(/\/+$/, '')}/bot${settings.telegramBotToken}/getMe`;
  if (!settings.telegramBotToken || checkTarget(url, policy)) return null;
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json().catch(() => null)) as { result?: { username?: unknown } } | null;
    const username = answer?.result?.username;
    return typeof username === 'string' && /^\w{3,64}$/.test(username) ? username : null;
  } catch {
    return null;
  }
}

/** After a new bot token: its username for the connect link, and the update webhook. Returns the webhook's failure, or null. */
export async function connectBot(db: D1Database, settings: Settings, policy: TargetPolicy, origin: string | null, now: number): Promise<string | null> {
  const username = await fetchBotUsername(settings, policy);
  await saveSettings(db, { telegramBotUsername: username ?? '' }, now);
  return registerWebhook(db, settings, policy, origin, now);
}

/** A fresh one-time code for `https://t.me/<bot>?start=<code>`. */
export async function newConnectCode(db: D1Database, now: number): Promise<string> {
  const code = randomToken(16).replace(/[^\w-]/g, 'x');
  await saveSettings(db, { telegramConnectCode: code }, now);
  return code;
}

export type UpdateOutcome = 'ignored' | 'refused' | 'unknown' | 'done' | 'connected';

export function boundChats(settings: Settings): string[] {
  return [settings.telegramChatId, settings.escalationChatId].filter((c) => c !== '');
}

export async function handleTelegramUpdate(db: D1Database, settings: Settings, policy: TargetPolicy, update: unknown, now: number): Promise<UpdateOutcome> {
  const message = (update as { message?: { text?: string; chat?: { id?: number | string } } } | null)?.message;
  if (message?.text && message.chat?.id !== undefined) return handleStart(db, settings, policy, message.text, message.chat.id, now);
  const query = (update as { callback_query?: CallbackQuery } | null)?.callback_query;
  if (!query || typeof query.id !== 'string') return 'ignored';
  const answer = (text: string) => telegramCall(settings, policy, 'answerCallbackQuery', { callback_query_id: query.id, text });
  const chat = query.message ? String(query.message.chat.id) : '';
  if (!boundChats(settings).includes(chat)) {
    await answer('Этот чат не подключён к Индексу поддержки.');
    return 'refused';
  }
  const press = parseCallbackData(query.data);
  const complaint = press ? await getComplaint(db, press.complaintId) : null;
  if (!press || !complaint) {
    await answer('Жалоба не найдена.');
    return 'unknown';
  }
  const who = telegramUserName(query.from);
  const actor = `Telegram ${who}`;
  if (press.action === 'take') {
    await db.batch([eventStatement(db, complaint.id, 'taken', null, actor, null, now), db.prepare('UPDATE complaints SET updated_at = ?2 WHERE id = ?1').bind(complaint.id, now)]);
  } else if (complaint.status !== press.action) {
    await changeStatus(db, complaint.id, statusChange(complaint, press.action, now), { kind: press.action, note: null, actor }, now);
  }
  const text = `${query.message?.text ?? ''}\n\n✓ ${who}: ${DONE_LABELS[press.action]}`.trim();
  await telegramCall(settings, policy, 'editMessageText', {
    chat_id: query.message!.chat.id,
    message_id: query.message!.message_id,
    text,
    ...(press.action === 'resolved' ? {} : { reply_markup: complaintKeyboard(complaint.id) }),
  });
  await answer(`Готово: ${DONE_LABELS[press.action]}`);
  return 'done';
}

/**
 * `/start <code>` in a private chat or a group (`/start@bot <code>`): the one-time code of the
 * settings page binds that chat as the complaint chat, and is used up.
 */
async function handleStart(db: D1Database, settings: Settings, policy: TargetPolicy, text: string, chatId: number | string, now: number): Promise<UpdateOutcome> {
  const m = /^\/start(?:@\w+)?\s+([\w-]{8,64})\s*$/.exec(text.trim());
  if (!m) return 'ignored';
  if (!sameSecret(m[1]!, settings.telegramConnectCode)) {
    await telegramCall(settings, policy, 'sendMessage', { chat_id: chatId, text: 'Код не подошёл: откройте ссылку на странице настроек ещё раз.' });
    return 'refused';
  }
  await saveSettings(db, { telegramChatId: String(chatId), telegramConnectCode: '' }, now);
  await telegramCall({ ...settings, telegramChatId: String(chatId) }, policy, 'sendMessage', { chat_id: chatId, text: 'Чат подключён: сюда будут приходить жалобы из Индекса поддержки.' });
  return 'connected';
}
