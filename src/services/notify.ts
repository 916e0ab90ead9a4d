import { hmacSha256Hex, randomToken } from '../auth/crypto';
import type { Complaint } from '../domain/complaints';
import {
  claimDueNotifications,
  claimNotification,
  insertNotificationStatement,
  markNotificationFailed,
  markNotificationSent,
} from '../db/notifications';
import type { Channel, Notification } from '../domain/notifications';
import { getSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { checkTarget, httpFailure, targetPolicy, type DeliveryFailure, type TargetPolicy } from '../domain/outbound';
import { complaintButtons } from '../domain/telegram';
import type { Bindings } from '../env';
import { maxMessenger } from './max';
import { telegramMessenger } from './telegram';
import { formatShortMoment } from '../views/format';
import { fill, messages } from '../i18n';

/**
 * Notifications on new complaints, through an outbox: the rows are written in the same
 * transaction as the complaint, the first attempt runs after the response (`waitUntil`), and
 * the cron retries with backoff until sent or given up (then the owner sees it in settings).
 *
 * Forward-only contact mode: the raw contact must never reach D1, so it travels only in the
 * in-memory body of the first attempt; the stored body (used by retries) carries the masked
 * contact and a note. If the first attempt fails, the owner gets the complaint but not the
 * contact: that is the price of never writing it down.
 */

type NotificationEvent = 'complaint.created' | 'complaint.updated' | 'complaint.overdue';

/** What goes out; `contact` is whatever this copy of the message may carry. */
interface ComplaintMessage {
  event: NotificationEvent;
  complaint: {
    id: string;
    code: string;
    location: string;
    locationName: string;
    reason: string;
    comment: string | null;
    contact: string | null;
    contactNote?: string;
    status: string;
    createdAt: string;
    /** when the first response is due, in the location's working time */
    dueAt: string | null;
    orderRef: string | null;
    /** the public reply the card's holder sees, and when it was first published */
    reply: string | null;
    repliedAt: string | null;
    url: string;
  };
}

/** A message ready to queue: the row to store and the body for the first attempt. */
export interface Outgoing {
  row: { id: string; complaintId: string; channel: Channel; event: string; payload: string; nextAttemptAt: number };
  firstAttemptPayload: string;
}

/** Until then the first attempt (after the response) owns the message; the cron leaves it alone. */
const FIRST_ATTEMPT_LEASE_MS = 2 * 60_000;
const SEND_TIMEOUT_MS = 10_000;
/** Minutes to wait after the 1st, 2nd, ... failed attempt; after the last one the message is given up. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

export function nextAttemptAfterFailure(attemptsSoFar: number, now: number): number | null {
  const wait = BACKOFF_MINUTES[attemptsSoFar - 1];
  return wait === undefined ? null : now + wait * 60_000;
}

export function configuredChannels(settings: Settings): Channel[] {
  const channels: Channel[] = [];
  if (settings.telegramBotToken && settings.telegramChatId) channels.push('telegram');
  if (settings.maxBotToken && settings.maxChatId) channels.push('max');
  if (settings.webhookUrl) channels.push('webhook');
  return channels;
}

const FORWARD_NOTE = 'the contact was forwarded only with the first attempt and is not stored';

/** The staff's chat reads Russian. */
const CHAT_LOCALE = 'ru';

function telegramText(m: ComplaintMessage, dueText: string | null): string {
  const c = m.complaint;
  const t = messages(CHAT_LOCALE).telegram.complaint;
  const heading = m.event === 'complaint.created' ? t.created : m.event === 'complaint.overdue' ? t.overdue : t.added;
  const lines = [
    fill(heading, { location: c.locationName }),
    fill(t.reason, { reason: c.reason }),
    fill(t.card, { code: c.code }) + (c.orderRef ? fill(t.order, { order: c.orderRef }) : ''),
  ];
  if (c.comment) lines.push(fill(t.comment, { comment: c.comment }));
  if (c.contact) lines.push(fill(t.contact, { contact: c.contact }) + (c.contactNote ? t.contactNote : ''));
  if (dueText) lines.push(fill(t.due, { when: dueText }));
  lines.push(c.url);
  return lines.join('\n');
}

/** A messenger body may name its own chat (the escalation chat); without one it goes to the main chat. */
function body(
  channel: Channel,
  message: ComplaintMessage,
  dueText: string | null,
  escalationChats: { telegram: string | null; max: string | null },
): string {
  if (channel === 'webhook') return JSON.stringify(message);
  const chatId = escalationChats[channel];
  // The complaint id lets the sender add the inline buttons ("Беру", "Связались", "Решено").
  const text = telegramText(message, dueText);
  return JSON.stringify(
    chatId ? { text, chatId, complaintId: message.complaint.id } : { text, complaintId: message.complaint.id },
  );
}

/**
 * Builds the outbox rows for one complaint event. `rawContact` is set only in forward mode:
 * the stored copy then keeps the masked contact. `eventKey` names the event (the complaint id
 * for "created", the addition's key for "updated"): the rows' ids are made from it, so writing
 * the same event twice queues each message once.
 */
export function buildOutgoing(
  settings: Settings,
  complaint: Complaint,
  event: NotificationEvent,
  origin: string,
  forwardContact: string | null,
  now: number,
  eventKey: string = randomToken(12),
): Outgoing[] {
  const stored: ComplaintMessage = {
    event,
    complaint: {
      id: complaint.id,
      code: complaint.code,
      location: complaint.locationSlug,
      locationName: complaint.locationName,
      reason: complaint.reason,
      comment: complaint.comment,
      contact: complaint.contact ?? complaint.contactMasked,
      status: complaint.status,
      createdAt: new Date(complaint.createdAt).toISOString(),
      dueAt: complaint.dueAt === null ? null : new Date(complaint.dueAt).toISOString(),
      orderRef: complaint.orderRef,
      reply: complaint.reply,
      repliedAt: complaint.repliedAt === null ? null : new Date(complaint.repliedAt).toISOString(),
      url: `${origin}/admin/complaints/${complaint.id}`,
    },
  };
  if (forwardContact) stored.complaint.contactNote = FORWARD_NOTE;
  // The due time as the location's clock says it: "3 дек., 10:00".
  const dueText =
    complaint.dueAt === null ? null : formatShortMoment(complaint.dueAt, CHAT_LOCALE, complaint.locationTimeZone);
  const overdue = event === 'complaint.overdue';
  const chatId = {
    telegram: overdue && settings.escalationChatId ? settings.escalationChatId : null,
    max: overdue && settings.maxEscalationChatId ? settings.maxEscalationChatId : null,
  };
  const live: ComplaintMessage = forwardContact
    ? { event, complaint: { ...stored.complaint, contact: forwardContact, contactNote: undefined } }
    : stored;
  return configuredChannels(settings).map((channel) => ({
    row: {
      id: `${eventKey}-${channel}`,
      complaintId: complaint.id,
      channel,
      event,
      payload: body(channel, stored, dueText, chatId),
      nextAttemptAt: now + FIRST_ATTEMPT_LEASE_MS,
    },
    firstAttemptPayload: body(channel, live, dueText, chatId),
  }));
}

export function outgoingStatements(db: D1Database, outgoing: Outgoing[], now: number): D1PreparedStatement[] {
  return outgoing.map((o) => insertNotificationStatement(db, o.row, now));
}

/**
 * `sha256=<hex>` of `<timestamp>.<raw body>`, the value of the webhook's X-Signature header.
 * Signing the timestamp too lets a receiver refuse a replayed message by its age.
 */
export async function webhookSignature(secret: string, timestamp: string, rawBody: string): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}

