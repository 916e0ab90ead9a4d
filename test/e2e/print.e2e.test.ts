import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';
import { decodeQrCodes, pdfText } from './pdf-tools';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('printing cards in the browser', () => {
  it('makes a PDF whose every QR code opens this app, and the review code leads to Yandex Maps', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', acceptDownloads: true });
    const page = await context.newPage();
    await signInAsDemoOwner(page, baseUrl);
    await page.goto(`${baseUrl}/admin/print`);
    expect(await page.locator('h1').textContent()).toBe('Печать открыток');
    // With one location the form names it instead of offering a choice; other browser tests share
    // this server and may have added locations, so either form is met here (print-staff.test.ts
    // covers the rule itself).
    const only = page.locator('#location-only input[name=location]');
    if ((await only.count()) > 0) expect(await only.getAttribute('value')).toBe('demo');
    else await page.selectOption('#location', 'demo');
    await page.fill('#count', '6');
    await page.check('input[name=format][value=a4-4up]');
    await Promise.all([page.waitForURL(/\/admin\/print\/batches\//), page.click('main button[type=submit]')]);
    expect(await page.locator('.alert.ok').textContent()).toContain('открыток: 6');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download]')]);
    const pdf = new Uint8Array(readFileSync(await download.path()));
    const codesOnPage = await page.locator('tbody code').allTextContents();
    expect(codesOnPage).toHaveLength(6);

    const { pages, codes } = decodeQrCodes(pdf);
    expect(pages).toHaveLength(2); // 6 cards, four to a sheet
    const expected = codesOnPage.flatMap((code) => [
      `${baseUrl.toUpperCase()}/R/${code}`,
      `${baseUrl.toUpperCase()}/C/${code}`,
    ]);
    expect(new Set(codes)).toEqual(new Set(expected));
    expect(codes).toHaveLength(12);

    const text = pdfText(pdf);
    expect(text).toContain('Оставьте отзыв на Яндекс Картах');
    expect(text).toContain('Что-то не так? Расскажите нам');
    expect(text.toUpperCase()).toContain('ПЕКАРНЯ «КОЛОБОК»'); // a design may set the name in capitals
    for (const code of codesOnPage) expect(text).toContain(code);

    // The decoded review URL, as a phone would open it (upper case and all), goes to the review form.
    const review = await fetch(codes.find((c) => c.includes('/R/'))!, { redirect: 'manual' });
    expect(review.status).toBe(302);
    expect(review.headers.get('location')).toMatch(/^https:\/\/yandex\.ru\/maps\/org\//);
    await context.close();
  });

  it('keeps what the owner typed and explains a review link on the wrong site', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    const page = await context.newPage();
    await signInAsDemoOwner(page, baseUrl);
    await page.goto(`${baseUrl}/admin/locations/new`);
    await page.fill('#name', 'Кофейня на Тверской');
    await page.fill('#slug', 'tverskaya');
    await page.fill('#link_yandex_maps', 'https://yandex.ru.evil.example/maps/org/1');
    await page.click('main button[type=submit]');
    expect(await page.locator('#link_yandex_maps-error').textContent()).toBe(
      'Эта ссылка ведёт не на сайт выбранной площадки.',
    );
    expect(await page.inputValue('#name')).toBe('Кофейня на Тверской');
    await page.fill('#link_yandex_maps', 'https://yandex.ru/maps/org/kofeynya/987654321/reviews/?add-review=true');
    await Promise.all([page.waitForURL(/\/admin\/locations\?saved=1/), page.click('main button[type=submit]')]);
    expect(await page.locator('table').textContent()).toContain('Кофейня на Тверской');
    await context.close();
  });

  it('names the platform the review code opens in the caption under it', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
    const page = await context.newPage();
    await signInAsDemoOwner(page, baseUrl);
    await page.goto(`${baseUrl}/admin/locations/new`);
    await page.fill('#name', 'Цветы на Садовой');
    await page.fill('#slug', 'sadovaya');
    await page.fill('#link_2gis', 'https://2gis.ru/moscow/firm/70000001234567/tab/reviews/addreview');
    await page.check('input[name=primary][value="2gis"]');
    await Promise.all([page.waitForURL(/saved=1/), page.click('main button[type=submit]')]);
    await context.close();

    const created = await fetch(`${baseUrl}/api/v1/batches`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'sadovaya', count: 1, format: 'a6' }),
    });
    expect(created.status).toBe(201);
    const { pdfUrl, cards } = (await created.json()) as { pdfUrl: string; cards: { reviewUrl: string }[] };
    const pdf = new Uint8Array(
      await (await fetch(`${baseUrl}${pdfUrl}`, { headers: { authorization: 'Bearer demo-token' } })).arrayBuffer(),
    );
    expect(pdfText(pdf)).toContain('Оставьте отзыв в 2ГИС');
    const review = await fetch(cards[0]!.reviewUrl, { redirect: 'manual' });
    expect(review.headers.get('location')).toBe('https://2gis.ru/moscow/firm/70000001234567/tab/reviews/addreview');
  });
});
