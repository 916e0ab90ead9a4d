import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { randomToken } from '../../src/auth/crypto';
import { insertBatch } from '../../src/db/batches';
import { setOwnerTimeZone } from '../../src/db/locations';
import { insertReviewCount } from '../../src/db/reviews';
import { getSettings } from '../../src/db/settings';
import { addDays, localDay, localDayStart } from '../../src/domain/time';
import { sendWeeklyDigest } from '../../src/services/digest';
import { call, createLocation, postForm, signIn } from '../helpers';
import {
  complain,
  createCard,
  customer,
  resetSettings,
  setSettings,
  SETTINGS_FORM,
  textOf,
} from '../complaint-helpers';

const HOOK = 'https://hook.test/digest';
const BOT = 'https://bot.test';
const TOKEN = '123:abc';
const ZONE = 'Asia/Novosibirsk';
const MINUTE = 60_000;

interface Sent {
  url: string;
  raw: string;
  headers: Headers;
  body: Record<string, unknown>;
}
let sent: Sent[] = [];
let telegramFails = false;

// The week holding today, in the owner's zone: its digest is due next Monday at 09:00 there.
let monday: string;
let digestAt: number;

beforeAll(async () => {
  await setOwnerTimeZone(env.DB, ZONE, Date.now());
  const today = localDay(Date.now(), ZONE);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  monday = addDays(today, -weekday);
  digestAt = localDayStart(addDays(monday, 7), ZONE) + 9 * 60 * MINUTE;

  const location = await createLocation(undefined, { timeZone: ZONE });
  const cards = (n: number) =>
    Array.from({ length: n }, () => ({
      code: randomToken(9)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, 'X'),
      orderRef: null,
    }));
  // 1000 customers a week; 10 positive reviews the week before, 60 this week: a change beyond chance.
  for (const day of [addDays(monday, -7), monday]) {
    await insertBatch(
      env.DB,
      {
        id: randomToken(9),
        locationId: location.id,
        template: 'classic',
        format: 'a6',
        createdBy: 'test',
        cards: cards(1000),
        handOut: { from: day, to: day },
      },
      Date.now(),
    );
  }
  await insertReviewCount(
    env.DB,
    location.id,
    { from: null, day: addDays(monday, -7), positive: 10, total: null, averageRating: null },
    'test',
    Date.now(),
  );
  await insertReviewCount(
    env.DB,
    location.id,
    { from: null, day: monday, positive: 60, total: null, averageRating: null },
    'test',
    Date.now(),
  );
  // Five complaints this week: the first reason twice. Two answered after 20 and 30 minutes.
  const ids: string[] = [];
  for (const reasonIndex of [0, 0, 1, 2, 3])
    ids.push((await complain((await createCard({ locationId: location.id })).code, customer(), reasonIndex)).id);
  for (const [id, minutes] of [
    [ids[0]!, 20],
    [ids[2]!, 30],
  ] as const) {
    await env.DB.prepare(
      "UPDATE complaints SET status = 'contacted', first_response_at = created_at + ?2 WHERE id = ?1",
    )
      .bind(id, minutes * MINUTE)
      .run();
  }
});

beforeEach(async () => {
  await resetSettings();
  await env.DB.prepare('DELETE FROM weekly_digests').run();
  sent = [];
  telegramFails = false;
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(HOOK) && !url.startsWith(BOT)) return realFetch(input, init);
    const raw = String(init?.body);
    sent.push({ url, raw, headers: new Headers(init?.headers), body: JSON.parse(raw) as Record<string, unknown> });
    if (telegramFails && url.startsWith(BOT)) return new Response('{"ok":false}', { status: 502 });
    return new Response('{"ok":true}');
  });
});
afterEach(() => vi.restoreAllMocks());

const bothChannels = () =>
  setSettings({
    webhookUrl: HOOK,
    webhookSecret: 'digest-secret',
    telegramBotToken: TOKEN,
    telegramChatId: '-100',
    telegramApiBase: BOT,
  });

