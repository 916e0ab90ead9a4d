import type { DeliveryFailure } from '../domain/outbound';
import type { Channel, NotificationStatus, Notification, NotificationProblem } from '../domain/notifications';

interface NotificationRow {
  id: string;
  complaint_id: string;
  channel: Channel;
  event: string;
  payload: string | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  sent_at: number | null;
  created_at: number;
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    complaintId: row.complaint_id,
    channel: row.channel,
    event: row.event,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

interface NewNotification {
  id: string;
  complaintId: string;
  channel: Channel;
  event: string;
  payload: string;
  /** the first attempt is made right after the response; the cron takes over from this time */
  nextAttemptAt: number;
}

/**
 * Inserted only if the complaint exists, so it can ride in the batch that creates it; a message
 * whose id is already there is left alone, so writing the same event twice (a queue
 * redelivery) queues it once. `meta.changes` says whether this statement queued it.
 */
export function insertNotificationStatement(db: D1Database, n: NewNotification, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (id, complaint_id, channel, event, payload, status, attempts, next_attempt_at, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, ?7 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?2)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(n.id, n.complaintId, n.channel, n.event, n.payload, n.nextAttemptAt, now);
}

/**
 * Takes up to `limit` due messages and pushes their next attempt to `leaseUntil` in the same
 * statement, so two cron runs (or a cron run and a "retry now") never send one message twice.
 */
export async function claimDueNotifications(
  db: D1Database,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<Notification[]> {
  const { results } = await db
    .prepare(
      `UPDATE notifications SET next_attempt_at = ?2
        WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= ?1
                      ORDER BY next_attempt_at LIMIT ?3)
        RETURNING *`,
    )
    .bind(now, leaseUntil, limit)
    .all<NotificationRow>();
  return results.map(toNotification);
}

/** Claims one message for an immediate attempt ("retry now"), unless it was sent meanwhile. */
export async function claimNotification(db: D1Database, id: string, leaseUntil: number): Promise<Notification | null> {
  const row = await db
    .prepare(
      `UPDATE notifications SET status = 'pending', next_attempt_at = ?2
        WHERE id = ?1 AND status != 'sent' AND payload IS NOT NULL RETURNING *`,
    )
    .bind(id, leaseUntil)
    .first<NotificationRow>();
  return row ? toNotification(row) : null;
}

/** Sent: the body is dropped, so contacts do not stay in the outbox. */
export async function markNotificationSent(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare(
      `UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = ?2, last_error = NULL, payload = NULL
        WHERE id = ?1`,
    )
    .bind(id, now)
    .run();
}

/**
 * A failed attempt: retried at `nextAttemptAt`, or given up ("failed") when that is null. Only a
 * fixed reason is kept, never a receiver's answer.
 */
export async function markNotificationFailed(
  db: D1Database,
  id: string,
  error: DeliveryFailure,
  nextAttemptAt: number | null,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE notifications SET attempts = attempts + 1, last_error = ?2,
              status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at = COALESCE(?3, ?4)
        WHERE id = ?1`,
    )
    .bind(id, error, nextAttemptAt, now)
    .run();
}

/** Messages that failed at least once and are not sent yet: what the owner must see. */
export async function listNotificationProblems(db: D1Database, limit = 50): Promise<NotificationProblem[]> {
  const { results } = await db
    .prepare(
      `SELECT n.*, c.reason_label AS reason, l.name AS location_name, l.time_zone AS location_time_zone, c.created_at AS complaint_created_at
         FROM notifications n JOIN complaints c ON c.id = n.complaint_id JOIN locations l ON l.id = c.location_id
        WHERE n.status = 'failed' OR (n.status = 'pending' AND n.attempts > 0)
        ORDER BY n.created_at DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<
      NotificationRow & {
        reason: string;
        location_name: string;
        location_time_zone: string;
        complaint_created_at: number;
      }
    >();
  return results.map((r) => ({
    ...toNotification(r),
    reason: r.reason,
    locationName: r.location_name,
    locationTimeZone: r.location_time_zone,
    complaintCreatedAt: r.complaint_created_at,
  }));
}

export async function countNotificationProblems(db: D1Database): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM notifications WHERE status = 'failed' OR (status = 'pending' AND attempts > 0)")
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function listNotificationsOfComplaint(db: D1Database, complaintId: string): Promise<Notification[]> {
  const { results } = await db
    .prepare('SELECT * FROM notifications WHERE complaint_id = ?1 ORDER BY created_at, channel')
    .bind(complaintId)
    .all<NotificationRow>();
  return results.map(toNotification);
}
