import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { escalateOverdue } from '../../src/services/escalation';
import { call, createToken, postForm, signIn } from '../helpers';
import { complain, createCard, eventually, resetSettings, setSettings, textOf } from '../complaint-helpers';
import { maxStandIn, type MaxCall } from '../max-stand-in';

const MAX = 'https://max.test';
const TOKEN = 'max-token-0123456789abcdef';
const SECRET = 'max-hook-secret-123';
const CHAT = -70500;
let max: ReturnType<typeof maxStandIn>;

beforeEach(async () => {
  await resetSettings();
  max = maxStandIn(TOKEN);
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(MAX) ? max.handle(input, init) : realFetch(input, init);
  });
});
afterEach(() => vi.restoreAllMocks());

const anna = { user_id: 42, first_name: 'Анна', username: 'anna' };
const bound = { maxBotToken: TOKEN, maxApiBase: MAX, maxChatId: String(CHAT), maxWebhookSecret: SECRET };

function update(secret: string | null, body: unknown) {
  return call('/max/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-max-bot-api-secret': secret }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const statusOf = async (id: string) =>
  (await env.DB.prepare('SELECT status FROM complaints WHERE id = ?1').bind(id).first<{ status: string }>())!.status;
const actorOf = async (id: string, kind: string) =>
  (
    await env.DB.prepare('SELECT actor FROM complaint_events WHERE complaint_id = ?1 AND kind = ?2')
      .bind(id, kind)
      .first<{ actor: string }>()
  )?.actor;
const sentTo = (chat: number) => (c: MaxCall) =>
  c.method === 'POST' && c.path === '/messages' && c.query.get('chat_id') === String(chat);

/** A complaint whose MAX message has gone out; returns its id and the message's mid. */
async function complaintInMax() {
  const { id } = await complain((await createCard()).code);
  await eventually(
    async () => [...max.messages.values()].filter((m) => m.text.includes('Новая жалоба')),
    (m) => m.length > 0,
  );
  const message = [...max.messages.values()].find((m) => max.buttonsOf(m).some((b) => b.payload.endsWith(id)))!;
  return { id, mid: message.mid };
}

describe('MAX as a second messenger', () => {
  it('saving a MAX token names the bot and subscribes the webhook with a fresh secret, leaving Telegram alone', async () => {
    await setSettings({ telegramBotToken: '123:tg', telegramChatId: '-100500' });
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints/max', owner, {
      maxBotToken: TOKEN,
      maxApiBase: MAX,
      maxChatId: '',
      maxEscalationChatId: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings/complaints?saved=max#max');
    const saved = await getSettings(env.DB);
    expect(saved.maxBotUsername).toBe('kolobok_max_bot');
    expect(max.subscription()).toEqual({
      url: `${env.PUBLIC_ORIGIN}/max/webhook`,
      update_types: ['message_callback', 'bot_started', 'message_created'],
      secret: saved.maxWebhookSecret,
    });
    expect(saved.maxWebhookSecret.length).toBeGreaterThanOrEqual(20);
    expect(max.calls.every((c) => c.authorization === TOKEN)).toBe(true);
    expect(saved.telegramBotToken).toBe('123:tg');
    expect(saved.telegramChatId).toBe('-100500');
    // The token is never shown back.
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    expect(page).not.toContain(TOKEN);
    expect(page).toContain('Токен сохранён.');
  });

  it('connects a chat without typing ids: max.ru link with a one-time start payload, used up once', async () => {
    const owner = await signIn('owner');
    await postForm('/admin/settings/complaints/max', owner, {
      maxBotToken: TOKEN,
      maxApiBase: MAX,
      maxChatId: '',
      maxEscalationChatId: '',
    });
    await postForm('/admin/settings/complaints/max-connect', owner, {});
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    const link = /data-testid="max-connect-link">(https:\/\/max\.ru\/kolobok_max_bot\?start=([\w-]+))</.exec(page);
    expect(link).not.toBeNull();
    expect(page.match(/<svg class="qr"/g)?.length).toBe(1);
    const secret = (await getSettings(env.DB)).maxWebhookSecret;

    const wrong = await update(secret, max.botStarted(777, anna, 'wrong-code-123'));
    expect(await wrong.json()).toMatchObject({ outcome: 'refused' });
    expect(max.calls.find(sentTo(777))!.body.text).toContain('Код не подошёл');
    expect((await getSettings(env.DB)).maxChatId).toBe('');

    expect(await (await update(secret, max.botStarted(777, anna, link![2]!))).json()).toMatchObject({
      outcome: 'connected',
    });
    expect((await getSettings(env.DB)).maxChatId).toBe('777');
    expect(max.calls.filter(sentTo(777)).at(-1)!.body.text).toContain('Чат подключён');
    // The code is used up: another chat cannot take it over.
    expect(await (await update(secret, max.botStarted(888, anna, link![2]!))).json()).toMatchObject({
      outcome: 'refused',
    });
    expect((await getSettings(env.DB)).maxChatId).toBe('777');

    // In a group chat the owner types /start <code> instead.
    await postForm('/admin/settings/complaints/max-connect', owner, {});
    const code = (await getSettings(env.DB)).maxConnectCode;
    expect(await (await update(secret, max.messageCreated(-70999, anna, `/start ${code}`))).json()).toMatchObject({
      outcome: 'connected',
    });
    expect((await getSettings(env.DB)).maxChatId).toBe('-70999');
  });

  it('complaint messages go to the MAX chat with the three callback buttons', async () => {
    await setSettings(bound);
    const { id, mid } = await complaintInMax();
    const message = max.messages.get(mid)!;
    expect(message.chatId).toBe(CHAT);
    expect(message.attachments).toEqual([
      {
        type: 'inline_keyboard',
        payload: {
          buttons: [
            [
              { type: 'callback', text: 'Беру', payload: `take:${id}` },
              { type: 'callback', text: 'Связались', payload: `contacted:${id}` },
              { type: 'callback', text: 'Решено', payload: `resolved:${id}` },
            ],
          ],
        },
      },
    ]);
    const row = await eventually(
      () =>
        env.DB.prepare("SELECT status FROM notifications WHERE complaint_id = ?1 AND channel = 'max'")
          .bind(id)
          .first<{ status: string }>(),
      (r) => r?.status === 'sent',
    );
    expect(row!.status).toBe('sent');
  });

  it('a press in the bound chat changes the complaint, edits the message and answers the callback', async () => {
    await setSettings(bound);
    const { id, mid } = await complaintInMax();
    max.calls.length = 0;
    const res = await update(SECRET, max.press(mid, `contacted:${id}`, anna, 'cb-1'));
    expect(await res.json()).toMatchObject({ outcome: 'done' });
    expect(await statusOf(id)).toBe('contacted');
    expect(await actorOf(id, 'contacted')).toBe('MAX @anna');
    const edit = max.calls.find((c) => c.method === 'PUT')!;
    expect(edit.query.get('message_id')).toBe(mid);
    expect(String(edit.body.text)).toContain('✓ @anna: связались с клиентом');
    expect(max.buttonsOf(max.messages.get(mid)!).map((b) => b.text)).toEqual(['Беру', 'Связались', 'Решено']);
    const answer = max.calls.find((c) => c.path === '/answers')!;
    expect(answer.query.get('callback_id')).toBe('cb-1');
    expect(answer.body).toEqual({ notification: 'Готово: связались с клиентом' });

    // "Решено" by a user without a username: named by first and last name; the buttons go.
    await update(
      SECRET,
      max.press(mid, `resolved:${id}`, { user_id: 43, first_name: 'Борис', last_name: 'Кузнецов', username: null }),
    );
    expect(await statusOf(id)).toBe('resolved');
    expect(await actorOf(id, 'resolved')).toBe('MAX Борис Кузнецов');
    expect(max.messages.get(mid)!.attachments).toEqual([]);
    expect(max.messages.get(mid)!.text).toContain('✓ Борис Кузнецов: жалоба решена');
  });

  it('refuses presses from a chat that is not bound, forged or missing secrets, and every update when no secret is saved', async () => {
    await setSettings(bound);
    const { id, mid } = await complaintInMax();
    max.messages.get(mid)!.chatId = -999; // the same buttons, forwarded to a stranger's chat
    max.calls.length = 0;
    const stranger = await update(SECRET, max.press(mid, `resolved:${id}`, anna));
    expect(await stranger.json()).toMatchObject({ outcome: 'refused' });
    expect(await statusOf(id)).toBe('open');
    expect(max.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /answers']);
    expect(max.calls[0]!.body.notification).toBe('Этот чат не подключён к Индексу поддержки.');

    max.messages.get(mid)!.chatId = CHAT;
    max.calls.length = 0;
    for (const secret of ['guessed-secret-000', '', null]) {
      const forged = await update(secret, max.press(mid, `resolved:${id}`, anna));
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ error: 'forbidden' });
    }
    // A Telegram secret header is not a MAX one.
    const wrongHeader = await call('/max/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(max.press(mid, `resolved:${id}`, anna)),
    });
    expect(wrongHeader.status).toBe(401);
    await setSettings({ maxWebhookSecret: '' });
    expect((await update('', max.press(mid, `resolved:${id}`, anna))).status).toBe(401);
    expect(await statusOf(id)).toBe('open');
    expect(max.calls).toEqual([]);
  });

  it('answers a body that is not JSON with 400, and ignores update types it does not handle', async () => {
    await setSettings(bound);
    const bad = await update(SECRET, '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'the body must be a MAX update (JSON)' });
    expect(
      await (await update(SECRET, { update_type: 'user_added', timestamp: 1, chat_id: CHAT })).json(),
    ).toMatchObject({ outcome: 'ignored' });
    expect(
      await (await update(SECRET, max.press('mid.nope', 'contacted:nosuchcomplaint1', anna))).json(),
    ).toMatchObject({ outcome: 'refused' });
  });

  it('the test message says it went, or gives MAX’s exact error', async () => {
    const owner = await signIn('owner');
    await setSettings(bound);
    const ok = textOf(await (await postForm('/admin/settings/complaints/max-test', owner, {})).text());
    expect(ok).toContain('Тестовое сообщение отправлено в MAX');
    expect(max.calls.find(sentTo(CHAT))!.body.text).toContain('Проверка связи');

    max.missingChats.add(CHAT);
    const failed = textOf(await (await postForm('/admin/settings/complaints/max-test', owner, {})).text());
    expect(failed).toContain(
      `Тестовое сообщение в MAX не отправлено: HTTP 404: Chat ${CHAT} not found (chat.not.found)`,
    );

    await setSettings({ maxBotToken: 'revoked-token-0123456789' });
    const revoked = textOf(await (await postForm('/admin/settings/complaints/max-test', owner, {})).text());
    expect(revoked).toContain('HTTP 401: Invalid access_token (verify.token)');
  });

  it('an overdue complaint is escalated to the MAX escalation chat', async () => {
    await setSettings({ ...bound, maxEscalationChatId: '-70600' });
    await env.DB.prepare('UPDATE complaints SET escalated_at = 0 WHERE escalated_at IS NULL').run();
    const { id } = await complaintInMax();
    await env.DB.prepare('UPDATE complaints SET due_at = ?2 WHERE id = ?1')
      .bind(id, Date.now() - 60_000)
      .run();
    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 1 });
    const escalated = [...max.messages.values()].find((m) => m.chatId === -70600)!;
    expect(escalated.text).toContain('Не ответили к сроку');
    expect(max.buttonsOf(escalated).map((b) => b.payload)).toContain(`contacted:${id}`);
    // A press in the escalation chat counts as bound.
    expect(await (await update(SECRET, max.press(escalated.mid, `take:${id}`, anna))).json()).toMatchObject({
      outcome: 'done',
    });
  });

  it('the settings page refuses a bad chat id or an internal API address with a clear message, keeping the input', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints/max', owner, {
      maxBotToken: '',
      maxApiBase: 'http://10.0.0.1',
      maxChatId: 'chat-one',
      maxEscalationChatId: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="chat-one"');
    expect(html).toContain('value="http://10.0.0.1"');
    const page = textOf(html);
    expect(page).toContain('ID чата MAX — целое число');
    expect(page).toContain('внутреннюю сеть');
    expect((await getSettings(env.DB)).maxApiBase).toBe('https://platform-api.max.ru');
  });
});

