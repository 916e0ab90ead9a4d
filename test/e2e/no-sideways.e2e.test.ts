import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

/**
 * No admin page scrolls sideways: every page the router has, as owner, manager and staff, at
 * 390 px and 1280 px, with long data (a 60-character unbroken location name, long e-mails and
 * token names, dozens of batches and complaints from the demo data). Wide tables must become
 * stacked rows on a phone, so no table scrolls sideways either.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;

const LONG_NAME = 'ПекарняНаОченьДлиннойУлицеИмениВеликогоПисателяЛьваНиколаевичаТ'.slice(0, 60);
const LONG_COMMENT = 'Курьеропоздалначасикрикнулнаменяукасситоговарищаещёибезсдачипривёзкофехолодный'.repeat(3);
const PASSWORD = 'длинный пароль для проверки';

/** GET routes that are not pages: files, redirects to another site, the print page's fragment. */
const NOT_PAGES: Record<string, string> = {
  '/admin/export.csv': 'CSV file',
  '/admin/print/batches/:id/pdf': 'PDF file',
  '/admin/print/preview': 'HTML fragment the print page fetches',
  '/admin/print/preview.pdf': 'PDF file',
  '/admin/print/preview.js': 'script',
  '/admin/privacy/complaints/:id/export': 'JSON file',
  '/admin/reviews/google/connect': 'redirect to Google',
  '/admin/reviews/google/callback': 'redirect back from Google',
  '/admin/complaints/reply.js': 'script',
  '/admin/locations/fit': 'HTML fragment the location form fetches',
  '/admin/locations/fit.js': 'script',
  '/admin/locations/:id/brand/logo': 'image',
  '/admin/reviews/sample.csv': 'CSV file',
};

/** Every GET /admin route, read from the access table that route-inventory.test.ts keeps complete. */
function adminPages(): string[] {
  const source = readFileSync('test/route-access.ts', 'utf8');
  const routes = [...source.matchAll(/'GET (\/admin[^']*)'/g)].map((m) => m[1]!);
  return [...new Set(routes)].filter((path) => !(path in NOT_PAGES));
}

interface Fixture {
  locationId: string;
  batchId: string;
  complaintId: string;
}

/** A route's path with its parameters filled from the fixture; throws for a parameter it does not know. */
function urlOf(route: string, f: Fixture): string {
  const path = route
    .replace(/^\/admin\/locations\/:id/, `/admin/locations/${f.locationId}`)
    .replace(/^\/admin\/reasons\/:locationId/, `/admin/reasons/${f.locationId}`)
    .replace(/^\/admin\/print\/batches\/:id/, `/admin/print/batches/${f.batchId}`)
    .replace(
      /^\/admin\/(privacy\/)?complaints\/:id/,
      (_, privacy: string | undefined) => `/admin/${privacy ?? ''}complaints/${f.complaintId}`,
    );
  if (path.includes(':'))
    throw new Error(`no sample value for ${route}: add one to urlOf (or to NOT_PAGES if it is not a page)`);
  return path;
}

