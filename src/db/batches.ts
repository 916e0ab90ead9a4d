import type { HandOutWindow } from '../domain/hand-out';
import type { CardFormat } from '../domain/postcard-layout';
import { toLocationWithLinks, type LocationRow, type ReviewLinkRow } from './locations';
import type { LocationWithLinks } from '../domain/locations';
import type { Batch, Card } from '../domain/batches';

interface BatchRow {
  id: string;
  location_id: number;
  location_slug: string;
  location_name: string;
  location_time_zone: string;
  hand_out_from: string;
  hand_out_to: string;
  hand_out_ended_at: number | null;
  for_orders: number;
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
    locationTimeZone: row.location_time_zone,
    handOut: { from: row.hand_out_from, to: row.hand_out_to },
    handOutEndedAt: row.hand_out_ended_at,
    forOrders: row.for_orders === 1,
    template: row.template,
    format: row.print_format ?? row.format,
    cardCount: row.card_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
  };
}

const BATCH_SELECT = `SELECT b.*, l.slug AS location_slug, l.name AS location_name, l.time_zone AS location_time_zone,
    EXISTS (SELECT 1 FROM cards c WHERE c.batch_id = b.id AND c.order_ref IS NOT NULL) AS for_orders
  FROM batches b JOIN locations l ON l.id = b.location_id`;

interface NewBatch {
  id: string;
  locationId: number;
  template: string;
  format: CardFormat;
  createdBy: string;
  /** The hand-out window; without one, the print day alone (migrations/0012 fills it in). */
  handOut?: HandOutWindow;
  /** servedDay: the local day the card counts as handed out (see domain/hand-out.ts); without one, the window's first day. */
  cards: { code: string; orderRef: string | null; servedDay?: string }[];
}

/**
 * Stores a batch and all its cards in one transaction. The cards go in as one JSON
 * parameter, so a batch of 1000 is two statements (D1 allows 100 bound parameters each).
 */
export async function insertBatch(db: D1Database, batch: NewBatch, now: number): Promise<void> {
  const cards = JSON.stringify(batch.cards.map((c, i) => [c.code, i + 1, c.orderRef, c.servedDay ?? null]));
  await db.batch([
    db
      .prepare(
        `INSERT INTO batches (id, location_id, template, format, print_format, card_count, created_by, created_at, hand_out_from, hand_out_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      )
      .bind(
        batch.id,
        batch.locationId,
        batch.template,
        // Formats newer than the column's CHECK go to print_format (migration 0013).
        batch.format === 'a4-4up' ? 'a4-4up' : 'a6',
        batch.format === 'a4-4up' || batch.format === 'a6' ? null : batch.format,
        batch.cards.length,
        batch.createdBy,
        now,
        batch.handOut?.from ?? null,
        batch.handOut?.to ?? null,
      ),
    db
      .prepare(
        `INSERT INTO cards (code, batch_id, location_id, position, order_ref, served_day)
         SELECT value ->> 0, ?1, ?2, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?3)`,
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

/**
 * Ends a batch's hand-out window early ("all handed out"): the window becomes `window` and the
 * cards given move to their new served days; the daily aggregates follow each card
 * (migrations/0012, trigger daily_cards_served). One transaction.
 */
export async function endHandOut(
  db: D1Database,
  batchId: string,
  window: HandOutWindow,
  moves: { code: string; servedDay: string }[],
  by: string,
  now: number,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        'UPDATE batches SET hand_out_from = ?2, hand_out_to = ?3, hand_out_ended_at = ?4, hand_out_ended_by = ?5 WHERE id = ?1',
      )
      .bind(batchId, window.from, window.to, now, by),
    db
      .prepare(
        `UPDATE cards SET served_day = j.value ->> 1 FROM json_each(?2) j
          WHERE cards.batch_id = ?1 AND cards.code = j.value ->> 0 AND cards.served_day IS NOT j.value ->> 1`,
      )
      .bind(batchId, JSON.stringify(moves.map((m) => [m.code, m.servedDay]))),
  ]);
}
