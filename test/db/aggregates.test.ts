import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { endHandOut, insertBatch } from '../../src/db/batches';
import { getLocation, updateLocation } from '../../src/db/locations';
import { endedWindow, servedDays } from '../../src/domain/hand-out';
import { addDays } from '../../src/domain/time';
import {
  locationRollupMismatches,
  longPeriodRollupMismatches,
  readDaily,
  rebuildDailyStats,
  recomputeDaily,
} from '../../src/db/daily-stats';
import { createLocation } from '../helpers';
import { prng } from '../../scripts/prng.mjs';

const DB = () => env.DB;
const ALL: [string, string] = ['2000-01-01', '2100-01-01'];
const DAY = 86_400_000;
// 01:00 in Moscow but still the previous day in UTC, so the UTC+3 day boundary is exercised.
const BASE = Date.UTC(2026, 0, 10, 22, 0);

async function expectAggregatesMatchRaw() {
  const [stored, recomputed] = await Promise.all([readDaily(DB(), ...ALL), recomputeDaily(DB(), ...ALL)]);
  expect(stored.stats).toEqual(recomputed.stats);
  expect(stored.reasons).toEqual(recomputed.reasons);
  expect(stored.reviews).toEqual(recomputed.reviews);
  expect(await locationRollupMismatches(DB()), 'rollup by location').toEqual([]);
  expect(await longPeriodRollupMismatches(DB()), 'reasons by location, response times by month').toEqual([]);
  return stored;
}

