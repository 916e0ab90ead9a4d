import type { DigestStatus } from '../domain/digest';
import type { Channel } from '../domain/notifications';

/** The Monday digest's deliveries: one row per reported week and channel (migrations/0018). */

interface DigestDelivery {
  week: string;
  channel: Channel;
  payload: string | null;
  attempts: number;
}

/** The channels whose digest of this week is queued or gone already. */
export async function digestChannelsOfWeek(db: D1Database, week: string): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT channel FROM weekly_digests WHERE week = ?1')
    .bind(week)
    .all<{ channel: string }>();
  return new Set(results.map((r) => r.channel));
}

/**
 * Queues one week's digest for one channel, leased to this run until `leaseUntil`. False when
 * it was queued before (another cron run, or an earlier one): then this run sends nothing.
 */
export async function queueDigest(
  db: D1Database,
  week: string,
  channel: Channel,
  payload: string,
  leaseUntil: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO weekly_digests (week, channel, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?1, ?2, ?3, 'pending', 0, ?4, ?5) ON CONFLICT (week, channel) DO NOTHING`,
    )
    .bind(week, channel, payload, leaseUntil, now)
    .run();
  return result.meta.changes > 0;
}

/** Takes the digests due for another attempt, pushing their next attempt to `leaseUntil` in the same statement. */
export async function claimDueDigests(db: D1Database, now: number, leaseUntil: number): Promise<DigestDelivery[]> {
  const { results } = await db
    .prepare(
      `UPDATE weekly_digests SET next_attempt_at = ?2
        WHERE status = 'pending' AND next_attempt_at <= ?1 AND payload IS NOT NULL
        RETURNING week, channel, payload, attempts`,
    )
    .bind(now, leaseUntil)
    .all<DigestDelivery>();
  return results;
}

/** Sent: the body is no longer needed. */
export async function markDigestSent(db: D1Database, week: string, channel: Channel, now: number): Promise<void> {
  await db
    .prepare(
      `UPDATE weekly_digests SET status = 'sent', attempts = attempts + 1, sent_at = ?3, last_error = NULL, payload = NULL WHERE week = ?1 AND channel = ?2`,
    )
    .bind(week, channel, now)
    .run();
}

/** Failed: retried at `nextAttemptAt`, or given up when that is null. */
export async function markDigestFailed(
  db: D1Database,
  week: string,
  channel: Channel,
  reason: string,
  nextAttemptAt: number | null,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE weekly_digests SET attempts = attempts + 1, last_error = ?3,
              status = CASE WHEN ?4 IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at = COALESCE(?4, ?5)
        WHERE week = ?1 AND channel = ?2`,
    )
    .bind(week, channel, reason, nextAttemptAt, now)
    .run();
}

/** The deliveries of the latest digest, for the settings page. */
export async function latestDigest(db: D1Database): Promise<DigestStatus[]> {
  const { results } = await db
    .prepare(
      `SELECT week, channel, status, attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt, sent_at AS sentAt
         FROM weekly_digests WHERE week = (SELECT MAX(week) FROM weekly_digests) ORDER BY channel`,
    )
    .all<DigestStatus>();
  return results;
}