/** Where the app may deliver: production refuses internal networks and the app's own host. */
export function deliveryPolicy(env: Pick<Bindings, 'APP_ENV' | 'PUBLIC_ORIGIN'>, requestUrl?: string): TargetPolicy {
  return targetPolicy(env.APP_ENV, [env.PUBLIC_ORIGIN, requestUrl]);
}

class DeliveryError extends Error {
  constructor(readonly reason: DeliveryFailure) {
    super(reason);
  }
}

/**
 * One POST; throws a DeliveryError with a fixed reason. The target is checked again here, so a
 * URL saved before the rules existed is not sent to. Redirects are not followed (a public URL
 * could redirect inward), and the answer's body is never read: it may echo what it was sent.
 */
async function post(
  url: string,
  policy: TargetPolicy,
  init: { headers: Record<string, string>; body: string },
): Promise<void> {
  if (checkTarget(url, policy)) throw new DeliveryError('refused address');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(
      (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'network error',
    );
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new DeliveryError(httpFailure(response.status));
}

/** One attempt; throws with a fixed reason the owner can act on. Secrets never enter it. */
async function send(
  settings: Settings,
  policy: TargetPolicy,
  channel: Channel,
  payload: string,
  now: number,
): Promise<void> {
  if (channel === 'telegram' || channel === 'max') {
    const messenger = channel === 'telegram' ? telegramMessenger(settings, policy) : maxMessenger(settings, policy);
    if (!messenger.configured()) throw new DeliveryError('not configured');
    const { text, chatId, complaintId } = JSON.parse(payload) as {
      text: string;
      chatId?: string;
      complaintId?: string;
    };
    // Configured means the complaint chat is set, and boundChats() lists it first.
    const failure = await messenger.sendWithButtons(
      chatId || messenger.boundChats()[0]!,
      text,
      complaintId ? complaintButtons(complaintId, messages('ru').telegram.buttons) : [],
    );
    if (failure) throw new DeliveryError(failure);
  } else {
    if (!settings.webhookUrl) throw new DeliveryError('not configured');
    const timestamp = String(Math.floor(now / 1000));
    await post(settings.webhookUrl, policy, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'SupportIndex-Webhook/1',
        'x-timestamp': timestamp,
        'x-signature': await webhookSignature(settings.webhookSecret, timestamp, payload),
      },
      body: payload,
    });
  }
}

