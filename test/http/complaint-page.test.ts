import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REASONS, LIMITS } from '../../src/domain/complaints';
import { call } from '../helpers';
import {
  age,
  complain,
  eventually,
  complaintsOf,
  createCard,
  customer,
  reasonButtons,
  resetSettings,
  setSettings,
  textOf,
} from '../complaint-helpers';

const scansOf = async (code: string) =>
  (
    await env.DB.prepare("SELECT COUNT(*) AS n FROM scans WHERE card_code = ?1 AND kind = 'complaint'")
      .bind(code)
      .first<{ n: number }>()
  )?.n ?? 0;

beforeEach(resetSettings);

describe('the complaint page /c/<code>', () => {
  it('shows the business, its address and the default reasons in Russian', async () => {
    const { code } = await createCard();
    const res = await customer().get(`/c/${code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Пекарня «Колобок»');
    expect(html).toContain('Москва, ул. Ленина, 1');
    expect(reasonButtons(html).map((r) => r.label)).toEqual(DEFAULT_REASONS.map((r) => r.ru));
    expect(html).toContain('href="/privacy/consent"');
  });

  it('takes a complaint from a voided card like any other, and counts the scan apart', async () => {
    const { code } = await createCard();
    await env.DB.prepare('UPDATE cards SET voided_at = ?2 WHERE code = ?1').bind(code, Date.now()).run();
    const res = await customer().get(`/c/${code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('Эта открытка больше не действует');
    expect(reasonButtons(html).map((r) => r.label)).toEqual(DEFAULT_REASONS.map((r) => r.ru));
    await eventually(
      () => scansOf(code),
      (n) => n === 1,
    );
  });

  it('speaks English when the browser prefers it, and offers a switch back', async () => {
    const { code } = await createCard();
    const html = await (await customer(undefined, 'en-GB,en;q=0.9').get(`/C/${code.toLowerCase()}`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('What went wrong?');
    expect(reasonButtons(html).map((r) => r.label)).toContain('The delivery was late');
    expect(html).toContain(`href="/C/${code.toLowerCase()}?lang=ru"`);
    const switched = await customer(undefined, 'en').get(`/c/${code}?lang=ru`);
    expect(await switched.text()).toContain('Что пошло не так?');
  });

  it('loads in under 30 KB with no script and only its own small stylesheet', async () => {
    const { code } = await createCard();
    const page = await customer().get(`/c/${code}`);
    const html = new Uint8Array(await page.arrayBuffer());
    const markup = new TextDecoder().decode(html);
    const assets = [...markup.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual([expect.stringMatching(/^\/assets\/public\.css\?v=[0-9a-z]+$/)]);
    expect(markup).not.toMatch(/<script|<img|<iframe|style="/i);
    const css = new Uint8Array(await (await call(assets[0]!)).arrayBuffer());
    expect(html.byteLength + css.byteLength).toBeLessThan(30 * 1024);
    // Tap targets: the reason buttons are at least 3.5 rem (56 px) high.
    expect(new TextDecoder().decode(css)).toMatch(/\.reason\{[^}]*min-height:3\.5rem/);
  });

  it('records one complaint scan per view of the reasons page, none for the thanks pages', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    await who.get(location);
    await who.get(`${location}/done`);
    expect(
      await eventually(
        () => scansOf(code),
        (n) => n >= 1,
      ),
    ).toBe(1);
    await who.get(`/c/${code}`);
    expect(
      await eventually(
        () => scansOf(code),
        (n) => n >= 2,
      ),
    ).toBe(2);
  });

  it('answers 404 for a code that is not a card', async () => {
    expect((await customer().get('/c/0000000000')).status).toBe(404);
    expect((await customer().get('/c/nonsense')).status).toBe(404);
  });

  it('refuses a form posted from another site', async () => {
    const { code } = await createCard();
    const res = await call(`/c/${code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'reason=1',
    });
    expect(res.status).toBe(403);
    expect(await complaintsOf(code)).toHaveLength(0);
  });
});

describe('one tap registers the complaint', () => {
  it('stores the reason and thanks the customer', async () => {
    const { code } = await createCard({ orderRef: 'A-1001' });
    const who = customer();
    const { res, location, id, reason } = await complain(code, who);
    expect(res.status).toBe(303);
    expect(location).toBe(`/c/${code}/${id}`);
    const [row] = await complaintsOf(code);
    expect(row).toMatchObject({ id, reason_label: reason.label, status: 'open', comment: null, contact: null });
    const thanks = await who.get(location);
    expect(thanks.status).toBe(200);
    expect(textOf(await thanks.text())).toContain('Спасибо, жалоба принята');
    const events = await env.DB.prepare('SELECT kind, actor FROM complaint_events WHERE complaint_id = ?1')
      .bind(id)
      .all();
    expect(events.results).toEqual([{ kind: 'created', actor: 'customer' }]);
  });

  it('opens the existing complaint when the same phone taps the same card again within 30 minutes', async () => {
    const { code } = await createCard();
    const who = customer();
    const first = await complain(code, who);
    const second = await complain(code, who, 1);
    expect(second.res.status).toBe(303);
    expect(second.location).toBe(`/c/${code}/${first.id}?again=1`);
    expect(await complaintsOf(code)).toHaveLength(1);
    expect(textOf(await (await who.get(second.location)).text())).toContain('Мы уже получили вашу жалобу');

    // Another phone's tap on the same card is its own complaint.
    const other = await complain(code);
    expect(other.id).not.toBe(first.id);
    expect(await complaintsOf(code)).toHaveLength(2);

    await age(first.id, 31 * 60_000);
    const third = await complain(code, who);
    expect(third.id).not.toBe(first.id);
    expect(await complaintsOf(code)).toHaveLength(3);
  });

  it(`limits one card to ${LIMITS.perCardPerDay} complaints a day, with a clear message`, async () => {
    const { code } = await createCard();
    for (let i = 0; i < LIMITS.perCardPerDay; i++) {
      const { id } = await complain(code);
      await age(id, 31 * 60_000);
    }
    const { res } = await complain(code);
    expect(res.status).toBe(429);
    expect(textOf(await res.text())).toContain('уже пришло несколько жалоб');
    expect(await complaintsOf(code)).toHaveLength(LIMITS.perCardPerDay);
  });

  it(`limits one visitor to ${LIMITS.perVisitorPerHour} complaints an hour across cards`, async () => {
    const who = customer();
    for (let i = 0; i < LIMITS.perVisitorPerHour; i++) {
      const { code } = await createCard();
      expect((await complain(code, who)).res.status).toBe(303);
    }
    const { code } = await createCard();
    const blocked = await complain(code, who);
    expect(blocked.res.status).toBe(429);
    expect(await complaintsOf(code)).toHaveLength(0);
    // Someone else on another phone is not affected.
    expect((await complain(code)).res.status).toBe(303);
  });

  it('keys the phone that opened the card and the phone that complained as one visitor, with no IP stored', async () => {
    const { code } = await createCard();
    const who = customer();
    const { id } = await complain(code, who);
    const scan = await eventually(
      () =>
        env.DB.prepare("SELECT visitor FROM scans WHERE card_code = ?1 AND kind = 'complaint'")
          .bind(code)
          .first<{ visitor: string | null }>(),
      (row) => row !== null,
    );
    const complaint = await env.DB.prepare('SELECT visitor FROM complaints WHERE id = ?1')
      .bind(id)
      .first<{ visitor: string }>();
    expect(complaint?.visitor).toMatch(/^[0-9a-f]{16}$/);
    expect(scan?.visitor).toBe(complaint?.visitor);
    expect(complaint?.visitor).not.toContain(who.ip);
  });

  it('ignores a submission with the hidden honeypot field filled, saying so on the page', async () => {
    const { code } = await createCard();
    const who = customer();
    const reason = reasonButtons(await (await who.get(`/c/${code}`)).text())[0]!;
    const res = await who.post(`/c/${code}`, { reason: reason.id, website: 'http://spam.example' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(reasonButtons(html)).toHaveLength(DEFAULT_REASONS.length);
    expect(await complaintsOf(code)).toHaveLength(0);
  });

  it('refuses a reason of another location or an archived one', async () => {
    const { code } = await createCard();
    const other = await createCard();
    const foreign = reasonButtons(await (await customer().get(`/c/${other.code}`)).text())[0]!;
    const res = await customer().post(`/c/${code}`, { reason: foreign.id });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Эта причина больше недоступна');
    expect(await complaintsOf(code)).toHaveLength(0);
  });
});

describe('the optional comment and contact', () => {
  it('saves a comment and a contact given with consent, then says when the customer will hear back', async () => {
    await setSettings({ contactMode: 'store' }); // the raw contact is kept only in this mode
    const { code } = await createCard();
    const who = customer();
    const { location, id } = await complain(code, who);
    const res = await who.post(location, {
      comment: 'Пицца приехала холодной',
      contact: '8 (999) 123-45-12',
      consent: 'yes',
      website: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${location}/done`);
    const [row] = await complaintsOf(code);
    expect(row).toMatchObject({
      id,
      comment: 'Пицца приехала холодной',
      contact: '+79991234512',
      contact_masked: '+7 *** ***-**-12',
    });
    expect(row!.consent_at).toBeGreaterThan(0);
    const done = textOf(await (await who.get(`${location}/done`)).text());
    expect(done).toContain('Мы свяжемся с вами не позже чем через час.');
  });

  it('shows the waiting promise from the response target', async () => {
    await setSettings({ responseTargetMinutes: 120 });
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    expect(textOf(await (await who.get(`${location}/done`)).text())).toContain('не позже чем через 2 часа');
    const en = textOf(await (await customer(who.ip, 'en').get(`${location}/done`)).text());
    expect(en).toContain('within 2 hours');
  });

  it('asks for consent before taking a contact, keeping everything typed', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    const res = await who.post(location, { comment: 'Курьер опоздал на час', contact: '@ivan_petrov', website: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Курьер опоздал на час</textarea>');
    expect(html).toContain('value="@ivan_petrov"');
    expect(textOf(html)).toContain('отметьте согласие');
    expect(html).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" aria-invalid="true"/);
    const [row] = await complaintsOf(code);
    expect(row).toMatchObject({ comment: null, contact: null, consent_at: null });
  });

  it('keeps a too-long comment in the field and explains the limit', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    const long = 'Очень длинная история. '.repeat(100);
    const res = await who.post(location, { comment: long, contact: '', website: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`${long}</textarea>`);
    expect(textOf(html)).toContain('длиннее 2000 символов');
    expect((await complaintsOf(code))[0]!.comment).toBeNull();
  });

  it('explains a contact it cannot read, keeping it in the field', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    const res = await who.post(location, { comment: '', contact: 'позвоните мне', consent: 'yes', website: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="позвоните мне"');
    expect(textOf(html)).toContain('Не получилось распознать контакт');
  });

  it('forward-only mode keeps only the masked contact in the database', async () => {
    await setSettings({ contactMode: 'forward', webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 's' });
    const { code } = await createCard();
    const who = customer();
    const { location, id } = await complain(code, who);
    const res = await who.post(location, {
      comment: 'Привезли не тот заказ',
      contact: '+7 916 555-44-33',
      consent: 'yes',
      website: '',
    });
    expect(res.status).toBe(303);
    const [row] = await complaintsOf(code);
    expect(row).toMatchObject({ contact: null, contact_masked: '+7 *** ***-**-33', comment: 'Привезли не тот заказ' });
    // Nowhere in D1: not in the complaint, its events, or the queued notifications.
    const dump = JSON.stringify([
      (await env.DB.prepare('SELECT * FROM complaints WHERE id = ?1').bind(id).all()).results,
      (await env.DB.prepare('SELECT * FROM complaint_events WHERE complaint_id = ?1').bind(id).all()).results,
      (await env.DB.prepare('SELECT * FROM notifications WHERE complaint_id = ?1').bind(id).all()).results,
    ]);
    expect(dump).not.toMatch(/9165554433|916 555/);
    expect(dump).toContain('***-**-33');
    expect(textOf(await (await who.get(`${location}/done`)).text())).toContain('в нашей базе он не хранится');
  });

  it('with contacts off, shows the business phone and Telegram instead of asking', async () => {
    await setSettings({ contactMode: 'off', businessPhone: '+7 495 123-45-67', businessTelegram: '@kolobok_help' });
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    const html = await (await who.get(location)).text();
    expect(html).not.toContain('name="contact"');
    expect(html).not.toContain('name="consent"');
    expect(html).toContain('href="tel:+74951234567"');
    expect(html).toContain('href="https://t.me/kolobok_help"');
    // A contact sent anyway is not stored.
    await who.post(location, { comment: 'Холодно', contact: '+7 916 555-44-33', consent: 'yes', website: '' });
    expect((await complaintsOf(code))[0]).toMatchObject({ comment: 'Холодно', contact: null, contact_masked: null });
  });

  it('the consent checkbox is unticked and links to the consent document the owner edits', async () => {
    await setSettings({ consentText: 'Согласие: ООО «Колобок» обрабатывает ваш телефон только для ответа.' });
    const { code } = await createCard();
    const who = customer();
    const { location } = await complain(code, who);
    const html = await (await who.get(location)).text();
    expect(html).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes"\/?>/);
    expect(html).toContain('href="/privacy/consent"');
    const doc = await call('/privacy/consent');
    expect(doc.status).toBe(200);
    expect(textOf(await doc.text())).toContain('ООО «Колобок» обрабатывает ваш телефон только для ответа.');
  });

  it('does not show a complaint under another card code', async () => {
    const { code } = await createCard();
    const other = await createCard();
    const { id } = await complain(code);
    expect((await customer().get(`/c/${other.code}/${id}`)).status).toBe(404);
    expect((await customer().post(`/c/${other.code}/${id}`, { comment: 'x' })).status).toBe(404);
  });
});
