import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { erasePersonalData } from '../../src/services/retention';
import { apiPost, call, createToken } from '../helpers';
import { deliver, FIXTURES, withMessageId, type Fixture } from '../review-mail-helpers';

let token: string;

async function location(slug: string, name: string) {
  await insertLocation(
    env.DB,
    {
      slug,
      name,
      address: 'Москва',
      timeZone: 'Europe/Moscow',
      handOutDays: 1,
      cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [],
    },
    Date.now(),
  );
}

beforeAll(async () => {
  token = await createToken('manager');
  await location('kolobok', 'Пекарня «Колобок»');
  await location('pyshka', 'Пышка на Садовой');
  await location('si-moves', 'Кофейня «Зерно»');
});

const get = (path: string) => call(path, { headers: { authorization: `Bearer ${token}` } });

interface ApiReview {
  location: string;
  date: string;
  rating: number;
  ratingExact: boolean;
  positive: boolean;
  platform: string;
  source: string;
  key: string;
}
interface ApiPending {
  id: string;
  platform: string;
  location: string | null;
  date: string;
  rating: number | null;
  subject: string | null;
  excerpt: string | null;
}

async function emailReviews(): Promise<ApiReview[]> {
  const res = await get('/api/v1/reviews?from=2026-11-01&to=2026-12-31&source=email&limit=1000');
  expect(res.status).toBe(200);
  return (await res.json<{ reviews: ApiReview[] }>()).reviews;
}

async function pending(): Promise<ApiPending[]> {
  const res = await get('/api/v1/reviews/pending');
  expect(res.status).toBe(200);
  return (await res.json<{ pending: ApiPending[] }>()).pending;
}

/** Delivers a fixture under a Message-ID of its own, so each test has its own notification. */
async function deliverAs(name: Fixture, id: string, to?: string) {
  await deliver(withMessageId(FIXTURES[name], id), to);
  return `<${id}>`;
}

