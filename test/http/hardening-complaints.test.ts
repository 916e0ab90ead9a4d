import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../src/domain/complaints';
import { call, ORIGIN, postForm, signIn } from '../helpers';
import {
  age,
  complaintsOf,
  createCard,
  newVisitorIp,
  PHONE_UA,
  reasonButtons,
  resetSettings,
  setSettings,
  textOf,
} from '../complaint-helpers';

beforeEach(resetSettings);

/** A phone with its own IP and a cookie jar, as a real browser keeps cookies between pages. */
function phone(ip = newVisitorIp()) {
  const jar = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cf-connecting-ip', state.ip);
    headers.set('user-agent', PHONE_UA);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await call(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  const state = {
    ip,
    jar,
    get: (path: string) => send(path),
    post: (path: string, fields: Record<string, string>) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams(fields),
      }),
  };
  return state;
}

type Phone = ReturnType<typeof phone>;

async function tap(code: string, who: Phone) {
  const reason = reasonButtons(await (await who.get(`/c/${code}`)).text())[0]!;
  const res = await who.post(`/c/${code}`, { reason: reason.id, website: '' });
  const location = res.headers.get('location') ?? '';
  return { res, location, id: /^\/c\/[^/]+\/([^/?]+)/.exec(location)?.[1] ?? '' };
}

const eventsOf = async (id: string) =>
  (
    await env.DB.prepare('SELECT kind, note, detail FROM complaint_events WHERE complaint_id = ?1 ORDER BY id')
      .bind(id)
      .all<{ kind: string; note: string | null; detail: string | null }>()
  ).results;

describe('a complaint belongs to the phone that made it', () => {
  it('a tap on the same card from another phone makes its own complaint and never sees or changes the first one', async () => {
    await setSettings({ contactMode: 'store' }); // the raw contact is kept only in this mode
    const { code } = await createCard();
    const customer = phone();
    const first = await tap(code, customer);
    await customer.post(first.location, {
      comment: 'Курьер нагрубил, квартира 12',
      contact: '+7 999 123-45-12',
      consent: 'yes',
      website: '',
    });

    const courier = phone();
    const second = await tap(code, courier);
    expect(second.res.status).toBe(303);
    expect(second.id).not.toBe(first.id);
    expect(await complaintsOf(code)).toHaveLength(2);

    // The first complaint's page, opened by the id alone, shows nothing of what was typed.
    const peek = await courier.get(`/c/${code}/${first.id}`);
    const peeked = await peek.text();
    expect(peeked).not.toContain('квартира 12');
    expect(peeked).not.toContain('+79991234512');
    // Nor can it be written to: the comment stays the customer's, with what was typed kept on the page.
    const overwrite = await courier.post(`/c/${code}/${first.id}`, {
      comment: 'Всё отлично',
      contact: '+7 900 000-00-00',
      consent: 'yes',
      website: '',
    });
    expect(overwrite.status).toBe(403);
    expect(await overwrite.text()).toContain('Всё отлично</textarea>');
    const [row] = (await complaintsOf(code)).filter((r) => r.id === first.id);
    expect(row).toMatchObject({ comment: 'Курьер нагрубил, квартира 12', contact: '+79991234512' });
  });

  it('the same phone tapping again within 30 minutes opens its own complaint, even from a new network', async () => {
    const { code } = await createCard();
    const customer = phone();
    const first = await tap(code, customer);
    const again = await tap(code, customer);
    expect(again.location).toBe(`/c/${code}/${first.id}?again=1`);
    expect(textOf(await (await customer.get(again.location)).text())).toContain('Мы уже получили вашу жалобу');

    // Same browser, another IP (mobile networks change them): the signed cookie still says it is the same phone.
    customer.ip = newVisitorIp();
    expect((await tap(code, customer)).id).toBe(first.id);
    expect(await complaintsOf(code)).toHaveLength(1);

    await age(first.id, 31 * 60_000);
    expect((await tap(code, customer)).id).not.toBe(first.id);
  });

  it('a forged complaint cookie proves nothing', async () => {
    const { code } = await createCard();
    const customer = phone();
    const first = await tap(code, customer);
    const courier = phone();
    const [name, value] = [...customer.jar][0]!;
    const [id, at] = value.split('.');
    courier.jar.set(name, `${id}.${at}.${'0'.repeat(64)}`);
    expect((await tap(code, courier)).id).not.toBe(first.id);
    expect((await courier.post(`/c/${code}/${first.id}`, { comment: 'чужое', website: '' })).status).toBe(403);
  });
});

