import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { MAX_ATTEMPTS, retryNotifications } from '../../src/services/notify';
import { call, postForm, signIn } from '../helpers';
import {
  complain,
  createCard,
  customer,
  eventually,
  resetSettings,
  SETTINGS_FORM as FORM,
  textOf,
} from '../complaint-helpers';

beforeEach(resetSettings);
afterEach(() => vi.restoreAllMocks());

const settingsPage = async (session: { cookie: string }) =>
  (await call('/admin/settings/complaints', { headers: { cookie: session.cookie } })).text();

interface NotificationRow {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  payload: string | null;
}

const notificationsOf = async (complaintId: string) =>
  (await env.DB.prepare('SELECT * FROM notifications WHERE complaint_id = ?1').bind(complaintId).all<NotificationRow>())
    .results;

describe('complaint settings', () => {
  it('saves the contact mode and the response target, which the customer then sees', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      contactMode: 'forward',
      responseTargetMinutes: '90',
      businessPhone: '+7 495 000-00-00',
    });
    expect(res.status).toBe(303);
    const settings = await getSettings(env.DB);
    expect(settings).toMatchObject({
      contactMode: 'forward',
      responseTargetMinutes: 90,
      businessPhone: '+7 495 000-00-00',
    });
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    expect(textOf(await (await who.get(`${location}/done`)).text())).toContain('через 90 минут');
  });

  it('re-renders a wrong form with the errors and everything typed', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      responseTargetMinutes: 'час',
      webhookUrl: 'http://example.com/hook',
      businessPhone: '+7 111',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="час"');
    expect(html).toContain('value="http://example.com/hook"');
    expect(html).toContain('value="+7 111"');
    expect(textOf(html)).toContain('Нужен адрес, начинающийся с https://');
    expect((await getSettings(env.DB)).responseTargetMinutes).toBe(60);
  });

  it('never shows a saved bot token back, keeps it when the field is left empty, removes it on request', async () => {
    const owner = await signIn('owner');
    await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      telegramBotToken: '123456:SECRET-token-value',
      telegramChatId: '-100200300',
    });
    expect((await getSettings(env.DB)).telegramBotToken).toBe('123456:SECRET-token-value');
    expect(await settingsPage(owner)).not.toContain('SECRET-token-value');
    await postForm('/admin/settings/complaints', owner, { ...FORM, telegramChatId: '-100200300' });
    expect((await getSettings(env.DB)).telegramBotToken).toBe('123456:SECRET-token-value');
    await postForm('/admin/settings/complaints', owner, { ...FORM, telegramClear: '1' });
    expect((await getSettings(env.DB)).telegramBotToken).toBe('');
  });

  it('makes a webhook signing secret when none is given', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      webhookUrl: 'https://crm.example.ru/hooks/complaints',
    });
    const { webhookSecret } = await getSettings(env.DB);
    expect(webhookSecret.length).toBeGreaterThanOrEqual(32);
    // Shown once, in the answer to the save; the settings page has it masked only.
    expect(await res.text()).toContain(webhookSecret);
    expect(await settingsPage(owner)).not.toContain(webhookSecret);
  });

  it('edits the consent document shown at /privacy/consent', async () => {
    const owner = await signIn('owner');
    await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      consentText: 'Оператор: ИП Иванов. Контакт — только для ответа.',
    });
    expect(textOf(await (await call('/privacy/consent')).text())).toContain(
      'Оператор: ИП Иванов. Контакт — только для ответа.',
    );
    expect((await postForm('/admin/settings/complaints', owner, { ...FORM, consentText: ' ' })).status).toBe(400);
  });

  it('is for the owner only', async () => {
    const manager = await signIn('manager');
    expect((await call('/admin/settings/complaints', { headers: { cookie: manager.cookie } })).status).toBe(403);
  });
});

describe('notification failures', () => {
  it('are retried with backoff, shown to the owner, and can be retried now', async () => {
    const owner = await signIn('owner');
    // The receiver is unreachable: every attempt fails as a connection error.
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Network connection lost.'));
    await postForm('/admin/settings/complaints', owner, {
      ...FORM,
      webhookUrl: 'https://crm.example.ru/hooks/complaints',
      webhookSecret: 'shh',
    });
    const { code } = await createCard();
    const { id } = await complain(code);

    const [first] = await eventually(
      () => notificationsOf(id),
      (rows) => rows[0]?.attempts === 1,
    );
    expect(first).toMatchObject({ channel: 'webhook', status: 'pending', attempts: 1 });
    expect(first!.last_error).toBe('network error');
    expect(first!.next_attempt_at).toBeGreaterThan(Date.now() + 30_000);

    const inbox = textOf(await (await call('/admin/complaints', { headers: { cookie: owner.cookie } })).text());
    expect(inbox).toContain('Не удалось доставить уведомлений: 1');
    const settings = await settingsPage(owner);
    expect(settings).toContain(`/admin/settings/complaints/notifications/${first!.id}/retry`);

    const retry = await postForm(`/admin/settings/complaints/notifications/${first!.id}/retry`, owner, {});
    expect(retry.status).toBe(303);
    expect(retry.headers.get('location')).toContain('retry=failed');
    expect((await notificationsOf(id))[0]!.attempts).toBe(2);

    // The cron leaves it alone until it is due, then tries again, and gives up after the last attempt.
    expect(await retryNotifications(env, Date.now())).toEqual({ tried: 0, sent: 0 });
    let now = Date.now();
    for (let attempt = 3; attempt <= MAX_ATTEMPTS; attempt++) {
      now += 7 * 3600_000;
      expect((await retryNotifications(env, now)).tried).toBe(1);
    }
    const [last] = await notificationsOf(id);
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await retryNotifications(env, now + 24 * 3600_000)).toEqual({ tried: 0, sent: 0 });
    expect(textOf(await settingsPage(owner))).toContain('не доставлено');
  });

  it('are not queued when no channel is configured', async () => {
    const { code } = await createCard();
    const { id } = await complain(code);
    expect(await notificationsOf(id)).toEqual([]);
  });
});
