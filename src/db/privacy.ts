/**
 * Personal data of complaints: the raw rows for an export, and erasure that keeps the
 * complaint itself (reason, dates, status) so counts and the Support Index stay correct.
 */

const ERASED_EVENT = 'personal_data_erased';

/** The complaint row exactly as stored, every column, for the export. */
export async function getComplaintRow(db: D1Database, id: string): Promise<Record<string, unknown> | null> {
  return db.prepare('SELECT * FROM complaints WHERE id = ?1').bind(id).first<Record<string, unknown>>();
}

/** Every timeline row of a complaint as stored. */
export async function listEventRows(db: D1Database, id: string): Promise<Record<string, unknown>[]> {
  const { results } = await db
    .prepare('SELECT * FROM complaint_events WHERE complaint_id = ?1 ORDER BY created_at, id')
    .bind(id)
    .all<Record<string, unknown>>();
  return results;
}

/** Every notification row of a complaint as stored. */
export async function listNotificationRows(db: D1Database, id: string): Promise<Record<string, unknown>[]> {
  const { results } = await db
    .prepare('SELECT * FROM notifications WHERE complaint_id = ?1 ORDER BY created_at, id')
    .bind(id)
    .all<Record<string, unknown>>();
  return results;
}

/**
 * Erases one complaint's contact, comment, visitor hash, note texts (and replaced contacts) and notification bodies,
 * and records the erasure in its timeline, in one transaction. Returns false for an unknown id.
 */
export async function eraseComplaintPersonalData(
  db: D1Database,
  id: string,
  actor: string,
  now: number,
): Promise<boolean> {
  const results = await db.batch([
    db
      .prepare(
        'UPDATE complaint_events SET note = NULL, previous_contact = NULL WHERE complaint_id = ?1 AND (note IS NOT NULL OR previous_contact IS NOT NULL)',
      )
      .bind(id),
    db.prepare('UPDATE notifications SET payload = NULL, last_error = NULL WHERE complaint_id = ?1').bind(id),
    db
      .prepare(
        `UPDATE complaints SET contact = NULL, contact_masked = NULL, comment = NULL, visitor = NULL,
                personal_data_erased_at = ?2, updated_at = ?2
          WHERE id = ?1`,
      )
      .bind(id, now),
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, created_at)
         SELECT ?1, ?2, NULL, ?3, ?4 WHERE EXISTS (SELECT 1 FROM complaints WHERE id = ?1)`,
      )
      .bind(id, ERASED_EVENT, actor, now),
  ]);
  return (results[2]?.meta.changes ?? 0) > 0;
}

/**
 * The retention sweep: erases personal data of every complaint created before `cutoff` that
 * still has any, set-based in one transaction. Chosen by what is stored, not by an erasure flag,
 * so a note, comment or contact added after an earlier erasure is erased too; a complaint with
 * nothing left to erase gets no new erasure event. Returns how many complaints were erased.
 */
export async function eraseComplaintsBefore(db: D1Database, cutoff: number, now: number): Promise<number> {
  const hasPersonalData = `created_at < ?1 AND (
      contact IS NOT NULL OR contact_masked IS NOT NULL OR comment IS NOT NULL OR visitor IS NOT NULL
      OR EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = complaints.id AND (e.note IS NOT NULL OR e.previous_contact IS NOT NULL))
      OR EXISTS (SELECT 1 FROM notifications n WHERE n.complaint_id = complaints.id AND (n.payload IS NOT NULL OR n.last_error IS NOT NULL)))`;
  const old = `SELECT id FROM complaints WHERE created_at < ?1`;
  // The event and the flag first, while the complaints still show what they hold.
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, created_at)
         SELECT id, ?2, NULL, 'retention', ?3 FROM complaints WHERE ${hasPersonalData}`,
      )
      .bind(cutoff, ERASED_EVENT, now),
    db
      .prepare(
        `UPDATE complaints SET contact = NULL, contact_masked = NULL, comment = NULL, visitor = NULL,
                personal_data_erased_at = ?2, updated_at = ?2
          WHERE ${hasPersonalData}`,
      )
      .bind(cutoff, now),
    db
      .prepare(`UPDATE complaint_events SET note = NULL, previous_contact = NULL
                 WHERE (note IS NOT NULL OR previous_contact IS NOT NULL) AND complaint_id IN (${old})`)
      .bind(cutoff),
    db
      .prepare(
        `UPDATE notifications SET payload = NULL, last_error = NULL WHERE (payload IS NOT NULL OR last_error IS NOT NULL) AND complaint_id IN (${old})`,
      )
      .bind(cutoff),
  ]);
  return results[0]?.meta.changes ?? 0;
}
