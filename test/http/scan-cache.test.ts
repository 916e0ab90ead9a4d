import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { cachedCardCount, cachedCardTarget, cardCacheMs, forgetCardTargets } from '../../src/db/card-targets';
import { call, eventually, postForm, signIn } from '../helpers';
import { PHONE_UA, printBatch, REVIEW_URL } from '../scans-helpers';

const TWO_GIS = 'https://2gis.ru/moscow/firm/70000001234567/tab/reviews/addreview';
const scan = (code: string) => call(`/r/${code}`, { headers: { 'user-agent': PHONE_UA } });
const noLater = () => {};

/** Changes a location's primary link behind the app's back, as a write through another isolate would. */
const setLinkInD1 = (locationId: number, url: string) =>
  env.DB.prepare('UPDATE review_links SET url = ?2 WHERE location_id = ?1').bind(locationId, url).run();

describe('the review redirect answers from the isolate when it can', () => {
  beforeEach(() => forgetCardTargets());

  it('after one scan of a batch, its other cards redirect even while D1 cannot be read', async () => {
    const { codes } = await printBatch(5);
    expect((await scan(codes[0]!)).status).toBe(302);
    // The batch's cards are read after the response.
    await eventually(
      async () => cachedCardCount(),
      (n) => n >= 5,
    );

    await env.DB.exec('ALTER TABLE cards RENAME TO cards_away');
    try {
      for (const code of codes.slice(1)) {
        const res = await scan(code.toLowerCase());
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(REVIEW_URL);
      }
      // A code it has not seen still needs D1: the customer is asked to scan again in a minute.
      const unseen = await scan('ZZZZZZZZZZ');
      expect(unseen.status).toBe(503);
      expect(unseen.headers.get('retry-after')).toBe('30');
      const page = await unseen.text();
      expect(page).toContain('Отсканируйте код ещё раз через минуту');
      expect(page).not.toMatch(/no such table|D1_ERROR|at .*\.ts/);
    } finally {
      await env.DB.exec('ALTER TABLE cards_away RENAME TO cards');
    }
  });

  it('a card voided through the API stops redirecting at once', async () => {
    const { codes, token } = await printBatch(2);
    expect((await scan(codes[0]!)).status).toBe(302);
    expect((await scan(codes[1]!)).status).toBe(302);

    const voided = await call(`/api/v1/cards/${codes[0]}/void`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'lost' }),
    });
    expect(voided.status).toBe(200);
    const res = await scan(codes[0]!);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('больше не действует');
    // Its sibling still works.
    expect((await scan(codes[1]!)).status).toBe(302);
  });

  it('a batch voided by staff on the batch page stops redirecting at once', async () => {
    const { codes, batchId } = await printBatch(2);
    expect((await scan(codes[1]!)).status).toBe(302);
    const owner = await signIn('owner');
    const res = await postForm(`/admin/print/batches/${batchId}/void`, owner, { reason: 'misprinted' });
    expect(res.status).toBeLessThan(400);
    for (const code of codes) expect((await scan(code)).status).toBe(404);
  });

  it('a new primary link saved on the location page applies to the next scan', async () => {
    const { codes, locationId } = await printBatch(2);
    expect((await scan(codes[0]!)).headers.get('location')).toBe(REVIEW_URL);
    await eventually(
      async () => cachedCardCount(),
      (n) => n >= 2,
    );

    const owner = await signIn('owner');
    const slug = (await env.DB.prepare('SELECT slug FROM locations WHERE id = ?1')
      .bind(locationId)
      .first<{ slug: string }>())!.slug;
    const saved = await postForm(`/admin/locations/${locationId}`, owner, {
      name: 'Пекарня «Колобок»',
      address: 'Москва, ул. Ленина, 1',
      slug,
      link_yandex_maps: REVIEW_URL,
      link_2gis: TWO_GIS,
      primary: '2gis',
    });
    expect(saved.status).toBe(303);
    for (const code of codes) expect((await scan(code)).headers.get('location')).toBe(TWO_GIS);
  });

  it('a change made elsewhere applies once the copy is older than CARD_CACHE_SECONDS', async () => {
    const { codes, locationId } = await printBatch(1);
    const code = codes[0]!;
    const t0 = Date.now();
    const lookUp = (now: number) => cachedCardTarget(env.DB, code, { ttlMs: 60_000, later: noLater, now });
    expect((await lookUp(t0))?.reviewUrl).toBe(REVIEW_URL);

    await setLinkInD1(locationId, TWO_GIS);
    expect((await lookUp(t0 + 59_000))?.reviewUrl).toBe(REVIEW_URL);
    expect((await lookUp(t0 + 60_000))?.reviewUrl).toBe(TWO_GIS);
  });

  it('with CARD_CACHE_SECONDS "0" every scan reads D1', async () => {
    const { codes, locationId } = await printBatch(1);
    const lookUp = () => cachedCardTarget(env.DB, codes[0]!, { ttlMs: cardCacheMs('0'), later: noLater });
    expect((await lookUp())?.reviewUrl).toBe(REVIEW_URL);
    await setLinkInD1(locationId, TWO_GIS);
    expect((await lookUp())?.reviewUrl).toBe(TWO_GIS);
    expect(cachedCardCount()).toBe(0);
  });

  it('a read that began before a void cannot store what it saw', async () => {
    const { codes, locationId } = await printBatch(1);
    const lookUp = () => cachedCardTarget(env.DB, codes[0]!, { ttlMs: 60_000, later: noLater });
    const inFlight = lookUp();
    forgetCardTargets();
    expect((await inFlight)?.reviewUrl).toBe(REVIEW_URL);
    await setLinkInD1(locationId, TWO_GIS);
    expect((await lookUp())?.reviewUrl).toBe(TWO_GIS);
  });

  it('never remembers an unknown code, so a card printed later works at once', async () => {
    const { batchId, locationId } = await printBatch(1);
    const code = 'AAAAAAAAAA';
    const lookUp = () => cachedCardTarget(env.DB, code, { ttlMs: 60_000, later: noLater });
    expect(await lookUp()).toBeNull();
    await env.DB.prepare('INSERT INTO cards (code, batch_id, location_id, position) VALUES (?1, ?2, ?3, 99)')
      .bind(code, batchId, locationId)
      .run();
    expect((await lookUp())?.reviewUrl).toBe(REVIEW_URL);
  });

  it('reads CARD_CACHE_SECONDS as seconds, 60 by default, at most 300', () => {
    expect(cardCacheMs(undefined)).toBe(60_000);
    expect(cardCacheMs('')).toBe(60_000);
    expect(cardCacheMs('15')).toBe(15_000);
    expect(cardCacheMs('0')).toBe(0);
    expect(cardCacheMs('3600')).toBe(300_000);
    expect(cardCacheMs('soon')).toBe(60_000);
    expect(cardCacheMs('-5')).toBe(60_000);
  });
});
