import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, postForm, signIn } from '../helpers';
import {
  age,
  complain,
  complaintsOf,
  createCard,
  customer,
  resetSettings,
  setSettings,
  textOf,
} from '../complaint-helpers';

beforeEach(resetSettings);

const page = async (path: string, session: { cookie: string }) => {
  const res = await call(path, { headers: { cookie: session.cookie } });
  return { status: res.status, html: await res.text() };
};

/** A complaint with a comment and a stored contact, made by a customer. */
async function fullComplaint(options: { orderRef?: string; locationId?: number; reasonIndex?: number } = {}) {
  const card = await createCard(options);
  const who = customer();
  const made = await complain(card.code, who, options.reasonIndex ?? 0);
  await who.post(made.location, {
    comment: 'Курьер опоздал на 40 минут',
    contact: '+7 999 123-45-12',
    consent: 'yes',
    website: '',
  });
  return { ...card, ...made };
}

describe('the inbox', () => {
  it('lists a new complaint with its reason, location and waiting time', async () => {
    const owner = await signIn('owner');
    const { id, reason } = await fullComplaint();
    const { status, html } = await page('/admin/complaints', owner);
    expect(status).toBe(200);
    expect(html).toContain(`href="/admin/complaints/${id}?status=open&amp;period=30"`);
    const text = textOf(html);
    expect(text).toContain(reason.label);
    expect(text).toContain('Пекарня «Колобок»');
    expect(text).toContain('Курьер опоздал на 40 минут');
    expect(text).toContain('+7 *** ***-**-12');
    expect(text).toMatch(/<1 мин|\d+ мин/);
  });

  it('makes overdue complaints stand out and counts them', async () => {
    const owner = await signIn('owner');
    const { id } = await fullComplaint();
    await age(id, 61 * 60_000);
    const { html } = await page('/admin/complaints?overdue=1', owner);
    expect(html).toMatch(
      new RegExp(`<tr class="overdue"><td class="c-when"><a class="nowrap" href="/admin/complaints/${id}\\?`),
    );
    expect(textOf(html)).toContain('просрочено');
    expect(textOf(html)).toMatch(/Просрочено [1-9]/);
    // A longer target applies to complaints made from then on: this one was promised within the hour.
    await setSettings({ responseTargetMinutes: 120 });
    const later = await fullComplaint();
    await age(later.id, 61 * 60_000);
    const relaxed = await page('/admin/complaints?overdue=1', owner);
    expect(relaxed.html).toContain(`/admin/complaints/${id}?`);
    expect(relaxed.html).not.toContain(`/admin/complaints/${later.id}?`);
  });

  it('filters by status, reason, location and batch', async () => {
    const owner = await signIn('owner');
    const a = await fullComplaint({ reasonIndex: 0 });
    const b = await fullComplaint({ reasonIndex: 1 });
    const has = (html: string, id: string) => html.includes(`/admin/complaints/${id}?`);
    const byLocation = (await page(`/admin/complaints?location=${a.locationId}`, owner)).html;
    expect([has(byLocation, a.id), has(byLocation, b.id)]).toEqual([true, false]);
    const byBatch = (await page(`/admin/complaints?batch=${b.batchId}`, owner)).html;
    expect([has(byBatch, a.id), has(byBatch, b.id)]).toEqual([false, true]);
    const byReason = (await page(`/admin/complaints?reason=${encodeURIComponent(b.reason.label)}`, owner)).html;
    expect([has(byReason, a.id), has(byReason, b.id)]).toEqual([false, true]);
    await postForm(`/admin/complaints/${a.id}/contacted`, owner, {});
    const open = (await page('/admin/complaints?status=open', owner)).html;
    expect([has(open, a.id), has(open, b.id)]).toEqual([false, true]);
    const contacted = (await page('/admin/complaints?status=contacted', owner)).html;
    expect([has(contacted, a.id), has(contacted, b.id)]).toEqual([true, false]);
  });

  it('shows the median time to first response for the period', async () => {
    const owner = await signIn('owner');
    const location = (await createCard()).locationId;
    const minutes = [10, 30, 200];
    for (const m of minutes) {
      const { id } = await fullComplaint({ locationId: location });
      await env.DB.prepare('UPDATE complaints SET status = ?2, first_response_at = created_at + ?3 WHERE id = ?1')
        .bind(id, 'contacted', m * 60_000)
        .run();
    }
    const { html } = await page(`/admin/complaints?location=${location}`, owner);
    expect(html).toMatch(/data-testid="median">30 мин</);
  });

  it('is closed to staff', async () => {
    const staff = await signIn('staff');
    expect((await page('/admin/complaints', staff)).status).toBe(403);
  });
});

