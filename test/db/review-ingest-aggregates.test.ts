import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { readDaily, rebuildDailyStats, recomputeDaily } from '../../src/db/daily-stats';
import { createLocation } from '../helpers';
import { prng } from '../../scripts/prng.mjs';

const ALL: [string, string] = ['2000-01-01', '2100-01-01'];

async function expectReviewsMatchRaw() {
  const [stored, recomputed] = await Promise.all([readDaily(env.DB, ...ALL), recomputeDaily(env.DB, ...ALL)]);
  expect(stored.reviews).toEqual(recomputed.reviews);
  return stored.reviews;
}

describe('review aggregates with ingested reviews', () => {
  it('follow inserts, inexact ratings, edits, counted flags and deletes of every source', async () => {
    const random = prng(20261202);
    const locations = [await createLocation(), await createLocation()];
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const roll = random();
      if (roll < 0.5 || ids.length === 0) {
        const source = ['import', 'email', 'google'][Math.floor(random() * 3)]!;
        const row = await env.DB.prepare(
          `INSERT INTO reviews (location_id, day, rating, platform, fingerprint, imported_by, created_at, source, source_key, rating_exact, counted)
             VALUES (?1, ?2, ?3, 'yandex_maps', ?4, 'test', 0, ?5, ?6, ?7, ?8) RETURNING id`,
        )
          .bind(
            locations[Math.floor(random() * 2)]!.id,
            `2026-11-${String(20 + Math.floor(random() * 5))}`,
            1 + Math.floor(random() * 5),
            `fp-${i}`,
            source,
            source === 'import' ? null : `key-${i}`,
            random() < 0.7 ? 1 : 0,
            random() < 0.8 ? 1 : 0,
          )
          .first<{ id: number }>();
        ids.push(row!.id);
      } else {
        const id = ids[Math.floor(random() * ids.length)]!;
        if (roll < 0.65)
          await env.DB.prepare('UPDATE reviews SET rating = ?2, updated_at = 1 WHERE id = ?1')
            .bind(id, 1 + Math.floor(random() * 5))
            .run();
        else if (roll < 0.8)
          await env.DB.prepare('UPDATE reviews SET counted = 1 - counted WHERE id = ?1').bind(id).run();
        else if (roll < 0.9)
          await env.DB.prepare('UPDATE reviews SET rating_exact = 1 - rating_exact WHERE id = ?1').bind(id).run();
        else {
          await env.DB.prepare('DELETE FROM reviews WHERE id = ?1').bind(id).run();
          ids.splice(ids.indexOf(id), 1);
        }
      }
    }
    const before = await expectReviewsMatchRaw();
    expect(before.length).toBeGreaterThan(0);
    await rebuildDailyStats(env.DB);
    expect(await expectReviewsMatchRaw()).toEqual(before);
  });
});
