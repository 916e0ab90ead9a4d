import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacSha256Hex } from '../../src/auth/crypto';
import { getSettings } from '../../src/db/settings';
import { maskWebhookSecret } from '../../src/domain/webhook-secret';
import { call, postForm, signIn } from '../helpers';
import { complain, createCard, eventually, resetSettings } from '../complaint-helpers';

const FORM = {
  contactMode: 'store',
  responseTargetMinutes: '60',
  consentText: 'Согласие на обработку контакта для ответа на жалобу.',
  telegramApiBase: 'https://api.telegram.org',
  webhookUrl: 'https://crm.example.ru/hooks/complaints',
};

const settingsPage = async (session: { cookie: string }) =>
  (await call('/admin/settings/complaints', { headers: { cookie: session.cookie } })).text();
const shownSecret = (html: string) => /id="secret"[^>]*>([^<]+)<\/textarea>/.exec(html)?.[1] ?? '';

afterEach(async () => {
  vi.restoreAllMocks();
  await resetSettings();
});

describe('the webhook signing secret', () => {
  it('is shown once when it is made, then only masked (whsec_…last four)', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints', owner, FORM);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const secret = shownSecret(await res.text());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect((await getSettings(env.DB)).webhookSecret).toBe(secret);

    const page = await settingsPage(owner);
    expect(page).not.toContain(secret);
    expect(page).toContain(`whsec_…${secret.slice(-4)}`);
    expect(page).toContain('Новый секрет');
    // Saving again with the field left empty keeps it and shows nothing.
    const again = await postForm('/admin/settings/complaints', owner, { ...FORM, webhookSecret: '' });
    expect(again.status).toBe(303);
    expect((await getSettings(env.DB)).webhookSecret).toBe(secret);
  });

  it('rotates with "Новый секрет": the new one is shown once and signs deliveries, the old one no longer does', async () => {
    const owner = await signIn('owner');
    const old = shownSecret(await (await postForm('/admin/settings/complaints', owner, FORM)).text());
    const rotated = await postForm('/admin/settings/complaints/webhook-secret', owner, {});
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const html = await rotated.text();
    const secret = shownSecret(html);
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(old);
    expect(html).toContain('Прежний секрет, если он был, больше не действует.');
    expect(await settingsPage(owner)).toContain(maskWebhookSecret(secret));

    const sent: { body: string; headers: Headers }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      sent.push({ body: String(init?.body), headers: new Headers(init?.headers) });
      return new Response('ok');
    });
    const { code } = await createCard();
    await complain(code);
    await eventually(
      async () => sent.length,
      (n) => n > 0,
    );
    const { body, headers } = sent[0]!;
    const timestamp = headers.get('x-timestamp')!;
    const signature = headers.get('x-signature');
    expect(signature).toBe(`sha256=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`);
    expect(signature).not.toBe(`sha256=${await hmacSha256Hex(old, `${timestamp}.${body}`)}`);
  });

  it('shows a pasted secret once too, masked afterwards', async () => {
    const owner = await signIn('owner');
    const mine = 'my-own-shared-secret-1234';
    const res = await postForm('/admin/settings/complaints', owner, { ...FORM, webhookSecret: mine });
    expect(res.status).toBe(200);
    expect(shownSecret(await res.text())).toBe(mine);
    const page = await settingsPage(owner);
    expect(page).not.toContain(mine);
    expect(page).toContain('…1234');
  });

  it('offers no new secret without a webhook URL, and refuses one with a clear message', async () => {
    const owner = await signIn('owner');
    expect(await settingsPage(owner)).not.toContain('/admin/settings/complaints/webhook-secret');
    const res = await postForm('/admin/settings/complaints/webhook-secret', owner, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Сначала укажите URL вебхука');
    expect((await getSettings(env.DB)).webhookSecret).toBe('');
  });

  it('is rotated by owners only', async () => {
    const manager = await signIn('manager');
    expect((await postForm('/admin/settings/complaints/webhook-secret', manager, {})).status).toBe(403);
  });
});

describe('maskWebhookSecret', () => {
  it('keeps the prefix and the last four characters, and hides short secrets entirely', () => {
    expect(maskWebhookSecret('whsec_abcdefghijklmnopa1b2')).toBe('whsec_…a1b2');
    expect(maskWebhookSecret('plain-secret-value-9z8y')).toBe('…9z8y');
    expect(maskWebhookSecret('shh')).toBe('…');
  });
});
