/**
 * Card lookups for the review redirect, kept in the isolate for a short while, so a scan
 * usually answers without waiting for D1.
 *
 * The cards of one batch go out together and are scanned over the same days. The first scan
 * of a batch reads its own card on the customer's path, then (after the response) every card
 * of that batch in one query; later scans of any of them in this isolate answer from memory.
 * A warm isolate also keeps redirecting while D1 is unreachable.
 *
 * How stale it can be: a void or a changed review link made through this isolate applies at
 * once (forgetCardTargets is called by every write that changes a redirect); one made through
 * another isolate applies within CARD_CACHE_SECONDS (60 by default; "0" turns the cache off).
 * Unknown codes are never remembered, so a freshly printed card works at once.
 */

/** What a scan needs to know about a card: where its review link points, and if it still counts. */
export interface CardTarget {
  code: string;
  locationId: number;
  batchId: string;
  voided: boolean;
  reviewUrl: string | null;
}

/** The review link a scan of the location opens: the primary one, else the first. */
export const primaryLinkOf = (locationId: string) =>
  `(SELECT url FROM review_links r WHERE r.location_id = ${locationId} ORDER BY r.is_primary DESC, r.position LIMIT 1)`;

/** A card's own facts: the same columns for one card and for a whole batch. */
const CARD_COLUMNS = `c.code AS code, c.location_id AS locationId, c.batch_id AS batchId,
       (c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL) AS voided`;

export async function getCardTarget(db: D1Database, code: string): Promise<CardTarget | null> {
  return db
    .prepare(
      `SELECT ${CARD_COLUMNS}, ${primaryLinkOf('c.location_id')} AS reviewUrl
         FROM cards c JOIN batches b ON b.id = c.batch_id
        WHERE c.code = ?1`,
    )
    .bind(code)
    .first<CardTarget>();
}

/** Every card of a batch, for the cache: one query, the primary link computed once. */
async function batchCardTargets(db: D1Database, batchId: string): Promise<CardTarget[]> {
  const { results } = await db
    .prepare(
      `WITH link AS (SELECT ${primaryLinkOf('(SELECT location_id FROM batches WHERE id = ?1)')} AS url)
       SELECT ${CARD_COLUMNS}, (SELECT url FROM link) AS reviewUrl
         FROM cards c JOIN batches b ON b.id = c.batch_id
        WHERE c.batch_id = ?1`,
    )
    .bind(batchId)
    .all<CardTarget>();
  return results;
}

const DEFAULT_SECONDS = 60;
const MAX_SECONDS = 300;
/** A couple of hundred bytes a card: a few MB at most, whatever the batches. */
const MAX_CARDS = 20_000;
const MAX_BATCHES = 1_000;

interface Entry {
  card: CardTarget;
  expires: number;
}

const cards = new Map<string, Entry>();
/** Batches whose cards were read (or are being read), until when. */
const batches = new Map<string, number>();
/** Bumped by every forget, so a read that started before it cannot store what it saw. */
let generation = 0;

/** The cache lifetime in ms from the CARD_CACHE_SECONDS var (a string, as vars are). */
export function cardCacheMs(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DEFAULT_SECONDS * 1000;
  const seconds = Number(setting);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, MAX_SECONDS) * 1000 : DEFAULT_SECONDS * 1000;
}

/**
 * A card's redirect target by its normalized code: from memory when known and fresh, else one
 * D1 read. `later` runs work after the response (ctx.waitUntil): the read of the card's batch.
 */
export async function cachedCardTarget(
  db: D1Database,
  code: string,
  options: { ttlMs: number; later: (work: Promise<unknown>) => void; now?: number },
): Promise<CardTarget | null> {
  const { ttlMs, later, now = Date.now() } = options;
  if (ttlMs === 0) return getCardTarget(db, code);
  const hit = cards.get(code);
  if (hit && hit.expires > now) return hit.card;

  const seen = generation;
  const card = await getCardTarget(db, code);
  if (!card || seen !== generation) return card;
  remember(card, now + ttlMs);
  if (!((batches.get(card.batchId) ?? 0) > now)) {
    if (batches.size >= MAX_BATCHES) batches.clear(); // at worst, a batch is read once more
    batches.set(card.batchId, now + ttlMs);
    later(rememberBatch(db, card.batchId, now + ttlMs, seen));
  }
  return card;
}

async function rememberBatch(db: D1Database, batchId: string, expires: number, seen: number): Promise<void> {
  try {
    const siblings = await batchCardTargets(db, batchId);
    if (seen !== generation) return;
    // One copy of the strings every card of the batch shares.
    const reviewUrl = siblings[0]?.reviewUrl ?? null;
    for (const card of siblings) remember({ ...card, batchId, reviewUrl }, expires);
  } catch (error) {
    // Only a missed chance to answer from memory: the next scan reads D1 as usual.
    batches.delete(batchId);
    console.warn('batch cards not cached', batchId, error);
  }
}

function remember(card: CardTarget, expires: number): void {
  if (cards.size >= MAX_CARDS) {
    // Maps keep insertion order: drop the oldest tenth.
    let drop = MAX_CARDS / 10;
    for (const code of cards.keys()) {
      cards.delete(code);
      if (--drop === 0) break;
    }
  }
  cards.delete(card.code);
  cards.set(card.code, { card, expires });
}

/** Called by every write that changes where a card leads or whether it counts. */
export function forgetCardTargets(): void {
  generation++;
  cards.clear();
  batches.clear();
}

/** How many cards are in memory (for tests and benchmarks). */
export function cachedCardCount(): number {
  return cards.size;
}
