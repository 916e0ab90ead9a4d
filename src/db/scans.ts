import type { DeviceClass } from '../domain/device';
import type { KindCounts, ScanCounts } from '../domain/scans';

export type ScanKind = 'review' | 'complaint';

export interface NewScan {
  /** Random id: a retried write is stored once. */
  eventId: string;
  cardCode: string;
  locationId: number;
  batchId: string;
  kind: ScanKind;
  createdAt: number;
  device: DeviceClass;
  country: string | null;
  isBot: boolean;
  visitor: string | null;
}

/**
 * What travels on the SCANS queue: the scans one isolate gathered in a few milliseconds, or
 * (from senders before that) a single scan.
 */
export type ScanMessage = { scans: NewScan[] } | NewScan;

export function scansInMessage(body: ScanMessage): NewScan[] {
  return 'scans' in body ? body.scans : [body];
}

/** Rows per INSERT: keeps the JSON parameter far under D1's size limits. */
const ROWS_PER_STATEMENT = 500;

/**
 * Stores scans (a queue batch, or an isolate's group written directly) in one round trip and
 * one transaction, up to 500 per statement. The event id makes a redelivered scan a no-op, so
 * a retried batch never counts a scan twice.
 */
export async function insertScans(db: D1Database, scans: NewScan[]): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < scans.length; i += ROWS_PER_STATEMENT) {
    statements.push(
      db
        .prepare(
          `INSERT INTO scans (event_id, card_code, location_id, batch_id, kind, created_at, device, country, is_bot, visitor)
           SELECT json_extract(value, '$.eventId'), json_extract(value, '$.cardCode'), json_extract(value, '$.locationId'),
                  json_extract(value, '$.batchId'), json_extract(value, '$.kind'), json_extract(value, '$.createdAt'),
                  json_extract(value, '$.device'), json_extract(value, '$.country'), json_extract(value, '$.isBot'),
                  json_extract(value, '$.visitor')
             FROM json_each(?1)
            WHERE true -- lets SQLite read the ON CONFLICT below as the upsert clause
           ON CONFLICT (event_id) DO NOTHING`,
        )
        .bind(JSON.stringify(scans.slice(i, i + ROWS_PER_STATEMENT))),
    );
  }
  if (statements.length === 1) await statements[0]!.run();
  else if (statements.length > 1) await db.batch(statements);
}

interface ScanScope {
  /** Unix ms, inclusive. */
  from: number;
  /** Unix ms, exclusive. */
  to: number;
  locationId?: number;
  batchId?: string;
}

interface CountsRow {
  kind: ScanKind;
  all_scans: number;
  human: number;
  unique_cards: number;
  on_voided: number;
}

const ZERO: KindCounts = { all: 0, human: 0, uniqueCards: 0, onVoidedCards: 0 };

/** Counts for a period and an optional location or batch; voided state is the card's current one. */
export async function scanCounts(db: D1Database, scope: ScanScope): Promise<ScanCounts> {
  const { results } = await db
    .prepare(
      `SELECT kind,
              COALESCE(SUM(voided = 0), 0) AS all_scans,
              COALESCE(SUM(voided = 0 AND is_bot = 0), 0) AS human,
              COUNT(DISTINCT CASE WHEN voided = 0 AND is_bot = 0 THEN card_code END) AS unique_cards,
              COALESCE(SUM(voided = 1), 0) AS on_voided
         FROM (SELECT s.kind, s.card_code, s.is_bot,
                      (c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL) AS voided
                 FROM scans s
                 JOIN cards c ON c.code = s.card_code
                 JOIN batches b ON b.id = s.batch_id
                WHERE s.created_at >= ?1 AND s.created_at < ?2
                  AND (?3 IS NULL OR s.location_id = ?3)
                  AND (?4 IS NULL OR s.batch_id = ?4))
        GROUP BY kind`,
    )
    .bind(scope.from, scope.to, scope.locationId ?? null, scope.batchId ?? null)
    .all<CountsRow>();
  const counts: ScanCounts = { review: { ...ZERO }, complaint: { ...ZERO } };
  for (const row of results) {
    counts[row.kind] = {
      all: row.all_scans,
      human: row.human,
      uniqueCards: row.unique_cards,
      onVoidedCards: row.on_voided,
    };
  }
  return counts;
}

/** Human scans per card of a batch, for the card list. */
export async function humanScansByCard(
  db: D1Database,
  batchId: string,
): Promise<Map<string, { review: number; complaint: number }>> {
  const { results } = await db
    .prepare(
      `SELECT card_code, SUM(kind = 'review') AS review, SUM(kind = 'complaint') AS complaint
         FROM scans WHERE batch_id = ?1 AND is_bot = 0
        GROUP BY card_code`,
    )
    .bind(batchId)
    .all<{ card_code: string; review: number; complaint: number }>();
  return new Map(results.map((r) => [r.card_code, { review: r.review, complaint: r.complaint }]));
}
