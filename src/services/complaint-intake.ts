import {
  appendDetailsStatements,
  getComplaint,
  getIntakeState,
  insertComplaintStatements,
  type ComplaintCard,
} from '../db/complaints';
import type { Settings } from '../domain/settings';
import {
  appendComment,
  complaintDueAt,
  DEDUPE_WINDOW_MS,
  LIMITS,
  type Complaint,
  type Contact,
} from '../domain/complaints';
import type { Bindings } from '../env';
import type { ProvenComplaint } from './complaint-proof';
import { buildOutgoing, deliveryPolicy, outgoingStatements, sendNow, type Outgoing } from './notify';
import { publicOrigin } from './public-origin';
import { visitorOf, type Visit } from './visitor';

/**
 * The phone asking is the one that made the complaint: its cookie (`proven`, read by the route)
 * names it, or its visitor key matches.
 */
export async function ownsComplaint(
  env: Pick<Bindings, 'APP_SECRET'>,
  complaint: Pick<Complaint, 'id' | 'code' | 'visitor'>,
  proven: ProvenComplaint | null,
  visit: Visit,
  now: number,
): Promise<boolean> {
  if (proven?.id === complaint.id) return true;
  return complaint.visitor !== null && complaint.visitor === (await visitorOf(env, visit, now));
}

/** The complaint a tap made or opened again (`createdAt` for the browser's cookie), or why it was refused. */
type IntakeOutcome =
  | { kind: 'created'; id: string; createdAt: number }
  | { kind: 'existing'; id: string; createdAt: number }
  | { kind: 'limited' }
  | { kind: 'badReason' };

/** The browser's cookie names a complaint of this card made within the dedupe window. */
export function recentlyProven(proven: { createdAt: number } | null, now: number): boolean {
  return proven !== null && proven.createdAt <= now && now - proven.createdAt < DEDUPE_WINDOW_MS;
}

/** One tap on a reason, as the route read it. */
export interface Tap {
  card: ComplaintCard;
  reasonId: number;
  settings: Settings;
  /** picked by the caller, so a tap that has to travel through the queue keeps it */
  id: string;
  visit: Visit;
  /** the complaint this browser's cookie names for the card */
  proven: ProvenComplaint | null;
  /** the page's URL: links in notifications and the delivery rules follow it */
  requestUrl: string;
  now: number;
}

/**
 * Registers a complaint from one tap. A tap by the same visitor on the same card within 30
 * minutes opens the complaint it made; another visitor's tap makes its own. Too many complaints
 * from one card or one visitor are refused. Notifications are queued in the same transaction
 * and sent after the response (`waitUntil`). Throws when D1 fails: the caller queues the tap.
 * The caller sets the browser's cookie for a created or reopened complaint.
 */
export async function registerComplaint(
  env: Bindings,
  tap: Tap,
  waitUntil: (work: Promise<unknown>) => void,
): Promise<IntakeOutcome> {
  const { card, settings, id, now } = tap;
  const db = env.DB;
  const visitor = await visitorOf(env, tap.visit, now);
  const dedupeSince = now - DEDUPE_WINDOW_MS;
  const provenId = tap.proven?.id ?? null;
  const state = await getIntakeState(db, {
    code: card.code,
    visitor,
    provenId,
    dedupeSince,
    daySince: now - 24 * 3600_000,
    hourSince: now - 3600_000,
  });
  if (state.recentId) return { kind: 'existing', id: state.recentId, createdAt: state.recentAt ?? now };
  if (state.cardLastDay >= LIMITS.perCardPerDay || state.visitorLastHour >= LIMITS.perVisitorPerHour)
    return { kind: 'limited' };

  const [inserted] = await db.batch(
    insertComplaintStatements(
      db,
      {
        id,
        card,
        reasonId: tap.reasonId,
        visitor,
        dueAt: complaintDueAt(card.schedule, now, settings.responseTargetMinutes),
      },
      dedupeSince,
      now,
    ),
  );
  if (!inserted || inserted.meta.changes === 0) {
    // Either another tap of this phone won the race, or the reason is not this location's.
    const again = await getIntakeState(db, {
      code: card.code,
      visitor,
      provenId,
      dedupeSince,
      daySince: now,
      hourSince: now,
    });
    if (!again.recentId) return { kind: 'badReason' };
    return { kind: 'existing', id: again.recentId, createdAt: again.recentAt ?? now };
  }
  // The messages need the stored reason label and the location's slug.
  const complaint = await getComplaint(db, id);
  if (!complaint) return { kind: 'created', id, createdAt: now };
  const outgoing = buildOutgoing(
    settings,
    complaint,
    'complaint.created',
    publicOriginOf(env, tap.requestUrl),
    null,
    now,
    id,
  );
  if (outgoing.length > 0) {
    await db.batch(outgoingStatements(db, outgoing, now));
    waitUntil(
      sendNow(db, settings, deliveryPolicy(env, tap.requestUrl), outgoing, now).catch((e) =>
        console.error('notification send failed', e),
      ),
    );
  }
  return { kind: 'created', id, createdAt: now };
}

/** One addition by the customer, as sent: `key` is picked then, so storing it twice stores it once. */
interface DetailsToAdd {
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
export async function addDetails(
  db: D1Database,
  complaint: Complaint,
  details: DetailsToAdd,
  settings: Settings,
  origin: string,
  now: number,
): Promise<Outgoing[]> {
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
export function publicOriginOf(env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'APP_ENV'>, requestUrl: string): string {
  return publicOrigin(env, requestUrl) ?? '';
}
