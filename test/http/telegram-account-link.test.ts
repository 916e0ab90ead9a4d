import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, postForm, signIn } from '../helpers';
import { complain, createCard, resetSettings, setSettings, textOf } from '../complaint-helpers';
import { maxStandIn } from '../max-stand-in';

const BOT = 'https://bot.test';
const TOKEN = '123456:secret-bot-token';
const MAX = 'https://max.test';
const MAX_TOKEN = 'max-token-0123456789abcdef';
const CHAT = -100500;
let calls: { method: string; body: Record<string, unknown> }[] = [];
let max: ReturnType<typeof maxStandIn>;

beforeEach(async () => {
  await resetSettings();
  await setSettings({
    telegramBotToken: TOKEN,
    telegramChatId: String(CHAT),
    telegramApiBase: BOT,
    telegramWebhookSecret: 'tg-secret-123',
    telegramBotUsername: 'si_test_bot',
    maxBotToken: MAX_TOKEN,
    maxApiBase: MAX,
    maxChatId: '-70500',
    maxWebhookSecret: 'max-secret-123',
    maxBotUsername: 'kolobok_max_bot',
  });
  calls = [];
  max = maxStandIn(MAX_TOKEN);
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(MAX)) return max.handle(input, init);
    if (!url.startsWith(BOT)) return realFetch(input, init);
    calls.push({
      method: url.slice(`${BOT}/bot${TOKEN}/`.length),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    return Response.json({ ok: true, result: true });
  });
});
afterEach(() => vi.restoreAllMocks());

function telegram(body: unknown) {
  return call('/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret-123' },
    body: JSON.stringify(body),
  });
}
function maxUpdate(body: unknown) {
  return call('/max/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': 'max-secret-123' },
    body: JSON.stringify(body),
  });
}
const start = (text: string, from: Record<string, unknown>) =>
  telegram({ update_id: 1, message: { message_id: 1, chat: { id: from.id, type: 'private' }, from, text } });
const press = (complaintId: string, action: string, from: Record<string, unknown>) =>
  telegram({
    update_id: 2,
    callback_query: {
      id: `cb-${action}`,
      from,
      data: `${action}:${complaintId}`,
      message: { message_id: 77, chat: { id: CHAT }, text: 'Новая жалоба' },
    },
  });
const actorOf = async (id: string, kind: string) =>
  (
    await env.DB.prepare('SELECT actor FROM complaint_events WHERE complaint_id = ?1 AND kind = ?2 ORDER BY id DESC')
      .bind(id, kind)
      .first<{ actor: string }>()
  )?.actor;

/** A signed-in manager called Анна Петрова, with a fresh one-time link on /admin/account. */
async function annaWithCode() {
  const session = await signIn('manager');
  await env.DB.prepare("UPDATE users SET name = 'Анна Петрова' WHERE email = ?1").bind(session.email).run();
  const res = await postForm('/admin/account/messenger-link', session, {});
  expect(res.status).toBe(303);
  const page = await (await call('/admin/account', { headers: { cookie: session.cookie } })).text();
  const code = /data-testid="account-telegram-link">https:\/\/t\.me\/si_test_bot\?start=([\w-]+)</.exec(page)?.[1];
  expect(code).toBeDefined();
  expect(page).toContain(`https://max.ru/kolobok_max_bot?start=${code}`);
  return { session, code: code! };
}

