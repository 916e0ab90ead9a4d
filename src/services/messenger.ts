import { changeStatus, eventStatement, getComplaint } from '../db/complaints';
import { linkedPerson, redeemLinkCode } from '../db/messenger-links';
import type { MessengerChannel } from '../domain/messenger-links';
import { saveSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { statusChange } from '../domain/complaints';
import { checkTarget, httpFailure, type DeliveryFailure, type TargetPolicy } from '../domain/outbound';
import { complaintButtons, parseCallbackData, sameSecret, type Button } from '../domain/telegram';
import { fill, messages } from '../i18n';

/**
 * The one small interface behind which Telegram and MAX sit: what the app does with a messenger.
 * Everything else (which chats are bound, what a press means, who pressed, the connect codes) is
 * shared and lives here, so both messengers behave the same.
 */
export interface Messenger {
  readonly channel: MessengerChannel;
  /** "Telegram", "MAX": prefixes the name of a press's author who has not linked an account */
  readonly label: string;
  /** Both a bot token and a chat to send complaints to. */
  configured(): boolean;
  /** The chat complaints go to, and the escalation chat (empty when not set). */
  boundChats(): string[];
  /**
   * A message to `chatId` with rows of buttons under it (none when `buttons` is empty): a
   * complaint's "Беру", "Связались", "Решено" (complaintButtons), a review's verdicts (reviewButtons).
   */
  sendWithButtons(chatId: string, text: string, buttons: Button[][]): Promise<DeliveryFailure | null>;
  /** After a press: the message says who did what, with `buttons` under it (an empty list removes them). */
  editAfterPress(message: MessageRef, text: string, buttons: Button[][]): Promise<DeliveryFailure | null>;
  /** The short answer the presser sees. */
  answerPress(pressId: string, text: string): Promise<DeliveryFailure | null>;
  /** A plain message (connect confirmations). */
  say(chatId: string, text: string): Promise<DeliveryFailure | null>;
  /** Registers `url` for updates, with the secret every update must carry. */
  registerWebhook(url: string, secret: string): Promise<DeliveryFailure | null>;
  /** One test message; the messenger's own words when it fails ("HTTP 400: Bad Request: chat not found"). */
  sendTest(chatId: string, text: string): Promise<string | null>;
  /** The bot's username for its connect link, or null. */
  botUsername(): Promise<string | null>;
}

/** The message a press came from, as the messenger names it (ids kept as they came). */
interface MessageRef {
  chatId: number | string;
  messageId: number | string;
  text: string;
}

/** A press of a button, read from either messenger's update. */
export interface Press {
  id: string;
  chatId: string;
  message: MessageRef | null;
  data: unknown;
  from: { externalId: string; name: string };
}

export type UpdateOutcome = 'ignored' | 'refused' | 'unknown' | 'done' | 'connected' | 'linked';

/** What the bots say, in the staff chat's language. */
const botText = messages('ru').telegram;
export const TEST_TEXT = botText.test;
const REQUEST_TIMEOUT_MS = 10_000;

type CallResult = { ok: true; answer: unknown } | { ok: false; failure: DeliveryFailure; detail: string };

/**
 * One JSON request to a messenger's API under the outbound address rules. Redirects are not
 * followed. The answer is read only when `read` is set (test messages, the bot's name): those
 * carry no customer data, and a complaint message's answer is never read back.
 */
export async function callApi(
  url: string,
  policy: TargetPolicy,
  init: { method: string; headers: Record<string, string>; body?: string },
  read: boolean,
  describeError: (answer: unknown) => string = () => '',
): Promise<CallResult> {
  if (checkTarget(url, policy)) return { ok: false, failure: 'refused address', detail: 'address refused' };
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const failure = (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'network error';
    return { ok: false, failure, detail: failure };
  }
  if (response.ok && !read) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, answer: null };
  }
  const answer = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, answer };
  const description = read ? describeError(answer).slice(0, 300) : '';
  return {
    ok: false,
    failure: httpFailure(response.status),
    detail: description ? `HTTP ${response.status}: ${description}` : `HTTP ${response.status}`,
  };
}

/**
 * A press from either messenger. A press from a chat that is not bound is refused; otherwise
 * the complaint changes, recorded as the person whose account this messenger user is linked to,
 * or as the messenger user ("Telegram @anna"); the message is edited and the press answered.
 */
export async function handlePress(
  db: D1Database,
  messenger: Messenger,
  press: Press,
  now: number,
): Promise<UpdateOutcome> {
  if (!press.message || !messenger.boundChats().includes(press.chatId)) {
    await messenger.answerPress(press.id, botText.notBound);
    return 'refused';
  }
  const action = parseCallbackData(press.data);
  const complaint = action ? await getComplaint(db, action.complaintId) : null;
  if (!action || !complaint) {
    await messenger.answerPress(press.id, botText.noComplaint);
    return 'unknown';
  }
  const person = await linkedPerson(db, messenger.channel, press.from.externalId);
  const who = person ? person.name : press.from.name;
  const actor = person ? person.name : `${messenger.label} ${press.from.name}`;
  if (action.action === 'take') {
    await db.batch([
      eventStatement(db, complaint.id, 'taken', null, actor, null, now),
      db.prepare('UPDATE complaints SET updated_at = ?2 WHERE id = ?1').bind(complaint.id, now),
    ]);
  } else if (complaint.status !== action.action) {
    await changeStatus(
      db,
      complaint.id,
      statusChange(complaint, action.action, now),
      { kind: action.action, note: null, actor },
      now,
    );
  }
  const text = `${press.message.text}\n\n✓ ${who}: ${botText.done[action.action]}`.trim();
  await messenger.editAfterPress(
    press.message,
    text,
    action.action === 'resolved' ? [] : complaintButtons(complaint.id, botText.buttons),
  );
  await messenger.answerPress(press.id, fill(botText.pressed, { done: botText.done[action.action] }));
  return 'done';
}

/** Where a messenger keeps its owner's connect code and the chat it binds. */
interface ConnectKeys {
  code: 'telegramConnectCode' | 'maxConnectCode';
  chat: 'telegramChatId' | 'maxChatId';
}

/**
 * A one-time code sent to the bot (`/start <code>`, or MAX's start payload). The owner's code of
 * the settings page binds that chat as the complaint chat; a person's code of /admin/account
 * links the sender to their account. Either is used up.
 */
export async function handleConnect(
  db: D1Database,
  settings: Settings,
  messenger: Messenger,
  keys: ConnectKeys,
  code: string,
  chatId: string,
  from: { externalId: string; name: string } | null,
  now: number,
): Promise<UpdateOutcome> {
  if (sameSecret(code, settings[keys.code])) {
    await saveSettings(db, { [keys.chat]: chatId, [keys.code]: '' }, now);
    await messenger.say(chatId, botText.chatConnected);
    return 'connected';
  }
  const person = from
    ? await redeemLinkCode(
        db,
        code,
        { channel: messenger.channel, externalUserId: from.externalId, externalName: from.name },
        now,
      )
    : null;
  if (person) {
    await messenger.say(chatId, fill(botText.accountLinked, { name: person.name }));
    return 'linked';
  }
  await messenger.say(chatId, botText.badCode);
  return 'refused';
}
