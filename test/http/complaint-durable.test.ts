import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComplaintQueueMessage } from '../../src/db/complaints';
import type { Bindings } from '../../src/env';
import worker from '../../src/index';
import { ORIGIN } from '../helpers';
import {
  complaintsOf,
  createCard,
  newVisitorIp,
  PHONE_UA,
  reasonButtons,
  resetSettings,
  setSettings,
  textOf,
} from '../complaint-helpers';

// Its own file: it takes this file's complaints and cards tables away for a moment.

/** A queue that keeps what it is given (or refuses everything), so the test decides when the consumer runs. */
function recordingQueue(refuse = false) {
  const sent: ComplaintQueueMessage[] = [];
  const send = async (body: ComplaintQueueMessage) => {
    if (refuse) throw new Error('Queue send failed: service unavailable');
    sent.push(structuredClone(body));
  };
  return {
    sent,
    queue: { send, sendBatch: () => Promise.reject(new Error('not used')) } as unknown as Queue<ComplaintQueueMessage>,
  };
}

/** A D1 that answers nothing, as when the database is unreachable. */
const downDB = new Proxy({} as D1Database, {
  get: () => () => {
    throw new Error('D1_ERROR: Network connection lost.');
  },
});

/** A phone (its own IP, a cookie jar) talking to the Worker with the given bindings. */
function phone() {
  const jar = new Map<string, string>();
  const send = async (bindings: Bindings, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cf-connecting-ip', ip);
    headers.set('user-agent', PHONE_UA);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(new URL(path, ORIGIN), { redirect: 'manual', ...init, headers }),
      bindings,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  const ip = newVisitorIp();
  return {
    get: (bindings: Bindings, path: string) => send(bindings, path),
    post: (bindings: Bindings, path: string, fields: Record<string, string>) =>
      send(bindings, path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams(fields),
      }),
  };
}

/** Hands messages to the Worker's queue handler as the runtime would, and says which were acked or retried. */
async function deliver(bodies: ComplaintQueueMessage[], attempts = 1, queue = 'support-index-complaints') {
  const acked: number[] = [];
  const retried: { index: number; delaySeconds?: number }[] = [];
  const messages = bodies.map((body, index) => ({
    id: `m${index}`,
    timestamp: new Date(),
    body: structuredClone(body),
    attempts,
    ack: () => acked.push(index),
    retry: (options?: { delaySeconds?: number }) => retried.push({ index, delaySeconds: options?.delaySeconds }),
  }));
  const batch = { queue, messages, ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
  const ctx = createExecutionContext();
  await worker.queue(batch, env as Bindings, ctx);
  await waitOnExecutionContext(ctx);
  return { acked, retried };
}

const rows = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<Record<string, unknown>>()
  ).results;

const HOOK = 'https://hook.test/complaints';
let hookBodies: string[] = [];

beforeEach(async () => {
  await resetSettings();
  hookBodies = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(HOOK)) return realFetch(input, init);
    hookBodies.push(String(init?.body));
    return new Response('ok');
  });
});
afterEach(() => vi.restoreAllMocks());

