import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { randomToken } from '../../src/auth/crypto';
import { dayOf, dayStart } from '../../src/domain/period';
import { addDays } from '../../src/domain/time';
import { call, createLocation, createToken, postForm, signIn } from '../helpers';
import { createCard, resetSettings, textOf } from '../complaint-helpers';

beforeEach(resetSettings);

const HOUR = 3_600_000;

const get = async (path: string, session: { cookie: string }) => {
  const res = await call(path, { headers: { cookie: session.cookie } });
  return { status: res.status, html: await res.text() };
};

/** Complaint ids linked from an inbox page, in the order shown. */
const listed = (html: string) => [...html.matchAll(/href="\/admin\/complaints\/([\w-]+)\?/g)].map((m) => m[1]!);

/** A complaint stored as the complaint page stores it, at `createdAt`, on a card of `card`'s batch. */
async function storeComplaint(
  card: { code: string; locationId: number; batchId: string },
  createdAt: number,
  status: 'open' | 'contacted' | 'resolved' = 'open',
) {
  const reason =
    (await env.DB.prepare('SELECT id, label FROM complaint_reasons WHERE location_id = ?1 ORDER BY position LIMIT 1')
      .bind(card.locationId)
      .first<{ id: number; label: string }>()) ??
    (await env.DB.prepare(
      "INSERT INTO complaint_reasons (location_id, label, position, created_at) VALUES (?1, 'Опоздали с доставкой', 0, ?2) RETURNING id, label",
    )
      .bind(card.locationId, Date.now())
      .first<{ id: number; label: string }>());
  const id = `c_${randomToken(9)}`;
  await env.DB.prepare(
    `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, visitor, status, created_at, updated_at, due_at, first_response_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'v', ?7, ?8, ?8, ?9, ?10)`,
  )
    .bind(
      id,
      card.code,
      card.locationId,
      card.batchId,
      reason!.id,
      reason!.label,
      status,
      createdAt,
      createdAt + HOUR,
      status === 'open' ? null : createdAt + 60_000,
    )
    .run();
  await env.DB.prepare(
    "INSERT INTO complaint_events (complaint_id, kind, actor, created_at) VALUES (?1, 'created', 'customer', ?2)",
  )
    .bind(id, createdAt)
    .run();
  return id;
}

async function setOwnerZone(zone: string) {
  await env.DB.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('ownerTimeZone', ?1, ?2)")
    .bind(zone, Date.now())
    .run();
}

describe('the inbox by default', () => {
  it('shows open complaints only, says so in its status filter, and shows the rest on request', async () => {
    const owner = await signIn('owner');
    const card = await createCard();
    const now = Date.now();
    const open = await storeComplaint(card, now - 2 * HOUR);
    const contacted = await storeComplaint(card, now - 3 * HOUR, 'contacted');
    const resolved = await storeComplaint(card, now - 4 * HOUR, 'resolved');
    const byDefault = await get(`/admin/complaints?location=${card.locationId}`, owner);
    expect(listed(byDefault.html)).toEqual([open]);
    expect(byDefault.html).toMatch(/<option value="open" selected="">/);
    expect(textOf(byDefault.html)).toContain('Найдено: 1');
    const all = await get(`/admin/complaints?location=${card.locationId}&status=all`, owner);
    expect(listed(all.html)).toEqual([open, contacted, resolved]);
    expect(all.html).toMatch(/<option value="all" selected="">Все<\/option>/);
  });

  it('keeps its filters in every link: to a complaint, back to the list and between pages', async () => {
    const owner = await signIn('owner');
    const card = await createCard();
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 53; i++) ids.push(await storeComplaint(card, now - (i + 1) * 60_000));
    const query = `status=open&location=${card.locationId}&period=7`;
    const first = await get(`/admin/complaints?location=${card.locationId}&period=7`, owner);
    expect(listed(first.html)).toEqual(ids.slice(0, 50));
    expect(textOf(first.html)).toContain('Найдено: 53');
    expect(textOf(first.html)).toContain('Страница 1 из 2');
    expect(first.html).toContain(`href="/admin/complaints/${ids[0]}?${query.replaceAll('&', '&amp;')}"`);
    expect(first.html).toContain(`href="/admin/complaints?${query.replaceAll('&', '&amp;')}&amp;page=2" rel="next"`);
    const second = await get(`/admin/complaints?${query}&page=2`, owner);
    expect(listed(second.html)).toEqual(ids.slice(50));
    expect(second.html).toContain(`href="/admin/complaints?${query.replaceAll('&', '&amp;')}" rel="prev"`);
    expect(second.html).toMatch(/<option value="7" selected="">/);
    // The complaint's page leads back to the same list, and its forms keep the filters too.
    const complaint = await get(`/admin/complaints/${ids[3]}?${query}`, owner);
    expect(complaint.html).toContain(`href="/admin/complaints?${query.replaceAll('&', '&amp;')}">← Все жалобы`);
    expect(complaint.html).toContain(
      `action="/admin/complaints/${ids[3]}/contacted?${query.replaceAll('&', '&amp;')}"`,
    );
  });

  it('offers the next open complaint after saving one, in the list order, within the filters', async () => {
    const owner = await signIn('owner');
    const card = await createCard();
    const elsewhere = await createCard();
    const now = Date.now();
    const newest = await storeComplaint(card, now - HOUR);
    const middle = await storeComplaint(card, now - 2 * HOUR);
    await storeComplaint(card, now - 3 * HOUR, 'resolved');
    const oldest = await storeComplaint(card, now - 4 * HOUR);
    await storeComplaint(elsewhere, now - 90 * 60_000);
    const query = `status=open&location=${card.locationId}&period=30`;

    const saved = await postForm(`/admin/complaints/${newest}/contacted?${query}`, owner, {});
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/complaints/${newest}?saved=1&${query}`);
    const after = await get(saved.headers.get('location')!, owner);
    expect(textOf(after.html)).toContain('Сохранено.');
    // The other location's complaint (made in between) is not next: the filter names this location.
    expect(after.html).toContain(
      `href="/admin/complaints/${middle}?${query.replaceAll('&', '&amp;')}" data-testid="next-open">Следующая открытая жалоба →`,
    );

    // From the oldest open one, the next is the newest one still open.
    const fromOldest = await get(`/admin/complaints/${oldest}?${query}&saved=1`, owner);
    expect(fromOldest.html).toContain(`href="/admin/complaints/${middle}?`);

    await postForm(`/admin/complaints/${middle}/resolved?${query}`, owner, { kind: 'apology', amount: '' });
    const last = await postForm(`/admin/complaints/${oldest}/contacted?${query}`, owner, {});
    const done = await get(last.headers.get('location')!, owner);
    expect(done.html).not.toContain('data-testid="next-open"');
    expect(textOf(done.html)).toContain('Других открытых жалоб по этим фильтрам нет.');
  });

  it('names people in the timeline instead of their e-mail, and an API token by its name', async () => {
    const owner = await signIn('owner');
    await env.DB.prepare('UPDATE users SET name = ?2 WHERE email = ?1').bind(owner.email, 'Анна Петрова').run();
    const card = await createCard();
    const id = await storeComplaint(card, Date.now() - HOUR);
    await postForm(`/admin/complaints/${id}/note`, owner, { note: 'Позвонила, клиент доволен' });
    const token = await createToken('manager');
    const patched = await call(`/api/v1/complaints/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'contacted' }),
    });
    expect(patched.status).toBe(200);
    const text = textOf((await get(`/admin/complaints/${id}`, owner)).html);
    expect(text).toMatch(/· Анна Петрова Заметка Позвонила, клиент доволен/);
    expect(text).toMatch(/· API: manager token Связались с клиентом/);
    expect(text).not.toContain(owner.email);
    expect(text).not.toContain('api:');
  });

  it('picks a batch from a list named by date, location and design, not by typing an id', async () => {
    const owner = await signIn('owner');
    const card = await createCard();
    const other = await createCard();
    const a = await storeComplaint(card, Date.now() - HOUR);
    const b = await storeComplaint(other, Date.now() - 2 * HOUR);
    const { html } = await get('/admin/complaints', owner);
    expect(html).not.toMatch(/<input[^>]+name="batch"/);
    const select = /<select id="f-batch" name="batch">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
    const option = new RegExp(`<option value="${card.batchId}">([^<]+)</option>`).exec(select)?.[1];
    // e.g. "2 дек., 09:30 · Пекарня «Колобок» · Классика"
    expect(option).toMatch(/^\d{1,2} [а-я]+\.?, \d\d:\d\d · Пекарня «Колобок» · Классика$/);
    const filtered = await get(`/admin/complaints?batch=${card.batchId}`, owner);
    expect(listed(filtered.html)).toEqual([a]);
    expect(filtered.html).toContain(`<option value="${card.batchId}" selected="">`);
    expect(listed(filtered.html)).not.toContain(b);
    // A complaint's page names its batch the same way.
    expect(textOf((await get(`/admin/complaints/${a}`, owner)).html)).toMatch(
      /Тираж \d{1,2} [а-я]+\.?, \d\d:\d\d · Пекарня «Колобок» · Классика/,
    );
    // In English the design is named in English.
    const en = await call('/admin/complaints?lang=en', { headers: { cookie: owner.cookie } });
    expect(await en.text()).toMatch(new RegExp(`<option value="${card.batchId}">[^<]+ · Classic</option>`));
  });
});

describe('"30 дней" in the inbox', () => {
  it("means the same calendar days as the Support Index page: from local midnight 29 days ago, in the owner's zone", async () => {
    const owner = await signIn('owner');
    const zone = 'Asia/Yekaterinburg';
    await setOwnerZone(zone);
    const card = await createCard(); // a Moscow location: across all locations the owner's zone decides
    const now = Date.now();
    const firstDay = addDays(dayOf(now, zone), -29);
    const start = dayStart(firstDay, zone);
    const inside = await storeComplaint(card, start + 60_000);
    const before = await storeComplaint(card, start - 60_000);
    const ids = listed((await get(`/admin/complaints?period=30&batch=${card.batchId}`, owner)).html);
    expect(ids).toEqual([inside]);
    expect(ids).not.toContain(before);
    // The index page's 30 days start on that same day.
    const index = await get('/admin?period=30d', owner);
    expect(index.html).toContain(`name="from" value="${firstDay}"`);
  });

  it("follows a filtered location's own zone", async () => {
    const owner = await signIn('owner');
    await setOwnerZone('Europe/Moscow');
    const far = await createLocation(undefined, { timeZone: 'Asia/Vladivostok' });
    const card = await createCard({ locationId: far.id });
    const now = Date.now();
    const moscowStart = dayStart(addDays(dayOf(now, 'Europe/Moscow'), -29), 'Europe/Moscow');
    const vladivostokStart = dayStart(addDays(dayOf(now, 'Asia/Vladivostok'), -29), 'Asia/Vladivostok');
    // Vladivostok's 30 days start seven hours before Moscow's, except from 14:00 to 21:00 UTC, when its
    // calendar is already a day ahead and they start seventeen hours after Moscow's.
    expect(vladivostokStart).not.toBe(moscowStart);
    const vladivostokFirst = vladivostokStart < moscowStart;
    // Made between the two midnights: inside one zone's 30 days, outside the other's.
    const between = await storeComplaint(card, Math.floor((vladivostokStart + moscowStart) / 2));
    const byLocation = listed((await get(`/admin/complaints?location=${far.id}`, owner)).html);
    const byBatch = listed((await get(`/admin/complaints?batch=${card.batchId}`, owner)).html);
    expect(byLocation.includes(between)).toBe(vladivostokFirst);
    expect(byBatch.includes(between)).toBe(!vladivostokFirst);
  });

  it('refuses nothing odd in the query: unknown values fall back to the defaults', async () => {
    const owner = await signIn('owner');
    const res = await get('/admin/complaints?status=bogus&period=12&batch=%3Cscript%3E&page=-4&location=x', owner);
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<option value="open" selected="">/);
    expect(res.html).toMatch(/<option value="30" selected="">/);
    expect(res.html).not.toContain('<script>');
  });
});
