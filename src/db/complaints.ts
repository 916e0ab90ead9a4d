import { primaryLinkOf } from './card-targets';
import type { CompensationKind, Complaint, ComplaintEvent, ComplaintStatus, Contact } from '../domain/complaints';
import { decodeHolidays, decodeHours, type WorkingSchedule } from '../domain/working-time';
import type { CardReply } from '../domain/complaint-reply';

/** The card a complaint page is opened from, with what the page shows about its location. */
export interface ComplaintCard {
  code: string;
  locationId: number;
  locationName: string;
  locationAddress: string;
  batchId: string;
  orderRef: string | null;
  voided: boolean;
  /** The primary review link, so a voided card's page can still offer it. */
  reviewUrl: string | null;
  /** The location's working time: a complaint's due time runs in it. */
  schedule: WorkingSchedule;
}

/** Everything the complaint page needs about a card, in one read (it is also what a scan logs). */
export async function getComplaintCard(db: D1Database, code: string): Promise<ComplaintCard | null> {
  const row = await db
    .prepare(
      `SELECT c.code AS code, c.location_id AS locationId, l.name AS locationName, l.address AS locationAddress,
              c.batch_id AS batchId, c.order_ref AS orderRef,
              (c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL) AS voided,
              ${primaryLinkOf('c.location_id')} AS reviewUrl,
              l.time_zone AS timeZone, l.working_hours AS workingHours, l.holidays AS holidays
         FROM cards c JOIN batches b ON b.id = c.batch_id JOIN locations l ON l.id = c.location_id
        WHERE c.code = ?1`,
    )
    .bind(code)
    .first<
      Omit<ComplaintCard, 'voided' | 'schedule'> & {
        voided: number;
        timeZone: string;
        workingHours: string | null;
        holidays: string;
      }
    >();
  if (!row) return null;
  const { timeZone, workingHours, holidays, ...card } = row;
  return {
    ...card,
    voided: row.voided === 1,
    schedule: { hours: decodeHours(workingHours), holidays: decodeHolidays(holidays), timeZone },
  };
}

interface ComplaintRow {
  id: string;
  card_code: string;
  location_id: number;
  location_slug: string;
  location_name: string;
  location_time_zone: string;
  batch_id: string;
  order_ref: string | null;
  reason_id: number;
  reason_label: string;
  comment: string | null;
  contact: string | null;
  contact_masked: string | null;
  consent_at: number | null;
  status: ComplaintStatus;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  compensation_kind: CompensationKind | null;
  compensation_amount: number | null;
  personal_data_erased_at: number | null;
  visitor: string | null;
  due_at: number | null;
  escalated_at: number | null;
  on_voided_card: number;
  reply: string | null;
  replied_at: number | null;
}

function toComplaint(row: ComplaintRow): Complaint {
  return {
    id: row.id,
    code: row.card_code,
    locationId: row.location_id,
    locationSlug: row.location_slug,
    locationName: row.location_name,
    locationTimeZone: row.location_time_zone,
    batchId: row.batch_id,
    orderRef: row.order_ref,
    reasonId: row.reason_id,
    reason: row.reason_label,
    comment: row.comment,
    contact: row.contact,
    contactMasked: row.contact_masked,
    consentAt: row.consent_at,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    compensationKind: row.compensation_kind,
    compensationAmount: row.compensation_amount,
    personalDataErasedAt: row.personal_data_erased_at,
    visitor: row.visitor,
    dueAt: row.due_at,
    escalatedAt: row.escalated_at,
    onVoidedCard: row.on_voided_card === 1,
    reply: row.reply,
    repliedAt: row.replied_at,
  };
}

// A complaint is "on a voided card" when the card or its batch had been voided before it was made.
const COMPLAINT_SELECT = `SELECT c.*, l.slug AS location_slug, l.name AS location_name, l.time_zone AS location_time_zone, k.order_ref AS order_ref,
    COALESCE(k.voided_at <= c.created_at, 0) OR COALESCE(kb.voided_at <= c.created_at, 0) AS on_voided_card
  FROM complaints c JOIN locations l ON l.id = c.location_id LEFT JOIN cards k ON k.code = c.card_code LEFT JOIN batches kb ON kb.id = c.batch_id`;

export async function getComplaint(db: D1Database, id: string): Promise<Complaint | null> {
  const row = await db.prepare(`${COMPLAINT_SELECT} WHERE c.id = ?1`).bind(id).first<ComplaintRow>();
  return row ? toComplaint(row) : null;
}

