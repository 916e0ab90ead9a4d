import { sha256Hex } from '../auth/crypto';
import { listLocations } from '../db/locations';
import { existingFingerprints, insertReviews, upsertOrdersCounts, type NewReview } from '../db/reviews';
import { parseOrdersCsv, parseReviewsCsv, type ImportErrorCode } from '../domain/review-import';

export interface RejectedRow {
  line: number;
  field: string;
  code: ImportErrorCode | 'duplicate';
  /** For a duplicate within the file: the line it repeats. */
  duplicateOf?: number;
}

export interface StoredRow {
  line: number;
  location: string;
  date: string;
  rating?: number;
  platform?: string;
  count?: number;
}

/**
 * An import is all or nothing: any invalid row and nothing is stored, so a file is never half in.
 * Duplicates are not errors (re-importing an overlapping export is normal): they are skipped and
 * listed, and the rest is stored in one statement.
 */
export interface ImportReport {
  ok: boolean;
  stored: StoredRow[];
  rejected: RejectedRow[];
}

type LocationRef = { id: number; slug: string };

async function locationsBySlug(db: D1Database): Promise<Map<string, LocationRef>> {
  const all = await listLocations(db);
  return new Map(all.filter((l) => l.archivedAt === null).map((l) => [l.slug, { id: l.id, slug: l.slug }]));
}

function pickLocation(bySlug: Map<string, LocationRef>, rowSlug: string | null, fallback: string | null): LocationRef | null {
  return bySlug.get(rowSlug ?? fallback ?? '') ?? null;
}

export async function importReviews(db: D1Database, text: string, defaultLocation: string | null, actor: string, now: number): Promise<ImportReport> {
  const { rows, errors } = parseReviewsCsv(text);
  const bySlug = await locationsBySlug(db);
  const rejected: RejectedRow[] = [...errors];
  const resolved = rows.flatMap((row) => {
    const location = pickLocation(bySlug, row.location, defaultLocation);
    if (!location) {
      rejected.push({ line: row.line, field: 'location', code: 'location' });
      return [];
    }
    return [{ row, location }];
  });
  if (rejected.length > 0) return { ok: false, stored: [], rejected: rejected.sort((a, b) => a.line - b.line) };

  const withPrints = await Promise.all(
    resolved.map(async ({ row, location }) => ({
      row,
      location,
      fingerprint: await sha256Hex(JSON.stringify([location.id, row.day, row.rating, row.platform, (row.author ?? '').toLowerCase(), row.text ?? ''])),
    })),
  );
  const known = await existingFingerprints(db, withPrints.map((r) => r.fingerprint));
  const firstLine = new Map<string, number>();
  const fresh: (typeof withPrints)[number][] = [];
  for (const item of withPrints) {
    if (known.has(item.fingerprint)) rejected.push({ line: item.row.line, field: 'row', code: 'duplicate' });
    else if (firstLine.has(item.fingerprint)) rejected.push({ line: item.row.line, field: 'row', code: 'duplicate', duplicateOf: firstLine.get(item.fingerprint)! });
    else {
      firstLine.set(item.fingerprint, item.row.line);
      fresh.push(item);
    }
  }
  const reviews: NewReview[] = fresh.map(({ row, location, fingerprint }) => ({
    locationId: location.id, day: row.day, rating: row.rating, platform: row.platform, author: row.author, text: row.text, fingerprint,
  }));
  await insertReviews(db, reviews, actor, now);
  return {
    ok: true,
    stored: fresh.map(({ row, location }) => ({ line: row.line, location: location.slug, date: row.day, rating: row.rating, platform: row.platform })),
    rejected,
  };
}

export async function importOrders(db: D1Database, text: string, defaultLocation: string | null, actor: string, now: number): Promise<ImportReport> {
  const { rows, errors } = parseOrdersCsv(text);
  const bySlug = await locationsBySlug(db);
  const rejected: RejectedRow[] = [...errors];
  const seen = new Map<string, number>();
  const resolved = rows.flatMap((row) => {
    const location = pickLocation(bySlug, row.location, defaultLocation);
    if (!location) {
      rejected.push({ line: row.line, field: 'location', code: 'location' });
      return [];
    }
    // A day named once with the location column and once through the default is still repeated.
    const key = `${location.id}|${row.day}`;
    if (seen.has(key)) {
      rejected.push({ line: row.line, field: 'date', code: 'repeatedDay', duplicateOf: seen.get(key)! });
      return [];
    }
    seen.set(key, row.line);
    return [{ row, location }];
  });
  if (rejected.length > 0) return { ok: false, stored: [], rejected: rejected.sort((a, b) => a.line - b.line) };
  await upsertOrdersCounts(db, resolved.map(({ row, location }) => ({ locationId: location.id, day: row.day, count: row.count })), actor, now);
  return { ok: true, stored: resolved.map(({ row, location }) => ({ line: row.line, location: location.slug, date: row.day, count: row.count })), rejected: [] };
}
