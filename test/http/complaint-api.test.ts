import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createToken } from '../helpers';
import { age, complain, createCard, customer, setSettings } from '../complaint-helpers';

const get = (path: string, token: string) => call(path, { headers: { authorization: `Bearer ${token}` } });
const patch = (path: string, token: string, body: unknown) =>
  call(path, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface ApiComplaint {
  id: string;
  code: string;
  location: string;
  reason: string;
  comment: string | null;
  status: string;
  createdAt: string;
  firstResponseAt: string | null;
  contact: string | null;
  contactMasked: string | null;
  orderRef: string | null;
  compensation: { kind: string; amount: number | null } | null;
}

const list = async (query: string, token: string) => {
  const res = await get(`/api/v1/complaints${query}`, token);
  expect(res.status).toBe(200);
  return (await res.json<{ complaints: ApiComplaint[] }>()).complaints;
};

async function madeComplaint(options: { reasonIndex?: number; orderRef?: string } = {}) {
  const card = await createCard({ orderRef: options.orderRef });
  const who = customer();
  const made = await complain(card.code, who, options.reasonIndex ?? 0);
  await who.post(made.location, {
    comment: 'Упаковка порвана',
    contact: 'anna@example.ru',
    consent: 'yes',
    website: '',
  });
  const slug = (await env.DB.prepare('SELECT slug FROM locations WHERE id = ?1')
    .bind(card.locationId)
    .first<{ slug: string }>())!.slug;
  return { ...card, ...made, slug };
}

describe('GET /api/v1/complaints', () => {
  it('answers complaints with the documented fields', async () => {
    await setSettings({ contactMode: 'store' }); // the raw contact is kept only in this mode
    const token = await createToken('manager');
    const c = await madeComplaint({ orderRef: 'A-77' });
    const [found] = await list(`?location=${c.slug}`, token);
    expect(found).toMatchObject({
      id: c.id,
      code: c.code,
      location: c.slug,
      reason: c.reason.label,
      comment: 'Упаковка порвана',
      status: 'open',
      firstResponseAt: null,
      contact: 'anna@example.ru',
      contactMasked: 'a***@example.ru',
      orderRef: 'A-77',
    });
    expect(new Date(found!.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('filters by status, reason, location and time', async () => {
    const token = await createToken('owner');
    const a = await madeComplaint({ reasonIndex: 2 });
    const b = await madeComplaint({ reasonIndex: 3 });
    const ids = (rows: ApiComplaint[]) => rows.map((r) => r.id);
    expect(ids(await list(`?location=${a.slug}`, token))).toEqual([a.id]);
    expect(ids(await list(`?location=${b.locationId}`, token))).toEqual([b.id]);
    const byReason = ids(await list(`?reason=${encodeURIComponent(a.reason.label)}`, token));
    expect(byReason).toContain(a.id);
    expect(byReason).not.toContain(b.id);
    expect(ids(await list(`?reason=${b.reason.id}`, token))).toEqual([b.id]);

    await age(a.id, 3 * 86_400_000);
    const yesterdayIso = new Date(Date.now() - 86_400_000).toISOString();
    const recent = ids(await list(`?from=${encodeURIComponent(yesterdayIso)}`, token));
    expect(recent).toContain(b.id);
    expect(recent).not.toContain(a.id);
    const old = ids(await list(`?to=${Date.now() - 86_400_000}`, token));
    expect(old).toContain(a.id);
    expect(old).not.toContain(b.id);

    await patch(`/api/v1/complaints/${b.id}`, token, { status: 'contacted' });
    const open = ids(await list('?status=open', token));
    expect(open).toContain(a.id);
    expect(open).not.toContain(b.id);
  });

  it.each([
    ['?status=closed', 'status'],
    ['?from=yesterday', 'from'],
    ['?to=2026-13-01', 'to'],
    ['?limit=0', 'limit'],
  ])('rejects %s naming the field %s', async (query, field) => {
    const token = await createToken('owner');
    const res = await get(`/api/v1/complaints${query}`, token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field });
  });

  it('answers 422 for an unknown location', async () => {
    const token = await createToken('owner');
    const res = await get('/api/v1/complaints?location=nowhere', token);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ field: 'location' });
  });

  it('follows the token rules of the batches API', async () => {
    expect((await call('/api/v1/complaints')).status).toBe(401);
    expect((await get('/api/v1/complaints', 'not-a-real-token')).status).toBe(401);
    const staff = await createToken('staff');
    expect((await get('/api/v1/complaints', staff)).status).toBe(403);
    expect((await patch('/api/v1/complaints/whatever123', staff, { status: 'resolved' })).status).toBe(403);
  });
});

describe('PATCH /api/v1/complaints/<id>', () => {
  it('changes the status, sets the first response, and records the token as the actor', async () => {
    const token = await createToken('owner');
    const c = await madeComplaint();
    const contacted = await patch(`/api/v1/complaints/${c.id}`, token, {
      status: 'contacted',
      note: 'Позвонили из CRM',
    });
    expect(contacted.status).toBe(200);
    const body = await contacted.json<ApiComplaint>();
    expect(body.status).toBe('contacted');
    expect(body.firstResponseAt).not.toBeNull();

    const resolved = await patch(`/api/v1/complaints/${c.id}`, token, {
      status: 'resolved',
      compensation: { kind: 'refund', amount: 450 },
    });
    expect(await resolved.json()).toMatchObject({
      status: 'resolved',
      compensation: { kind: 'refund', amount: 450 },
      firstResponseAt: body.firstResponseAt,
    });

    const events = await env.DB.prepare(
      "SELECT kind, actor, note FROM complaint_events WHERE complaint_id = ?1 AND actor != 'customer' ORDER BY id",
    )
      .bind(c.id)
      .all();
    expect(events.results).toEqual([
      { kind: 'note', actor: 'api:owner token', note: 'Позвонили из CRM' },
      { kind: 'contacted', actor: 'api:owner token', note: null },
      { kind: 'resolved', actor: 'api:owner token', note: null },
    ]);
  });

  it('reopens a complaint', async () => {
    const token = await createToken('owner');
    const c = await madeComplaint();
    await patch(`/api/v1/complaints/${c.id}`, token, { status: 'resolved' });
    const reopened = await (await patch(`/api/v1/complaints/${c.id}`, token, { status: 'open' })).json<ApiComplaint>();
    expect(reopened.status).toBe('open');
  });

  it.each([
    [{}, 'status'],
    [{ status: 'done' }, 'status'],
    [{ note: '' }, 'note'],
    [{ note: 'x'.repeat(2001) }, 'note'],
    [{ status: 'contacted', compensation: { kind: 'refund' } }, 'compensation'],
    [{ status: 'resolved', compensation: { kind: 'cash' } }, 'compensation.kind'],
  ])('rejects %j naming the field %s', async (payload, field) => {
    const token = await createToken('owner');
    const c = await madeComplaint();
    const res = await patch(`/api/v1/complaints/${c.id}`, token, payload);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field });
  });

  it('answers 404 for an unknown complaint and 400 for a body that is not JSON', async () => {
    const token = await createToken('owner');
    expect((await patch('/api/v1/complaints/unknown12345', token, { status: 'resolved' })).status).toBe(404);
    expect((await patch('/api/v1/complaints/unknown12345', token, '{nope')).status).toBe(400);
  });
});