describe('a complaint page and its actions', () => {
  it('shows reason, comment, contact, card, batch, order and the timeline', async () => {
    await setSettings({ contactMode: 'store' }); // the raw contact is kept only in this mode
    const owner = await signIn('owner');
    const c = await fullComplaint({ orderRef: 'A-1001' });
    const { html } = await page(`/admin/complaints/${c.id}`, owner);
    const text = textOf(html);
    expect(text).toContain(c.reason.label);
    expect(text).toContain('Курьер опоздал на 40 минут');
    expect(html).toContain('href="tel:+79991234512"');
    expect(text).toContain(c.code);
    expect(html).toContain(`href="/admin/print/batches/${c.batchId}"`);
    expect(text).toContain('A-1001');
    expect(text).toContain('Клиент отправил жалобу');
    expect(text).toContain('Клиент дополнил жалобу');
  });

  it('records notes, contact and resolution with who and when', async () => {
    const owner = await signIn('owner');
    const c = await fullComplaint();
    const note = await postForm(`/admin/complaints/${c.id}/note`, owner, { note: 'Позвонили, не ответил' });
    expect(note.status).toBe(303);
    const before = Date.now();
    expect((await postForm(`/admin/complaints/${c.id}/contacted`, owner, {})).status).toBe(303);
    const resolved = await postForm(`/admin/complaints/${c.id}/resolved`, owner, { kind: 'discount', amount: '300' });
    expect(resolved.status).toBe(303);

    const [row] = await complaintsOf(c.code);
    expect(row).toMatchObject({ status: 'resolved' });
    expect(row!.first_response_at).toBeGreaterThanOrEqual(before);
    const stored = await env.DB.prepare('SELECT compensation_kind, compensation_amount FROM complaints WHERE id = ?1')
      .bind(c.id)
      .first();
    expect(stored).toEqual({ compensation_kind: 'discount', compensation_amount: 300 });
    const events = await env.DB.prepare(
      "SELECT kind, actor, note FROM complaint_events WHERE complaint_id = ?1 AND actor != 'customer' ORDER BY id",
    )
      .bind(c.id)
      .all();
    expect(events.results).toEqual([
      { kind: 'note', actor: owner.email, note: 'Позвонили, не ответил' },
      { kind: 'contacted', actor: owner.email, note: null },
      { kind: 'resolved', actor: owner.email, note: null },
    ]);
    const text = textOf((await page(`/admin/complaints/${c.id}`, owner)).html);
    expect(text).toContain('Позвонили, не ответил');
    expect(text).toContain('Скидка, 300 ₽');
    // The timeline names the person (createUser names them after their role), not their e-mail.
    expect(text).toMatch(/\d · owner Заметка Позвонили/);
    expect(text).not.toContain(owner.email);
  });

  it('keeps a wrong amount in the form with the error', async () => {
    const owner = await signIn('owner');
    const c = await fullComplaint();
    const res = await postForm(`/admin/complaints/${c.id}/resolved`, owner, { kind: 'refund', amount: 'сто' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="сто"');
    expect(html).toMatch(/<option value="refund" selected/);
    expect((await complaintsOf(c.code))[0]!.status).toBe('open');
    const empty = await postForm(`/admin/complaints/${c.id}/note`, owner, { note: '  ' });
    expect(empty.status).toBe(400);
  });

  it('answers 404 for an unknown complaint', async () => {
    const owner = await signIn('owner');
    expect((await page('/admin/complaints/nonexistent123', owner)).status).toBe(404);
  });
});
