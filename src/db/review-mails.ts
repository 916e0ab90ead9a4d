import type { MailVerdict } from '../domain/review-mail';
import { countedUnlessFormStands } from './reviews';
import type { ReviewMail } from '../domain/review-mails';

/** Review notification e-mails: one row per Message-ID, and the reviews they become. */

interface NewReviewMail {
  id: string;
  messageId: string;
  platform: string;
  locationId: number | null;
  day: string;
  rating: number | null;
  subject: string;
  excerpt: string;
}

const SELECT_MAIL = `SELECT m.id, m.message_id AS messageId, m.platform, m.location_id AS locationId, l.slug AS locationSlug, l.name AS locationName,
        m.day, m.rating, m.subject, m.excerpt, m.status, m.received_at AS receivedAt, m.resolved_at AS resolvedAt,
        m.resolved_by AS resolvedBy
   FROM review_mails m LEFT JOIN locations l ON l.id = m.location_id`;

/**
 * Stores a review notification once by its Message-ID: the mail row, and when `stored` the review
 * too, in one transaction. The review is inserted only if this very row went in, so a second
 * delivery changes nothing. Returns false for a Message-ID seen before.
 */
export async function insertReviewMail(
  db: D1Database,
  mail: NewReviewMail,
  status: 'stored' | 'pending',
  now: number,
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        `INSERT OR IGNORE INTO review_mails (id, message_id, platform, location_id, day, rating, subject, excerpt, status, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      )
      .bind(
        mail.id,
        mail.messageId,
        mail.platform,
        mail.locationId,
        mail.day,
        mail.rating,
        mail.subject,
        mail.excerpt,
        status,
        now,
      ),
  ];
  if (status === 'stored') statements.push(insertReviewFromMail(db, mail.id, 1, 'email', now));
  const [result] = await db.batch(statements);
  return result!.meta.changes > 0;
}

/** The review of mail `id` (its location and rating as the row holds them), once by fingerprint. */
function insertReviewFromMail(db: D1Database, id: string, exact: 0 | 1, by: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO reviews (location_id, day, rating, platform, fingerprint, imported_by, created_at, source, source_key, rating_exact, counted)
       SELECT location_id, day, rating, platform, 'email:' || message_id, ?3, ?4, 'email', message_id, ?2, ${countedUnlessFormStands('review_mails')}
         FROM review_mails WHERE id = ?1 AND location_id IS NOT NULL AND rating IS NOT NULL`,
    )
    .bind(id, exact, by, now);
}

export async function listPendingMails(db: D1Database, limit = 50): Promise<ReviewMail[]> {
  const { results } = await db
    .prepare(`${SELECT_MAIL} WHERE m.status = 'pending' ORDER BY m.received_at DESC LIMIT ?1`)
    .bind(limit)
    .all<ReviewMail>();
  return results;
}

export async function getReviewMail(db: D1Database, id: string): Promise<ReviewMail | null> {
  return db.prepare(`${SELECT_MAIL} WHERE m.id = ?1`).bind(id).first<ReviewMail>();
}

/**
 * The owner's verdict on a pending mail, once: positive/negative store the review with the
 * given location and rating (exact or not); not_review stores none. False when it was not pending.
 */
export async function resolveReviewMail(
  db: D1Database,
  id: string,
  verdict: MailVerdict,
  review: { locationId: number; rating: number; exact: boolean } | null,
  by: string,
  now: number,
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE review_mails SET status = ?2, resolved_at = ?3, resolved_by = ?4,
              location_id = COALESCE(?5, location_id), rating = COALESCE(?6, rating)
        WHERE id = ?1 AND status = 'pending'`,
    )
    .bind(id, verdict, now, by, review?.locationId ?? null, review?.rating ?? null);
  const statements = [update];
  if (verdict !== 'not_review' && review) statements.push(insertReviewFromMail(db, id, review.exact ? 1 : 0, by, now));
  const [result] = await db.batch(statements);
  return result!.meta.changes > 0;
}

/** A mail that was not a review notification: counted per day, nothing else kept. */
export async function countIgnoredMail(db: D1Database, day: string): Promise<void> {
  await db
    .prepare(
      'INSERT INTO review_mail_ignored (day, count) VALUES (?1, 1) ON CONFLICT (day) DO UPDATE SET count = count + 1',
    )
    .bind(day)
    .run();
}

export async function ignoredMailsSince(db: D1Database, fromDay: string): Promise<number> {
  const row = await db
    .prepare('SELECT COALESCE(SUM(count), 0) AS n FROM review_mail_ignored WHERE day >= ?1')
    .bind(fromDay)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The retention sweep: subjects and excerpts of mails received before `cutoff` are erased. */
export async function eraseReviewMailTextsBefore(db: D1Database, cutoff: number): Promise<number> {
  const result = await db
    .prepare(
      'UPDATE review_mails SET subject = NULL, excerpt = NULL WHERE received_at < ?1 AND (subject IS NOT NULL OR excerpt IS NOT NULL)',
    )
    .bind(cutoff)
    .run();
  return result.meta.changes;
}
