/** What a scan needs to know about a card: where its review link points, and if it still counts. */
export interface CardTarget {
  code: string;
  locationId: number;
  batchId: string;
  voided: boolean;
  reviewUrl: string | null;
}

export async function getCardTarget(db: D1Database, code: string): Promise<CardTarget | null> {
  return db
    .prepare(
      `SELECT c.code AS code, c.location_id AS locationId, c.batch_id AS batchId,
              (c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL) AS voided,
              (SELECT url FROM review_links r WHERE r.location_id = c.location_id
                ORDER BY r.is_primary DESC, r.position LIMIT 1) AS reviewUrl
         FROM cards c JOIN batches b ON b.id = c.batch_id
        WHERE c.code = ?1`,
    )
    .bind(code)
    .first<CardTarget>();
}