export interface ComplaintFilters {
  status?: ComplaintStatus;
  reasonId?: number;
  reasonLabel?: string;
  locationId?: number;
  batchId?: string;
  /** created at or after (ms) */
  from?: number;
  /** created before (ms) */
  to?: number;
  /** only open complaints nobody has answered whose due time is before this moment */
  overdueAt?: number;
  limit?: number;
  /** rows to skip (the inbox's pages) */
  offset?: number;
}

/** The WHERE of the inbox's filters, binds ?1 to ?8 (see `filterBinds`). */
const FILTER_WHERE = `(?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.reason_id = ?2) AND (?3 IS NULL OR c.reason_label = ?3)
          AND (?4 IS NULL OR c.location_id = ?4) AND (?5 IS NULL OR c.batch_id = ?5)
          AND (?6 IS NULL OR c.created_at >= ?6) AND (?7 IS NULL OR c.created_at < ?7)
          AND (?8 IS NULL OR (c.status = 'open' AND c.first_response_at IS NULL AND c.due_at < ?8))`;

function filterBinds(f: ComplaintFilters): unknown[] {
  return [
    f.status ?? null,
    f.reasonId ?? null,
    f.reasonLabel ?? null,
    f.locationId ?? null,
    f.batchId ?? null,
    f.from ?? null,
    f.to ?? null,
    f.overdueAt ?? null,
  ];
}

/** The inbox and the API: newest first; every filter is optional. */
export async function listComplaints(db: D1Database, f: ComplaintFilters): Promise<Complaint[]> {
  const { results } = await db
    .prepare(`${COMPLAINT_SELECT} WHERE ${FILTER_WHERE} ORDER BY c.created_at DESC, c.id DESC LIMIT ?9 OFFSET ?10`)
    .bind(...filterBinds(f), f.limit ?? 100, f.offset ?? 0)
    .all<ComplaintRow>();
  return results.map(toComplaint);
}

/** How many complaints the filters match (the inbox's pages). */
export async function countComplaints(db: D1Database, f: ComplaintFilters): Promise<number> {
  const row = await db
    .prepare(`SELECT COUNT(*) AS n FROM complaints c WHERE ${FILTER_WHERE}`)
    .bind(...filterBinds(f))
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The open complaint to handle after `current`, in the inbox's order (newest first): the next
 * older one matching the filters, else the newest. Null when no other open complaint matches.
 */
export async function nextOpenComplaint(
  db: D1Database,
  f: Omit<ComplaintFilters, 'status'>,
  current: Pick<Complaint, 'id' | 'createdAt'>,
): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT c.id FROM complaints c WHERE ${FILTER_WHERE} AND c.id <> ?9
        ORDER BY (c.created_at < ?10 OR (c.created_at = ?10 AND c.id < ?9)) DESC, c.created_at DESC, c.id DESC LIMIT 1`,
    )
    .bind(...filterBinds({ ...f, status: 'open' }), current.id, current.createdAt)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/** When complaints created in [from, to) were made and first answered (answered ones only), for the median. */
export async function firstResponses(
  db: D1Database,
  from: number,
  to: number,
  locationId: number | null,
): Promise<{ locationId: number; createdAt: number; firstResponseAt: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT location_id AS locationId, created_at AS createdAt, first_response_at AS firstResponseAt FROM complaints
        WHERE created_at >= ?1 AND created_at < ?2 AND first_response_at IS NOT NULL AND (?3 IS NULL OR location_id = ?3)`,
    )
    .bind(from, to, locationId)
    .all<{ locationId: number; createdAt: number; firstResponseAt: number }>();
  return results;
}