async function api(path: string, body: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

/** A customer taps "complaint" on a card and adds an unbroken comment; returns the complaint id. */
async function complain(code: string, n: number): Promise<string> {
  const phone = {
    'cf-connecting-ip': `10.77.0.${n}`,
    'user-agent': `Mozilla/5.0 (iPhone; no-sideways ${n}) Mobile Safari`,
    origin: baseUrl,
  };
  const page = await (await fetch(`${baseUrl}/c/${code}`, { headers: phone })).text();
  const reason = /name="reason" value="(\d+)"/.exec(page)?.[1];
  expect(reason, 'a reason button on the complaint page').toBeDefined();
  const form = { ...phone, 'content-type': 'application/x-www-form-urlencoded' };
  const tap = await fetch(`${baseUrl}/c/${code}`, {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({ reason: reason!, website: '' }),
    redirect: 'manual',
  });
  const next = tap.headers.get('location') ?? '';
  const id = /^\/c\/[^/]+\/([^/?]+)/.exec(next)?.[1];
  expect(id, `complaint redirect (${tap.status})`).toBeDefined();
  await fetch(`${baseUrl}${next}`, {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({ comment: LONG_COMMENT, contact: '', website: '' }),
    redirect: 'manual',
  });
  return id!;
}

/** The owner invites someone with a long e-mail; they accept in their own browser, signed in. */
async function invitedPerson(owner: Page, role: 'manager' | 'staff'): Promise<BrowserContext> {
  await owner.goto(`${baseUrl}/admin/users`);
  await owner.fill('#email', `${role}-with-a-rather-long-unbroken-address-for-phones@example-delivery.ru`);
  await owner.selectOption('#role', role);
  await owner.click('form[action="/admin/users/invite"] button[type=submit]');
  const link = await owner.inputValue('#secret');
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${new URL(link).pathname}`);
  await page.fill('#name', `${role === 'manager' ? 'Менеджер' : 'Курьер'}СОченьДлиннымИменемБезПробелов`);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirm', PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login')),
    page.click('button[type=submit]'),
  ]);
  await page.close();
  return context;
}

interface Width {
  page: number;
  viewport: number;
  /** tables (or other boxes) that scroll sideways inside the page */
  scrollers: string[];
  /** what sticks out, for the failure message */
  wide: string[];
}

/** Runs in the page (a string: the project's types have no DOM). */
const MEASURE = `(() => {
  const viewport = window.innerWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > viewport + 1)
    .slice(0, 5)
    .map((el) => name(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px): ' + (el.textContent || '').trim().slice(0, 40));
  const scrollers = [...document.querySelectorAll('.table-wrap')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => name(el.querySelector('table') || el) + ' ' + el.scrollWidth + '/' + el.clientWidth + ' px');
  return { page: document.documentElement.scrollWidth, viewport, scrollers, wide };
})()`;

function measure(page: Page): Promise<Width> {
  return page.evaluate<Width>(MEASURE);
}

let fixture: Fixture;
const people: Record<'owner' | 'manager' | 'staff', BrowserContext> = {} as never;

beforeAll(async () => {
  browser = await launchBrowser();
  await api('/api/v1/locations', {
    name: LONG_NAME,
    slug: 'no-sideways',
    address: 'УлицаБезПробеловКотораяНикогдаНеКончаетсяИНеПереноситсяДом1',
    reviewLinks: [
      {
        platform: 'yandex_maps',
        url: 'https://yandex.ru/maps/org/no_sideways_bakery/1234567890/reviews/',
        primary: true,
      },
    ],
  });
  const batch = (await api('/api/v1/batches', {
    location: 'no-sideways',
    format: 'a6',
    orders: ['ЗАКАЗ-000000000000000001', 'ЗАКАЗ-000000000000000002', 'ЗАКАЗ-000000000000000003'],
  })) as {
    id: string;
    cards: { code: string }[];
  };
  const complaintId = await complain(batch.cards[0]!.code, 1);
  await complain(batch.cards[1]!.code, 2);

  const ownerContext = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const owner = await ownerContext.newPage();
  await signInAsDemoOwner(owner, baseUrl);
  await owner.goto(`${baseUrl}/admin/tokens`);
  await owner.fill('#name', 'ИнтеграцияСОченьДлиннымНазваниемДляCRMБезЕдиногоПробела');
  await owner.selectOption('#role', 'manager');
  await owner.click('form[action="/admin/tokens"] button[type=submit]');
  await owner.goto(`${baseUrl}/admin/locations`);
  const href = await owner
    .locator('tr', { hasText: LONG_NAME })
    .locator('a[href^="/admin/locations/"]')
    .first()
    .getAttribute('href');
  fixture = { locationId: /\/admin\/locations\/(\d+)/.exec(href ?? '')![1]!, batchId: batch.id, complaintId };
  people.owner = ownerContext;
  people.manager = await invitedPerson(owner, 'manager');
  people.staff = await invitedPerson(owner, 'staff');
  await owner.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('no admin page scrolls sideways', () => {
  it('reads every admin page from the route table, and knows how to open each', () => {
    const pages = adminPages();
    expect(pages.length).toBeGreaterThan(15);
    for (const route of pages) expect(() => urlOf(route, fixture)).not.toThrow();
  });

  for (const role of ['owner', 'manager', 'staff'] as const) {
    // The three people browse side by side (one browser, three contexts) to keep the run short.
    it.concurrent(`as ${role}, at 390 px and at 1280 px`, async ({ expect }) => {
      const page = await people[role].newPage();
      const problems: string[] = [];
      const refused = new Set<string>();
      let opened = 0;
      for (const { width, height } of [PHONE, DESKTOP]) {
        await page.setViewportSize({ width, height });
        for (const route of adminPages()) {
          const url = urlOf(route, fixture);
          // A page the role may not open is still a page (403, "Нет доступа") and must fit a phone;
          // on a desktop one of them is enough.
          if (width === DESKTOP.width && refused.has(url) && url !== [...refused][0]) continue;
          const res = await page.goto(`${baseUrl}${url}`);
          const status = res?.status() ?? 0;
          if (status === 403) refused.add(url);
          if (status >= 500) problems.push(`${width} px ${url}: status ${status}`);
          expect(res?.headers()['content-type'] ?? '', `${url} is a page`).toContain('text/html');
          const m = await measure(page);
          opened++;
          if (m.page > m.viewport)
            problems.push(`${width} px ${url}: ${m.page} px wide in ${m.viewport} px; ${m.wide.join('; ')}`);
          if (m.scrollers.length > 0)
            problems.push(`${width} px ${url}: scrolls sideways inside: ${m.scrollers.join(', ')}`);
        }
      }
      await page.close();
      const pages = adminPages().length;
      expect(opened).toBe(pages * 2 - Math.max(0, refused.size - 1));
      // Each role opens its own pages: the owner all of them, staff at least printing.
      if (role === 'owner') expect(refused.size).toBe(0);
      expect(refused.size).toBeLessThan(pages);
      expect(problems).toEqual([]);
    });
  }

  it('signed out, the sign-in page fits a phone too', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/login`);
    const m = await measure(page);
    expect(m.page, m.wide.join('; ')).toBeLessThanOrEqual(m.viewport);
    await context.close();
  });
});
