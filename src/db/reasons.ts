import { DEFAULT_REASONS } from '../domain/complaints';
import type { Reason } from '../domain/reasons';
import type { ReasonCopyPlan } from '../domain/reason-copy';

interface ReasonRow {
  id: number;
  location_id: number;
  label: string;
  label_en: string | null;
  position: number;
  archived_at: number | null;
  complaints: number;
  is_catch_all: number;
}

function toReason(row: ReasonRow): Reason {
  return {
    id: row.id,
    locationId: row.location_id,
    label: row.label,
    labelEn: row.label_en,
    position: row.position,
    archivedAt: row.archived_at,
    complaints: row.complaints,
    catchAll: row.is_catch_all === 1,
  };
}

/** Active reasons in the customer's order (the complaint page). */
export async function listActiveReasons(db: D1Database, locationId: number): Promise<Reason[]> {
  const { results } = await db
    .prepare(
      `SELECT id, location_id, label, label_en, position, archived_at, 0 AS complaints, is_catch_all FROM complaint_reasons
        WHERE location_id = ?1 AND archived_at IS NULL ORDER BY position, id`,
    )
    .bind(locationId)
    .all<ReasonRow>();
  return results.map(toReason);
}

/** All reasons of a location with their complaint counts (the owner's page): active first. */
export async function listReasons(db: D1Database, locationId: number): Promise<Reason[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.location_id, r.label, r.label_en, r.position, r.archived_at, r.is_catch_all,
              (SELECT COUNT(*) FROM complaints c WHERE c.reason_id = r.id) AS complaints
         FROM complaint_reasons r WHERE r.location_id = ?1
        ORDER BY r.archived_at IS NOT NULL, r.position, r.id`,
    )
    .bind(locationId)
    .all<ReasonRow>();
  return results.map(toReason);
}

/** Distinct reason labels across locations, for the inbox filter. */
export async function listReasonLabels(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT DISTINCT label FROM complaint_reasons ORDER BY label')
    .all<{ label: string }>();
  return results.map((r) => r.label);
}

export async function getReason(db: D1Database, id: number): Promise<Reason | null> {
  const row = await db
    .prepare(
      `SELECT r.id, r.location_id, r.label, r.label_en, r.position, r.archived_at, r.is_catch_all,
              (SELECT COUNT(*) FROM complaints c WHERE c.reason_id = r.id) AS complaints
         FROM complaint_reasons r WHERE r.id = ?1`,
    )
    .bind(id)
    .first<ReasonRow>();
  return row ? toReason(row) : null;
}

/**
 * Gives a location the default reasons if it has never had any (not even archived ones). One
 * statement that checks and inserts, so two first visitors at once cannot create the list twice.
 */
export async function ensureDefaultReasons(
  db: D1Database,
  locationId: number,
  labels: readonly string[],
  now: number,
  catchAll: readonly string[] = DEFAULT_REASONS.filter((r) => r.catchAll).map((r) => r.ru),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO complaint_reasons (location_id, label, position, created_at, is_catch_all)
       SELECT ?1, value, key, ?3, value IN (SELECT value FROM json_each(?4)) FROM json_each(?2)
        WHERE NOT EXISTS (SELECT 1 FROM complaint_reasons WHERE location_id = ?1)`,
    )
    .bind(locationId, JSON.stringify(labels), now, JSON.stringify(catchAll))
    .run();
}

/** Marks a reason catch-all (listed among the causes, never a top-3 one) or not. */
export async function setReasonCatchAll(db: D1Database, id: number, catchAll: boolean): Promise<void> {
  await db
    .prepare('UPDATE complaint_reasons SET is_catch_all = ?2 WHERE id = ?1')
    .bind(id, catchAll ? 1 : 0)
    .run();
}

export async function insertReason(
  db: D1Database,
  locationId: number,
  label: string,
  now: number,
  labelEn: string | null = null,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO complaint_reasons (location_id, label, label_en, position, created_at)
       VALUES (?1, ?2, ?4, (SELECT COALESCE(MAX(position), -1) + 1 FROM complaint_reasons WHERE location_id = ?1), ?3)`,
    )
    .bind(locationId, label, now, labelEn)
    .run();
}

/** Renaming keeps old complaints' text: each complaint stores the label it was made with. */
export async function renameReason(
  db: D1Database,
  id: number,
  label: string,
  labelEn: string | null = null,
): Promise<void> {
  await db
    .prepare('UPDATE complaint_reasons SET label = ?2, label_en = ?3 WHERE id = ?1')
    .bind(id, label, labelEn)
    .run();
}

export async function setReasonArchived(db: D1Database, id: number, archivedAt: number | null): Promise<void> {
  await db.prepare('UPDATE complaint_reasons SET archived_at = ?2 WHERE id = ?1').bind(id, archivedAt).run();
}

/** Deletes a reason only if no complaint names it (the statement itself checks). */
export async function deleteUnusedReason(db: D1Database, id: number): Promise<boolean> {
  const result = await db
    .prepare(
      'DELETE FROM complaint_reasons WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM complaints WHERE reason_id = ?1)',
    )
    .bind(id)
    .run();
  return result.meta.changes > 0;
}

/** Stores a new order of a location's reasons (ids first to last) in one transaction. */
export async function reorderReasons(db: D1Database, locationId: number, orderedIds: readonly number[]): Promise<void> {
  await db.batch(
    orderedIds.map((id, position) =>
      db
        .prepare('UPDATE complaint_reasons SET position = ?3 WHERE id = ?1 AND location_id = ?2')
        .bind(id, locationId, position),
    ),
  );
}

/**
 * Applies a copy plan (domain/reason-copy.ts) to one location in one transaction: new reasons are
 * inserted, matching ones updated (and restored), the rest archived when complaints name them or
 * deleted when none do.
 */
export async function applyReasonCopy(
  db: D1Database,
  locationId: number,
  plan: ReasonCopyPlan,
  now: number,
): Promise<void> {
  const statements: D1PreparedStatement[] = [
    ...plan.update.map((u) =>
      db
        .prepare(
          'UPDATE complaint_reasons SET label = ?3, label_en = ?4, position = ?5, is_catch_all = ?6, archived_at = NULL WHERE id = ?1 AND location_id = ?2',
        )
        .bind(u.id, locationId, u.label, u.labelEn, u.position, u.catchAll ? 1 : 0),
    ),
    ...plan.insert.map((r) =>
      db
        .prepare(
          'INSERT INTO complaint_reasons (location_id, label, label_en, position, is_catch_all, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
        )
        .bind(locationId, r.label, r.labelEn, r.position, r.catchAll ? 1 : 0, now),
    ),
    ...plan.archive.map((id) =>
      db
        .prepare('UPDATE complaint_reasons SET archived_at = ?3 WHERE id = ?1 AND location_id = ?2')
        .bind(id, locationId, now),
    ),
    ...plan.remove.map((id) =>
      db
        .prepare(
          'DELETE FROM complaint_reasons WHERE id = ?1 AND location_id = ?2 AND NOT EXISTS (SELECT 1 FROM complaints WHERE reason_id = ?1)',
        )
        .bind(id, locationId),
    ),
  ];
  if (statements.length > 0) await db.batch(statements);
}