async function cronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the Monday digest', () => {
  it('the cron at 09:00 on Monday in the owner zone sends it once; 08:59 sends nothing, a later run does not resend', async () => {
    await bothChannels();
    await cronAt(digestAt - MINUTE);
    expect(sent).toEqual([]);

    await cronAt(digestAt);
    expect(sent.map((s) => s.url).sort()).toEqual([`${BOT}/bot${TOKEN}/sendMessage`, HOOK]);
    const telegram = sent.find((s) => s.url.startsWith(BOT))!;
    expect(telegram.body.chat_id).toBe('-100');
    const text = String(telegram.body.text);
    expect(text).toContain('Сводка за неделю');
    expect(text).toMatch(
      /Индекс поддержки: 6,0\u00a0% \(неделей раньше 1,0\u00a0%, \+5,0\u00a0п\.\u00a0п\.: изменение за пределами случайности\)/,
    );
    expect(text).toContain('Жалоб: 5');
    expect(text).toMatch(/Главные причины: [^(]+ \(2\), [^(]+ \(1\), [^(]+ \(1\)$/m);
    expect(text).toContain('Просрочено сейчас: 3');
    expect(text).toContain('Медиана до первого ответа: 25 мин рабочего времени');
    expect(text).toContain(`https://q.si.test/admin?period=custom&from=${monday}&to=${addDays(monday, 6)}`);

    sent = [];
    await cronAt(digestAt + 5 * MINUTE);
    await cronAt(digestAt + 6 * 60 * MINUTE);
    expect(sent).toEqual([]);
  });

  it('the webhook gets digest.weekly with the figures, signed like the other webhooks', async () => {
    await bothChannels();
    expect(await sendWeeklyDigest(env, digestAt + 10 * MINUTE)).toEqual({ sent: 2 });
    const hook = sent.find((s) => s.url === HOOK)!;
    const timestamp = hook.headers.get('x-timestamp')!;
    expect(Math.abs(Number(timestamp) * 1000 - Date.now())).toBeLessThan(60_000);
    expect(hook.headers.get('x-signature')).toBe(
      `sha256=${await hmacHex('digest-secret', `${timestamp}.${hook.raw}`)}`,
    );
    expect(hook.body.event).toBe('digest.weekly');
    const digest = hook.body.digest as Record<string, unknown>;
    expect(digest).toMatchObject({
      from: monday,
      to: addDays(monday, 6),
      timeZone: ZONE,
      // The five complaint cards are customers of this week too.
      customersServed: 1005,
      positiveReviews: 60,
      previousSupportIndex: 0.01,
      changeSignificant: true,
      complaints: 5,
      overdueNow: 3,
      medianResponseWorkingMinutes: 25,
    });
    expect(digest.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(digest.supportIndex).toBeCloseTo(60 / 1005, 6);
    expect(digest.supportIndexChange).toBeCloseTo(60 / 1005 - 0.01, 6);
    expect((digest.topReasons as { count: number }[]).map((r) => r.count)).toEqual([2, 1, 1]);
  });

  it('with no channel nothing is sent or stored, and a channel set up later that Monday still gets it', async () => {
    expect(await sendWeeklyDigest(env, digestAt)).toEqual({ sent: 0 });
    expect(sent).toEqual([]);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM weekly_digests').first<{ n: number }>())!.n).toBe(0);
    await setSettings({ webhookUrl: HOOK, webhookSecret: 's' });
    expect(await sendWeeklyDigest(env, digestAt + 60 * MINUTE)).toEqual({ sent: 1 });
    expect(sent.map((s) => s.body.event)).toEqual(['digest.weekly']);
  });

  it('a failed Telegram attempt is retried by a later run; the webhook is not sent twice', async () => {
    await bothChannels();
    telegramFails = true;
    expect(await sendWeeklyDigest(env, digestAt)).toEqual({ sent: 1 });
    telegramFails = false;
    sent = [];
    // Retries follow the outbox's back-off (the first after a minute), from the moment of the failure.
    expect(await sendWeeklyDigest(env, Date.now() + 2 * MINUTE)).toEqual({ sent: 1 });
    expect(sent.map((s) => s.url)).toEqual([`${BOT}/bot${TOKEN}/sendMessage`]);
    expect(String(sent[0]!.body.text)).toContain('Сводка за неделю');
    // The settings page says how the latest digest went.
    const owner = await signIn('owner');
    const status = textOf(
      await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text(),
    );
    expect(status).toMatch(/Последняя сводка \(\d{4}-W\d{2}\): Telegram — отправлена [^;]+; Вебхук — отправлена/);
    sent = [];
    expect(await sendWeeklyDigest(env, Date.now() + 30 * MINUTE)).toEqual({ sent: 0 });
    expect(sent).toEqual([]);
  });

  it('a failed digest whose channel was removed meanwhile is given up, not sent', async () => {
    await bothChannels();
    telegramFails = true;
    await sendWeeklyDigest(env, digestAt);
    const owner = await signIn('owner');
    const settingsText = async () =>
      textOf(await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text());
    expect(await settingsText()).toMatch(/Telegram — не доставлена \(HTTP 502\), следующая попытка /);
    await setSettings({ telegramBotToken: '', telegramChatId: '' });
    sent = [];
    expect(await sendWeeklyDigest(env, Date.now() + 2 * MINUTE)).toEqual({ sent: 0 });
    expect(sent).toEqual([]);
    const row = await env.DB.prepare(
      "SELECT status, last_error AS lastError FROM weekly_digests WHERE channel = 'telegram'",
    ).first<{ status: string; lastError: string }>();
    expect(row).toEqual({ status: 'failed', lastError: 'not configured' });
    expect(await settingsText()).toMatch(/Telegram — не доставлена \(/);
  });

  it('the owner turns it off (or to English) on the notification settings page', async () => {
    const owner = await signIn('owner');
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    expect(page).toMatch(/<select id="weeklyDigest" name="weeklyDigest">/);
    expect(page).toMatch(/<option value="ru" selected="">Присылать по-русски<\/option>/);

    // The secret is saved already: an empty field keeps it (a new one would answer with a show-once page).
    await setSettings({ webhookUrl: HOOK, webhookSecret: 's' });
    const form = { ...SETTINGS_FORM, webhookUrl: HOOK, webhookSecret: '', telegramBotToken: '', telegramChatId: '' };
    expect((await postForm('/admin/settings/complaints', owner, { ...form, weeklyDigest: 'off' })).status).toBe(303);
    expect((await getSettings(env.DB)).weeklyDigest).toBe('off');
    expect(await sendWeeklyDigest(env, digestAt)).toEqual({ sent: 0 });
    expect(sent).toEqual([]);

    // A form without the field (an older client) keeps the choice; a bad value is ignored as well.
    expect((await postForm('/admin/settings/complaints', owner, { ...form })).status).toBe(303);
    expect((await postForm('/admin/settings/complaints', owner, { ...form, weeklyDigest: 'fr' })).status).toBe(303);
    expect((await getSettings(env.DB)).weeklyDigest).toBe('off');

    await setSettings({ telegramBotToken: TOKEN, telegramChatId: '-100', telegramApiBase: BOT });
    expect(
      (
        await postForm('/admin/settings/complaints', owner, {
          ...form,
          telegramChatId: '-100',
          telegramApiBase: BOT,
          weeklyDigest: 'en',
        })
      ).status,
    ).toBe(303);
    expect(await sendWeeklyDigest(env, digestAt)).toEqual({ sent: 2 });
    expect(String(sent.find((s) => s.url.startsWith(BOT))!.body.text)).toContain('Weekly digest');
  });
});
