import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { retryNotifications } from '../../src/services/notify';
import { call, postForm, signIn } from '../helpers';
import {
  complain,
  createCard,
  customer,
  eventually,
  resetSettings,
  SETTINGS_FORM as FORM,
  setSettings,
  textOf,
} from '../complaint-helpers';

/**
 * Outbound notifications: what a receiver answers never reaches D1 or a page, internal hosts and
 * the app itself are never targets, the bot token stays with its API address, and the webhook
 * timestamp is signed. Receivers are stand-ins for the Worker's outbound fetch.
 */

beforeEach(resetSettings);
afterEach(() => vi.restoreAllMocks());

interface Delivery {
  url: string;
  redirect: string;
  headers: Headers;
  body: string;
}

/** Every outbound request the app makes, answered by `answer`. */
function receiver(answer: (d: Delivery) => Response | Promise<Response> = () => new Response('{"ok":true}')) {
  const deliveries: Delivery[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const delivery = {
      url: request.url,
      redirect: request.redirect,
      headers: request.headers,
      body: await request.text(),
    };
    deliveries.push(delivery);
    return answer(delivery);
  });
  return deliveries;
}

interface NotificationRow {
  id: string;
  channel: string;
  event: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

const notificationsOf = async (complaintId: string) =>
  (
    await env.DB.prepare('SELECT * FROM notifications WHERE complaint_id = ?1 ORDER BY created_at, channel')
      .bind(complaintId)
      .all<NotificationRow>()
  ).results;

const allTried = (count: number) => (rows: NotificationRow[]) =>
  rows.length === count && rows.every((r) => r.attempts > 0);

const page = async (path: string, session: { cookie: string }) =>
  (await call(path, { headers: { cookie: session.cookie } })).text();

/** A complaint whose customer then leaves a phone number; returns the complaint id. */
async function complaintWithPhone(phone: string): Promise<string> {
  const { code } = await createCard();
  const who = customer();
  const { location, id } = await complain(code, who);
  const res = await who.post(location, { comment: 'Не тот заказ', contact: phone, consent: 'yes', website: '' });
  expect(res.status).toBe(303);
  return id;
}

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('a receiver that echoes the contact (forward-only mode)', () => {
  it('leaves nothing of its answer in D1 or on the pages: only the status is kept', async () => {
    const owner = await signIn('owner');
    await setSettings({
      contactMode: 'forward',
      webhookUrl: 'https://crm.example.ru/hooks/complaints',
      webhookSecret: 'hook-secret',
      telegramBotToken: '123456:AAbotTOKEN',
      telegramChatId: '-100200300',
      telegramApiBase: 'https://api.telegram.org',
    });
    // Both receivers repeat what they were sent, as error messages so often do.
    receiver((d) =>
      d.url.startsWith('https://api.telegram.org/')
        ? Response.json(
            { ok: false, error_code: 400, description: `Bad Request: can't parse entities: ${d.body}` },
            { status: 400 },
          )
        : Response.json(
            {
              error: `unknown customer ${(JSON.parse(d.body) as { complaint: { contact: string | null } }).complaint.contact}`,
            },
            { status: 422 },
          ),
    );
    const id = await complaintWithPhone('+7 903 111-22-99');

    const rows = await eventually(() => notificationsOf(id), allTried(4));
    expect(rows.map((r) => [r.channel, r.last_error])).toEqual([
      ['telegram', 'HTTP 400'],
      ['webhook', 'HTTP 422'],
      ['telegram', 'HTTP 400'],
      ['webhook', 'HTTP 422'],
    ]);
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM notifications').all()).results);
    expect(dump).not.toMatch(/9031112299|903 111|111-22-99|unknown customer|parse entities/);
    for (const path of ['/admin/settings/complaints', `/admin/complaints/${id}`]) {
      const text = textOf(await page(path, owner));
      expect(text).toContain('HTTP 422');
      expect(text).not.toMatch(/9031112299|903 111|unknown customer|parse entities/);
    }
  });

  it('keeps a fixed reason when the receiver does not answer in time', async () => {
    await setSettings({ webhookUrl: 'https://crm.example.ru/hooks/complaints', webhookSecret: 'hook-secret' });
    receiver(() => {
      throw new DOMException('The operation was aborted due to timeout (crm.example.ru took too long)', 'TimeoutError');
    });
    const { code } = await createCard();
    const { id } = await complain(code);
    const [row] = await eventually(() => notificationsOf(id), allTried(1));
    expect(row!.last_error).toBe('timeout');
  });
});

describe('owner-set notification addresses', () => {
  const refused = [
    ['http://2130706433/hook', 'внутреннюю сеть'],
    ['https://0x7f.1/hook', 'внутреннюю сеть'],
    ['https://0177.0.0.1/hook', 'внутреннюю сеть'],
    ['https://localhost/hook', 'внутреннюю сеть'],
    ['https://crm.localhost/hook', 'внутреннюю сеть'],
    ['https://10.1.2.3/hook', 'внутреннюю сеть'],
    ['https://172.20.0.5/hook', 'внутреннюю сеть'],
    ['https://192.168.1.10/hook', 'внутреннюю сеть'],
    ['https://169.254.169.254/latest/meta-data', 'внутреннюю сеть'],
    ['https://100.64.0.1/hook', 'внутреннюю сеть'],
    ['https://[::1]/hook', 'внутреннюю сеть'],
    ['https://[::ffff:127.0.0.1]/hook', 'внутреннюю сеть'],
    ['https://[fd00::1]/hook', 'внутреннюю сеть'],
    ['https://[fe80::1]/hook', 'внутреннюю сеть'],
    ['https://printer.local/hook', 'внутреннюю сеть'],
    ['https://metadata.google.internal/hook', 'внутреннюю сеть'],
    ['https://0.0.0.0/hook', 'внутреннюю сеть'],
    ['https://si.test/api/v1/complaints', 'адрес самого приложения'],
    ['https://crm:hunter2@crm.example.ru/hook', 'имя пользователя или пароль'],
    ['http://127.0.0.1:9/hook', 'https://'],
    ['ftp://crm.example.ru/hook', 'https://'],
  ] as const;

  it('refuses internal hosts, the app itself and credentials in the webhook URL, keeping what was typed', async () => {
    const owner = await signIn('owner');
    for (const [url, message] of refused) {
      const res = await postForm('/admin/settings/complaints', owner, {
        ...FORM,
        webhookUrl: url,
        businessPhone: '+7 495 000-00-00',
      });
      expect(res.status, url).toBe(400);
      const html = await res.text();
      expect(html, url).toContain(`value="${url}"`);
      expect(html, url).toContain('value="+7 495 000-00-00"');
      expect(textOf(html), url).toContain(message);
    }
    expect((await getSettings(env.DB)).webhookUrl).toBe('');
    // An outside https address is still fine (the answer shows its new signing secret once).
    expect(
      (
        await postForm('/admin/settings/complaints', owner, {
          ...FORM,
          webhookUrl: 'https://crm.example.ru/hooks/complaints',
        })
      ).status,
    ).toBe(200);
    expect((await getSettings(env.DB)).webhookUrl).toBe('https://crm.example.ru/hooks/complaints');
  });

  it('refuses the same hosts as the Telegram Bot API address', async () => {
    const owner = await signIn('owner');
    for (const base of ['https://127.0.0.1:8081', 'https://[::ffff:a9fe:a9fe]', 'https://si.test']) {
      const res = await postForm('/admin/settings/complaints', owner, {
        ...FORM,
        telegramApiBase: base,
        telegramBotToken: '123456:AAnewTOKEN',
        telegramChatId: '-100200300',
      });
      expect(res.status, base).toBe(400);
      expect(await res.text(), base).toContain(`value="${base}"`);
    }
    expect(await getSettings(env.DB)).toMatchObject({
      telegramApiBase: 'https://api.telegram.org',
      telegramBotToken: '',
    });
  });

  it('does not send to an address saved before the rules, and says why', async () => {
    const owner = await signIn('owner');
    // Written directly, as an older version could have saved it.
    await setSettings({
      webhookUrl: 'https://169.254.169.254/latest/meta-data',
      webhookSecret: 'hook-secret',
      telegramBotToken: '123456:AAbotTOKEN',
      telegramChatId: '-100200300',
      telegramApiBase: 'http://127.0.0.1:8081',
    });
    const deliveries = receiver();
    const { code } = await createCard();
    const { id } = await complain(code);
    const rows = await eventually(() => notificationsOf(id), allTried(2));
    expect(rows.map((r) => r.last_error)).toEqual(['refused address', 'refused address']);
    expect(deliveries).toEqual([]);
    await retryNotifications(env, Date.now() + 3600_000);
    expect(deliveries).toEqual([]);
    expect(textOf(await page('/admin/settings/complaints', owner))).toContain('адрес запрещён');
  });

  it('does not follow a redirect from the receiver', async () => {
    await setSettings({ webhookUrl: 'https://crm.example.ru/hooks/complaints', webhookSecret: 'hook-secret' });
    const deliveries = receiver(
      () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }),
    );
    const { code } = await createCard();
    const { id } = await complain(code);
    const [row] = await eventually(() => notificationsOf(id), allTried(1));
    expect(deliveries.map((d) => [d.url, d.redirect])).toEqual([['https://crm.example.ru/hooks/complaints', 'manual']]);
    expect(row!.last_error).toBe('HTTP 302');
  });

