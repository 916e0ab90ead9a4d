/** A batch the inbox can be filtered by, with what names it (views/batch-name.ts). */
interface BatchChoice {
  id: string;
  createdAt: number;
  timeZone: string;
  locationName: string;
  template: string;
}

/** Batches that have complaints, newest first: the inbox's batch filter offers only these. */
export async function batchesWithComplaints(db: D1Database, limit = 100): Promise<BatchChoice[]> {
  const { results } = await db
    .prepare(
      `SELECT b.id, b.created_at AS createdAt, l.time_zone AS timeZone, l.name AS locationName, b.template
         FROM batches b JOIN locations l ON l.id = b.location_id
        WHERE EXISTS (SELECT 1 FROM complaints c WHERE c.batch_id = b.id)
        ORDER BY b.created_at DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<BatchChoice>();
  return results;
}

/** One batch named for the filter (when it is not among the offered ones). */
export async function batchChoice(db: D1Database, id: string): Promise<BatchChoice | null> {
  return db
    .prepare(
      `SELECT b.id, b.created_at AS createdAt, l.time_zone AS timeZone, l.name AS locationName, b.template
         FROM batches b JOIN locations l ON l.id = b.location_id WHERE b.id = ?1`,
    )
    .bind(id)
    .first<BatchChoice>();
}

/**
 * People's names by the e-mail a timeline entry was recorded with (case-insensitive, as the
 * users table compares e-mails); keys are lower case. People without a name are left out.
 */
export async function namesByEmail(db: D1Database, emails: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(emails.filter((e) => e.includes('@')).map((e) => e.toLowerCase()))].slice(0, 90);
  if (unique.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT email, name FROM users WHERE email IN (${unique.map((_, i) => `?${i + 1}`).join(', ')}) AND name <> ''`,
    )
    .bind(...unique)
    .all<{ email: string; name: string }>();
  return new Map(results.map((r) => [r.email.toLowerCase(), r.name]));
}