describe('a complaint made while D1 cannot store it', () => {
  it('is thanked as usual, queued with its comment and contact, and stored once when D1 is back, notifications sent once', async () => {
    await setSettings({ contactMode: 'forward', webhookUrl: HOOK, webhookSecret: 'shh' });
    const { code } = await createCard();
    const { sent, queue } = recordingQueue();
    const bindings = { ...(env as Bindings), COMPLAINTS: queue };
    const customer = phone();
    const reason = reasonButtons(await (await customer.get(bindings, `/c/${code}`)).text())[0]!;

    await env.DB.exec('ALTER TABLE complaints RENAME TO complaints_away');
    let id: string;
    try {
      const tap = await customer.post(bindings, `/c/${code}`, { reason: reason.id, website: '' });
      expect(tap.status).toBe(200);
      const thanks = await tap.text();
      expect(textOf(thanks)).toContain('Спасибо, жалоба принята');
      expect(textOf(thanks)).toContain(`Причина: ${reason.label}`);
      id = new RegExp(`action="/c/${code}/([\\w-]+)"`).exec(thanks)![1]!;

      const details = await customer.post(bindings, `/c/${code}/${id}`, {
        comment: 'Привезли чужой заказ',
        contact: '+7 916 555-44-33',
        consent: 'yes',
        website: '',
      });
      expect(details.status).toBe(200);
      expect(textOf(await details.text())).toContain('Спасибо, мы вас услышали');
    } finally {
      await env.DB.exec('ALTER TABLE complaints_away RENAME TO complaints');
    }
    expect(sent.map((m) => m.kind)).toEqual(['complaint', 'details']);
    expect(await complaintsOf(code)).toHaveLength(0);

    // The addition may arrive first: it waits for its complaint.
    const early = await deliver([sent[1]!]);
    expect(early).toEqual({ acked: [], retried: [{ index: 0, delaySeconds: 10 }] });

    // Then both, and then both again (queues deliver at least once).
    expect((await deliver([sent[1]!, sent[0]!])).acked.sort()).toEqual([0, 1]);
    expect((await deliver([sent[0]!, sent[1]!], 2)).acked.sort()).toEqual([0, 1]);

    const stored = await complaintsOf(code);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id,
      reason_label: reason.label,
      comment: 'Привезли чужой заказ',
      contact: null,
      contact_masked: '+7 *** ***-**-33',
    });
    const events = await rows('SELECT kind FROM complaint_events WHERE complaint_id = ?1 ORDER BY id', id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'details']);
    const outbox = await rows(
      'SELECT event, status FROM notifications WHERE complaint_id = ?1 ORDER BY created_at, event',
      id,
    );
    expect(outbox).toEqual([
      { event: 'complaint.created', status: 'sent' },
      { event: 'complaint.updated', status: 'sent' },
    ]);
    // The owner's webhook heard of it once, and of the addition once, with the forwarded contact.
    expect(hookBodies.map((b) => (JSON.parse(b) as { event: string }).event)).toEqual([
      'complaint.created',
      'complaint.updated',
    ]);
    expect(hookBodies[1]).toContain('+79165554433');
    // The raw contact never reached D1.
    const dump = JSON.stringify([
      stored,
      await rows('SELECT * FROM complaint_events WHERE complaint_id = ?1', id),
      await rows('SELECT * FROM notifications WHERE complaint_id = ?1', id),
    ]);
    expect(dump).not.toContain('9165554433');

    // The customer's pages now read it from D1, and it counts for the Support Index.
    const page = await customer.get(bindings, `/c/${code}/${id}`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain('Ваш комментарий сохранён');
    const day = await rows(
      'SELECT SUM(complaints) AS n FROM daily_stats WHERE batch_id = (SELECT batch_id FROM cards WHERE code = ?1)',
      code,
    );
    expect(day[0]!.n).toBe(1);
  });

  it('asks to try again in a minute when the queue refuses too, keeping everything typed', async () => {
    const { code } = await createCard();
    const working = recordingQueue();
    const refusing = recordingQueue(true);
    const customer = phone();
    const reason = reasonButtons(await (await customer.get(env as Bindings, `/c/${code}`)).text())[0]!;

    await env.DB.exec('ALTER TABLE complaints RENAME TO complaints_away');
    try {
      const refused = await customer.post({ ...(env as Bindings), COMPLAINTS: refusing.queue }, `/c/${code}`, {
        reason: reason.id,
        website: '',
      });
      expect(refused.status).toBe(503);
      const html = await refused.text();
      expect(textOf(html)).toContain('Попробуйте ещё раз через минуту');
      expect(reasonButtons(html).length).toBeGreaterThan(0);

      const tap = await customer.post({ ...(env as Bindings), COMPLAINTS: working.queue }, `/c/${code}`, {
        reason: reason.id,
        website: '',
      });
      const id = new RegExp(`action="/c/${code}/([\\w-]+)"`).exec(await tap.text())![1]!;
      const details = await customer.post({ ...(env as Bindings), COMPLAINTS: refusing.queue }, `/c/${code}/${id}`, {
        comment: 'Курьер уронил торт',
        contact: '@ivan_petrov',
        consent: 'yes',
        website: '',
      });
      expect(details.status).toBe(503);
      const form = await details.text();
      expect(form).toContain('Курьер уронил торт</textarea>');
      expect(form).toContain('value="@ivan_petrov"');
      expect(form).toMatch(/name="consent" value="yes" checked/);
      expect(textOf(form)).toContain('Попробуйте ещё раз через минуту');
    } finally {
      await env.DB.exec('ALTER TABLE complaints_away RENAME TO complaints');
    }
    expect(working.sent.map((m) => m.kind)).toEqual(['complaint']);
  });

  it('is kept when even the dead-letter queue cannot store it yet, and stored when it can', async () => {
    const { code } = await createCard();
    const { sent, queue } = recordingQueue();
    const customer = phone();
    const bindings = { ...(env as Bindings), COMPLAINTS: queue };
    const reason = reasonButtons(await (await customer.get(bindings, `/c/${code}`)).text())[0]!;
    await env.DB.exec('ALTER TABLE complaints RENAME TO complaints_away');
    const errors = vi.spyOn(console, 'error');
    try {
      expect((await customer.post(bindings, `/c/${code}`, { reason: reason.id, website: '' })).status).toBe(200);
      const dead = await deliver(sent, 5, 'support-index-complaints-dead');
      expect(dead).toEqual({ acked: [], retried: [{ index: 0, delaySeconds: 1800 }] });
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining('COMPLAINT NOT STORED'),
        expect.stringContaining(code),
        5,
        expect.anything(),
      );
    } finally {
      await env.DB.exec('ALTER TABLE complaints_away RENAME TO complaints');
    }
    expect((await deliver(sent, 6, 'support-index-complaints-dead')).acked).toEqual([0]);
    expect(await complaintsOf(code)).toHaveLength(1);
  });
});