  it('shows only the status of a retry, never what the receiver answered', async () => {
    const owner = await signIn('owner');
    await setSettings({ webhookUrl: 'https://crm.example.ru/hooks/complaints', webhookSecret: 'hook-secret' });
    receiver(() => new Response('{"users":[{"email":"admin@corp.example","password_hash":"x"}]}', { status: 500 }));
    const { code } = await createCard();
    const { id } = await complain(code);
    const [row] = await eventually(() => notificationsOf(id), allTried(1));
    const retry = await postForm(`/admin/settings/complaints/notifications/${row!.id}/retry`, owner, {});
    const html = await page(retry.headers.get('location')!, owner);
    expect(textOf(html)).toContain('Снова не получилось');
    expect(textOf(html)).toContain('HTTP 500');
    expect(html).not.toMatch(/admin@corp|password_hash/);
  });
});

describe('the Telegram bot token', () => {
  it('is never sent to a new Bot API address unless it is typed again', async () => {
    const owner = await signIn('owner');
    await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      telegramBotToken: '123456:AAsavedTOKEN',
      telegramChatId: '-100200300',
    });
    const res = await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      telegramChatId: '-100200300',
      telegramApiBase: 'https://tg-proxy.example.net',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('введите токен бота ещё раз');
    expect(html).toContain('value="https://tg-proxy.example.net"');
    expect(await getSettings(env.DB)).toMatchObject({
      telegramApiBase: 'https://api.telegram.org',
      telegramBotToken: '123456:AAsavedTOKEN',
    });

    const deliveries = receiver();
    const { code } = await createCard();
    const { id } = await complain(code);
    await eventually(() => notificationsOf(id), allTried(1));
    expect(deliveries.map((d) => new URL(d.url).origin)).toEqual(['https://api.telegram.org']);

    // Typed again, or removed, the new address is taken.
    expect(
      (
        await postForm('/admin/settings/complaints', owner, {
          ...FORM,
          telegramChatId: '-100200300',
          telegramApiBase: 'https://tg-proxy.example.net',
          telegramBotToken: '654321:AAotherTOKEN',
        })
      ).status,
    ).toBe(303);
    expect(await getSettings(env.DB)).toMatchObject({
      telegramApiBase: 'https://tg-proxy.example.net',
      telegramBotToken: '654321:AAotherTOKEN',
    });
    expect(
      (
        await postForm('/admin/settings/complaints', owner, {
          ...FORM,
          telegramApiBase: 'https://api.telegram.org',
          telegramClear: '1',
        })
      ).status,
    ).toBe(303);
    expect(await getSettings(env.DB)).toMatchObject({
      telegramApiBase: 'https://api.telegram.org',
      telegramBotToken: '',
    });
  });
});