/** Open complaints now, and those of them nobody has answered by their due time, before `now`. */
export async function countOpenComplaints(db: D1Database, now: number): Promise<{ open: number; overdue: number }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS open, COALESCE(SUM(first_response_at IS NULL AND due_at < ?1), 0) AS overdue
         FROM complaints WHERE status = 'open'`,
    )
    .bind(now)
    .first<{ open: number; overdue: number }>();
  return row ?? { open: 0, overdue: 0 };
}

/** What the spam limits and the 30-minute dedupe need to know before a new complaint. */
interface IntakeState {
  /** a complaint from this card by this visitor (or the one its cookie names) inside the dedupe window */
  recentId: string | null;
  recentAt: number | null;
  cardLastDay: number;
  visitorLastHour: number;
}

export async function getIntakeState(
  db: D1Database,
  input: {
    code: string;
    visitor: string;
    provenId: string | null;
    dedupeSince: number;
    daySince: number;
    hourSince: number;
  },
): Promise<IntakeState> {
  const row = await db
    .prepare(
      `SELECT
         (SELECT id FROM complaints WHERE card_code = ?1 AND (visitor = ?2 OR id = ?6) AND created_at >= ?3 ORDER BY created_at DESC LIMIT 1) AS recentId,
         (SELECT MAX(created_at) FROM complaints WHERE card_code = ?1 AND (visitor = ?2 OR id = ?6) AND created_at >= ?3) AS recentAt,
         (SELECT COUNT(*) FROM complaints WHERE card_code = ?1 AND created_at >= ?4) AS cardLastDay,
         (SELECT COUNT(*) FROM complaints WHERE visitor = ?2 AND created_at >= ?5) AS visitorLastHour`,
    )
    .bind(input.code, input.visitor, input.dedupeSince, input.daySince, input.hourSince, input.provenId)
    .first<IntakeState>();
  return row ?? { recentId: null, recentAt: null, cardLastDay: 0, visitorLastHour: 0 };
}

interface NewComplaint {
  id: string;
  card: ComplaintCard;
  reasonId: number;
  visitor: string;
  dueAt: number;
}

/**
 * The statements that register a complaint: the row and its "created" event. The insert itself
 * refuses when the same visitor made a complaint from this card since `dedupeSince`, so two
 * quick taps make one complaint (another visitor's tap makes its own); the event is written
 * only if the row was. Run them in one `db.batch` (with the notifications) and read
 * `meta.changes` of the first result.
 */
export function insertComplaintStatements(
  db: D1Database,
  c: NewComplaint,
  dedupeSince: number,
  now: number,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, visitor, status, created_at, updated_at, due_at)
         SELECT ?1, ?2, ?3, ?4, r.id, r.label, ?6, 'open', ?7, ?7, ?9 FROM complaint_reasons r
          WHERE r.id = ?5 AND r.location_id = ?3 AND r.archived_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM complaints WHERE card_code = ?2 AND visitor = ?6 AND created_at >= ?8)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(c.id, c.card.code, c.card.locationId, c.card.batchId, c.reasonId, c.visitor, now, dedupeSince, c.dueAt),
    createdEventStatement(db, c.id, now),
  ];
}

/** A tap that travelled through the queue, as the consumer stores it. */
interface QueuedComplaint {
  id: string;
  code: string;
  locationId: number;
  batchId: string;
  reasonId: number;
  visitor: string;
  createdAt: number;
  /** worked out at tap time; a message queued before due times existed gets one hour */
  dueAt?: number;
}

/**
 * The statements that store a queued tap under the id it was given at tap time: a second
 * delivery changes nothing. The tap was accepted then, so neither the dedupe nor an archive
 * of its reason since refuses it now; the reason only has to be the location's.
 */
export function insertQueuedComplaintStatements(
  db: D1Database,
  c: QueuedComplaint,
  now: number,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, visitor, status, created_at, updated_at, due_at)
         SELECT ?1, ?2, ?3, ?4, r.id, r.label, ?6, 'open', ?7, ?8, ?9 FROM complaint_reasons r
          WHERE r.id = ?5 AND r.location_id = ?3
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(
        c.id,
        c.code,
        c.locationId,
        c.batchId,
        c.reasonId,
        c.visitor,
        c.createdAt,
        now,
        c.dueAt ?? c.createdAt + 3_600_000,
      ),
    createdEventStatement(db, c.id, c.createdAt),
  ];
}

/** The "created" entry, once per complaint whichever way it was stored. */
function createdEventStatement(db: D1Database, complaintId: string, at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO complaint_events (complaint_id, kind, note, actor, detail, created_at)
       SELECT ?1, 'created', NULL, 'customer', NULL, ?2 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1)
          AND NOT EXISTS (SELECT 1 FROM complaint_events WHERE complaint_id = ?1 AND kind = 'created')`,
    )
    .bind(complaintId, at);
}

