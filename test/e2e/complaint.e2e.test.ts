import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.COMPLAINT_SHOTS ?? '/tmp/complaint-shots';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh printed card of the demo location, through the API as a CRM would make it. */
async function newCard(order: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/batches`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ location: 'demo', format: 'a6', orders: [order] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { cards: { code: string }[] }).cards[0]!.code;
}

async function phone(
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'ru-RU',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return { context, page: await context.newPage() };
}

/** The customer's whole path on a phone; returns the comment they left. */
async function customerComplains(page: Page, code: string, tag: string): Promise<string> {
  const comment = `Курьер опоздал на 40 минут (${tag})`;
  // The QR code carries the URL in capitals.
  await page.goto(`${baseUrl.toUpperCase()}/C/${code}`);
  expect(await page.locator('h1').textContent()).toBe('Что пошло не так?');
  expect(await page.locator('.biz-name').textContent()).toBe('Пекарня «Колобок»');
  const buttons = page.locator('button.reason');
  expect(await buttons.count()).toBe(6);
  // Every reason button is a comfortable tap target (at least 48 px high and most of the width).
  for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) {
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeGreaterThan(300);
  }
  await page.screenshot({ path: `${SHOTS}/customer-reasons-${tag}.png`, fullPage: true });

  await Promise.all([page.waitForURL(/\/c\/[^/]+\/[^/]+$/), buttons.first().click()]);
  expect(await page.locator('h1').textContent()).toBe('Спасибо, жалоба принята');
  await page.fill('#comment', comment);
  await page.fill('#contact', '+7 999 123-45-12');
  expect(await page.isChecked('#consent')).toBe(false);
  await page.screenshot({ path: `${SHOTS}/customer-details-${tag}.png`, fullPage: true });

  // Without the consent the contact is not taken, and nothing typed is lost.
  await page.click('button[type=submit].btn');
  expect(await page.locator('#consent-error').textContent()).toContain('отметьте согласие');
  expect(await page.inputValue('#comment')).toBe(comment);
  expect(await page.inputValue('#contact')).toBe('+7 999 123-45-12');
  await page.screenshot({ path: `${SHOTS}/customer-consent-error-${tag}.png`, fullPage: true });

  await page.check('#consent');
  await Promise.all([page.waitForURL(/\/done$/), page.click('button[type=submit].btn')]);
  expect(await page.locator('h1').textContent()).toBe('Спасибо, мы вас услышали');
  expect(await page.locator('main').textContent()).toContain('Мы свяжемся с вами не позже чем через час.');
  await page.screenshot({ path: `${SHOTS}/customer-done-${tag}.png`, fullPage: true });
  return comment;
}

async function ownerSees(comment: string, tag: string): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = await context.newPage();
  await signInAsDemoOwner(page, baseUrl);
  await page.goto(`${baseUrl}/admin/complaints`);
  const row = page.locator('table.inbox tbody tr', { hasText: comment });
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain('+7 *** ***-**-12');
  await page.screenshot({ path: `${SHOTS}/inbox-desktop-${tag}.png`, fullPage: true });
  await Promise.all([page.waitForURL(/\/admin\/complaints\/[^/]+$/), row.locator('a').first().click()]);
  expect(await page.locator('main').textContent()).toContain(comment);
  await page.screenshot({ path: `${SHOTS}/complaint-desktop-${tag}.png`, fullPage: true });
  await page.click('text=Связались с клиентом');
  await page.waitForURL(/saved=1/);
  // The timeline names the person, not their e-mail.
  expect(await page.locator('.timeline').textContent()).toContain('Демо Владелец');
  expect(await page.locator('.timeline').textContent()).not.toContain('demo@example.com');
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SHOTS}/complaint-phone-${tag}.png`, fullPage: true });
  await page.goto(`${baseUrl}/admin/complaints`);
  await page.screenshot({ path: `${SHOTS}/inbox-phone-${tag}.png`, fullPage: true });
  await context.close();
}

describe('a customer complains from the card on a phone', () => {
  it('with JavaScript: scan, tap a reason, comment with consent, thanks; the owner sees it in the inbox', async () => {
    const code = await newCard('E2E-JS');
    const { context, page } = await phone();
    const comment = await customerComplains(page, code, 'js');
    await context.close();
    await ownerSees(comment, 'js');
  });

  it('the same flow with JavaScript disabled', async () => {
    const code = await newCard('E2E-NOJS');
    const { context, page } = await phone({ javaScriptEnabled: false });
    const comment = await customerComplains(page, code, 'nojs');
    await context.close();
    await ownerSees(comment, 'nojs');
  });

  it('in English when the phone prefers it, and the page weighs under 30 KB', async () => {
    const code = await newCard('E2E-EN');
    const { context, page } = await phone({ locale: 'en-GB' });
    let bytes = 0;
    page.on('response', async (response) => {
      bytes += (await response.body().catch(() => Buffer.alloc(0))).byteLength;
    });
    await page.goto(`${baseUrl}/c/${code}`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toBe('What went wrong?');
    expect(await page.locator('button.reason').first().textContent()).toBe('The delivery was late');
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(30 * 1024);
    await page.screenshot({ path: `${SHOTS}/customer-reasons-en.png`, fullPage: true });
    await page.click('button.reason >> nth=1');
    await page.screenshot({ path: `${SHOTS}/customer-details-en.png`, fullPage: true });
    await context.close();
  });
});
