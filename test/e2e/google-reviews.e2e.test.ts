import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { googleStandIn } from '../google-stand-in';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.REVIEW_SHOTS ?? '/tmp/review-shots';
const google = googleStandIn(2);
let server: Server;
let standInUrl = '';
let browser: Browser;

/** The stand-in as a real HTTP server on 127.0.0.1, as the Worker under wrangler dev reaches it. */
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const answer = await google.handle(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: body || undefined,
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  standInUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('Google Business Profile against a stand-in on 127.0.0.1', () => {
  it('connect, map a location, and the cron brings its reviews in', async () => {
    google.reviews.set('accounts/1/locations/10', [
      { reviewId: 'g3', starRating: 'FIVE', createTime: '2026-11-30T09:00:00Z', updateTime: '2026-11-30T09:00:00Z' },
      { reviewId: 'g2', starRating: 'ONE', createTime: '2026-11-29T09:00:00Z', updateTime: '2026-11-29T09:00:00Z' },
      { reviewId: 'g1', starRating: 'FOUR', createTime: '2026-11-28T09:00:00Z', updateTime: '2026-11-28T09:00:00Z' },
    ]);
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await signInAsDemoOwner(page, baseUrl);
    await page.goto(`${baseUrl}/admin/reviews/google?lang=ru`);
    await page.fill('#google-client-id', 'client-e2e');
    await page.fill('#google-client-secret', 'secret-e2e');
    await page.fill('#google-api-base', standInUrl);
    await page.fill('#google-oauth-base', standInUrl);
    await Promise.all([page.waitForURL(/saved=config/), page.click('#google-config button[type=submit]')]);
    // Consent at the stand-in, which sends the browser straight back with a code.
    await Promise.all([page.waitForURL(/connected=2/), page.click('#google-connect')]);
    expect(await page.locator('.alert.ok').innerText()).toContain('Найдено точек в Google: 2');
    await page.selectOption('select[name="map:accounts/1/locations/10"]', { label: 'Пекарня «Колобок»' });
    await Promise.all([page.waitForURL(/saved=map/), page.click('#google-mapping button[type=submit]')]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SHOTS}/google-390.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/google-1280.png`, fullPage: true });

    // The cron, as Cloudflare fires it (wrangler dev --test-scheduled).
    const cron = await fetch(`${baseUrl}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(cron.status).toBe(200);
    const reviews = async () =>
      (
        (await (
          await fetch(`${baseUrl}/api/v1/reviews?from=2026-11-01&to=2026-12-31&source=google`, {
            headers: { authorization: 'Bearer demo-token' },
          })
        ).json()) as { reviews: { key: string; rating: number; location: string }[] }
      ).reviews;
    let found: { key: string; rating: number; location: string }[] = [];
    for (let i = 0; i < 50 && found.length < 3; i++) {
      found = await reviews();
      if (found.length < 3) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found.map((r) => [r.key.split('/').pop(), r.rating, r.location]).sort()).toEqual([
      ['g1', 4, 'demo'],
      ['g2', 1, 'demo'],
      ['g3', 5, 'demo'],
    ]);
    expect(google.requests.filter((r) => r.path.endsWith('/reviews')).map((r) => r.query.get('pageToken'))).toEqual([
      null,
      '2',
    ]);
    await context.close();
  });
});
