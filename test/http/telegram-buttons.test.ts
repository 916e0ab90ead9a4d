import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { call, postForm, signIn } from '../helpers';
import { complain, createCard, eventually, resetSettings, setSettings, SETTINGS_FORM } from '../complaint-helpers';

const BOT = 'https://bot.test';
const TOKEN = '123456:secret-bot-token';
let calls: { method: string; body: Record<string, unknown> }[] = [];

beforeEach(async () => {
  await resetSettings();
  calls = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(BOT)) return realFetch(input, init);
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    calls.push({ method: url.slice(`${BOT}/bot${TOKEN}/`.length), body });
    if (url.endsWith('/getMe'))
      return Response.json({ ok: true, result: { id: 1, is_bot: true, username: 'si_test_bot' } });
    if (body.chat_id === '-404')
      return Response.json({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }, { status: 400 });
    return Response.json({ ok: true, result: true });
  });
});
afterEach(() => vi.restoreAllMocks());

function update(secret: string, body: unknown) {
  return call('/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
}

function press(id: string, action: string, chatId: number, messageId = 77) {
  return {
    update_id: 1,
    callback_query: {
      id: `cb-${action}`,
      from: { id: 42, username: 'anna' },
      data: `${action}:${id}`,
      message: { message_id: messageId, chat: { id: chatId }, text: 'Новая жалоба · Пекарня «Колобок»' },
    },
  };
}

const statusOf = async (id: string) =>
  (await env.DB.prepare('SELECT status FROM complaints WHERE id = ?1').bind(id).first<{ status: string }>())!.status;

describe('Telegram both ways', () => {
  it('saving a bot token registers the webhook with a fresh secret token', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints', owner, {
      ...SETTINGS_FORM,
      telegramBotToken: TOKEN,
      telegramChatId: '-100500',
      telegramApiBase: BOT,
    });
    expect(res.status).toBe(303);
    const registered = calls.find((c) => c.method === 'setWebhook')!;
    expect(String(registered.body.url)).toMatch(/\/telegram\/webhook$/);
    const saved = await getSettings(env.DB);
    expect(saved.telegramWebhookSecret.length).toBeGreaterThanOrEqual(20);
    expect(registered.body.secret_token).toBe(saved.telegramWebhookSecret);
  });

  it('connects a chat without typing ids: t.me link with a one-time code and QR, /start binds the chat once', async () => {
    const owner = await signIn('owner');
    await postForm('/admin/settings/complaints', owner, {
      ...SETTINGS_FORM,
      telegramBotToken: TOKEN,
      telegramChatId: '',
      telegramApiBase: BOT,
    });
    await postForm('/admin/settings/complaints/telegram-connect', owner, {});
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    const link = /data-testid="connect-link">(https:\/\/t\.me\/si_test_bot\?start=([\w-]+))</.exec(page);
    expect(link).not.toBeNull();
    expect(page).toContain('<svg class="qr"');
    const secret = (await getSettings(env.DB)).telegramWebhookSecret;
    const start = (text: string, chatId: number) =>
      update(secret, { update_id: 2, message: { message_id: 1, chat: { id: chatId, type: 'group' }, text } });

    calls = [];
    expect(await (await start('/start wrong-code-123', -777)).json()).toMatchObject({ outcome: 'refused' });
    expect((await getSettings(env.DB)).telegramChatId).toBe('');
    expect(await (await start(`/start@si_test_bot ${link![2]}`, -777)).json()).toMatchObject({ outcome: 'connected' });
    expect((await getSettings(env.DB)).telegramChatId).toBe('-777');
    expect(
      calls.some(
        (c) => c.method === 'sendMessage' && c.body.chat_id === -777 && String(c.body.text).includes('Чат подключён'),
      ),
    ).toBe(true);
    // The code is used up: another chat cannot take it over.
    expect(await (await start(`/start ${link![2]}`, -888)).json()).toMatchObject({ outcome: 'refused' });
    expect((await getSettings(env.DB)).telegramChatId).toBe('-777');
  });

  it('complaint messages carry the three buttons', async () => {
    await setSettings({ telegramBotToken: TOKEN, telegramChatId: '-100500', telegramApiBase: BOT });
    const { id } = await complain((await createCard()).code);
    const sent = await eventually(
      async () => calls.filter((c) => c.method === 'sendMessage'),
      (s) => s.length > 0,
    );
    expect(sent[0]!.body.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Беру', callback_data: `take:${id}` },
          { text: 'Связались', callback_data: `contacted:${id}` },
          { text: 'Решено', callback_data: `resolved:${id}` },
        ],
      ],
    });
  });

  it('a press from the bound chat changes the complaint, edits the message and answers', async () => {
    await setSettings({
      telegramBotToken: TOKEN,
      telegramChatId: '-100500',
      telegramApiBase: BOT,
      telegramWebhookSecret: 'hook-secret-123',
    });
    const { id } = await complain((await createCard()).code);
    calls = [];
    const res = await update('hook-secret-123', press(id, 'contacted', -100500));
    expect(res.status).toBe(200);
    expect(await statusOf(id)).toBe('contacted');
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.body).toMatchObject({ chat_id: -100500, message_id: 77 });
    expect(String(edit.body.text)).toContain('✓ @anna: связались с клиентом');
    expect(calls.find((c) => c.method === 'answerCallbackQuery')!.body).toMatchObject({
      callback_query_id: 'cb-contacted',
    });
    const actor = await env.DB.prepare(
      "SELECT actor FROM complaint_events WHERE complaint_id = ?1 AND kind = 'contacted'",
    )
      .bind(id)
      .first<{ actor: string }>();
    expect(actor!.actor).toBe('Telegram @anna');

    await update('hook-secret-123', press(id, 'resolved', -100500));
    expect(await statusOf(id)).toBe('resolved');
  });

  it('refuses presses from a chat that is not bound, and updates without the secret', async () => {
    await setSettings({
      telegramBotToken: TOKEN,
      telegramChatId: '-100500',
      telegramApiBase: BOT,
      telegramWebhookSecret: 'hook-secret-123',
    });
    const { id } = await complain((await createCard()).code);
    calls = [];
    const stranger = await update('hook-secret-123', press(id, 'resolved', -999));
    expect(stranger.status).toBe(200);
    expect(await statusOf(id)).toBe('open');
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(String(calls[0]!.body.text)).toContain('не подключён');

    calls = [];
    const forged = await update('guessed-secret', press(id, 'resolved', -100500));
    expect(forged.status).toBe(401);
    expect(await update('', press(id, 'resolved', -100500)).then((r) => r.status)).toBe(401);
    expect(await statusOf(id)).toBe('open');
    expect(calls).toEqual([]);
  });

  it('the test message button says it went, or gives Telegram’s exact error', async () => {
    const owner = await signIn('owner');
    await setSettings({ telegramBotToken: TOKEN, telegramChatId: '-100500', telegramApiBase: BOT });
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('Отправить тестовое сообщение');
    const ok = await postForm('/admin/settings/complaints/telegram-test', owner, {});
    expect(await ok.text()).toContain('Тестовое сообщение отправлено');
    expect(calls.find((c) => c.method === 'sendMessage')!.body.chat_id).toBe('-100500');
    await setSettings({ telegramChatId: '-404' });
    const failed = await (await postForm('/admin/settings/complaints/telegram-test', owner, {})).text();
    expect(failed).toContain('Тестовое сообщение не отправлено: HTTP 400: Bad Request: chat not found');
  });

  it('with no secret saved every update is refused', async () => {
    await setSettings({
      telegramBotToken: TOKEN,
      telegramChatId: '-100500',
      telegramApiBase: BOT,
      telegramWebhookSecret: '',
    });
    const { id } = await complain((await createCard()).code);
    expect((await update('', press(id, 'resolved', -100500))).status).toBe(401);
    expect(await statusOf(id)).toBe('open');
  });
});