describe('presses linked to accounts', () => {
  it('a person links their own Telegram from /admin/account; their presses are recorded under their name', async () => {
    const { session, code } = await annaWithCode();
    const linked = await start(`/start ${code}`, { id: 4242, first_name: 'Аня', username: 'anya_p' });
    expect(await linked.json()).toMatchObject({ outcome: 'linked' });
    const reply = calls.find((c) => c.method === 'sendMessage')!;
    expect(reply.body).toMatchObject({ chat_id: 4242 });
    expect(String(reply.body.text)).toContain('Аккаунт связан: ваши нажатия кнопок будут записаны как Анна Петрова');
    const page = textOf(await (await call('/admin/account', { headers: { cookie: session.cookie } })).text());
    expect(page).toContain('Telegram: @anya_p, связан');
    // The complaint chat stays as it was: a person's code binds no chat.
    expect(
      (await env.DB.prepare("SELECT value FROM settings WHERE key = 'telegramChatId'").first<{ value: string }>())!
        .value,
    ).toBe(String(CHAT));

    const { id } = await complain((await createCard()).code);
    calls = [];
    await press(id, 'contacted', { id: 4242, username: 'anya_p' });
    expect(await actorOf(id, 'contacted')).toBe('Анна Петрова');
    expect(String(calls.find((c) => c.method === 'editMessageText')!.body.text)).toContain(
      '✓ Анна Петрова: связались с клиентом',
    );
    // Someone who has not linked an account is named as the Telegram user, as before.
    await press(id, 'take', { id: 777, username: 'boris' });
    expect(await actorOf(id, 'taken')).toBe('Telegram @boris');
    const inbox = textOf(await (await call(`/admin/complaints/${id}`, { headers: { cookie: session.cookie } })).text());
    expect(inbox).toContain('Анна Петрова');
  });

  it('the link works once and expires; a wrong code is refused', async () => {
    const { code } = await annaWithCode();
    expect(await (await start(`/start ${code}`, { id: 1, username: 'first' })).json()).toMatchObject({
      outcome: 'linked',
    });
    expect(await (await start(`/start ${code}`, { id: 2, username: 'second' })).json()).toMatchObject({
      outcome: 'refused',
    });
    expect(await (await start('/start not-a-real-code-1', { id: 3, username: 'third' })).json()).toMatchObject({
      outcome: 'refused',
    });

    const other = await annaWithCode();
    await env.DB.prepare('UPDATE messenger_link_codes SET expires_at = ?2 WHERE code = ?1')
      .bind(other.code, Date.now() - 1)
      .run();
    expect(await (await start(`/start ${other.code}`, { id: 4, username: 'late' })).json()).toMatchObject({
      outcome: 'refused',
    });
    const links = await env.DB.prepare(
      'SELECT external_user_id FROM messenger_links WHERE external_user_id IN (?1, ?2, ?3, ?4)',
    )
      .bind('1', '2', '3', '4')
      .all<{ external_user_id: string }>();
    expect(links.results.map((r) => r.external_user_id)).toEqual(['1']);
  });

  it('the same link connects MAX: a press in MAX by that user is recorded as the person', async () => {
    const { session, code } = await annaWithCode();
    const user = { user_id: 5151, first_name: 'Анна', username: null };
    expect(await (await maxUpdate(max.botStarted(5151, user, code))).json()).toMatchObject({ outcome: 'linked' });
    expect(max.calls.find((c) => c.method === 'POST' && c.query.get('chat_id') === '5151')!.body.text).toContain(
      'Аккаунт связан',
    );
    const page = textOf(await (await call('/admin/account', { headers: { cookie: session.cookie } })).text());
    expect(page).toContain('MAX: Анна, связан');

    const { id } = await complain((await createCard()).code);
    const mid = await (async () => {
      for (let i = 0; i < 50; i++) {
        const m = [...max.messages.values()].find((x) => x.text.includes('Новая жалоба'));
        if (m) return m.mid;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('no MAX message');
    })();
    expect(await (await maxUpdate(max.press(mid, `resolved:${id}`, user))).json()).toMatchObject({ outcome: 'done' });
    expect(await actorOf(id, 'resolved')).toBe('Анна Петрова');
    expect(max.messages.get(mid)!.text).toContain('✓ Анна Петрова: жалоба решена');
  });

  it('after unlinking, presses are recorded as the Telegram user again; a disabled account is not used', async () => {
    const { session, code } = await annaWithCode();
    await start(`/start ${code}`, { id: 4343, username: 'anya_p' });
    const { id } = await complain((await createCard()).code);

    const unlinked = await postForm('/admin/account/messenger-unlink', session, { channel: 'telegram' });
    expect(unlinked.headers.get('location')).toBe('/admin/account?unlinked=1#messengers');
    expect(
      textOf(await (await call('/admin/account?unlinked=1', { headers: { cookie: session.cookie } })).text()),
    ).toContain('Связь удалена.');
    await press(id, 'contacted', { id: 4343, username: 'anya_p' });
    expect(await actorOf(id, 'contacted')).toBe('Telegram @anya_p');

    const again = await annaWithCode();
    await start(`/start ${again.code}`, { id: 4444, username: 'anya_q' });
    await env.DB.prepare('UPDATE users SET disabled_at = ?2 WHERE email = ?1')
      .bind(again.session.email, Date.now())
      .run();
    await press(id, 'resolved', { id: 4444, username: 'anya_q' });
    expect(await actorOf(id, 'resolved')).toBe('Telegram @anya_q');

    const bad = await postForm('/admin/account/messenger-unlink', session, { channel: 'whatsapp' });
    expect(bad.status).toBe(400);
  });

  it('without a bot the account page says so and offers no link', async () => {
    await resetSettings();
    const session = await signIn('staff');
    const page = textOf(await (await call('/admin/account', { headers: { cookie: session.cookie } })).text());
    expect(page).toContain('Мои мессенджеры');
    expect(page).toContain('Боты ещё не подключены');
    expect(page).not.toContain('Создать ссылку для связи');
  });
});
