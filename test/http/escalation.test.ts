import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, localDay } from '../../src/domain/time';
import type { WeeklyHours } from '../../src/domain/working-time';
import { escalateOverdue } from '../../src/services/escalation';
import { call, createLocation, signIn } from '../helpers';
import { complain, createCard, resetSettings, setSettings, textOf } from '../complaint-helpers';

const HOOK = 'https://hook.test/overdue';
const BOT = 'https://bot.test';
let sent: { url: string; body: Record<string, unknown> }[] = [];

beforeEach(async () => {
  await resetSettings();
  await env.DB.prepare('UPDATE complaints SET escalated_at = 0 WHERE escalated_at IS NULL').run();
  sent = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(HOOK) && !url.startsWith(BOT)) return realFetch(input, init);
    sent.push({ url, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return new Response('{"ok":true}');
  });
});
afterEach(() => vi.restoreAllMocks());

async function dueAgo(id: string, ms: number) {
  await env.DB.prepare('UPDATE complaints SET due_at = ?2 WHERE id = ?1')
    .bind(id, Date.now() - ms)
    .run();
}
const escalatedAt = async (id: string) =>
  (await env.DB.prepare('SELECT escalated_at FROM complaints WHERE id = ?1')
    .bind(id)
    .first<{ escalated_at: number | null }>())!.escalated_at;

describe('escalation of overdue complaints', () => {
  it('sends complaint.overdue to the webhook and the escalation chat once, and records it', async () => {
    await setSettings({
      webhookUrl: HOOK,
      webhookSecret: 's',
      telegramBotToken: '123:abc',
      telegramChatId: '-100',
      escalationChatId: '-200',
      telegramApiBase: BOT,
    });
    const { id } = await complain((await createCard()).code);
    sent = []; // the complaint.created messages
    await dueAgo(id, 60_000);

    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 1 });
    const hook = sent.find((s) => s.url === HOOK)!;
    expect(hook.body).toMatchObject({ event: 'complaint.overdue', complaint: { id } });
    const telegram = sent.find((s) => s.url.startsWith(BOT))!;
    expect(telegram.url).toBe(`${BOT}/bot123:abc/sendMessage`);
    expect(telegram.body.chat_id).toBe('-200');
    expect(String(telegram.body.text)).toContain('Не ответили к сроку');
    expect(await escalatedAt(id)).not.toBeNull();

    // A second run sends nothing.
    sent = [];
    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 0 });
    expect(sent).toEqual([]);
    const session = await signIn('manager');
    const page = textOf(await (await call(`/admin/complaints/${id}`, { headers: { cookie: session.cookie } })).text());
    expect(page).toContain('Срок ответа прошёл: отправлено второе уведомление');
  });

  it('without an escalation chat goes to the main chat', async () => {
    await setSettings({ telegramBotToken: '123:abc', telegramChatId: '-100', telegramApiBase: BOT });
    const { id } = await complain((await createCard()).code);
    sent = [];
    await dueAgo(id, 60_000);
    await escalateOverdue(env, Date.now());
    expect(sent.map((s) => s.body.chat_id)).toEqual(['-100']);
  });

  it('leaves alone what is not due yet and what has been answered', async () => {
    await setSettings({ webhookUrl: HOOK, webhookSecret: 's' });
    const notYet = await complain((await createCard()).code);
    const answered = await complain((await createCard()).code);
    await dueAgo(answered.id, 60_000);
    await env.DB.prepare("UPDATE complaints SET status = 'contacted', first_response_at = ?2 WHERE id = ?1")
      .bind(answered.id, Date.now())
      .run();
    sent = [];
    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 0 });
    expect(sent).toEqual([]);
    expect(await escalatedAt(notYet.id)).toBeNull();
    expect(await escalatedAt(answered.id)).toBeNull();
  });

  it('a complaint found long after its due time waits while its location is closed, and goes once it is open', async () => {
    await setSettings({ webhookUrl: HOOK, webhookSecret: 's' });
    const zone = 'Europe/Moscow';
    const today = localDay(Date.now(), zone);
    const never: WeeklyHours = {
      mon: [[540, 1080]],
      tue: [[540, 1080]],
      wed: [[540, 1080]],
      thu: [[540, 1080]],
      fri: [[540, 1080]],
      sat: [[540, 1080]],
      sun: [[540, 1080]],
    };
    // Closed today and tomorrow (holidays): the cron was down when it fell due an hour ago.
    const closed = await createLocation(undefined, {
      timeZone: zone,
      hours: never,
      holidays: [today, addDays(today, 1)],
    });
    const { id } = await complain((await createCard({ locationId: closed.id })).code);
    await dueAgo(id, 3_600_000);
    sent = [];
    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 0 });
    expect(await escalatedAt(id)).toBeNull();
    // Around the clock again: it goes.
    await env.DB.prepare('UPDATE locations SET working_hours = NULL WHERE id = ?1').bind(closed.id).run();
    expect(await escalateOverdue(env, Date.now())).toEqual({ escalated: 1 });
    expect(sent.map((s) => s.body.event)).toEqual(['complaint.overdue']);
  });
});

describe('the cron', () => {
  it('runs the escalation on the every-minute trigger', async () => {
    const worker = (await import('../../src/index')).default as unknown as {
      scheduled(
        controller: { cron: string; scheduledTime: number },
        env: unknown,
        ctx: { waitUntil(p: Promise<unknown>): void },
      ): void;
    };
    await setSettings({ webhookUrl: HOOK, webhookSecret: 's' });
    const { id } = await complain((await createCard()).code);
    await dueAgo(id, 60_000);
    const waits: Promise<unknown>[] = [];
    worker.scheduled({ cron: '* * * * *', scheduledTime: Date.now() }, env, { waitUntil: (p) => waits.push(p) });
    await Promise.all(waits);
    expect(await escalatedAt(id)).not.toBeNull();
  });
});