describe('daily aggregates', () => {
  it('equal a recomputation from the raw rows after a random mix of events', async () => {
    const random = prng(20260310);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const locations = [await createLocation(), await createLocation()];
    const reasons: { id: number; locationId: number }[] = [];
    for (const location of locations) {
      for (const label of ['Опоздали', 'Повреждён', 'Другое']) {
        const row = await DB()
          .prepare('INSERT INTO complaint_reasons (location_id, label, created_at) VALUES (?1, ?2, 0) RETURNING id')
          .bind(location.id, label)
          .first<{ id: number }>();
        reasons.push({ id: row!.id, locationId: location.id });
      }
    }
    const cards: { code: string; batchId: string; locationId: number }[] = [];
    const batchIds: string[] = [];
    for (let b = 0; b < 6; b++) {
      const location = pick(locations);
      const id = `batch-${b}`;
      const count = 5 + Math.floor(random() * 10);
      const codes = Array.from({ length: count }, (_, i) => `B${b}C${String(i).padStart(2, '0')}XXXX`);
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
        BASE + (Math.floor(random() * 10) * DAY) / 2,
      );
      batchIds.push(id);
      for (const code of codes) cards.push({ code, batchId: id, locationId: location.id });
    }

    const statements: D1PreparedStatement[] = [];
    let complaintNo = 0;
    let reviewNo = 0;
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const card = pick(cards);
      // Times jump around, so scans often arrive out of order.
      const at = BASE + Math.floor(random() * 12 * DAY);
      if (roll < 0.55) {
        statements.push(
          DB()
            .prepare(
              `INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?1, ?2, ?3, ?4, ?5, 'mobile', ?6)`,
            )
            .bind(
              card.code,
              card.locationId,
              card.batchId,
              random() < 0.7 ? 'review' : 'complaint',
              at,
              random() < 0.15 ? 1 : 0,
            ),
        );
      } else if (roll < 0.7) {
        const reason = pick(reasons.filter((r) => r.locationId === card.locationId));
        statements.push(
          DB()
            .prepare(
              `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'x', ?6, ?6)`,
            )
            .bind(`cmp-${complaintNo++}`, card.code, card.locationId, card.batchId, reason.id, at),
        );
      } else if (roll < 0.75 && complaintNo > 0) {
        const id = `cmp-${Math.floor(random() * complaintNo)}`;
        statements.push(
          DB()
            .prepare(
              `UPDATE complaints SET reason_id = (SELECT r.id FROM complaint_reasons r WHERE r.location_id = complaints.location_id ORDER BY random() LIMIT 1) WHERE id = ?1`,
            )
            .bind(id),
        );
      } else if (roll < 0.79 && complaintNo > 0) {
        // A first response (or, now and then, a complaint erased with its response).
        const id = `cmp-${Math.floor(random() * complaintNo)}`;
        statements.push(
          random() < 0.85
            ? DB()
                .prepare('UPDATE complaints SET first_response_at = created_at + ?2 WHERE id = ?1')
                .bind(id, Math.floor(random() * 5 * 3600_000))
            : DB().prepare('DELETE FROM complaints WHERE id = ?1').bind(id),
        );
      } else if (roll < 0.83) {
        statements.push(
          DB()
            .prepare('UPDATE cards SET voided_at = ?2 WHERE code = ?1')
            .bind(card.code, random() < 0.6 ? at : null),
        );
      } else if (roll < 0.87) {
        statements.push(
          DB()
            .prepare('UPDATE batches SET voided_at = ?2 WHERE id = ?1')
            .bind(pick(batchIds), random() < 0.5 ? at : null),
        );
      } else if (roll < 0.94) {
        const day = new Date(at + 3 * 3600_000).toISOString().slice(0, 10);
        statements.push(
          DB()
            .prepare(
              `INSERT INTO reviews (location_id, day, rating, platform, fingerprint, imported_by, created_at) VALUES (?1, ?2, ?3, 'yandex_maps', ?4, 'test', 0)`,
            )
            .bind(card.locationId, day, 1 + Math.floor(random() * 5), `fp-${reviewNo++}`),
        );
      } else if (roll < 0.97) {
        const day = new Date(at + 3 * 3600_000).toISOString().slice(0, 10);
        const positive = Math.floor(random() * 5);
        const total = random() < 0.5 ? null : positive + Math.floor(random() * 3);
        statements.push(
          DB()
            .prepare(
              `INSERT INTO review_counts (location_id, period_start, day, positive, total, average_rating, created_by, created_at) VALUES (?1, ?2, ?2, ?3, ?4, ?5, 'test', 0)`,
            )
            .bind(card.locationId, day, positive, total, total === null ? null : 3 + random() * 2),
        );
      } else {
        statements.push(
          DB().prepare('DELETE FROM reviews WHERE id = (SELECT id FROM reviews ORDER BY random() LIMIT 1)'),
        );
        statements.push(
          DB().prepare('DELETE FROM review_counts WHERE id = (SELECT id FROM review_counts ORDER BY random() LIMIT 1)'),
        );
      }
      // Run in small groups, checking along the way, as events would arrive.
      if (statements.length >= 40) {
        await DB().batch(statements.splice(0));
        await expectAggregatesMatchRaw();
      }
    }
    if (statements.length > 0) await DB().batch(statements);
    const stored = await expectAggregatesMatchRaw();

    // The mix really exercised every column, so the comparison means something.
    const sums = Object.fromEntries(
      [
        'cards_printed',
        'cards_voided',
        'review_scans',
        'review_scans_human',
        'review_cards_first',
        'complaint_scans',
        'complaint_cards_first',
        'complaints',
        'voided_scans',
      ].map((c) => [c, stored.stats.reduce((sum, row) => sum + (row as unknown as Record<string, number>)[c]!, 0)]),
    );
    for (const [column, sum] of Object.entries(sums)) expect(sum, column).toBeGreaterThan(0);
    expect(sums.review_scans_human).toBeLessThan(sums.review_scans!);
    expect(sums.review_cards_first).toBeLessThan(sums.review_scans_human!);
    expect(stored.reviews.length).toBeGreaterThan(0);
    expect(stored.reasons.length).toBeGreaterThan(0);

    // A repair rebuild lands on the same figures.
    await DB().prepare('UPDATE daily_stats SET review_scans = review_scans + 3').run();
    await DB().prepare('UPDATE daily_location_stats SET complaints = complaints + 1').run();
    await DB().prepare('UPDATE daily_location_reasons SET complaints = complaints + 2').run();
    await DB().prepare('UPDATE daily_all_stats SET review_scans = review_scans + 1').run();
    await DB().prepare('UPDATE monthly_location_reasons SET complaints = complaints + 1').run();
    await DB().prepare('UPDATE monthly_response_minutes_all SET complaints = complaints + 1').run();
    expect((await longPeriodRollupMismatches(DB())).length, 'drift is seen').toBeGreaterThan(0);
    await rebuildDailyStats(DB());
    expect(await readDaily(DB(), ...ALL)).toEqual(stored);
    expect(await locationRollupMismatches(DB())).toEqual([]);
    expect(await longPeriodRollupMismatches(DB())).toEqual([]);
    const answered = await DB()
      .prepare('SELECT COUNT(*) AS n FROM complaints WHERE first_response_at IS NOT NULL')
      .first<{ n: number }>();
    expect(answered!.n, 'responses were part of the mix').toBeGreaterThan(5);
  });

  it('count a card once, on the day of its first human scan, even when scans arrive late', async () => {
    const location = await createLocation();
    await insertBatch(
      DB(),
      {
        id: 'late',
        locationId: location.id,
        template: 'classic',
        format: 'a6',
        createdBy: 't',
        cards: [{ code: 'LATE000001', orderRef: null }],
      },
      BASE,
    );
    const scan = (at: number, bot = 0) =>
      DB()
        .prepare(
          `INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES ('LATE000001', ?1, 'late', 'review', ?2, 'mobile', ?3)`,
        )
        .bind(location.id, at, bot)
        .run();
    await scan(BASE + 5 * DAY);
    await scan(BASE + 2 * DAY, 1); // a bot earlier: not a first
    await scan(BASE + 3 * DAY); // a human earlier than the first one seen
    await scan(BASE + 4 * DAY);
    const rows = await DB()
      .prepare(
        "SELECT day, review_scans, review_scans_human, review_cards_first FROM daily_stats WHERE batch_id = 'late' AND review_scans > 0 ORDER BY day",
      )
      .all();
    expect(rows.results).toEqual([
      { day: '2026-01-13', review_scans: 1, review_scans_human: 0, review_cards_first: 0 },
      { day: '2026-01-14', review_scans: 1, review_scans_human: 1, review_cards_first: 1 },
      { day: '2026-01-15', review_scans: 1, review_scans_human: 1, review_cards_first: 0 },
      { day: '2026-01-16', review_scans: 1, review_scans_human: 1, review_cards_first: 0 },
    ]);
    await expectAggregatesMatchRaw();
  });
});

