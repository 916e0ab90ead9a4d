import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSettings, setSettings, SETTINGS_FORM } from '../complaint-helpers';
import { call, createLocation, postForm, signIn } from '../helpers';

const BOT = 'https://bot.test';
const TOKEN = '123456:first-run-token';
afterEach(() => vi.restoreAllMocks());

/** The checklist's steps as the dashboard shows them: step → done. */
async function checklist(cookie: string): Promise<Record<string, boolean> | null> {
  return stepsOf(await (await call('/admin?period=7d', { headers: { cookie } })).text());
}

function stepsOf(html: string): Record<string, boolean> | null {
  if (!html.includes('id="first-run"')) return null;
  const section = html.slice(
    html.indexOf('id="first-run"'),
    html.indexOf('</section>', html.indexOf('id="first-run"')),
  );
  return Object.fromEntries(
    [...section.matchAll(/data-step="(\w+)" data-done="([01])"/g)].map((m) => [m[1]!, m[2] === '1']),
  );
}

describe('the owner’s first-run checklist', () => {
  it('is shown to the owner only, links each open step to its page, and ticks location, consent and notifications', async () => {
    await env.DB.prepare('DELETE FROM settings').run();
    const owner = await signIn('owner');
    const manager = await signIn('manager');
    const html = await (await call('/admin', { headers: { cookie: owner.cookie } })).text();
    expect(stepsOf(html)).toEqual({ location: false, consent: false, notifications: false, print: false, scan: false });
    expect(html).toContain('С чего начать');
    for (const href of ['/admin/locations', '/admin/settings/complaints#consent-review', '/admin/print'])
      expect(html).toContain(`href="${href}"`);
    expect(await checklist(manager.cookie)).toBeNull();

    await createLocation();
    expect(
      (await postForm('/admin/settings/complaints', owner, { ...SETTINGS_FORM, consentReviewed: '1' })).status,
    ).toBe(303);
    expect(await checklist(owner.cookie)).toMatchObject({ location: true, consent: true, notifications: false });

    // A test message that reaches Telegram ticks notifications; a failed one would not.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.startsWith(BOT) ? Response.json({ ok: true, result: true }) : new Response('no', { status: 500 });
    });
    await setSettings({ telegramBotToken: TOKEN, telegramChatId: '-100500', telegramApiBase: BOT });
    expect((await postForm('/admin/settings/complaints/telegram-test', owner, {})).status).toBe(200);
    expect(await checklist(owner.cookie)).toEqual({
      location: true,
      consent: true,
      notifications: true,
      print: false,
      scan: false,
    });

    await resetSettings();
  });
});
