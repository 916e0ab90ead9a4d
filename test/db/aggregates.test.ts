import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertBatch } from '../../src/db/batches';
import { locationRollupMismatches, readDaily, rebuildDailyStats, recomputeDaily } from '../../src/db/daily-stats';
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
  return stored;
}

describe('daily aggregates', () => {
  it('equal a recomputation from the raw rows after a random mix of events', async () => {
    const random = prng(20260310);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
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
      await insertBatch(DB(), { id, locationId: location.id, template: 'classic', format: 'a6', createdBy: 'test', cards: codes.map((code) => ({ code, orderRef: null })) }, BASE + Math.floor(random() * 10) * DAY / 2);
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
            .prepare(`INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?1, ?2, ?3, ?4, ?5, 'mobile', ?6)`)
            .bind(card.code, card.locationId, card.batchId, random() < 0.7 ? 'review' : 'complaint', at, random() < 0.15 ? 1 : 0),
        );
      } else if (roll < 0.7) {
        const reason = pick(reasons.filter((r) => r.locationId === card.locationId));
        statements.push(
          DB()
            .prepare(`INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'x', ?6, ?6)`)
            .bind(`cmp-${complaintNo++}`, card.code, card.locationId, card.batchId, reason.id, at),
        );
      } else if (roll < 0.75 && complaintNo > 0) {
        const id = `cmp-${Math.floor(random() * complaintNo)}`;
        statements.push(
          DB()
            .prepare(`UPDATE complaints SET reason_id = (SELECT r.id FROM complaint_reasons r WHERE r.location_id = complaints.location_id ORDER BY random() LIMIT 1) WHERE id = ?1`)
            .bind(id),
        );
      } else if (roll < 0.83) {
        statements.push(DB().prepare('UPDATE cards SET voided_at = ?2 WHERE code = ?1').bind(card.code, random() < 0.6 ? at : null));
      } else if (roll < 0.87) {
        statements.push(DB().prepare('UPDATE batches SET voided_at = ?2 WHERE id = ?1').bind(pick(batchIds), random() < 0.5 ? at : null));
      } else if (roll < 0.94) {
        const day = new Date(at + 3 * 3600_000).toISOString().slice(0, 10);
        statements.push(
          DB()
            .prepare(`INSERT INTO reviews (location_id, day, rating, platform, fingerprint, imported_by, created_at) VALUES (?1, ?2, ?3, 'yandex_maps', ?4, 'test', 0)`)
            .bind(card.locationId, day, 1 + Math.floor(random() * 5), `fp-${reviewNo++}`),
        );
      } else if (roll < 0.97) {
        const day = new Date(at + 3 * 3600_000).toISOString().slice(0, 10);
        const positive = Math.floor(random() * 5);
        const total = random() < 0.5 ? null : positive + Math.floor(random() * 3);
        statements.push(
          DB()
            .prepare(`INSERT INTO review_counts (location_id, period_start, day, positive, total, average_rating, created_by, created_at) VALUES (?1, ?2, ?2, ?3, ?4, ?5, 'test', 0)`)
            .bind(card.locationId, day, positive, total, total === null ? null : 3 + random() * 2),
        );
      } else {
        statements.push(DB().prepare('DELETE FROM reviews WHERE id = (SELECT id FROM reviews ORDER BY random() LIMIT 1)'));
        statements.push(DB().prepare('DELETE FROM review_counts WHERE id = (SELECT id FROM review_counts ORDER BY random() LIMIT 1)'));
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
      ['cards_printed', 'cards_voided', 'review_scans', 'review_scans_human', 'review_cards_first', 'complaint_scans', 'complaint_cards_first', 'complaints', 'voided_scans'].map((c) => [
        c,
        stored.stats.reduce((sum, row) => sum + (row as unknown as Record<string, number>)[c]!, 0),
      ]),
    );
    for (const [column, sum] of Object.entries(sums)) expect(sum, column).toBeGreaterThan(0);
    expect(sums.review_scans_human).toBeLessThan(sums.review_scans!);
    expect(sums.review_cards_first).toBeLessThan(sums.review_scans_human!);
    expect(stored.reviews.length).toBeGreaterThan(0);
    expect(stored.reasons.length).toBeGreaterThan(0);

    // A repair rebuild lands on the same figures.
    await DB().prepare('UPDATE daily_stats SET review_scans = review_scans + 3').run();
    await DB().prepare('UPDATE daily_location_stats SET complaints = complaints + 1').run();
    await rebuildDailyStats(DB());
    expect(await readDaily(DB(), ...ALL)).toEqual(stored);
    expect(await locationRollupMismatches(DB())).toEqual([]);
  });

  it('count a card once, on the day of its first human scan, even when scans arrive late', async () => {
    const location = await createLocation();
    await insertBatch(DB(), { id: 'late', locationId: location.id, template: 'classic', format: 'a6', createdBy: 't', cards: [{ code: 'LATE000001', orderRef: null }] }, BASE);
    const scan = (at: number, bot = 0) =>
      DB()
        .prepare(`INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES ('LATE000001', ?1, 'late', 'review', ?2, 'mobile', ?3)`)
        .bind(location.id, at, bot)
        .run();
    await scan(BASE + 5 * DAY);
    await scan(BASE + 2 * DAY, 1); // a bot earlier: not a first
    await scan(BASE + 3 * DAY); // a human earlier than the first one seen
    await scan(BASE + 4 * DAY);
    const rows = await DB()
      .prepare("SELECT day, review_scans, review_scans_human, review_cards_first FROM daily_stats WHERE batch_id = 'late' AND review_scans > 0 ORDER BY day")
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