describe('daily aggregates with hand-out windows and time zones', () => {
  it('stay exact through windows ended early, voided cards and locations in different zones, DST included', async () => {
    const random = prng(20261202);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const zones = ['Asia/Vladivostok', 'Asia/Novosibirsk', 'Europe/Berlin'];
    const locations = [];
    for (const zone of zones) locations.push(await createLocation(undefined, { timeZone: zone, handOutDays: 7 }));
    const reasons = await DB().prepare('SELECT id FROM complaint_reasons ORDER BY id LIMIT 3').all<{ id: number }>();
    // Around the night Berlin moves its clocks (29 March 2026, 01:00 UTC), so local midnights shift.
    const start = Date.UTC(2026, 2, 25, 13);
    const cards: { code: string; batchId: string; locationId: number }[] = [];
    const batches: { id: string; codes: string[]; window: { from: string; to: string } }[] = [];
    for (let b = 0; b < 6; b++) {
      const location = pick(locations);
      const count = 3 + Math.floor(random() * 12);
      const days = 1 + Math.floor(random() * 6);
      const from = `2026-03-${String(24 + Math.floor(random() * 4)).padStart(2, '0')}`;
      const window = { from, to: addDays(from, days - 1) };
      const codes = Array.from({ length: count }, (_, i) => `Z${b}C${String(i).padStart(2, '0')}XXXX`);
      const spread = servedDays(count, window);
      await insertBatch(
        DB(),
        {
          id: `zb-${b}`,
          locationId: location.id,
          template: 'classic',
          format: 'a6',
          createdBy: 't',
          handOut: window,
          cards: codes.map((code, i) => ({ code, orderRef: null, servedDay: spread[i]! })),
        },
        start,
      );
      batches.push({ id: `zb-${b}`, codes, window });
      for (const code of codes) cards.push({ code, batchId: `zb-${b}`, locationId: location.id });
    }
    let complaintNo = 0;
    const statements: D1PreparedStatement[] = [];
    for (let step = 0; step < 240; step++) {
      const roll = random();
      const card = pick(cards);
      // Many events within an hour of some local midnight.
      const at =
        start +
        Math.floor(random() * 8) * DAY +
        Math.floor((random() - 0.5) * 24) * 3600_000 +
        Math.floor(random() * 3600_000);
      if (roll < 0.5) {
        statements.push(
          DB()
            .prepare(
              `INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?1, ?2, ?3, ?4, ?5, 'mobile', ?6)`,
            )
            .bind(
              card.code,
              card.locationId,
              card.batchId,
              random() < 0.7 ? 'review' : 'complaint',
              at,
              random() < 0.15 ? 1 : 0,
            ),
        );
      } else if (roll < 0.7) {
        statements.push(
          DB()
            .prepare(
              `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'x', ?6, ?6)`,
            )
            .bind(`zc-${complaintNo++}`, card.code, card.locationId, card.batchId, pick(reasons.results).id, at),
        );
      } else if (roll < 0.8) {
        statements.push(
          DB()
            .prepare('UPDATE cards SET voided_at = ?2 WHERE code = ?1')
            .bind(card.code, random() < 0.6 ? at : null),
        );
      } else if (roll < 0.85) {
        statements.push(
          DB()
            .prepare('UPDATE batches SET voided_at = ?2 WHERE id = ?1')
            .bind(pick(batches).id, random() < 0.5 ? at : null),
        );
      } else {
        // A window ended early (or moved): the cards are spread again over the new window.
        if (statements.length > 0) await DB().batch(statements.splice(0));
        const batch = pick(batches);
        const window = endedWindow(batch.window, addDays(batch.window.from, Math.floor(random() * 4)));
        const spread = servedDays(batch.codes.length, window);
        await endHandOut(
          DB(),
          batch.id,
          window,
          batch.codes.map((code, i) => ({ code, servedDay: spread[i]! })),
          't',
          at,
        );
        batch.window = window;
      }
      if (statements.length >= 30) {
        await DB().batch(statements.splice(0));
        await expectAggregatesMatchRaw();
      }
    }
    if (statements.length > 0) await DB().batch(statements.splice(0));
    const stored = await expectAggregatesMatchRaw();
    expect(stored.stats.reduce((s, r) => s + r.cards_voided, 0)).toBeGreaterThan(0);
    expect(stored.stats.reduce((s, r) => s + r.complaints, 0)).toBeGreaterThan(0);
    // Served days follow the windows: every card counts once, on a day of its batch's window.
    const mine = stored.stats.filter((r) => r.batch_id.startsWith('zb-'));
    expect(mine.reduce((s, r) => s + r.cards_printed, 0)).toBe(cards.length);
    for (const row of mine.filter((r) => r.cards_printed > 0)) {
      const batch = batches.find((b) => b.id === row.batch_id)!;
      expect(row.day >= batch.window.from && row.day <= batch.window.to, `${row.batch_id} on ${row.day}`).toBe(true);
    }

    // Moving a location to another zone re-cuts its days, and the figures are again the raw rows'.
    const moved = (await getLocation(DB(), locations[0]!.id))!;
    await updateLocation(DB(), moved.id, { ...moved, timeZone: 'Europe/Kaliningrad' });
    const after = await expectAggregatesMatchRaw();
    expect(after.stats).not.toEqual(stored.stats);
    expect(after.stats.reduce((s, r) => s + r.complaints, 0)).toBe(stored.stats.reduce((s, r) => s + r.complaints, 0));
  });
});