describe('what the customer adds is appended, never overwritten', () => {
  it('a second comment is added as a new paragraph; the page never shows the saved text', async () => {
    const owner = await signIn('owner');
    const { code } = await createCard();
    const customer = phone();
    const { location, id } = await tap(code, customer);
    expect((await customer.post(location, { comment: 'Пицца холодная', contact: '', website: '' })).status).toBe(303);

    const form = await (await customer.get(location)).text();
    expect(form).not.toContain('Пицца холодная');
    expect(textOf(form)).toContain('Ваш комментарий сохранён');
    expect(form).toMatch(/<textarea[^>]*name="comment"[^>]*>\s*<\/textarea>/);

    expect((await customer.post(location, { comment: 'И без соуса', contact: '', website: '' })).status).toBe(303);
    expect((await complaintsOf(code))[0]!.comment).toBe('Пицца холодная\n\nИ без соуса');
    const details = (await eventsOf(id)).filter((e) => e.kind === 'details');
    expect(details.map((e) => e.note)).toEqual(['Пицца холодная', 'И без соуса']);

    // The inbox and the API show the whole text.
    const inbox = textOf(await (await call(`/admin/complaints/${id}`, { headers: { cookie: owner.cookie } })).text());
    expect(inbox).toContain('Пицца холодная И без соуса');
  });

  it('a new contact replaces the old one with a trace the owner sees', async () => {
    await setSettings({ contactMode: 'store' }); // the raw contact is kept only in this mode
    const owner = await signIn('owner');
    const { code } = await createCard();
    const customer = phone();
    const { location, id } = await tap(code, customer);
    await customer.post(location, { comment: '', contact: '+7 999 123-45-12', consent: 'yes', website: '' });
    const form = await (await customer.get(location)).text();
    expect(form).toContain('+7 *** ***-**-12');
    expect(form).not.toContain('+79991234512');
    expect(form).toMatch(/id="contact" name="contact" value=""/);

    await customer.post(location, { comment: '', contact: 'ivan@example.ru', consent: 'yes', website: '' });
    expect((await complaintsOf(code))[0]).toMatchObject({
      contact: 'ivan@example.ru',
      contact_masked: 'i***@example.ru',
    });
    const page = textOf(await (await call(`/admin/complaints/${id}`, { headers: { cookie: owner.cookie } })).text());
    expect(page).toContain('ivan@example.ru');
    expect(page).toContain('Прежний контакт: +79991234512');
  });
});

describe('the last active reason of a location', () => {
  const reasonsPage = async (locationId: number, session: { cookie: string }) =>
    (await call(`/admin/reasons/${locationId}`, { headers: { cookie: session.cookie } })).text();
  const activeIds = async (locationId: number) =>
    (
      await env.DB.prepare(
        'SELECT id FROM complaint_reasons WHERE location_id = ?1 AND archived_at IS NULL ORDER BY position',
      )
        .bind(locationId)
        .all<{ id: number }>()
    ).results.map((r) => r.id);

  it('cannot be archived or deleted, and the page says why; the customer keeps a button', async () => {
    const owner = await signIn('owner');
    const { locationId, code } = await createCard();
    await reasonsPage(locationId, owner);
    const ids = await activeIds(locationId);
    expect(ids).toHaveLength(DEFAULT_REASONS.length);
    // One reason with a complaint (archived, not deleted), the others without.
    const used = await tap(code, phone());
    expect(used.res.status).toBe(303);
    for (const id of ids.slice(1))
      expect((await postForm(`/admin/reasons/${locationId}/${id}/delete`, owner, {})).status).toBe(303);
    expect(await activeIds(locationId)).toEqual([ids[0]]);

    for (const action of ['archive', 'delete']) {
      const res = await postForm(`/admin/reasons/${locationId}/${ids[0]}/${action}`, owner, {});
      expect(res.status, action).toBe(400);
      expect(textOf(await res.text())).toContain('Это последняя причина');
    }
    expect(await activeIds(locationId)).toEqual([ids[0]]);
    expect(reasonButtons(await (await phone().get(`/c/${code}`)).text())).toHaveLength(1);

    // With another reason added, the old one may go to the archive.
    await postForm(`/admin/reasons/${locationId}/add`, owner, { label: 'Остыла еда' });
    expect((await postForm(`/admin/reasons/${locationId}/${ids[0]}/archive`, owner, {})).status).toBe(303);
    expect(reasonButtons(await (await phone().get(`/c/${code}`)).text()).map((r) => r.label)).toEqual(['Остыла еда']);
  });
});

describe('hostile input on a complaint’s own details form', () => {
  it('never answers 5xx, never echoes markup unescaped, and keeps the stored text intact', async () => {
    const { code } = await createCard();
    const customer = phone();
    const { location } = await tap(code, customer);
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'; DROP TABLE complaints; --",
      'x'.repeat(5000),
      '\u0000\uFFFF',
    ];
    for (const payload of payloads) {
      const res = await customer.post(location, { comment: payload, contact: payload, consent: 'yes', website: '' });
      expect(res.status, payload.slice(0, 20)).toBeLessThan(500);
      const html = await res.text();
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
    }
    // None of these contacts can be read, so each form came back and nothing was stored.
    const [row] = await complaintsOf(code);
    expect(row!.contact).toBeNull();
    expect(row!.comment).toBeNull();
  });
});