describe('the complaint page while D1 is down', () => {
  it('answers 503 for a card it cannot read, like the review link', async () => {
    const { code } = await createCard();
    await env.DB.exec('ALTER TABLE cards RENAME TO cards_away');
    try {
      const res = await phone().get(env as Bindings, `/c/${code}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(textOf(await res.text())).toContain('через минуту');
      expect((await phone().post(env as Bindings, `/c/${code}`, { reason: '1', website: '' })).status).toBe(503);
    } finally {
      await env.DB.exec('ALTER TABLE cards_away RENAME TO cards');
    }
  });

  it('shows the reasons from the isolate’s copy and takes the tap into the queue', async () => {
    const { code } = await createCard();
    const customer = phone();
    const labels = reasonButtons(await (await customer.get(env as Bindings, `/c/${code}`)).text());
    expect(labels.length).toBeGreaterThan(0);

    const { sent, queue } = recordingQueue();
    const down = { ...(env as Bindings), DB: downDB, COMPLAINTS: queue };
    const page = await customer.get(down, `/c/${code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Пекарня «Колобок»');
    expect(reasonButtons(html)).toEqual(labels);

    const tap = await customer.post(down, `/c/${code}`, { reason: labels[1]!.id, website: '' });
    expect(tap.status).toBe(200);
    expect(textOf(await tap.text())).toContain(`Причина: ${labels[1]!.label}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'complaint', complaint: { code, reasonId: Number(labels[1]!.id) } });

    // Stored by the consumer once D1 answers again.
    expect((await deliver(sent)).acked).toEqual([0]);
    expect(await complaintsOf(code)).toMatchObject([{ reason_label: labels[1]!.label }]);
  });
});
