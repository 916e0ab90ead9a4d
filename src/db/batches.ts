import type { CardFormat } from '../pdf/render';
import { toLocationWithLinks, type LocationRow, type LocationWithLinks, type ReviewLinkRow } from './locations';

export interface Batch {
  id: string;
  locationId: number;
  locationSlug: string;
  locationName: string;
  template: string;
  format: CardFormat;
  cardCount: number;
  createdBy: string;
  createdAt: number;
  voidedAt: number | null;
}

export interface Card {
  code: string;
  position: number;
  orderRef: string | null;
  voidedAt: number | null;
}

interface BatchRow {
  id: string;
  location_id: number;
  location_slug: string;
  location_name: string;
  template: string;
  format: CardFormat;
  print_format: CardFormat | null;
  card_count: number;
  created_by: string;
  created_at: number;
  voided_at: number | null;
}

function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    locationId: row.location_id,
    locationSlug: row.location_slug,
    locationName: row.location_name,
    template: row.template,
    format: row.print_format ?? row.format,
    cardCount: row.card_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
  };
}

const BATCH_SELECT = `SELECT b.*, l.slug AS location_slug, l.name AS location_name
  FROM batches b JOIN locations l ON l.id = b.location_id`;

export interface NewBatch {
  id: string;
  locationId: number;
  template: string;
  format: CardFormat;
  createdBy: string;
  cards: { code: string; orderRef: string | null }[];
}

/**
 * Stores a batch and all its cards in one transaction. The cards go in as one JSON
 * parameter, so a batch of 1000 is two statements (D1 allows 100 bound parameters each).
 */
export async function insertBatch(db: D1Database, batch: NewBatch, now: number): Promise<void> {
  const cards = JSON.stringify(batch.cards.map((c, i) => [c.code, i + 1, c.orderRef]));
  await db.batch([
    db
      .prepare(
        `INSERT INTO batches (id, location_id, template, format, print_format, card_count, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(
        batch.id, batch.locationId, batch.template,
        // Formats newer than the column's CHECK go to print_format (migration 0013).
        batch.format === 'a4-4up' ? 'a4-4up' : 'a6',
        batch.format === 'a4-4up' || batch.format === 'a6' ? null : batch.format,
        batch.cards.length, batch.createdBy, now,
      ),
    db
      .prepare(
        `INSERT INTO cards (code, batch_id, location_id, position, order_ref)
         SELECT value ->> 0, ?1, ?2, value ->> 1, value ->> 2 FROM json_each(?3)`,
      )
      .bind(batch.id, batch.locationId, cards),
  ]);
}

export async function getBatch(db: D1Database, id: string): Promise<Batch | null> {
  const row = await db.prepare(`${BATCH_SELECT} WHERE b.id = ?1`).bind(id).first<BatchRow>();
  return row ? toBatch(row) : null;
}

export async function listBatches(db: D1Database, limit = 50): Promise<Batch[]> {
  const { results } = await db
    .prepare(`${BATCH_SELECT} ORDER BY b.created_at DESC LIMIT ?1`)
    .bind(limit)
    .all<BatchRow>();
  return results.map(toBatch);
}

export async function listCards(db: D1Database, batchId: string): Promise<Card[]> {
  const { results } = await db
    .prepare('SELECT code, position, order_ref, voided_at FROM cards WHERE batch_id = ?1 ORDER BY position')
    .bind(batchId)
    .all<CardRow>();
  return results.map(toCard);
}

interface CardRow {
  code: string;
  position: number;
  order_ref: string | null;
  voided_at: number | null;
}

/**
 * Everything a batch's PDF is drawn from, in one round trip: the batch, its location with the
 * review links, and its cards. Printing runs under a tight CPU budget, so one call, not four.
 */
export async function getBatchForPrint(
  db: D1Database,
  id: string,
): Promise<{ batch: Batch; location: LocationWithLinks; cards: Card[] } | null> {
  const locationOf = '(SELECT location_id FROM batches WHERE id = ?1)';
  const [batches, locations, links, cards] = await db.batch<unknown>([
    db.prepare(`${BATCH_SELECT} WHERE b.id = ?1`).bind(id),
    db.prepare(`SELECT * FROM locations WHERE id = ${locationOf}`).bind(id),
    db.prepare(`SELECT * FROM review_links WHERE location_id = ${locationOf} ORDER BY position`).bind(id),
    db.prepare('SELECT code, position, order_ref, voided_at FROM cards WHERE batch_id = ?1 ORDER BY position').bind(id),
  ]);
  const batchRow = batches?.results[0] as BatchRow | undefined;
  const locationRow = locations?.results[0] as LocationRow | undefined;
  if (!batchRow || !locationRow) return null;
  return {
    batch: toBatch(batchRow),
    location: toLocationWithLinks(locationRow, (links?.results ?? []) as ReviewLinkRow[]),
    cards: ((cards?.results ?? []) as CardRow[]).map(toCard),
  };
}

function toCard(r: CardRow): Card {
  return { code: r.code, position: r.position, orderRef: r.order_ref, voidedAt: r.voided_at };
}
