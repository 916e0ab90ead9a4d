import { createServer, type Server } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const BOT_PORT = 18793;
const TOKEN = '424242:e2e-bot-token';

interface Call {
  method: string;
  body: Record<string, unknown>;
}

/** A local server speaking the Bot API methods the app uses (getMe, setWebhook, sendMessage, editMessageText, answerCallbackQuery). */
function botApi() {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const method = (req.url ?? '').replace(`/bot${TOKEN}/`, '');
      calls.push({ method, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      const result =
        method === 'getMe'
          ? { id: 42, is_bot: true, username: 'kolobok_e2e_bot' }
          : method === 'sendMessage'
            ? { message_id: 501 }
            : true;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  return {
    calls,
    start: () => new Promise<void>((resolve) => server.listen(BOT_PORT, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
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

function post(path: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}

const SETTINGS = {
  contactMode: 'store',
  responseTargetMinutes: '60',
  consentText: 'Согласие на обработку контакта для ответа на жалобу.',
  webhookUrl: '',
  webhookSecret: '',
};

function update(secret: string, body: unknown) {
  return fetch(`${baseUrl}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
}

const moscowDay = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);

describe('the loop through Telegram', () => {
  it('a tap outside the hours is promised the right time; the bot gets it; "Связались" in Telegram shows in the inbox', async () => {
    const bot = botApi();
    await bot.start();
    const session = await ownerSession();
    try {
      // A location closed today and tomorrow (holidays), open 09:00–18:00 otherwise, in Moscow.
      const today = moscowDay(Date.now());
      const dayAfter = moscowDay(Date.now() + 2 * 86_400_000);
      const tomorrow = moscowDay(Date.now() + 86_400_000);
      const week = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '18:00']]]),
      );
      const created = await fetch(`${baseUrl}/api/v1/locations`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          slug: `night-${Date.now().toString(36)}`,
          name: 'Колобок ночью',
          timeZone: 'Europe/Moscow',
          hours: week,
          holidays: [today, tomorrow],
          reviewLinks: [{ platform: 'yandex_maps', url: 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/' }],
        }),
      });
      expect(created.status).toBe(201);
      const slug = ((await created.json()) as { slug: string }).slug;

      // The owner saves the bot token: the app asks getMe and registers its webhook with a secret.
      expect(
        (
          await post('/admin/settings/complaints', session, {
            ...SETTINGS,
            telegramBotToken: TOKEN,
            telegramChatId: '',
            telegramApiBase: `http://127.0.0.1:${BOT_PORT}`,
          })
        ).status,
      ).toBe(303);
      const registered = bot.calls.find((c) => c.method === 'setWebhook')!;
      expect(registered.body.url).toBe(`${baseUrl}/telegram/webhook`);
      const secret = String(registered.body.secret_token);

      // The connect link: /start <code> from a group binds it.
      await post('/admin/settings/complaints/telegram-connect', session, {});
      const settingsPage = await (
        await fetch(`${baseUrl}/admin/settings/complaints`, { headers: { cookie: session.cookie } })
      ).text();
      const code = /https:\/\/t\.me\/kolobok_e2e_bot\?start=([\w-]+)/.exec(settingsPage)![1]!;
      expect(
        await (
          await update(secret, {
            update_id: 1,
            message: { message_id: 1, chat: { id: -1009, type: 'group' }, text: `/start ${code}` },
          })
        ).json(),
      ).toMatchObject({ outcome: 'connected' });

      // The customer taps a reason and reads the promise.
      const batch = await fetch(`${baseUrl}/api/v1/batches`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({ location: slug, count: 1 }),
      });
      const card = ((await batch.json()) as { cards: { code: string }[] }).cards[0]!.code;
      const reasons = await (await fetch(`${baseUrl}/c/${card}`)).text();
      const reason = /name="reason" value="(\d+)"/.exec(reasons)![1]!;
      const tap = await fetch(`${baseUrl}/c/${card}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: new URLSearchParams({ reason, website: '' }),
      });
      const location = tap.headers.get('location')!;
      const cookie = (tap.headers.get('set-cookie') ?? '').split(';')[0]!;
      const complaintId = /\/c\/[^/]+\/([\w-]+)/.exec(location)![1]!;
      const done = await (await fetch(`${baseUrl}${location.split('?')[0]}/done`, { headers: { cookie } })).text();
      const weekday = new Intl.DateTimeFormat('ru-RU', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'Europe/Moscow',
      }).format(Date.parse(`${dayAfter}T12:00:00Z`));
      expect(done).toContain(`Мы прочитаем жалобу ${weekday} до 10:00`);

      // The bot gets the message with the buttons; a press on "Связались" changes the complaint.
      const sent = await until(
        () => bot.calls.find((c) => c.method === 'sendMessage' && String(c.body.text).includes(card)),
        Boolean,
      );
      expect(sent!.body.chat_id).toBe('-1009');
      expect(JSON.stringify(sent!.body.reply_markup)).toContain(`contacted:${complaintId}`);
      const press = await update(secret, {
        update_id: 2,
        callback_query: {
          id: 'cb-e2e',
          from: { id: 7, username: 'anna' },
          data: `contacted:${complaintId}`,
          message: { message_id: 501, chat: { id: -1009 }, text: String(sent!.body.text) },
        },
      });
      expect(await press.json()).toMatchObject({ outcome: 'done' });
      expect(bot.calls.find((c) => c.method === 'editMessageText')!.body.text).toContain(
        '✓ @anna: связались с клиентом',
      );
      expect(bot.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);

      const inbox = await (
        await fetch(`${baseUrl}/admin/complaints/${complaintId}`, { headers: { cookie: session.cookie } })
      ).text();
      expect(inbox).toContain('Telegram @anna');
      expect(inbox).toContain('Связались с клиентом');
    } finally {
      // Leave no bot configured for the other tests of this server.
      await post('/admin/settings/complaints', session, {
        ...SETTINGS,
        telegramBotToken: '',
        telegramClear: '1',
        telegramChatId: '',
        telegramApiBase: 'https://api.telegram.org',
      });
      await bot.stop();
    }
  });
});
