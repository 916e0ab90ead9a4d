import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createCard, PHONE_UA, resetSettings, setSettings } from '../complaint-helpers';
import { call, signIn } from '../helpers';
import { scansEventually } from '../scans-helpers';

// Its own file, so its own database: the first batch and the first scan are this test's.
const steps = async (cookie: string) => {
  const html = await (await call('/admin?period=7d', { headers: { cookie } })).text();
  if (!html.includes('id="first-run"')) return null;
  return Object.fromEntries(
    [...html.matchAll(/data-step="(\w+)" data-done="([01])"/g)].map((m) => [m[1]!, m[2] === '1']),
  );
};

describe('the first-run checklist, last steps', () => {
  it('ticks the first batch, not a link preview, then the first scan from a phone, and goes away', async () => {
    await setSettings({ consentReviewedAt: Date.now(), notificationTestAt: Date.now() });
    const owner = await signIn('owner');
    const { code, locationId, batchId } = await createCard();
    expect(await steps(owner.cookie)).toEqual({
      location: true,
      consent: true,
      notifications: true,
      print: true,
      scan: false,
    });
    // A link preview's scan, stored as the consumer stores it: not a scan seen.
    await env.DB.prepare(
      "INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?1, ?2, ?3, 'review', ?4, 'bot', 1)",
    )
      .bind(code, locationId, batchId, Date.now())
      .run();
    expect(await steps(owner.cookie)).toMatchObject({ scan: false });
    await call(`/r/${code}`, { headers: { 'user-agent': PHONE_UA, 'cf-connecting-ip': '10.7.7.7' } });
    await scansEventually(code, 2);
    expect(await steps(owner.cookie)).toBeNull();
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM scans WHERE is_bot = 0').first<{ n: number }>()).toEqual({
      n: 1,
    });
    await resetSettings();
  });
});