describe('forwarded review notifications', () => {
  it.each([
    ['yandexDirectRu', { location: 'kolobok', rating: 5, platform: 'yandex_maps', date: '2026-11-30' }],
    ['twoGisHtmlOnly', { location: 'pyshka', rating: 4, platform: '2gis', date: '2026-12-01' }],
    ['googleEn', { location: 'kolobok', rating: 2, platform: 'google_maps', date: '2026-11-30' }],
    ['googleRu', { location: 'pyshka', rating: 5, platform: 'google_maps', date: '2026-12-01' }],
    ['yandexMailAttached2gis', { location: 'pyshka', rating: 4, platform: '2gis', date: '2026-11-29' }],
  ] as const)('%s is stored as a review at once', async (name, expected) => {
    const key = await deliverAs(name, `stored-${name}@test`);
    const review = (await emailReviews()).find((r) => r.key === key);
    expect(review).toMatchObject({ ...expected, positive: expected.rating >= 4, ratingExact: true, source: 'email' });
    expect((await pending()).length).toBe(0);
  });

  it('a notification forwarded by hand without a stated rating waits for the owner, with what confirming needs', async () => {
    await deliverAs('gmailForwardRu', 'pending-1@test');
    const [item] = await pending();
    expect(item).toMatchObject({
      platform: 'yandex_maps',
      location: null,
      rating: null,
      date: '2026-11-30',
      subject: 'Fwd: Новый отзыв о вашей организации',
    });
    expect(item!.excerpt).toMatch(/^Смотри, новый отзыв/);
    expect(Array.from(item!.excerpt!).length).toBeLessThanOrEqual(200);
    // Confirming needs the location: there are three and the mail names none.
    const noLocation = await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, { verdict: 'positive' });
    expect(noLocation.status).toBe(400);
    expect(await noLocation.json()).toMatchObject({ field: 'location' });
    const confirmed = await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, {
      verdict: 'positive',
      location: 'kolobok',
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'positive', location: 'kolobok' });
    expect((await emailReviews()).find((r) => r.key === '<pending-1@test>')).toMatchObject({
      location: 'kolobok',
      rating: 5,
      ratingExact: false,
      positive: true,
    });
    expect(await pending()).toEqual([]);
    const again = await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, { verdict: 'negative' });
    expect(again.status).toBe(409);
  });

  it('"not a review" stores nothing, and an unknown verdict is refused', async () => {
    await deliverAs('gmailForwardRu', 'pending-2@test');
    const [item] = await pending();
    const bad = await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, { verdict: 'maybe' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'verdict' });
    expect((await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, { verdict: 'not_review' })).status).toBe(200);
    expect((await emailReviews()).some((r) => r.key === '<pending-2@test>')).toBe(false);
    expect(await pending()).toEqual([]);
    expect((await apiPost('/api/v1/reviews/pending/no-such-id', token, { verdict: 'positive' })).status).toBe(404);
  });

  it('the same e-mail twice is stored once, a review or a review to confirm', async () => {
    await deliverAs('googleRu', 'twice-1@test');
    await deliverAs('googleRu', 'twice-1@test');
    expect((await emailReviews()).filter((r) => r.key === '<twice-1@test>')).toHaveLength(1);
    await deliverAs('gmailForwardRu', 'twice-2@test');
    await deliverAs('gmailForwardRu', 'twice-2@test');
    const waiting = await pending();
    expect(waiting).toHaveLength(1);
    // After the verdict, the same mail arriving again does not come back for confirming.
    await apiPost(`/api/v1/reviews/pending/${waiting[0]!.id}`, token, { verdict: 'not_review' });
    await deliverAs('gmailForwardRu', 'twice-2@test');
    expect(await pending()).toEqual([]);
  });

  it('the Support Index moves when a forwarded 5 ★ notification arrives, without anyone typing', async () => {
    expect(
      (await apiPost('/api/v1/orders', token, { location: 'si-moves', date: '2026-11-30', count: 40 })).status,
    ).toBe(201);
    const index = async () =>
      (await get('/api/v1/support-index?from=2026-11-30&to=2026-11-30&location=si-moves&denominator=orders')).json<{
        positiveReviews: number;
        supportIndex: number;
      }>();
    expect(await index()).toMatchObject({ positiveReviews: 0, supportIndex: 0 });
    await deliverAs('yandexDirectRu', 'moves-1@test', 'reviews+si-moves@si-mail.test');
    expect(await index()).toMatchObject({ positiveReviews: 1, supportIndex: 0.025 });
    // A 1-3 ★ review counts among the reviews, not the positive ones.
    await deliverAs('googleEn', 'moves-2@test', 'reviews+si-moves@si-mail.test');
    expect(await index()).toMatchObject({ positiveReviews: 1, supportIndex: 0.025 });
  });

  it('mails that are no review notifications are only counted', async () => {
    const before = (await emailReviews()).length;
    await deliver(FIXTURES.spam);
    await deliver(FIXTURES.yandexInvoice);
    expect((await emailReviews()).length).toBe(before);
    expect(await pending()).toEqual([]);
    const { n } = (await env.DB.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM review_mail_ignored').first<{
      n: number;
    }>())!;
    expect(n).toBe(2);
    const stored = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM review_mails WHERE message_id IN ('<spam-1@shop.example>', '<yandex-invoice-1@business.yandex.ru>')",
    ).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('with REVIEW_MAIL_FORWARD_TO set, mail that is no review notification goes on to a person; notifications do not', async () => {
    const vars = { REVIEW_MAIL_FORWARD_TO: 'owner@example.ru' };
    expect(await deliver(withMessageId(FIXTURES.yandexInvoice, 'fwd-1@test'), undefined, vars)).toEqual([
      'owner@example.ru',
    ]);
    expect(await deliver(withMessageId(FIXTURES.googleRu, 'fwd-2@test'), undefined, vars)).toEqual([]);
    expect(await deliver(withMessageId(FIXTURES.spam, 'fwd-3@test'))).toEqual([]);
  });

  it("a message past the parser's limits is only counted, not an error", async () => {
    const deep = `Content-Type: multipart/mixed; boundary="b0"\r\n\r\n${Array.from({ length: 300 }, (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`).join('')}`;
    await expect(deliver(`From: noreply@business.yandex.ru\r\nSubject: Новый отзыв\r\n${deep}`)).resolves.toEqual([]);
  });

  it('the retention period erases subject and excerpt; the review and its count stay', async () => {
    await deliverAs('gmailForwardRu', 'erase-1@test');
    const key = await deliverAs('yandexDirectRu', 'erase-2@test');
    const later = Date.now() + 181 * 24 * 60 * 60 * 1000;
    await erasePersonalData(env, later);
    const [item] = await pending();
    expect(item).toMatchObject({ subject: null, excerpt: null, platform: 'yandex_maps' });
    expect((await emailReviews()).find((r) => r.key === key)).toMatchObject({ rating: 5 });
    const texts = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM review_mails WHERE subject IS NOT NULL OR excerpt IS NOT NULL',
    ).first<{ n: number }>();
    expect(texts!.n).toBe(0);
    await apiPost(`/api/v1/reviews/pending/${item!.id}`, token, { verdict: 'not_review' });
  });

  it('nothing of the raw message is stored: no body beyond the excerpt, no addresses', async () => {
    await deliverAs('yandexMailAttached2gis', 'raw-1@test');
    const row = await env.DB.prepare("SELECT * FROM review_mails WHERE message_id = '<raw-1@test>'").first<
      Record<string, unknown>
    >();
    const all = JSON.stringify(row);
    expect(all).not.toContain('owner@yandex.ru');
    expect(all).not.toContain('noreply@2gis.ru');
    expect(all).not.toContain('Content-Type');
  });
});
