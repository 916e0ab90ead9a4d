import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertBatch } from '../../src/db/batches';
import { medianResponseStatement, reasonsStatement, type ReasonCount, type Scope } from '../../src/db/support-index';
import { median } from '../../src/domain/support-index';
import { createLocation } from '../helpers';
import { prng } from '../../scripts/prng.mjs';

const DB = () => env.DB;
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Row {
  locationId: number;
  batchId: string;
  createdAt: number;
  firstResponseAt: number | null;
}

/** The median of whole minutes to first response, straight from the rows: what the page must show. */
function expected(rows: readonly Row[], fromMs: number, toMs: number, scope: Scope): number | null {
  const minutes = rows
    .filter((r) => r.firstResponseAt !== null && r.createdAt >= fromMs && r.createdAt < toMs)
    .filter(
      (r) =>
        (scope.locationId === null || r.locationId === scope.locationId) &&
        (scope.batchId === null || r.batchId === scope.batchId),
    )
    .map((r) => Math.max(0, Math.floor((r.firstResponseAt! - r.createdAt) / MINUTE)));
  const m = median(minutes);
  return m === null ? null : m * MINUTE;
}

async function stored(fromMs: number, toMs: number, scope: Scope): Promise<number | null> {
  const row = await medianResponseStatement(DB(), fromMs, toMs, scope).first<{ median: number | null }>();
  return row?.median ?? null;
}

describe('median time to first response over long periods', () => {
  it('equals the median of the raw rows for ranges inside a month, across months with ragged ends, by location and by batch', async () => {
    const random = prng(20261202);
    const locations = [await createLocation(), await createLocation()];
    const reason = await DB()
      .prepare('INSERT INTO complaint_reasons (location_id, label, created_at) VALUES (?1, ?2, 0) RETURNING id')
      .bind(locations[0]!.id, 'Опоздали')
      .first<{ id: number }>();
    const start = Date.UTC(2025, 10, 17, 13, 0);
    const batches: { id: string; locationId: number; codes: string[] }[] = [];
    for (let b = 0; b < 4; b++) {
      const location = locations[b % 2]!;
      const id = `median-batch-${b}`;
      const codes = Array.from({ length: 5 }, (_, i) => `MED${b}C${i}XXXXX`);
      await insertBatch(
        DB(),
        {
          id,
          locationId: location.id,
          template: 'classic',
          format: 'a6',
          createdBy: 'test',
          cards: codes.map((code) => ({ code, orderRef: null })),
        },
        start,
      );
      batches.push({ id, locationId: location.id, codes });
    }
    const rows: Row[] = [];
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < 400; i++) {
      const batch = batches[Math.floor(random() * batches.length)]!;
      const createdAt = start + Math.floor(random() * 150 * DAY);
      // Most within a few hours, a few after days, some never, one now and then within a minute.
      const roll = random();
      const firstResponseAt =
        roll < 0.1
          ? null
          : roll < 0.2
            ? createdAt + Math.floor(random() * 50_000)
            : createdAt + Math.floor(random() * (roll < 0.9 ? 6 : 90) * 3600_000);
      rows.push({ locationId: batch.locationId, batchId: batch.id, createdAt, firstResponseAt });
      statements.push(
        DB()
          .prepare(`INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at, first_response_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, 'Опоздали', ?6, ?6, ?7)`)
          .bind(`median-${i}`, batch.codes[i % 5], batch.locationId, batch.id, reason!.id, createdAt, firstResponseAt),
      );
    }
    await DB().batch(statements);
    // Some answered after they arrived, as the inbox does it.
    for (let i = 0; i < 400; i += 7) {
      const row = rows[i]!;
      row.firstResponseAt = row.createdAt + 42 * MINUTE + 5_000;
      await DB()
        .prepare('UPDATE complaints SET first_response_at = ?2 WHERE id = ?1')
        .bind(`median-${i}`, row.firstResponseAt)
        .run();
    }

    const ranges: [string, number, number][] = [
      ['inside one month', Date.UTC(2025, 11, 3, 21), Date.UTC(2025, 11, 20, 21)],
      ['a whole month exactly', Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1)],
      ['months with ragged ends (Moscow days)', Date.UTC(2025, 10, 20, 21), Date.UTC(2026, 2, 11, 21)],
      ['everything', 0, Date.UTC(2030, 0, 1)],
      ['nothing in it', Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 1)],
    ];
    const scopes: [string, Scope][] = [
      ['all locations', { locationId: null, batchId: null }],
      ['one location', { locationId: locations[1]!.id, batchId: null }],
      ['one batch', { locationId: batches[2]!.locationId, batchId: batches[2]!.id }],
    ];
    for (const [rangeName, from, to] of ranges) {
      for (const [scopeName, scope] of scopes) {
        expect(await stored(from, to, scope), `${rangeName}, ${scopeName}`).toBe(expected(rows, from, to, scope));
      }
    }
    expect(expected(rows, 0, Date.UTC(2030, 0, 1), scopes[0]![1])).not.toBeNull();
    expect(await stored(Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 1), scopes[0]![1])).toBeNull();

    // An erased complaint leaves the median.
    await DB().prepare("DELETE FROM complaints WHERE id IN ('median-1', 'median-2', 'median-3')").run();
    const left = rows.filter((_, i) => i < 1 || i > 3);
    expect(await stored(0, Date.UTC(2030, 0, 1), scopes[0]![1])).toBe(
      expected(left, 0, Date.UTC(2030, 0, 1), scopes[0]![1]),
    );
  });
});

