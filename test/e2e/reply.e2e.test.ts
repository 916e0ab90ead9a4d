import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.REPLY_SHOTS ?? '/tmp/reply-shots';
const COMMENT = 'Курьер Пётр опоздал на 40 минут, код домофона 1234';
const TEMPLATE = 'Извините, курьер опоздал; мы вернули доставку в ваш следующий заказ.';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newCard(order: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/batches`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ location: 'demo', format: 'a6', orders: [order] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { cards: { code: string }[] }).cards[0]!.code;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ru-RU',
  });
  return context.newPage();
}

/** Nothing on the page is wider than its viewport. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const scroll = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(scroll).toBeLessThanOrEqual(page.viewportSize()!.width);
}

describe('a reply the customer reads without leaving a contact', () => {
  it('the customer taps a complaint, the owner replies with a template, the kept-open thanks page and the re-opened card show the reply', async () => {
    const code = await newCard(`R-${Date.now()}`);

    // The customer taps a reason, adds a comment (no contact) and keeps the thanks page open.
    const customer = await phonePage();
    await customer.goto(`${baseUrl.toUpperCase()}/C/${code}`);
    expect(await customer.locator('.reply').count()).toBe(0);
    await Promise.all([customer.waitForURL(/\/c\/[^/]+\/[^/]+$/), customer.locator('button.reason').first().click()]);
    const id = /\/c\/[^/]+\/([^/?]+)/.exec(customer.url())![1]!;
    await customer.fill('#comment', COMMENT);
    await Promise.all([customer.waitForURL(/\/done$/), customer.click('button[type=submit].btn')]);
    expect(await customer.locator('[data-testid=reply-wait]').textContent()).toContain('Ответ появится здесь');
    await customer.screenshot({ path: `${SHOTS}/customer-done-waiting-390.png`, fullPage: true });

    // The owner keeps a template for the location, taps it on the complaint's page and publishes it.
    const owner = await (await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' })).newPage();
    await signInAsDemoOwner(owner, baseUrl);
    await owner.goto(`${baseUrl}/admin/complaints/${id}`);
    expect(await owner.locator('[data-testid=reply-warning]').textContent()).toContain('Ответ публичный');
    await Promise.all([owner.waitForURL(/\/replies$/), owner.click('text=Изменить шаблоны')]);
    await owner.fill('#template-new', TEMPLATE);
    await Promise.all([owner.waitForURL(/saved=1/), owner.click('button:has-text("Добавить шаблон")')]);
    await owner.goto(`${baseUrl}/admin/complaints/${id}`);
    await owner.click(`a.template-fill:has-text("${TEMPLATE.slice(0, 20)}")`);
    // The script fills the box in place: still the same page, no reload.
    expect(owner.url()).toBe(`${baseUrl}/admin/complaints/${id}`);
    expect(await owner.inputValue('#reply-text')).toBe(TEMPLATE);
    await owner.screenshot({ path: `${SHOTS}/owner-complaint-template-1280.png`, fullPage: true });
    await Promise.all([owner.waitForURL(/saved=1/), owner.click('button:has-text("Опубликовать ответ")')]);
    expect(await owner.locator('[data-testid=current-reply]').textContent()).toBe(TEMPLATE);
    expect(await owner.locator('.timeline').textContent()).toContain('Опубликован ответ клиенту');
    await owner.screenshot({ path: `${SHOTS}/owner-complaint-replied-1280.png`, fullPage: true });
    await owner.setViewportSize(PHONE);
    await owner.reload();
    await noSidewaysScroll(owner);
    await owner.screenshot({ path: `${SHOTS}/owner-complaint-replied-390.png`, fullPage: true });

    // The thanks page, kept open, shows the reply when it arrives (it polls every 15 s).
    await customer.locator('[data-testid=reply]').waitFor({ timeout: 25_000 });
    expect(await customer.locator('[data-testid=reply] .reply-text').textContent()).toBe(TEMPLATE);
    expect(await customer.locator('[data-testid=reply-wait]').count()).toBe(0);
    await customer.screenshot({ path: `${SHOTS}/customer-done-replied-390.png`, fullPage: true });

    // The customer scans the same card again: the reply and its time, above the reasons, nothing they typed.
    await customer.goto(`${baseUrl.toUpperCase()}/C/${code}`);
    const reply = customer.locator('[data-testid=reply]');
    expect(await reply.locator('.reply-text').textContent()).toBe(TEMPLATE);
    expect(await reply.locator('.reply-time').textContent()).toMatch(/^Ответили \d{1,2} [а-я]+,? (в )?\d{2}:\d{2}$/);
    const [replyBox, reasonsBox] = await Promise.all([reply.boundingBox(), customer.locator('.reasons').boundingBox()]);
    expect(replyBox!.y).toBeLessThan(reasonsBox!.y);
    const main = (await customer.locator('main').textContent()) ?? '';
    expect(main).not.toContain('Пётр');
    expect(main).not.toContain('1234');
    await noSidewaysScroll(customer);
    await customer.screenshot({ path: `${SHOTS}/customer-card-replied-390.png`, fullPage: true });

    // Anyone holding the card on a wide screen reads the same reply.
    const desk = await (await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' })).newPage();
    await desk.goto(`${baseUrl}/c/${code}`);
    expect(await desk.locator('[data-testid=reply] .reply-text').textContent()).toBe(TEMPLATE);
    await desk.screenshot({ path: `${SHOTS}/customer-card-replied-1280.png`, fullPage: true });
  });
});
