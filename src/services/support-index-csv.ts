import type { ComplaintExportRow, ScanExportRow } from '../db/exports';
import { toCsv } from '../domain/csv';
import { offsetSecondsAt } from '../domain/time';
import { csvRu } from '../i18n/csv';
import type { SupportIndexReport } from './support-index';
import { messages } from '../i18n';

/**
 * Two forms of each export. `excel` (the default): what a Russian Excel opens by a double click:
 * `;` between cells, decimal commas, Russian headers and values, times on the location's own clock.
 * `en`: English column names, commas, ISO times in UTC, stable for spreadsheets and scripts.
 */
type CsvFormat = 'excel' | 'en';

export function csvFormatOf(query: string | undefined): CsvFormat | null {
  if (query === undefined || query === '' || query === 'excel' || query === 'ru') return 'excel';
  return query === 'en' ? 'en' : null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round = (share: number | null) => (share === null ? null : Math.round(share * 1e6) / 1e6);

/** 'YYYY-MM-DD' → 'DD.MM.YYYY', the date form a Russian Excel reads as a date. */
const excelDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** A moment on the wall clock of a zone, as 'DD.MM.YYYY HH:MM:SS'. */
function excelTime(ms: number | null, zone: string): string | null {
  if (ms === null) return null;
  const local = new Date(ms + offsetSecondsAt(zone, ms) * 1000).toISOString();
  return `${excelDay(local.slice(0, 10))} ${local.slice(11, 19)}`;
}

type Row = (string | number | null)[];
const write = (format: CsvFormat, rows: Row[]) =>
  format === 'en' ? toCsv(rows) : toCsv(rows, { separator: ';', decimalComma: true });

export function dailyCsv(report: SupportIndexReport, format: CsvFormat = 'excel'): string {
  const header = [
    'day',
    'customers_served',
    'cards_handed_out',
    'orders',
    'review_scans',
    'review_scans_human',
    'unique_review_cards',
    'positive_reviews',
    'support_index',
    'complaint_scans',
    'complaint_scans_human',
    'unique_complaint_cards',
    'complaints',
    'complaint_rate',
    'net_support',
    'positive_reviews_estimated',
  ];
  const excel = format === 'excel';
  const rows = report.days.map(
    ({ day, figures: f }): Row => [
      excel ? excelDay(day) : day,
      f.customersServed,
      f.cardsHandedOut,
      f.ordersDays > 0 ? f.ordersCount : null,
      f.reviewScans,
      f.reviewScansHuman,
      f.uniqueReviewCards,
      f.positiveReviews,
      round(f.supportIndex),
      f.complaintScans,
      f.complaintScansHuman,
      f.uniqueComplaintCards,
      f.complaints,
      round(f.complaintRate),
      round(f.netSupport),
      excel ? (report.positivesEstimated ? csvRu.yes : csvRu.no) : report.positivesEstimated ? 1 : 0,
    ],
  );
  return write(format, [excel ? csvRu.daily : header, ...rows]);
}

export function scansCsv(rows: ScanExportRow[], format: CsvFormat = 'excel'): string {
  if (format === 'en') {
    return write(format, [
      ['created_at', 'kind', 'card', 'location', 'batch', 'device', 'country', 'bot', 'card_voided'],
      ...rows.map((r) => [
        iso(r.createdAt),
        r.kind,
        r.cardCode,
        r.location,
        r.batchId,
        r.device,
        r.country,
        r.isBot,
        r.cardVoided,
      ]),
    ]);
  }
  const yesNo = (flag: number) => (flag ? csvRu.yes : csvRu.no);
  return write(format, [
    csvRu.scans,
    ...rows.map((r) => [
      excelTime(r.createdAt, r.timeZone),
      csvRu.kinds[r.kind] ?? r.kind,
      r.cardCode,
      r.locationName,
      r.batchId,
      csvRu.devices[r.device] ?? r.device,
      r.country,
      yesNo(r.isBot),
      yesNo(r.cardVoided),
    ]),
  ]);
}

export function complaintsCsv(rows: ComplaintExportRow[], format: CsvFormat = 'excel'): string {
  if (format === 'en') {
    return write(format, [
      [
        'id',
        'created_at',
        'location',
        'batch',
        'card',
        'reason',
        'status',
        'first_response_at',
        'resolved_at',
        'compensation_kind',
        'compensation_amount',
      ],
      ...rows.map((r) => [
        r.id,
        iso(r.createdAt),
        r.location,
        r.batchId,
        r.cardCode,
        r.reason,
        r.status,
        iso(r.firstResponseAt),
        iso(r.resolvedAt),
        r.compensationKind,
        r.compensationAmount,
      ]),
    ]);
  }
  const m = messages('ru').complaintsAdmin;
  const statuses: Record<string, string> = m.statuses;
  const compensations: Record<string, string> = m.compensation;
  return write(format, [
    csvRu.complaints,
    ...rows.map((r) => [
      r.id,
      excelTime(r.createdAt, r.timeZone),
      r.locationName,
      r.batchId,
      r.cardCode,
      r.reason,
      statuses[r.status] ?? r.status,
      excelTime(r.firstResponseAt, r.timeZone),
      excelTime(r.resolvedAt, r.timeZone),
      r.compensationKind === null ? null : (compensations[r.compensationKind] ?? r.compensationKind),
      r.compensationAmount,
    ]),
  ]);
}
