import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { apiPost, call, createToken, postForm, signIn } from '../helpers';
import { deliver, FIXTURES, withMessageId } from '../review-mail-helpers';

let session: { cookie: string; csrf: string };
let token: string;

beforeAll(async () => {
  session = await signIn('manager');
  token = await createToken('manager');
  for (const slug of ['kolobok', 'other']) {
    await insertLocation(
      env.DB,
      { slug, name: slug === 'kolobok' ? 'Пекарня «Колобок»' : 'Другая точка', address: 'Москва', timeZone: 'Europe/Moscow', handOutDays: 1, cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null }, reviewLinks: [] },
      Date.now(),
    );
  }
});

const page = async () => (await call('/admin/reviews', { headers: { cookie: session.cookie } })).text();
const positives = async (slug: string) =>
  (await (await call(`/api/v1/support-index?from=2026-11-30&to=2026-11-30&location=${slug}`, { headers: { authorization: `Bearer ${token}` } })).json<{ positiveReviews: number }>()).positiveReviews;
const overlapIds = (html: string) => [...html.matchAll(/action="\/admin\/reviews\/count\/(\d+)\/stand"/g)].map((m) => Number(m[1]));

describe('one review, counted once', () => {
  it('a quick-form count over a day with a forwarded review is shown side by side; "keep the hand entry" stops the double count, also for later mails', async () => {
    const entry = await apiPost('/api/v1/reviews', token, { location: 'kolobok', date: '2026-11-30', positive: 1 });
    expect(entry.status).toBe(201);
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-1@test'));
    expect(await positives('kolobok')).toBe(2);
    const html = await page();
    expect(html).toContain('Не посчитать дважды');
    expect(html).toMatch(/Пекарня «Колобок»: вручную 1 положит\.; пришло само 1 \(из них положит\. 1\)/);
    const [id] = overlapIds(html);
    const res = await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'form' });
    expect(res.status).toBe(303);
    expect(await positives('kolobok')).toBe(1);
    expect(overlapIds(await page())).toEqual([]);
    // A notification for that day arriving later does not count either.
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-2@test'));
    expect(await positives('kolobok')).toBe(1);
    const listed = await (await call('/api/v1/reviews?from=2026-11-30&to=2026-11-30&location=kolobok', { headers: { authorization: `Bearer ${token}` } })).json<{ reviews: { counted: boolean }[] }>();
    expect(listed.reviews.map((r) => r.counted)).toEqual([false, false]);
  });

  it('"keep those that arrived" deletes the hand entry; another location is not touched', async () => {
    await apiPost('/api/v1/reviews', token, { location: 'other', date: '2026-11-30', positive: 3 });
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-3@test'), 'reviews+other@si-mail.test');
    expect(await positives('other')).toBe(4);
    const [id] = overlapIds(await page());
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'ingested' })).status).toBe(303);
    expect(await positives('other')).toBe(1);
    expect(await positives('kolobok')).toBe(1);
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'form' })).status).toBe(404);
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'both' })).status).toBe(400);
  });
});
