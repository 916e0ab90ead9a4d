import { forgetCardTargets, primaryLinkOf } from './card-targets';
import type { VoidRecord, VoidedCard } from '../domain/cards';

export type { CardTarget } from './card-targets';

/** Where a customer can still leave a review when their card cannot be used. */
export interface ReviewTarget {
  locationName: string;
  reviewUrl: string;
}

const PRIMARY_LINK = primaryLinkOf('l.id');

export async function locationReviewTarget(db: D1Database, locationId: number): Promise<ReviewTarget | null> {
  const row = await db
    .prepare(`SELECT l.name AS locationName, ${PRIMARY_LINK} AS reviewUrl FROM locations l WHERE l.id = ?1`)
    .bind(locationId)
    .first<{ locationName: string; reviewUrl: string | null }>();
  return row?.reviewUrl ? { locationName: row.locationName, reviewUrl: row.reviewUrl } : null;
}

/** The review link of the deployment's only active location; null when there are several (or none). */
export async function soleLocationReviewTarget(db: D1Database): Promise<ReviewTarget | null> {
  const { results } = await db
    .prepare(
      `SELECT l.name AS locationName, ${PRIMARY_LINK} AS reviewUrl FROM locations l WHERE l.archived_at IS NULL LIMIT 2`,
    )
    .all<{ locationName: string; reviewUrl: string | null }>();
  const only = results.length === 1 ? results[0]! : null;
  return only?.reviewUrl ? { locationName: only.locationName, reviewUrl: only.reviewUrl } : null;
}

interface VoidRow {
  voided_at: number | null;
  void_reason: string | null;
  voided_by: string | null;
}

const toVoidRecord = (row: VoidRow): VoidRecord | null =>
  row.voided_at === null
    ? null
    : { voidedAt: row.voided_at, reason: row.void_reason ?? '', voidedBy: row.voided_by ?? '' };

/**
 * Voids a batch (all its cards stop counting as customers served). Voiding twice keeps the
 * first record. Returns null when there is no such batch.
 */
export async function voidBatch(
  db: D1Database,
  batchId: string,
  reason: string,
  by: string,
  now: number,
): Promise<VoidRecord | null> {
  const [, read] = await db.batch<VoidRow>([
    db
      .prepare(
        'UPDATE batches SET voided_at = ?2, void_reason = ?3, voided_by = ?4 WHERE id = ?1 AND voided_at IS NULL',
      )
      .bind(batchId, now, reason, by),
    db.prepare('SELECT voided_at, void_reason, voided_by FROM batches WHERE id = ?1').bind(batchId),
  ]);
  forgetCardTargets();
  const row = read?.results[0];
  return row ? toVoidRecord(row) : null;
}

export async function batchVoidRecord(db: D1Database, batchId: string): Promise<VoidRecord | null> {
  const row = await db
    .prepare('SELECT voided_at, void_reason, voided_by FROM batches WHERE id = ?1')
    .bind(batchId)
    .first<VoidRow>();
  return row ? toVoidRecord(row) : null;
}

interface VoidedCardRow {
  code: string;
  batch_id: string;
  card_voided_at: number | null;
  card_reason: string | null;
  card_by: string | null;
  batch_voided_at: number | null;
  batch_reason: string | null;
  batch_by: string | null;
}

const VOIDED_CARD_SELECT = `SELECT c.code, c.batch_id, c.voided_at AS card_voided_at, c.void_reason AS card_reason, c.voided_by AS card_by,
       b.voided_at AS batch_voided_at, b.void_reason AS batch_reason, b.voided_by AS batch_by
  FROM cards c JOIN batches b ON b.id = c.batch_id`;

/** A card's own void record wins over its batch's: it is the earlier, more specific one. */
function toVoidedCard(row: VoidedCardRow): VoidedCard | null {
  const own = toVoidRecord({ voided_at: row.card_voided_at, void_reason: row.card_reason, voided_by: row.card_by });
  const batch = toVoidRecord({
    voided_at: row.batch_voided_at,
    void_reason: row.batch_reason,
    voided_by: row.batch_by,
  });
  const record = own ?? batch;
  return record ? { code: row.code, batchId: row.batch_id, byBatch: own === null, ...record } : null;
}

/**
 * Voids one card (lost, misprinted). Voiding twice keeps the first record.
 * Returns null when there is no such card.
 */
export async function voidCard(
  db: D1Database,
  code: string,
  reason: string,
  by: string,
  now: number,
): Promise<VoidedCard | null> {
  const [, read] = await db.batch<VoidedCardRow>([
    db
      .prepare(
        'UPDATE cards SET voided_at = ?2, void_reason = ?3, voided_by = ?4 WHERE code = ?1 AND voided_at IS NULL',
      )
      .bind(code, now, reason, by),
    db.prepare(`${VOIDED_CARD_SELECT} WHERE c.code = ?1`).bind(code),
  ]);
  forgetCardTargets();
  const row = read?.results[0];
  return row ? toVoidedCard(row) : null;
}

/** Which of `codes` belong to the batch (codes already normalized). */
export async function cardsInBatch(db: D1Database, batchId: string, codes: string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT code FROM cards WHERE batch_id = ?1 AND code IN (SELECT value FROM json_each(?2))')
    .bind(batchId, JSON.stringify(codes))
    .all<{ code: string }>();
  return new Set(results.map((r) => r.code));
}

/** Voids several cards of one batch in one statement; returns how many were newly voided. */
export async function voidBatchCards(
  db: D1Database,
  batchId: string,
  codes: string[],
  reason: string,
  by: string,
  now: number,
): Promise<number> {
  const result = await db
    .prepare(
      `UPDATE cards SET voided_at = ?3, void_reason = ?4, voided_by = ?5
        WHERE batch_id = ?1 AND voided_at IS NULL AND code IN (SELECT value FROM json_each(?2))
        RETURNING code`,
    )
    .bind(batchId, JSON.stringify(codes), now, reason, by)
    .all<{ code: string }>();
  forgetCardTargets();
  // Not meta.changes: D1 counts the rows the aggregate triggers touch too.
  return result.results.length;
}

/** The voided cards of a batch with who/when/why (all of them when the batch is void). */
export async function listVoidedCards(db: D1Database, batchId: string): Promise<VoidedCard[]> {
  const { results } = await db
    .prepare(
      `${VOIDED_CARD_SELECT} WHERE c.batch_id = ?1 AND (c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL) ORDER BY c.position`,
    )
    .bind(batchId)
    .all<VoidedCardRow>();
  return results.map(toVoidedCard).filter((card): card is VoidedCard => card !== null);
}
