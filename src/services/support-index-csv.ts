import type { ComplaintExportRow, ScanExportRow } from '../db/exports';
import { toCsv } from '../domain/csv';
import type { SupportIndexReport } from './support-index';

/** Column names are English and stable, so spreadsheets and scripts can rely on them. */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round = (share: number | null) => (share === null ? null : Math.round(share * 1e6) / 1e6);

export function dailyCsv(report: SupportIndexReport): string {
  const header = [
    'day', 'customers_served', 'cards_handed_out', 'orders', 'review_scans', 'review_scans_human', 'unique_review_cards',
    'positive_reviews', 'support_index', 'complaint_scans', 'complaint_scans_human', 'unique_complaint_cards', 'complaints',
    'complaint_rate', 'net_support', 'positive_reviews_estimated',
  ];
  const rows = report.days.map(({ day, figures: f }) => [
    day, f.customersServed, f.cardsHandedOut, f.ordersDays > 0 ? f.ordersCount : null, f.reviewScans, f.reviewScansHuman, f.uniqueReviewCards,
    f.positiveReviews, round(f.supportIndex), f.complaintScans, f.complaintScansHuman, f.uniqueComplaintCards, f.complaints,
    round(f.complaintRate), round(f.netSupport), report.positivesEstimated ? 1 : 0,
  ]);
  return toCsv([header, ...rows]);
}

export function scansCsv(rows: ScanExportRow[]): string {
  return toCsv([
    ['created_at', 'kind', 'card', 'location', 'batch', 'device', 'country', 'bot', 'card_voided'],
    ...rows.map((r) => [iso(r.createdAt), r.kind, r.cardCode, r.location, r.batchId, r.device, r.country, r.isBot, r.cardVoided]),
  ]);
}

export function complaintsCsv(rows: ComplaintExportRow[]): string {
  return toCsv([
    ['id', 'created_at', 'location', 'batch', 'card', 'reason', 'status', 'first_response_at', 'resolved_at', 'compensation_kind', 'compensation_amount'],
    ...rows.map((r) => [r.id, iso(r.createdAt), r.location, r.batchId, r.cardCode, r.reason, r.status, iso(r.firstResponseAt), iso(r.resolvedAt), r.compensationKind, r.compensationAmount]),
  ]);
}