describe('max in GET/PATCH /api/v1/settings/notifications', () => {
  const api = (method: string, token: string, body?: unknown) =>
    call('/api/v1/settings/notifications', {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('sets MAX up, subscribes the webhook, and never returns the token', async () => {
    const owner = await createToken('owner');
    const res = await api('PATCH', owner, {
      max: { botToken: TOKEN, apiBase: MAX, chatId: String(CHAT), escalationChatId: '-70600' },
    });
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body.max).toEqual({ apiBase: MAX, chatId: String(CHAT), escalationChatId: '-70600', botTokenSet: true });
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    expect(max.subscription()?.url).toBe(`${env.PUBLIC_ORIGIN}/max/webhook`);
    expect(max.subscription()?.secret).toBe((await getSettings(env.DB)).maxWebhookSecret);
    expect((await (await api('GET', owner)).json<Record<string, unknown>>()).max).toEqual(body.max);

    // Only the parts given change; null removes MAX.
    await api('PATCH', owner, { max: { escalationChatId: '' } });
    expect((await getSettings(env.DB)).maxBotToken).toBe(TOKEN);
    expect((await (await api('PATCH', owner, { max: null })).json<Record<string, unknown>>()).max).toBeNull();
    expect((await getSettings(env.DB)).maxBotToken).toBe('');
  });

  it('reports MAX refusing the token, and names the field of bad input', async () => {
    const owner = await createToken('owner');
    const refused = await (
      await api('PATCH', owner, { max: { botToken: 'not-the-token-123', apiBase: MAX, chatId: '1' } })
    ).json<Record<string, unknown>>();
    expect(refused.maxWebhookError).toBe('HTTP 401');
    for (const [patch, field] of [
      [{ max: { chatId: 'abc' } }, 'max.chatId'],
      [{ max: { apiBase: 'http://127.0.0.1:9/' } }, 'max.apiBase'],
      [{ max: { botToken: 'bad token!' } }, 'max.botToken'],
      [{ max: { chatId: 12 } }, 'max.chatId'],
    ] as const) {
      const res = await api('PATCH', owner, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect((await res.json<{ field: string }>()).field).toBe(field);
    }
  });
});
