import type { ReplyTemplate } from '../domain/complaint-reply';

/** A location's reply templates: a short list the owner keeps, offered as one-tap fills of a reply. */

const SELECT = 'SELECT id, location_id AS locationId, text, position FROM reply_templates';

export async function listReplyTemplates(db: D1Database, locationId: number): Promise<ReplyTemplate[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE location_id = ?1 ORDER BY position, id`)
    .bind(locationId)
    .all<ReplyTemplate>();
  return results;
}

export async function getReplyTemplate(db: D1Database, id: number): Promise<ReplyTemplate | null> {
  return db.prepare(`${SELECT} WHERE id = ?1`).bind(id).first<ReplyTemplate>();
}

/** Appends a template at the end of the location's list, unless the list already holds `max`. Returns whether it was added. */
export async function insertReplyTemplate(
  db: D1Database,
  locationId: number,
  text: string,
  max: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO reply_templates (location_id, text, position, created_at, updated_at)
       SELECT ?1, ?2, COALESCE(MAX(position), 0) + 1, ?3, ?3 FROM reply_templates WHERE location_id = ?1
       HAVING COUNT(*) < ?4`,
    )
    .bind(locationId, text, now, max)
    .run();
  return result.meta.changes > 0;
}

export async function updateReplyTemplate(db: D1Database, id: number, text: string, now: number): Promise<void> {
  await db.prepare('UPDATE reply_templates SET text = ?2, updated_at = ?3 WHERE id = ?1').bind(id, text, now).run();
}

export async function deleteReplyTemplate(db: D1Database, id: number): Promise<void> {
  await db.prepare('DELETE FROM reply_templates WHERE id = ?1').bind(id).run();
}
