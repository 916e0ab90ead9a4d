import { sha256Hex } from '../auth/crypto';
import { listLocations } from '../db/locations';
import {
  countsCovering,
  existingFingerprints,
  insertReviews,
  insertReviewsReplacingCounts,
  upsertOrdersCounts,
  type CoveringCount,
  type NewReview,
} from '../db/reviews';
import { parseOrdersCsv, parseReviewsCsv, type ImportErrorCode } from '../domain/review-import';

interface RejectedRow {
  line: number;
  field: string;
  code: ImportErrorCode | 'duplicate' | 'countedByHand';
  /** For a duplicate within the file: the line it repeats. */
  duplicateOf?: number;
}

interface StoredRow {
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
  /**
   * Quick-form counts on the days of the file's reviews, when the import did not say what to do
   * with them: nothing is stored until it does (`replace` them or `keep` them), so no review is
   * counted twice.
   */
  overlaps?: CoveringCount[];
}

/** What to do with quick-form counts on the days of imported reviews. */
export type OverlapChoice = 'replace' | 'keep';

type LocationRef = { id: number; slug: string };

/** Active locations by slug and by name (a name two locations share names neither). */
async function locationsByRef(db: D1Database): Promise<Map<string, LocationRef>> {
  const active = (await listLocations(db)).filter((l) => l.archivedAt === null);
  const refs = new Map<string, LocationRef>();
  const names = new Map<string, LocationRef | null>();
  for (const l of active) {
    const key = nameKey(l.name);
    names.set(key, names.has(key) ? null : { id: l.id, slug: l.slug });
  }
  for (const [key, ref] of names) if (ref) refs.set(key, ref);
  for (const l of active) refs.set(l.slug, { id: l.id, slug: l.slug });
  return refs;
}

const nameKey = (name: string) =>
  `name:${name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„]/g, '')
    .replace(/\s+/g, ' ')
    .trim()}`;

function pickLocation(
  refs: Map<string, LocationRef>,
  rowRef: string | null,
  fallback: string | null,
): LocationRef | null {
  if (rowRef === null) return refs.get(fallback ?? '') ?? null;
  return refs.get(rowRef) ?? refs.get(rowRef.toLowerCase()) ?? refs.get(nameKey(rowRef)) ?? null;
}

export async function importReviews(
  db: D1Database,
  text: string,
  defaultLocation: string | null,
  actor: string,
  now: number,
  overlap: OverlapChoice | null = null,
): Promise<ImportReport> {
  const { rows, errors } = parseReviewsCsv(text);
  const bySlug = await locationsByRef(db);
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
      fingerprint: await sha256Hex(
        JSON.stringify([
          location.id,
          row.day,
          row.rating,
          row.platform,
          (row.author ?? '').toLowerCase(),
          row.text ?? '',
        ]),
      ),
    })),
  );
  const known = await existingFingerprints(
    db,
    withPrints.map((r) => r.fingerprint),
  );
  const firstLine = new Map<string, number>();
  const fresh: (typeof withPrints)[number][] = [];
  for (const item of withPrints) {
    if (known.has(item.fingerprint)) rejected.push({ line: item.row.line, field: 'row', code: 'duplicate' });
    else if (firstLine.has(item.fingerprint))
      rejected.push({
        line: item.row.line,
        field: 'row',
        code: 'duplicate',
        duplicateOf: firstLine.get(item.fingerprint)!,
      });
    else {
      firstLine.set(item.fingerprint, item.row.line);
      fresh.push(item);
    }
  }
  const covering = await countsCovering(db, [
    ...new Map(
      fresh.map(({ row, location }) => [`${location.id}|${row.day}`, { locationId: location.id, day: row.day }]),
    ).values(),
  ]);
  if (covering.length > 0 && overlap === null) return { ok: false, stored: [], rejected, overlaps: covering };
  const covered = (item: (typeof fresh)[number]) =>
    covering.some((c) => c.locationId === item.location.id && c.from <= item.row.day && item.row.day <= c.day);
  const kept = overlap === 'keep' ? fresh.filter((item) => !covered(item)) : fresh;
  if (overlap === 'keep')
    for (const item of fresh)
      if (covered(item)) rejected.push({ line: item.row.line, field: 'date', code: 'countedByHand' });
  const reviews: NewReview[] = kept.map(({ row, location, fingerprint }) => ({
    locationId: location.id,
    day: row.day,
    rating: row.rating,
    platform: row.platform,
    author: row.author,
    text: row.text,
    fingerprint,
  }));
  if (overlap === 'replace' && covering.length > 0)
    await insertReviewsReplacingCounts(
      db,
      reviews,
      covering.map((c) => c.id),
      actor,
      now,
    );
  else await insertReviews(db, reviews, actor, now);
  rejected.sort((a, b) => a.line - b.line);
  return {
    ok: true,
    stored: kept.map(({ row, location }) => ({
      line: row.line,
      location: location.slug,
      date: row.day,
      rating: row.rating,
      platform: row.platform,
    })),
    rejected,
  };
}

export async function importOrders(
  db: D1Database,
  text: string,
  defaultLocation: string | null,
  actor: string,
  now: number,
): Promise<ImportReport> {
  const { rows, errors } = parseOrdersCsv(text);
  const bySlug = await locationsByRef(db);
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
  await upsertOrdersCounts(
    db,
    resolved.map(({ row, location }) => ({ locationId: location.id, day: row.day, count: row.count })),
    actor,
    now,
  );
  return {
    ok: true,
    stored: resolved.map(({ row, location }) => ({
      line: row.line,
      location: location.slug,
      date: row.day,
      count: row.count,
    })),
    rejected: [],
  };
}