/**
 * One attempt at a message that belongs to no complaint (the Monday digest): the same channels,
 * address rules and webhook signature. Returns the fixed failure reason, or null when it went.
 */
export async function deliver(
  settings: Settings,
  policy: TargetPolicy,
  channel: Channel,
  payload: string,
  now: number,
): Promise<DeliveryFailure | null> {
  try {
    await send(settings, policy, channel, payload, now);
    return null;
  } catch (error) {
    return error instanceof DeliveryError ? error.reason : 'network error';
  }
}

/** Tries one message and records the outcome. Never throws: a failure is a row, not an error. */
export async function attempt(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  n: Pick<Notification, 'id' | 'channel' | 'attempts'>,
  payload: string,
  now: number,
): Promise<boolean> {
  try {
    await send(settings, policy, n.channel, payload, now);
    await markNotificationSent(db, n.id, Date.now());
    return true;
  } catch (error) {
    // Only the fixed reason is stored; anything unexpected is logged without being kept.
    if (!(error instanceof DeliveryError))
      console.error('notification attempt failed', error instanceof Error ? error.name : typeof error);
    const reason: DeliveryFailure = error instanceof DeliveryError ? error.reason : 'network error';
    await markNotificationFailed(
      db,
      n.id,
      reason,
      nextAttemptAfterFailure(n.attempts + 1, Date.now()),
      Date.now(),
    ).catch((e) => console.error('could not record a failed notification', e));
    return false;
  }
}

/** The first attempt of freshly queued messages, from memory (run it in `waitUntil`). */
export async function sendNow(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  outgoing: Outgoing[],
  now: number,
): Promise<void> {
  await Promise.all(
    outgoing.map((o) =>
      attempt(db, settings, policy, { id: o.row.id, channel: o.row.channel, attempts: 0 }, o.firstAttemptPayload, now),
    ),
  );
}

/** The cron's job: every due message gets one more attempt. Returns how many were sent. */
export async function retryNotifications(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  now: number,
): Promise<{ tried: number; sent: number }> {
  const due = await claimDueNotifications(env.DB, now, now + FIRST_ATTEMPT_LEASE_MS, 50);
  if (due.length === 0) return { tried: 0, sent: 0 };
  const settings = await getSettings(env.DB);
  const policy = deliveryPolicy(env);
  const results = await Promise.all(
    due.map((n) => (n.payload === null ? false : attempt(env.DB, settings, policy, n, n.payload, now))),
  );
  return { tried: due.length, sent: results.filter(Boolean).length };
}

/** The owner's "retry now": one message, at once, whatever its schedule or given-up state. */
export async function retryNotificationNow(
  db: D1Database,
  policy: TargetPolicy,
  id: string,
  now: number,
): Promise<boolean | null> {
  const n = await claimNotification(db, id, now + FIRST_ATTEMPT_LEASE_MS);
  if (!n || n.payload === null) return null;
  return attempt(db, await getSettings(db), policy, n, n.payload, now);
}
