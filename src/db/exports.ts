import type { Scope } from './support-index';

/** Raw rows for the CSV export of a period: scans and complaints, without personal data. */

const EXPORT_ROW_LIMIT = 100_000;

export interface ScanExportRow {
  createdAt: number;
  kind: string;
  cardCode: string;
  location: string;
  locationName: string;
  timeZone: string;
  batchId: string;
  device: string;
  country: string | null;
  isBot: number;
  cardVoided: number;
}

export async function scansForExport(
  db: D1Database,
  fromMs: number,
  toMs: number,
  scope: Scope,
): Promise<ScanExportRow[]> {
  const { results } = await db
    .prepare(
      `SELECT s.created_at AS createdAt, s.kind, s.card_code AS cardCode, l.slug AS location, l.name AS locationName, l.time_zone AS timeZone, s.batch_id AS batchId,
              s.device, s.country, s.is_bot AS isBot,
              COALESCE(c.voided_at IS NOT NULL OR b.voided_at IS NOT NULL, 0) AS cardVoided
         FROM scans s JOIN locations l ON l.id = s.location_id
         LEFT JOIN cards c ON c.code = s.card_code LEFT JOIN batches b ON b.id = s.batch_id
        WHERE s.created_at >= ?1 AND s.created_at < ?2 AND (?3 IS NULL OR s.location_id = ?3) AND (?4 IS NULL OR s.batch_id = ?4)
        ORDER BY s.created_at LIMIT ?5`,
    )
    .bind(fromMs, toMs, scope.locationId, scope.batchId, EXPORT_ROW_LIMIT)
    .all<ScanExportRow>();
  return results;
}

export interface ComplaintExportRow {
  id: string;
  createdAt: number;
  location: string;
  locationName: string;
  timeZone: string;
  batchId: string;
  cardCode: string;
  reason: string;
  status: string;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  compensationKind: string | null;
  compensationAmount: number | null;
}

/** Complaints without their comment and contact: those are personal data and stay in the inbox. */
export async function complaintsForExport(
  db: D1Database,
  fromMs: number,
  toMs: number,
  scope: Scope,
): Promise<ComplaintExportRow[]> {
  const { results } = await db
    .prepare(
      `SELECT k.id, k.created_at AS createdAt, l.slug AS location, l.name AS locationName, l.time_zone AS timeZone, k.batch_id AS batchId, k.card_code AS cardCode,
              k.reason_label AS reason, k.status, k.first_response_at AS firstResponseAt, k.resolved_at AS resolvedAt,
              k.compensation_kind AS compensationKind, k.compensation_amount AS compensationAmount
         FROM complaints k JOIN locations l ON l.id = k.location_id
        WHERE k.created_at >= ?1 AND k.created_at < ?2 AND (?3 IS NULL OR k.location_id = ?3) AND (?4 IS NULL OR k.batch_id = ?4)
        ORDER BY k.created_at LIMIT ?5`,
    )
    .bind(fromMs, toMs, scope.locationId, scope.batchId, EXPORT_ROW_LIMIT)
    .all<ComplaintExportRow>();
  return results;
}