/** A timeline entry; inserted only when the complaint exists, so it can ride in any batch. */
export function eventStatement(
  db: D1Database,
  complaintId: string,
  kind: string,
  note: string | null,
  actor: string,
  detail: unknown,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO complaint_events (complaint_id, kind, note, actor, detail, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1)`,
    )
    .bind(complaintId, kind, note, actor, detail === null ? null : JSON.stringify(detail), now);
}

/** One addition by the customer: what it adds, and the contact it replaces (if any). */
interface DetailsAddition {
  /** picked when the customer sent it, so a repeated delivery of the same addition applies once */
  key: string;
  comment: string | null;
  /** the raw contact, only where it is stored ("store" mode) */
  contact: string | null;
  contactMasked: string | null;
  consentAt: number | null;
  /** the contact this one replaces, as it was kept (raw or masked) */
  previousContact: string | null;
  /** what the customer's addition records in the timeline */
  detail: { comment: boolean; contact: string | null };
}

/**
 * The statements of one addition: the comment gets a new paragraph (never replaced), a new
 * contact replaces the old one, and the timeline records the addition with the contact it
 * replaced. Both statements do nothing when an addition with this key is already recorded, so
 * run them in one `db.batch` and read `meta.changes` of the first result.
 */
export function appendDetailsStatements(
  db: D1Database,
  id: string,
  a: DetailsAddition,
  now: number,
): D1PreparedStatement[] {
  const notYet = `NOT EXISTS (SELECT 1 FROM complaint_events WHERE complaint_id = ?1 AND kind = 'details' AND json_extract(detail, '$.key') = ?7)`;
  return [
    db
      .prepare(
        `UPDATE complaints SET
              comment = CASE WHEN ?2 IS NULL THEN comment WHEN comment IS NULL THEN ?2 ELSE comment || char(10) || char(10) || ?2 END,
              contact = CASE WHEN ?5 IS NULL THEN contact ELSE ?3 END,
              contact_masked = COALESCE(?4, contact_masked), consent_at = COALESCE(?5, consent_at), updated_at = ?6
        WHERE id = ?1 AND ${notYet}`,
      )
      .bind(id, a.comment, a.contact, a.contactMasked, a.consentAt, now, a.key),
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, detail, previous_contact, created_at)
         SELECT ?1, 'details', ?2, 'customer', ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1) AND ${notYet.replace('?7', '?6')}`,
      )
      .bind(id, a.comment, JSON.stringify({ key: a.key, ...a.detail }), a.previousContact, now, a.key),
  ];
}

export async function countEvents(db: D1Database, complaintId: string, kind: string): Promise<number> {
  const row = await db
    .prepare('SELECT COUNT(*) AS n FROM complaint_events WHERE complaint_id = ?1 AND kind = ?2')
    .bind(complaintId, kind)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function listEvents(db: D1Database, complaintId: string): Promise<ComplaintEvent[]> {
  const { results } = await db
    .prepare(
      'SELECT id, kind, note, actor, detail, previous_contact, created_at FROM complaint_events WHERE complaint_id = ?1 ORDER BY created_at, id',
    )
    .bind(complaintId)
    .all<{
      id: number;
      kind: string;
      note: string | null;
      actor: string;
      detail: string | null;
      previous_contact: string | null;
      created_at: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    note: r.note,
    actor: r.actor,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    previousContact: r.previous_contact,
    createdAt: r.created_at,
  }));
}

interface StatusUpdate {
  status: ComplaintStatus;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  compensation?: { kind: CompensationKind; amount: number | null };
}

