import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { call, createToken } from '../helpers';
import { resetSettings } from '../complaint-helpers';

const BOT = 'https://bot.test';
let calls: { url: string; body: Record<string, unknown> }[] = [];

beforeEach(async () => {
  await resetSettings();
  calls = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(BOT)) return realFetch(input, init);
    calls.push({ url, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return url.includes('bad-token') ? new Response('{"ok":false}', { status: 401 }) : Response.json({ ok: true });
  });
});
afterEach(() => vi.restoreAllMocks());

function api(method: string, token: string, body?: unknown) {
  return call('/api/v1/settings/notifications', {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('GET/PATCH /api/v1/settings/notifications', () => {
  it('sets Telegram, escalation chat and webhook; never returns the token or the secret; registers the webhook', async () => {
    const owner = await createToken('owner');
    expect(await (await api('GET', owner)).json()).toEqual({
      telegram: null,
      escalationChatId: '',
      max: null,
      webhook: null,
      weeklyDigest: 'ru',
    });
    const res = await api('PATCH', owner, {
      telegram: { botToken: '123456:abc-DEF', apiBase: BOT, chatId: '-100500' },
      escalationChatId: '-100600',
      webhook: { url: 'https://crm.example.ru/hooks/complaints', secret: 'hook-secret' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      telegram: { apiBase: BOT, chatId: '-100500', botTokenSet: true },
      escalationChatId: '-100600',
      max: null,
      webhook: { url: 'https://crm.example.ru/hooks/complaints', secretSet: true, secretMasked: '…' },
      weeklyDigest: 'ru',
    });
    expect(JSON.stringify(body)).not.toContain('abc-DEF');
    expect(JSON.stringify(body)).not.toContain('hook-secret');
    const registered = calls.find((c) => c.url === `${BOT}/bot123456:abc-DEF/setWebhook`)!;
    expect(registered.body.secret_token).toBe((await getSettings(env.DB)).telegramWebhookSecret);

    // Only what is given changes; null removes a channel.
    expect(await (await api('PATCH', owner, { webhook: null })).json()).toMatchObject({
      webhook: null,
      telegram: { chatId: '-100500', botTokenSet: true },
    });
    expect(await (await api('PATCH', owner, { telegram: null })).json()).toMatchObject({ telegram: null });
  });

  it('says why Telegram refused the webhook, and keeps what was saved', async () => {
    const owner = await createToken('owner');
    const body = await (
      await api('PATCH', owner, { telegram: { botToken: '1:bad-token', apiBase: BOT, chatId: '-1' } })
    ).json<Record<string, unknown>>();
    expect(body.telegramWebhookError).toBe('HTTP 401');
    expect(body.telegram).toMatchObject({ botTokenSet: true });
  });

  it.each([
    [{ telegram: { chatId: 'not a chat' } }, 'telegram.chatId'],
    [{ webhook: { url: 'http://127.0.0.1/hook' } }, 'webhook.url'],
    [{ webhook: { url: 'https://crm.example.ru/x' }, extra: 1 }, 'body'],
    [{ max: { token: 'x' } }, 'max'],
    [{ escalationChatId: 12 }, 'escalationChatId'],
  ])('refuses %j naming %s', async (patch, field) => {
    const owner = await createToken('owner');
    const res = await api('PATCH', owner, patch);
    expect(res.status).toBe(400);
    expect((await res.json<{ field: string }>()).field).toBe(field);
  });

  it('is for owner tokens only', async () => {
    const manager = await createToken('manager');
    expect((await api('GET', manager)).status).toBe(403);
    expect((await api('PATCH', manager, { escalationChatId: '-1' })).status).toBe(403);
  });

  it('reads and sets the Monday digest, and shows a made webhook secret only masked', async () => {
    await resetSettings();
    const owner = await createToken('owner');
    expect(await (await api('GET', owner)).json()).toMatchObject({ weeklyDigest: 'ru', webhook: null });

    const res = await api('PATCH', owner, {
      weeklyDigest: 'off',
      webhook: { url: 'https://crm.example.ru/hooks/complaints' },
    });
    expect(res.status).toBe(200);
    const body = await res.json<{ weeklyDigest: string; webhook: { secretSet: boolean; secretMasked: string } }>();
    expect(body.weeklyDigest).toBe('off');
    expect((await getSettings(env.DB)).weeklyDigest).toBe('off');
    // A secret was made, as the page makes one: only its masked form comes back.
    const secret = (await getSettings(env.DB)).webhookSecret;
    expect(secret).toMatch(/^whsec_/);
    expect(body.webhook.secretSet).toBe(true);
    expect(body.webhook.secretMasked).toBe(`whsec_…${secret.slice(-4)}`);
    expect(JSON.stringify(body)).not.toContain(secret);

    // Other fields leave the choice alone; a bad value is a 400 naming the field.
    expect((await api('PATCH', owner, { escalationChatId: '' })).status).toBe(200);
    expect((await getSettings(env.DB)).weeklyDigest).toBe('off');
    const bad = await api('PATCH', owner, { weeklyDigest: 'fr' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'weeklyDigest' });
  });
});