describe('the webhook signature', () => {
  it('covers the timestamp and the body, so a receiver can refuse old or altered messages', async () => {
    await setSettings({ webhookUrl: 'https://crm.example.ru/hooks/complaints', webhookSecret: 'hook-secret' });
    const deliveries = receiver();
    const { code } = await createCard();
    const { id } = await complain(code);
    await eventually(
      () => notificationsOf(id),
      (rows) => rows[0]?.status === 'sent',
    );
    const [d] = deliveries;
    const timestamp = d!.headers.get('x-timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(d!.body).toContain(code);
    expect(d!.headers.get('x-signature')).toBe(`sha256=${await hmacHex('hook-secret', `${timestamp}.${d!.body}`)}`);
    expect(d!.headers.get('x-signature')).not.toBe(`sha256=${await hmacHex('hook-secret', d!.body)}`);
    // Another time over the same body gives another signature: a replay cannot carry a fresh timestamp.
    expect(await hmacHex('hook-secret', `${Number(timestamp) + 600}.${d!.body}`)).not.toBe(
      d!.headers.get('x-signature')!.slice(7),
    );
  });
});

describe('failure reasons stored by an older version', () => {
  it('are reduced to the status or a fixed reason by migration 0009', async () => {
    const { code } = await createCard();
    const { id } = await complain(code);
    const legacy = [
      'HTTP 422: {"error":"unknown customer +79031112299"}',
      'HTTP 500',
      'fetch failed: +79031112299',
      'Telegram is not configured',
      'timeout',
    ];
    for (const [i, error] of legacy.entries()) {
      await env.DB.prepare(
        `INSERT INTO notifications (id, complaint_id, channel, event, payload, status, attempts, last_error, next_attempt_at, created_at)
         VALUES (?1, ?2, 'webhook', 'complaint.created', NULL, 'failed', 7, ?3, 0, ?4)`,
      )
        .bind(`legacy-${i}-${id}`, id, error, i)
        .run();
    }
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0009_'));
    expect(migration).toBeDefined();
    for (const query of migration!.queries) await env.DB.prepare(query).run();
    const rows = (
      await env.DB.prepare("SELECT last_error FROM notifications WHERE id LIKE 'legacy-%' ORDER BY created_at").all<{
        last_error: string;
      }>()
    ).results;
    expect(rows.map((r) => r.last_error)).toEqual([
      'HTTP 422',
      'HTTP 500',
      'network error',
      'not configured',
      'timeout',
    ]);
  });
});
