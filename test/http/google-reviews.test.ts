import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openText } from '../../src/auth/crypto';
import { insertLocation } from '../../src/db/locations';
import { syncGoogleReviews } from '../../src/services/google-reviews';
import { googleStandIn } from '../google-stand-in';
import { call, createToken, postForm, signIn } from '../helpers';

const BASE = 'http://127.0.0.1:9911';
let owner: { cookie: string; csrf: string };
let token: string;
let ourId: number;
let google: ReturnType<typeof googleStandIn>;

beforeAll(async () => {
  owner = await signIn('owner');
  token = await createToken('owner');
  ourId = await insertLocation(
    env.DB,
    {
      slug: 'sadovaya',
      name: 'Колобок, Садовая',
      address: 'Москва',
      timeZone: 'Europe/Moscow',
      handOutDays: 1,
      cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [],
    },
    Date.now(),
  );
});

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => google.handle(input as RequestInfo, init));
});

google = googleStandIn();

const page = async (path = '/admin/reviews/google') => (await call(path, { headers: { cookie: owner.cookie } })).text();
const googleReviews = async () =>
  (
    await (
      await call('/api/v1/reviews?from=2026-01-01&to=2026-12-31&source=google', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{
      reviews: { key: string; rating: number; date: string; location: string; platform: string }[];
    }>()
  ).reviews;
const LOC = 'accounts/1/locations/10';

describe('Google Business Profile', () => {
  it('refuses an API address on an internal network, and keeps the client secret sealed', async () => {
    const bad = await postForm('/admin/reviews/google/config', owner, {
      clientId: 'client-1',
      clientSecret: 'shh-secret',
      apiBase: 'http://10.0.0.5',
      oauthBase: '',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Адрес отклонён');
    const ok = await postForm('/admin/reviews/google/config', owner, {
      clientId: 'client-1',
      clientSecret: 'shh-secret',
      apiBase: BASE,
      oauthBase: BASE,
    });
    expect(ok.status).toBe(303);
    const html = await page();
    expect(html).not.toContain('shh-secret');
    expect(html).toContain('https://q.si.test/admin/reviews/google/callback');
    const row = await env.DB.prepare("SELECT value FROM settings WHERE key = 'google.clientSecret'").first<{
      value: string;
    }>();
    expect(row!.value).not.toContain('shh-secret');
  });

  it('connects through the consent redirect; the refresh token is stored encrypted with APP_SECRET; locations are read page by page', async () => {
    const start = await call('/admin/reviews/google/connect', { headers: { cookie: owner.cookie } });
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get('location')!);
    expect(consent.origin + consent.pathname).toBe(`${BASE}/o/oauth2/v2/auth`);
    expect(consent.searchParams.get('redirect_uri')).toBe('https://q.si.test/admin/reviews/google/callback');
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/business.manage');
    // A forged return (another state) is refused and spends the state.
    expect(
      (await call(`/admin/reviews/google/callback?code=x&state=forged`, { headers: { cookie: owner.cookie } })).status,
    ).toBe(400);
    const again = new URL(
      (await call('/admin/reviews/google/connect', { headers: { cookie: owner.cookie } })).headers.get('location')!,
    );
    const back = await call(`/admin/reviews/google/callback?code=code-1&state=${again.searchParams.get('state')}`, {
      headers: { cookie: owner.cookie },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/admin/reviews/google?connected=2');
    const exchange = google.requests.find((r) => r.path === '/token')!;
    expect(new URLSearchParams(exchange.body).get('client_secret')).toBe('shh-secret');
    const sealed = (await env.DB.prepare("SELECT value FROM settings WHERE key = 'google.refreshToken'").first<{
      value: string;
    }>())!.value;
    expect(sealed).not.toContain('refresh-secret-1');
    expect(await openText(env.APP_SECRET, 'google-refresh-token', sealed)).toBe('refresh-secret-1');
    expect(await openText('another-secret', 'google-refresh-token', sealed)).toBeNull();
    const html = await page();
    expect(html).toContain('Колобок на Садовой');
    expect(html).toContain('Колобок на Ленина');
  });

  it('pulls the mapped location’s reviews with paging, ONE..FIVE as 1..5, after a 401 refreshes the token', async () => {
    expect(
      (
        await postForm('/admin/reviews/google/map', owner, {
          [`map:${LOC}`]: String(ourId),
          'map:accounts/1/locations/20': '',
        })
      ).status,
    ).toBe(303);
    google.reviews.set(LOC, [
      { reviewId: 'r3', starRating: 'FIVE', createTime: '2026-11-30T09:00:00Z', updateTime: '2026-11-30T09:00:00Z' },
      { reviewId: 'r2', starRating: 'TWO', createTime: '2026-11-29T22:30:00Z', updateTime: '2026-11-29T22:30:00Z' },
      { reviewId: 'r1', starRating: 'FOUR', createTime: '2026-11-20T10:00:00Z', updateTime: '2026-11-20T10:00:00Z' },
    ]);
    google.expireAccessToken();
    const before = google.requests.length;
    const result = await syncGoogleReviews(env, Date.now(), true);
    expect(result).toEqual({ ran: true, stored: 3 });
    const made = google.requests.slice(before);
    expect(made.filter((r) => r.path === '/token').map((r) => new URLSearchParams(r.body).get('grant_type'))).toEqual([
      'refresh_token',
    ]);
    expect(made.filter((r) => r.path.endsWith('/reviews')).map((r) => r.query.get('pageToken'))).toEqual([
      null,
      null,
      '2',
    ]);
    expect(made.find((r) => r.path.endsWith('/reviews'))!.query.get('orderBy')).toBe('updateTime desc');
    const stored = await googleReviews();
    expect(stored.map((r) => [r.key, r.rating, r.date]).sort()).toEqual([
      [`${LOC}/reviews/r1`, 4, '2026-11-20'],
      // 22:30 UTC is already the next day in Moscow.
      [`${LOC}/reviews/r2`, 2, '2026-11-30'],
      [`${LOC}/reviews/r3`, 5, '2026-11-30'],
    ]);
    expect(stored.every((r) => r.location === 'sadovaya' && r.platform === 'google_maps')).toBe(true);
    expect(await page()).toContain('в Google: 3 отзывов');
  });

  it('the next sync stops at the last updateTime seen; an edit updates its review, stored once', async () => {
    google.reviews.set(LOC, [
      { reviewId: 'r2', starRating: 'FIVE', createTime: '2026-11-29T22:30:00Z', updateTime: '2026-12-01T08:00:00Z' },
      { reviewId: 'r4', starRating: 'FOUR', createTime: '2026-12-01T07:00:00Z', updateTime: '2026-12-01T07:00:00Z' },
      { reviewId: 'r3', starRating: 'FIVE', createTime: '2026-11-30T09:00:00Z', updateTime: '2026-11-30T09:00:00Z' },
      { reviewId: 'r1', starRating: 'FOUR', createTime: '2026-11-20T10:00:00Z', updateTime: '2026-11-20T10:00:00Z' },
    ]);
    const before = google.requests.length;
    expect(await syncGoogleReviews(env, Date.now(), true)).toEqual({ ran: true, stored: 2 });
    // The second page holds only reviews seen before: it is never asked for past the stop.
    expect(
      google.requests
        .slice(before)
        .filter((r) => r.path.endsWith('/reviews'))
        .map((r) => r.query.get('pageToken')),
    ).toEqual([null, '2']);
    const stored = await googleReviews();
    expect(stored).toHaveLength(4);
    expect(stored.find((r) => r.key.endsWith('/r2'))!.rating).toBe(5);
    const index = await (
      await call('/api/v1/support-index?from=2026-11-30&to=2026-11-30&location=sadovaya', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ positiveReviews: number }>();
    expect(index.positiveReviews).toBe(2);
  });

  it('runs from the cron at most every 30 minutes', async () => {
    const now = Date.now();
    expect(await syncGoogleReviews(env, now + 10 * 60_000)).toEqual({ ran: false, stored: 0 });
    expect((await syncGoogleReviews(env, now + 31 * 60_000)).ran).toBe(true);
  });

  it('a 429 backs off for its Retry-After, then the sync resumes', async () => {
    const now = Date.now() + 2 * 3600_000;
    google.script.push(google.tooManyRequests('120'));
    expect(await syncGoogleReviews(env, now, true)).toMatchObject({ ran: true, backedOff: true, error: 'HTTP 429' });
    const before = google.requests.length;
    expect(await syncGoogleReviews(env, now + 60_000, true)).toEqual({ ran: false, stored: 0, backedOff: true });
    expect(google.requests.length).toBe(before);
    expect(await page()).toContain('Google просит подождать');
    google.reviews.get(LOC)!.unshift({
      reviewId: 'r5',
      starRating: 'THREE',
      createTime: '2026-12-01T09:00:00Z',
      updateTime: '2026-12-01T09:00:00Z',
    });
    expect(await syncGoogleReviews(env, now + 121_000, true)).toEqual({ ran: true, stored: 1 });
  });

  it('in production an http API address is refused at the field', async () => {
    const { checkGoogleBase } = await import('../../src/services/google-reviews');
    expect(checkGoogleBase({ APP_ENV: 'production', PUBLIC_ORIGIN: '' }, BASE)).not.toBeNull();
    expect(
      checkGoogleBase({ APP_ENV: 'production', PUBLIC_ORIGIN: '' }, 'https://google-stand-in.example.com'),
    ).toBeNull();
    expect(checkGoogleBase({ APP_ENV: 'production', PUBLIC_ORIGIN: '' }, '')).toBeNull();
  });

  it('disconnecting forgets the tokens and keeps the reviews', async () => {
    expect((await postForm('/admin/reviews/google/disconnect', owner, {})).status).toBe(303);
    expect(
      await env.DB.prepare("SELECT value FROM settings WHERE key = 'google.refreshToken'").first<{ value: string }>(),
    ).toEqual({ value: '' });
    expect(await syncGoogleReviews(env, Date.now() + 5 * 3600_000, true)).toEqual({ ran: false, stored: 0 });
    expect((await googleReviews()).length).toBe(5);
  });
});
