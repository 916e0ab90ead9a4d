import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, signInAsDemoOwner } from './browser';

const baseUrl = inject('baseUrl');
const persistDir = inject('persistDir');
const SHOTS = process.env.COMPLAINT_SHOTS ?? '/tmp/complaint-shots';
const SECRET = 'e2e-webhook-secret';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1; `statuses` are answered in turn, then 200. */
function receiver(port: number, statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return {
    received,
    start: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    url: `http://127.0.0.1:${port}/hook`,
  };
}

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The demo owner's session, as a browser without JavaScript would hold it. */
async function ownerSession(): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ email: 'demo@example.com', password: 'demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await fetch(`${baseUrl}/admin/settings/complaints`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

async function saveWebhook(session: { cookie: string; csrf: string }, url: string) {
  const res = await fetch(`${baseUrl}/admin/settings/complaints`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, cookie: session.cookie },
    body: new URLSearchParams({
      _csrf: session.csrf,
      contactMode: 'store',
      responseTargetMinutes: '60',
      consentText: 'Согласие на обработку контакта для ответа на жалобу.',
      telegramApiBase: 'https://api.telegram.org',
      webhookUrl: url,
      webhookSecret: SECRET,
    }),
  });
  // A secret new to the settings is shown once (200); the same one again just saves (303).
  expect([200, 303]).toContain(res.status);
}

/** A customer taps the first reason on a fresh card; returns the card code. */
async function complaintFromNewCard(order: string): Promise<string> {
  const batch = await fetch(`${baseUrl}/api/v1/batches`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ location: 'demo', format: 'a6', orders: [order] }),
  });
  const code = ((await batch.json()) as { cards: { code: string }[] }).cards[0]!.code;
  const page = await (
    await fetch(`${baseUrl}/c/${code}`, {
      headers: { 'cf-connecting-ip': `10.9.${order.length}.${Math.floor(Math.random() * 250)}` },
    })
  ).text();
  const reason = /name="reason" value="(\d+)"/.exec(page)![1]!;
  const started = Date.now();
  const tap = await fetch(`${baseUrl}/c/${code}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ reason, website: '' }),
  });
  expect(tap.status).toBe(303);
  // Sending happens after the response: the customer never waits for the webhook.
  expect(Date.now() - started).toBeLessThan(3000);
  return code;
}

const sqlite = promisify(execFile);
/** Makes every queued retry due now, as if the backoff had passed (the local D1 of the server under test). */
async function makeRetriesDue() {
  await sqlite(
    'npx',
    [
      'wrangler',
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      persistDir,
      '--command',
      "UPDATE notifications SET next_attempt_at = 0 WHERE status = 'pending'",
    ],
    {
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    },
  );
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('notifications of new complaints', () => {
  it('posts a signed JSON body to the webhook', async () => {
    const hook = receiver(18751);
    await hook.start();
    try {
      await saveWebhook(await ownerSession(), hook.url);
      const code = await complaintFromNewCard('N-OK');
      const got = await until(() => hook.received.find((r) => r.body.includes(code)), Boolean);
      expect(got).toBeDefined();
      // The signature covers "<timestamp>.<body>", so a receiver can refuse a replayed message by its age.
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${got!.headers['x-timestamp']}.${got!.body}`).digest('hex')}`;
      expect(got!.headers['x-signature']).toBe(expected);
      expect(Math.abs(Number(got!.headers['x-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
      const body = JSON.parse(got!.body) as {
        event: string;
        complaint: { code: string; reason: string; location: string; url: string };
      };
      expect(body.event).toBe('complaint.created');
      expect(body.complaint).toMatchObject({ code, location: 'demo', reason: 'Опоздали с доставкой' });
      expect(body.complaint.url).toMatch(/\/admin\/complaints\/[\w-]+$/);
    } finally {
      await hook.stop();
    }
  });

  it('retries a failed send from the cron and shows the failure to the owner meanwhile', async () => {
    const hook = receiver(18752, [500]);
    // Only this test's webhook is configured from here on; the first test's messages are all sent.
    await hook.start();
    try {
      await saveWebhook(await ownerSession(), hook.url);
      const code = await complaintFromNewCard('N-RETRY');
      await until(
        () => hook.received.filter((r) => r.body.includes(code)).length,
        (n) => n >= 1,
      );

      const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
      const page = await context.newPage();
      await signInAsDemoOwner(page, baseUrl);
      await page.goto(`${baseUrl}/admin/settings/complaints`);
      const problem = page.locator('tr.notification-problem', { hasText: 'HTTP 500' });
      await until(
        async () => {
          await page.reload();
          return problem.count();
        },
        (n) => n >= 1,
      );
      expect(await problem.count()).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: `${SHOTS}/settings-failed-notification.png`, fullPage: true });
      await page.goto(`${baseUrl}/admin/complaints`);
      expect(await page.locator('main').textContent()).toContain('Не удалось доставить уведомлений');

      await makeRetriesDue();
      const cron = await fetch(`${baseUrl}/__scheduled?cron=*/5+*+*+*+*`);
      expect(cron.status).toBe(200);
      const deliveries = await until(
        () => hook.received.filter((r) => r.body.includes(code)),
        (list) => list.length >= 2,
      );
      expect(deliveries).toHaveLength(2);
      expect(deliveries[1]!.body).toBe(deliveries[0]!.body);

      await page.goto(`${baseUrl}/admin/settings/complaints`);
      await until(
        async () => {
          await page.reload();
          return page.locator('tr.notification-problem').count();
        },
        (n) => n === 0,
      );
      expect(await page.locator('tr.notification-problem').count()).toBe(0);
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: `${SHOTS}/settings-phone.png`, fullPage: true });
      await page.goto(`${baseUrl}/admin/reasons`);
      await page.screenshot({ path: `${SHOTS}/reasons-phone.png`, fullPage: true });
      await context.close();
    } finally {
      // Leave the shared server without a webhook, so later tests queue no messages to nowhere.
      await saveWebhook(await ownerSession(), '');
      await hook.stop();
    }
  });
});
