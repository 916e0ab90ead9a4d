import { createServer, type Server } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { maxStandIn } from '../max-stand-in';

const baseUrl = inject('baseUrl');
const MAX_PORT = 18794;
const TOKEN = 'e2e-max-token-0123456789';

/** The MAX Bot API stand-in served over HTTP on 127.0.0.1, where the app's MAX API base points. */
function maxApi() {
  const api = maxStandIn(TOKEN, 'kolobok_e2e_max_bot');
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      void api
        .handle(`http://127.0.0.1:${MAX_PORT}${req.url ?? '/'}`, {
          method: req.method,
          headers,
          body: raw || undefined,
        })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
        });
    });
  });
  return {
    api,
    start: () => new Promise<void>((resolve) => server.listen(MAX_PORT, '127.0.0.1', resolve)),
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

function update(secret: string, body: unknown) {
  return fetch(`${baseUrl}/max/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': secret },
    body: JSON.stringify(body),
  });
}

describe('the loop through MAX', () => {
  it('the owner connects a MAX chat by link; the local MAX server gets the complaint with its buttons; "Связались" pressed in MAX shows in the inbox', async () => {
    const max = maxApi();
    await max.start();
    const session = await ownerSession();
    try {
      // The owner saves the MAX token: the app asks GET /me and subscribes its webhook with a secret.
      const saved = await post('/admin/settings/complaints/max', session, {
        maxBotToken: TOKEN,
        maxApiBase: `http://127.0.0.1:${MAX_PORT}`,
        maxChatId: '',
        maxEscalationChatId: '',
      });
      expect(saved.status).toBe(303);
      const subscription = max.api.subscription()!;
      expect(subscription.url).toBe(`${baseUrl}/max/webhook`);
      const secret = subscription.secret!;

      // The connect link: opening it in MAX sends bot_started with the code; that dialog is bound.
      await post('/admin/settings/complaints/max-connect', session, {});
      const settingsPage = await (
        await fetch(`${baseUrl}/admin/settings/complaints`, { headers: { cookie: session.cookie } })
      ).text();
      const code = /https:\/\/max\.ru\/kolobok_e2e_max_bot\?start=([\w-]+)/.exec(settingsPage)![1]!;
      const owner = { user_id: 700, first_name: 'Анна', username: 'anna' };
      expect(await (await update(secret, max.api.botStarted(70001, owner, code))).json()).toMatchObject({
        outcome: 'connected',
      });

      // A customer complains through a fresh card of the demo location.
      const batch = await fetch(`${baseUrl}/api/v1/batches`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({ location: 'demo', count: 1 }),
      });
      expect(batch.status).toBe(201);
      const card = ((await batch.json()) as { cards: { code: string }[] }).cards[0]!.code;
      const reasons = await (
        await fetch(`${baseUrl}/c/${card}`, { headers: { 'cf-connecting-ip': '10.9.9.9' } })
      ).text();
      const reason = /name="reason" value="(\d+)"/.exec(reasons)![1]!;
      const tap = await fetch(`${baseUrl}/c/${card}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: baseUrl,
          'cf-connecting-ip': '10.9.9.9',
        },
        body: new URLSearchParams({ reason, website: '' }),
      });
      const complaintId = /\/c\/[^/]+\/([\w-]+)/.exec(tap.headers.get('location')!)![1]!;

      // The local MAX server receives the message in the bound dialog, with the three buttons.
      const message = await until(() => [...max.api.messages.values()].find((m) => m.text.includes(card)), Boolean);
      expect(message!.chatId).toBe(70001);
      expect(max.api.buttonsOf(message!).map((b) => [b.text, b.payload])).toEqual([
        ['Беру', `take:${complaintId}`],
        ['Связались', `contacted:${complaintId}`],
        ['Решено', `resolved:${complaintId}`],
      ]);

      // "Связались" pressed in MAX: the complaint changes, the message is edited, the press answered.
      const press = await update(secret, max.api.press(message!.mid, `contacted:${complaintId}`, owner, 'cb-e2e'));
      expect(await press.json()).toMatchObject({ outcome: 'done' });
      expect(max.api.messages.get(message!.mid)!.text).toContain('✓ @anna: связались с клиентом');
      expect(max.api.calls.some((c) => c.path === '/answers' && c.query.get('callback_id') === 'cb-e2e')).toBe(true);

      const inbox = await (
        await fetch(`${baseUrl}/admin/complaints/${complaintId}`, { headers: { cookie: session.cookie } })
      ).text();
      expect(inbox).toContain('MAX @anna');
      expect(inbox).toContain('Связались с клиентом');
    } finally {
      // Leave no MAX bot configured for the other tests of this server.
      await post('/admin/settings/complaints/max', session, {
        maxBotToken: '',
        maxClear: '1',
        maxApiBase: 'https://platform-api.max.ru',
        maxChatId: '',
        maxEscalationChatId: '',
      });
      await max.stop();
    }
  });
});
