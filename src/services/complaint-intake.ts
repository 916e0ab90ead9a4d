import type { Context } from 'hono';
import { hmacSha256Hex } from '../auth/crypto';
import {
  appendDetailsStatements,
  getComplaint,
  getIntakeState,
  insertComplaintStatements,
  type ComplaintCard,
} from '../db/complaints';
import type { Settings } from '../domain/settings';
import { appendComment, complaintDueAt, DEDUPE_WINDOW_MS, LIMITS, type Complaint, type Contact } from '../domain/complaints';
import type { AppEnv } from '../env';
import { provenComplaint, rememberComplaint } from './complaint-proof';
import { buildOutgoing, deliveryPolicy, outgoingStatements, sendNow, type Outgoing } from './notify';
import { publicOrigin } from './printing';

/**
 * A keyed hash of IP and browser with the day in it: it tells "the same visitor this hour"
 * apart without storing an IP (which 152-FZ may count as personal data), and cannot be linked
 * across days.
 */
export async function visitorHash(secret: string, ip: string, userAgent: string, now: number): Promise<string> {
  const day = new Date(now).toISOString().slice(0, 10);
  return (await hmacSha256Hex(secret, `visitor|${day}|${ip}|${userAgent}`)).slice(0, 32);
}

export function requestVisitor(c: Context<AppEnv>, now: number): Promise<string> {
  const ip = c.req.header('cf-connecting-ip') ?? 'unknown';
  return visitorHash(c.env.APP_SECRET ?? 'no-secret', ip, c.req.header('user-agent') ?? '', now);
}

/** The phone asking is the one that made the complaint: its cookie names it, or its visitor hash matches. */
export async function ownsComplaint(c: Context<AppEnv>, complaint: Pick<Complaint, 'id' | 'code' | 'visitor'>, now: number): Promise<boolean> {
  if ((await provenComplaint(c, complaint.code))?.id === complaint.id) return true;
  return complaint.visitor !== null && complaint.visitor === (await requestVisitor(c, now));
}

export type IntakeOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'existing'; id: string }
  | { kind: 'limited' }
  | { kind: 'badReason' };

/** The browser's cookie names a complaint of this card made within the dedupe window. */
export function recentlyProven(proven: { createdAt: number } | null, now: number): boolean {
  return proven !== null && proven.createdAt <= now && now - proven.createdAt < DEDUPE_WINDOW_MS;
}

/**
 * Registers a complaint from one tap, under `id` (picked by the caller, so a tap that has to
 * travel through the queue keeps it). A tap by the same visitor on the same card within 30
 * minutes opens the complaint it made; another visitor's tap makes its own. Too many complaints
 * from one card or one visitor are refused. Notifications are queued in the same transaction
 * and sent after the response. Throws when D1 fails: the caller queues the tap.
 */
export async function registerComplaint(
  c: Context<AppEnv>,
  card: ComplaintCard,
  reasonId: number,
  settings: Settings,
  id: string,
  now: number,
): Promise<IntakeOutcome> {
  const db = c.env.DB;
  const visitor = await requestVisitor(c, now);
  const dedupeSince = now - DEDUPE_WINDOW_MS;
  const proven = await provenComplaint(c, card.code);
  const state = await getIntakeState(db, {
    code: card.code,
    visitor,
    provenId: proven?.id ?? null,
    dedupeSince,
    daySince: now - 24 * 3600_000,
    hourSince: now - 3600_000,
  });
  if (state.recentId) {
    await rememberComplaint(c, card.code, state.recentId, state.recentAt ?? now);
    return { kind: 'existing', id: state.recentId };
  }
  if (state.cardLastDay >= LIMITS.perCardPerDay || state.visitorLastHour >= LIMITS.perVisitorPerHour) return { kind: 'limited' };

  const [inserted] = await db.batch(insertComplaintStatements(db, { id, card, reasonId, visitor, dueAt: complaintDueAt(card.schedule, now, settings.responseTargetMinutes) }, dedupeSince, now));
  if (!inserted || inserted.meta.changes === 0) {
    // Either another tap of this phone won the race, or the reason is not this location's.
    const again = await getIntakeState(db, { code: card.code, visitor, provenId: proven?.id ?? null, dedupeSince, daySince: now, hourSince: now });
    if (!again.recentId) return { kind: 'badReason' };
    await rememberComplaint(c, card.code, again.recentId, again.recentAt ?? now);
    return { kind: 'existing', id: again.recentId };
  }
  await rememberComplaint(c, card.code, id, now);
  // The messages need the stored reason label and the location's slug.
  const complaint = await getComplaint(db, id);
  if (!complaint) return { kind: 'created', id };
  const outgoing = buildOutgoing(settings, complaint, 'complaint.created', publicOriginOf(c), null, now, id);
  if (outgoing.length > 0) {
    await db.batch(outgoingStatements(db, outgoing, now));
    c.executionCtx.waitUntil(sendNow(db, settings, deliveryPolicy(c.env, c.req.url), outgoing, now).catch((e) => console.error('notification send failed', e)));
  }
  return { kind: 'created', id };
}

/** One addition by the customer, as sent: `key` is picked then, so storing it twice stores it once. */
export interface DetailsToAdd {
  key: string;
  comment: string | null;
  contact: Contact | null;
  at: number;
}

/**
 * Adds the customer's comment and contact to a complaint: the comment as a new paragraph, a
 * new contact in place of the old one, which its timeline entry keeps. In forward mode the raw
 * contact is put only into the outgoing messages' first attempt; D1 keeps the masked form.
 * Returns the messages this call queued, for their first attempt (none when the addition was
 * already stored).
 */
export async function addDetails(db: D1Database, complaint: Complaint, details: DetailsToAdd, settings: Settings, origin: string, now: number): Promise<Outgoing[]> {
  const contact = settings.contactMode === 'off' ? null : details.contact;
  const store = settings.contactMode === 'store';
  const kept = contact ? (store ? contact.value : null) : complaint.contact;
  const earlier = complaint.contact ?? complaint.contactMasked;
  const replaced = contact && earlier !== null && earlier !== (store ? contact.value : contact.masked) ? earlier : null;
  const updated: Complaint = {
    ...complaint,
    comment: appendComment(complaint.comment, details.comment),
    contact: kept,
    contactMasked: contact ? contact.masked : complaint.contactMasked,
  };
  const forwardContact = contact && settings.contactMode === 'forward' ? contact.value : null;
  const outgoing = buildOutgoing(settings, updated, 'complaint.updated', origin, forwardContact, now, details.key);
  const results = await db.batch([
    ...appendDetailsStatements(
      db,
      complaint.id,
      {
        key: details.key,
        comment: details.comment,
        contact: contact && store ? contact.value : null,
        contactMasked: contact?.masked ?? null,
        consentAt: contact ? details.at : null,
        previousContact: replaced,
        detail: { comment: details.comment !== null, contact: contact?.kind ?? null },
      },
      now,
    ),
    ...outgoingStatements(db, outgoing, now),
  ]);
  return outgoing.filter((_, i) => (results[2 + i]?.meta.changes ?? 0) > 0);
}

/** Links in notifications: the configured origin, or a bare path rather than one the Host header chose. */
export function publicOriginOf(c: Context<AppEnv>): string {
  return publicOrigin(c.env, c.req.url) ?? '';
}
