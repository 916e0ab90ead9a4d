import type { Context } from 'hono';
import { hmacSha256Hex, randomToken } from '../auth/crypto';
import {
  eventStatement,
  getComplaint,
  getIntakeState,
  insertComplaintStatements,
  updateDetailsStatement,
  type Complaint,
  type ComplaintCard,
} from '../db/complaints';
import type { Settings } from '../db/settings';
import { DEDUPE_WINDOW_MS, LIMITS, type Contact } from '../domain/complaints';
import type { AppEnv } from '../env';
import { buildOutgoing, outgoingStatements, sendNow } from './notify';
import { publicOrigin } from './printing';

/** Links in notifications: the configured origin, or a bare path rather than one the Host header chose. */
const linkOrigin = (c: Context<AppEnv>): string => publicOrigin(c.env, c.req.url) ?? '';

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

export type IntakeOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'existing'; id: string }
  | { kind: 'limited' }
  | { kind: 'badReason' };

/**
 * Registers a complaint from one tap. A tap on the same card within 30 minutes opens the
 * existing complaint instead; too many complaints from one card or one visitor are refused.
 * Notifications are queued in the same transaction and sent after the response.
 */
export async function registerComplaint(c: Context<AppEnv>, card: ComplaintCard, reasonId: number, settings: Settings): Promise<IntakeOutcome> {
  const db = c.env.DB;
  const now = Date.now();
  const visitor = await requestVisitor(c, now);
  const dedupeSince = now - DEDUPE_WINDOW_MS;
  const state = await getIntakeState(db, {
    code: card.code,
    visitor,
    dedupeSince,
    daySince: now - 24 * 3600_000,
    hourSince: now - 3600_000,
  });
  if (state.recentId) return { kind: 'existing', id: state.recentId };
  if (state.cardLastDay >= LIMITS.perCardPerDay || state.visitorLastHour >= LIMITS.perVisitorPerHour) return { kind: 'limited' };

  const id = randomToken(12);
  const [inserted] = await db.batch(insertComplaintStatements(db, { id, card, reasonId, visitor }, dedupeSince, now));
  if (!inserted || inserted.meta.changes === 0) {
    // Either another tap on this card won the race, or the reason is not this location's.
    const again = await getIntakeState(db, { code: card.code, visitor, dedupeSince, daySince: now, hourSince: now });
    return again.recentId ? { kind: 'existing', id: again.recentId } : { kind: 'badReason' };
  }
  // The messages need the stored reason label and the location's slug.
  const complaint = await getComplaint(db, id);
  if (!complaint) return { kind: 'created', id };
  const outgoing = buildOutgoing(settings, complaint, 'complaint.created', linkOrigin(c), null, now);
  if (outgoing.length > 0) {
    await db.batch(outgoingStatements(db, outgoing, now));
    c.executionCtx.waitUntil(sendNow(db, settings, outgoing, now).catch((e) => console.error('notification send failed', e)));
  }
  return { kind: 'created', id };
}

/**
 * Saves the customer's comment and contact. In forward mode the raw contact is put only into
 * the outgoing messages' first attempt; D1 keeps the masked form.
 */
export async function saveDetails(
  c: Context<AppEnv>,
  complaint: Complaint,
  details: { comment: string | null; contact: Contact | null },
  settings: Settings,
): Promise<void> {
  const db = c.env.DB;
  const now = Date.now();
  const contact = details.contact;
  const store = settings.contactMode === 'store';
  const updated: Complaint = {
    ...complaint,
    comment: details.comment,
    contact: contact ? (store ? contact.value : null) : complaint.contact,
    contactMasked: contact ? contact.masked : complaint.contactMasked,
  };
  const forwardContact = contact && settings.contactMode === 'forward' ? contact.value : null;
  const outgoing = buildOutgoing(settings, updated, 'complaint.updated', linkOrigin(c), forwardContact, now);
  await db.batch([
    updateDetailsStatement(
      db,
      complaint.id,
      {
        comment: details.comment,
        contact: contact && store ? contact.value : null,
        contactMasked: contact?.masked ?? null,
        consentAt: contact ? now : null,
      },
      now,
    ),
    eventStatement(db, complaint.id, 'details', null, 'customer', { comment: details.comment !== null, contact: contact?.kind ?? null }, now),
    ...outgoingStatements(db, outgoing, now),
  ]);
  if (outgoing.length > 0) {
    c.executionCtx.waitUntil(sendNow(db, settings, outgoing, now).catch((e) => console.error('notification send failed', e)));
  }
}
