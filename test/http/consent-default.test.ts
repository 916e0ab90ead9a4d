import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '../../src/db/settings';
import { complain, createCard, customer, resetSettings, SETTINGS_FORM, textOf } from '../complaint-helpers';
import { call, createLocation, postForm, signIn } from '../helpers';

beforeEach(async () => {
  await env.DB.prepare('DELETE FROM settings').run();
});

describe('the default consent text', () => {
  it('names the business from the settings, and follows the name while the owner keeps the text', async () => {
    await createLocation();
    const owner = await signIn('owner');
    const before = textOf(await (await customer().get('/privacy/consent')).text());
    expect(before).not.toContain('владельцу этого сервиса');
    const page = await (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    const shown = /<textarea id="consentText"[^>]*>([^<]*)<\/textarea>/
      .exec(page)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    const save = (fields: Record<string, string>) =>
      postForm('/admin/settings/complaints', owner, { ...SETTINGS_FORM, consentText: shown, ...fields });

    expect((await save({ businessName: 'ООО «Колобок и Ко»' })).status).toBe(303);
    const consent = textOf(await (await customer().get('/privacy/consent')).text());
    expect(consent).toContain('даю согласие ООО «Колобок и Ко» (далее — оператор)');
    expect((await getSettings(env.DB)).businessName).toBe('ООО «Колобок и Ко»');

    // A text the owner wrote stays as written, whatever the name.
    expect((await save({ businessName: 'ИП Иванов', consentText: 'Своё согласие: ИП Иванов.' })).status).toBe(303);
    expect(textOf(await (await customer().get('/privacy/consent')).text())).toContain('Своё согласие: ИП Иванов.');
  });

  it('before anything is saved, names the first location instead of “the owner of this service”', async () => {
    const { id } = await createLocation();
    await env.DB.prepare("UPDATE locations SET name = 'Пекарня на Ленина' WHERE id = ?1").bind(id).run();
    const first = await env.DB.prepare(
      'SELECT name FROM locations WHERE archived_at IS NULL ORDER BY id LIMIT 1',
    ).first<{ name: string }>();
    const settings = await getSettings(env.DB);
    expect(settings.consentText).toContain(`даю согласие ${first!.name} (далее — оператор)`);
    expect(settings.consentText).not.toContain('владельцу этого сервиса');
  });
});

describe('the complaint settings page', () => {
  it('asks the owner to review the consent text until they tick that they have', async () => {
    const owner = await signIn('owner');
    const read = async () => (await call('/admin/settings/complaints', { headers: { cookie: owner.cookie } })).text();
    const first = await read();
    expect(first).toContain('id="consent-review"');
    expect(textOf(first)).toContain('Проверьте, как принимаются контакты.');
    expect((await postForm('/admin/settings/complaints', owner, { ...SETTINGS_FORM })).status).toBe(303);
    expect(await read()).toContain('id="consent-review"');
    expect(
      (await postForm('/admin/settings/complaints', owner, { ...SETTINGS_FORM, consentReviewed: '1' })).status,
    ).toBe(303);
    const after = await read();
    expect(after).not.toContain('id="consent-review"');
    expect(textOf(after)).toContain('Проверено');
  });
});

describe('the contact mode', () => {
  it('forwards contacts by default on a new deployment: none is stored', async () => {
    expect((await getSettings(env.DB)).contactMode).toBe('forward');
    const { code } = await createCard();
    const who = customer();
    const { id } = await complain(code, who);
    const res = await who.post(`/c/${code}/${id}`, {
      comment: '',
      contact: '+7 999 123-45-12',
      consent: '1',
      website: '',
    });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare('SELECT contact, contact_masked FROM complaints WHERE id = ?1')
      .bind(id)
      .first<{ contact: string | null; contact_masked: string | null }>();
    expect(row!.contact).toBeNull();
    expect(row!.contact_masked).toMatch(/12$/);
  });

  it('stays "store" on a deployment in use that never saved a mode, and keeps a saved one', async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0022_'))!;
    const run = async () => {
      for (const query of migration.queries.filter((q) => q.includes("'contactMode'")))
        await env.DB.prepare(query).run();
    };
    await createCard().then(({ code }) => complain(code));
    await run();
    expect((await getSettings(env.DB)).contactMode).toBe('store');
    await env.DB.prepare('DELETE FROM settings').run();
    await env.DB.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('contactMode', 'off', 1)").run();
    await run();
    expect((await getSettings(env.DB)).contactMode).toBe('off');
    await resetSettings();
  });
});