describe('complaints by reason over long periods', () => {
  it('count each label and find its first complaint as the raw rows do, across months with ragged ends', async () => {
    const random = prng(77);
    const locations = [await createLocation(), await createLocation(undefined, { timeZone: 'Asia/Vladivostok' })];
    const reasons: { id: number; locationId: number; label: string }[] = [];
    for (const location of locations) {
      for (const label of ['Долго ждали', 'Холодное', 'Другое']) {
        const row = await DB()
          .prepare('INSERT INTO complaint_reasons (location_id, label, created_at) VALUES (?1, ?2, 0) RETURNING id')
          .bind(location.id, label)
          .first<{ id: number }>();
        reasons.push({ id: row!.id, locationId: location.id, label });
      }
    }
    const start = Date.UTC(2026, 0, 20, 10);
    const rows: { id: string; locationId: number; reasonId: number; createdAt: number }[] = [];
    for (let b = 0; b < 2; b++) {
      const location = locations[b]!;
      const codes = Array.from({ length: 6 }, (_, i) => `RSN${b}C${i}XXXXX`);
      await insertBatch(
        DB(),
        {
          id: `reason-batch-${b}`,
          locationId: location.id,
          template: 'classic',
          format: 'a6',
          createdBy: 'test',
          cards: codes.map((code) => ({ code, orderRef: null })),
        },
        start,
      );
      const own = reasons.filter((r) => r.locationId === location.id);
      const statements: D1PreparedStatement[] = [];
      for (let i = 0; i < 150; i++) {
        const reason = own[Math.floor(random() * own.length)]!;
        const createdAt = start + Math.floor(random() * 140 * DAY);
        const id = `rsn-${b}-${i}`;
        rows.push({ id, locationId: location.id, reasonId: reason.id, createdAt });
        statements.push(
          DB()
            .prepare(
              `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
            )
            .bind(id, codes[i % 6], location.id, `reason-batch-${b}`, reason.id, reason.label, createdAt),
        );
      }
      await DB().batch(statements);
    }
    // The owner moves a few complaints to another reason afterwards.
    for (const row of rows.filter((_, i) => i % 11 === 0)) {
      const other = reasons.find((r) => r.locationId === row.locationId && r.id !== row.reasonId)!;
      row.reasonId = other.id;
      await DB().prepare('UPDATE complaints SET reason_id = ?2 WHERE id = ?1').bind(row.id, other.id).run();
    }
    const zoneOf = new Map([
      [locations[0]!.id, 'Europe/Moscow'],
      [locations[1]!.id, 'Asia/Vladivostok'],
    ]);
    const localDay = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        ms,
      );
    const expectedFor = (from: string, to: string, scope: Scope) => {
      const byLabel = new Map<string, { count: number; firstAt: number }>();
      for (const row of rows) {
        if (scope.locationId !== null && row.locationId !== scope.locationId) continue;
        const day = localDay(row.createdAt, zoneOf.get(row.locationId)!);
        if (day < from || day > to) continue;
        const label = reasons.find((r) => r.id === row.reasonId)!.label;
        const entry = byLabel.get(label) ?? { count: 0, firstAt: Infinity };
        entry.count += 1;
        entry.firstAt = Math.min(entry.firstAt, row.createdAt);
        byLabel.set(label, entry);
      }
      return [...byLabel]
        .map(([reason, e]) => ({ reason, count: e.count, firstAt: e.firstAt }))
        .sort((a, b) => a.reason.localeCompare(b.reason));
    };
    const ranges: [string, string][] = [
      ['2026-02-01', '2026-04-30'],
      ['2026-01-25', '2026-05-13'],
      ['2026-03-05', '2026-03-20'],
      ['2026-02-10', '2026-03-31'],
      ['2025-01-01', '2025-02-01'],
    ];
    for (const [from, to] of ranges) {
      for (const scope of [
        { locationId: null, batchId: null },
        { locationId: locations[1]!.id, batchId: null },
      ]) {
        const { results } = await reasonsStatement(DB(), from, to, scope).all<ReasonCount>();
        const ours = new Set(reasons.map((r) => r.label));
        // Other tests of this file leave complaints of their own labels.
        const got = results
          .filter((r) => ours.has(r.reason))
          .map((r) => ({ reason: r.reason, count: r.count, firstAt: r.firstAt }))
          .sort((a, b) => a.reason.localeCompare(b.reason));
        expect(got, `${from}..${to}, location ${scope.locationId}`).toEqual(expectedFor(from, to, scope));
      }
    }
    expect(expectedFor('2026-01-25', '2026-05-13', { locationId: null, batchId: null }).length).toBe(3);
  });
});