/** Changes the status (and compensation) and records who did it, in one transaction. */
export async function changeStatus(
  db: D1Database,
  id: string,
  update: StatusUpdate,
  event: { kind: string; note: string | null; actor: string },
  now: number,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE complaints SET status = ?2, first_response_at = ?3, resolved_at = ?4,
                compensation_kind = CASE WHEN ?5 IS NULL THEN compensation_kind ELSE ?5 END,
                compensation_amount = CASE WHEN ?5 IS NULL THEN compensation_amount ELSE ?6 END, updated_at = ?7
          WHERE id = ?1`,
      )
      .bind(
        id,
        update.status,
        update.firstResponseAt,
        update.resolvedAt,
        update.compensation?.kind ?? null,
        update.compensation?.amount ?? null,
        now,
      ),
    eventStatement(db, id, event.kind, event.note, event.actor, update.compensation ?? null, now),
  ]);
}

export async function addNote(db: D1Database, id: string, note: string, actor: string, now: number): Promise<void> {
  await db.batch([
    eventStatement(db, id, 'note', note, actor, null, now),
    db.prepare('UPDATE complaints SET updated_at = ?2 WHERE id = ?1').bind(id, now),
  ]);
}

/**
 * What travels through the COMPLAINTS queue when D1 cannot take a customer's tap or addition at
 * once: the tap under the id the customer's page already uses, or an addition to it. The
 * contact is raw here (in forward mode too): a message lives only until the consumer stores it.
 */
export type ComplaintQueueMessage =
  | { kind: 'complaint'; complaint: QueuedComplaint; origin: string }
  | {
      kind: 'details';
      complaintId: string;
      details: { key: string; comment: string | null; contact: Contact | null; at: number };
      origin: string;
    };

/** An open, unanswered complaint past its due time that has not been escalated yet. */
interface DueComplaint {
  id: string;
  dueAt: number;
  schedule: WorkingSchedule;
}

/**
 * The complaints the escalation cron should look at now: open, unanswered, not escalated, due by
 * `now`, oldest due first. Reads only those rows, through the partial index `complaints_due`.
 */
export async function listDueForEscalation(db: D1Database, now: number, limit: number): Promise<DueComplaint[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id AS id, c.due_at AS dueAt, l.time_zone AS timeZone, l.working_hours AS workingHours, l.holidays AS holidays
         FROM complaints c JOIN locations l ON l.id = c.location_id
        WHERE c.status = 'open' AND c.first_response_at IS NULL AND c.escalated_at IS NULL AND c.due_at <= ?1
        ORDER BY c.due_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{ id: string; dueAt: number; timeZone: string; workingHours: string | null; holidays: string }>();
  return results.map((r) => ({
    id: r.id,
    dueAt: r.dueAt,
    schedule: { hours: decodeHours(r.workingHours), holidays: decodeHolidays(r.holidays), timeZone: r.timeZone },
  }));
}

/**
 * Marks a complaint escalated and records it in its timeline, both only if it is still open,
 * unanswered and not escalated: run it in one `db.batch` with the overdue messages (whose ids
 * are made from the complaint's, so a second run queues nothing) and read `meta.changes` of the first.
 */
export function escalateStatements(db: D1Database, id: string, now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE complaints SET escalated_at = ?2
          WHERE id = ?1 AND status = 'open' AND first_response_at IS NULL AND escalated_at IS NULL`,
      )
      .bind(id, now),
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, detail, created_at)
         SELECT ?1, 'escalated', NULL, 'system', NULL, ?2
          WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1 AND escalated_at = ?2)
            AND NOT EXISTS (SELECT 1 FROM complaint_events WHERE complaint_id = ?1 AND kind = 'escalated')`,
      )
      .bind(id, now),
  ];
}

/**
 * The statements that set (or, with null, remove) a complaint's public reply and record the
 * change in its timeline as `actor`, with the new text as the entry's note. Editing keeps the
 * time of the first publication. A published reply answers the customer: when nothing answered the
 * complaint before, it is its first response (no escalation, and the median counts it); removing
 * the reply later leaves that time, since the customer may have read it. Both do nothing when the stored reply is already `reply`, so
 * run them in one `db.batch` and read `meta.changes` of the first result.
 */
export function replyStatements(
  db: D1Database,
  id: string,
  reply: string | null,
  kind: string,
  actor: string,
  now: number,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE complaints SET reply = ?2, replied_at = CASE WHEN ?2 IS NULL THEN NULL ELSE COALESCE(replied_at, ?3) END, updated_at = ?3,
                first_response_at = COALESCE(first_response_at, CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END)
          WHERE id = ?1 AND reply IS NOT ?2`,
      )
      .bind(id, reply, now),
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, detail, created_at)
         SELECT ?1, ?2, ?3, ?4, NULL, ?5 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1 AND updated_at = ?5 AND reply IS ?3)`,
      )
      .bind(id, kind, reply, actor, now),
  ];
}

/** The replies to the complaints made from one card, newest first (the card's page shows them to its holder). */
export async function listCardReplies(db: D1Database, code: string, limit = 3): Promise<CardReply[]> {
  const { results } = await db
    .prepare(
      `SELECT id AS complaintId, reply, replied_at AS repliedAt FROM complaints
        WHERE card_code = ?1 AND reply IS NOT NULL ORDER BY replied_at DESC LIMIT ?2`,
    )
    .bind(code, limit)
    .all<CardReply>();
  return results;
}
