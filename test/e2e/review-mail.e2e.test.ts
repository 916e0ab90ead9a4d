import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.REVIEW_SHOTS ?? '/tmp/review-shots';
const fixture = (name: string): string =>
  readFileSync(join(process.cwd(), 'test/fixtures/review-mails', name), 'utf8').toString();

/** What Email Routing does in production: the raw message to the Worker's email() handler. */
async function sendMail(raw: string, to: string): Promise<Response> {
  const url = `${baseUrl}/cdn-cgi/handler/email?from=${encodeURIComponent('forwarder@example.net')}&to=${encodeURIComponent(to)}`;
  return fetch(url, { method: 'POST', body: raw });
}

async function apiReviews(): Promise<{ key: string; rating: number; location: string; source: string }[]> {
  const res = await fetch(`${baseUrl}/api/v1/reviews?from=2026-11-01&to=2026-12-31&source=email`, {
    headers: { authorization: 'Bearer demo-token' },
  });
  return ((await res.json()) as { reviews: { key: string; rating: number; location: string; source: string }[] })
    .reviews;
}

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("review notifications through wrangler dev's e-mail endpoint", () => {
  it('a forwarded notification with a rating is a review at once', async () => {
    const res = await sendMail(fixture('yandex-direct-ru.eml'), 'reviews+demo@si-mail.test');
    expect(res.status).toBe(200);
    const review = (await apiReviews()).find((r) => r.key === '<yandex-direct-1@business.yandex.ru>');
    expect(review).toMatchObject({ rating: 5, location: 'demo', source: 'email' });
  });

  it('one without a rating appears on /admin/reviews to confirm, and one tap counts it', async () => {
    expect((await sendMail(fixture('gmail-forward-ru.eml'), 'reviews@si-mail.test')).status).toBe(200);
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await signInAsDemoOwner(page, baseUrl);
    await page.goto(`${baseUrl}/admin/reviews?lang=ru`);
    const item = page.locator('.pending-review').filter({ hasText: 'Fwd: Новый отзыв о вашей организации' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await page.locator('#last-received').innerText()).toContain('последнее письмо сегодня');
    // A string, so the page's DOM types stay out of the Worker's type check.
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SHOTS}/reviews-pending-390.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/reviews-pending-1280.png`, fullPage: true });
    // Other e2e files may have added locations: then the form asks which one the review is about.
    const choice = item.locator('select[name=location]');
    if ((await choice.count()) > 0) await choice.selectOption({ value: 'demo' });
    await Promise.all([page.waitForURL(/saved=confirmed/), item.locator('button[value=positive]').click()]);
    expect(await page.locator('.alert.ok').innerText()).toContain('Отзыв посчитан');
    expect(await page.locator('.pending-review').count()).toBe(0);
    expect((await apiReviews()).find((r) => r.key === '<CAGmail-forward-1@mail.gmail.com>')).toMatchObject({
      rating: 5,
      location: 'demo',
    });
    await context.close();
  });
});
