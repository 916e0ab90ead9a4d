import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createToken, postForm, signIn } from '../helpers';

const YANDEX = 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/';

function api(method: string, path: string, token: string, body?: unknown) {
  return call(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('working hours in the locations API', () => {
  it('a new location is always open; PATCH sets hours and holidays, null makes it always open again', async () => {
    const owner = await createToken('owner');
    const created = await api('POST', '/locations', owner, {
      slug: 'hours-api',
      name: 'Точка',
      reviewLinks: [{ platform: 'yandex_maps', url: YANDEX }],
    });
    expect(await created.json()).toMatchObject({ hours: null, holidays: [] });

    const patched = await api('PATCH', '/locations/hours-api', owner, {
      hours: {
        mon: [
          ['14:00', '18:00'],
          ['09:00', '13:00'],
        ],
        tue: [['9:00', '18:00']],
        sat: [['10:00', '16:00']],
      },
      holidays: ['2027-01-02', '2027-01-01', '2027-01-01'],
    });
    expect(patched.status).toBe(200);
    const body = await patched.json<Record<string, unknown>>();
    // Intervals sorted, weekdays left out are days off, holidays sorted without repeats.
    expect(body.hours).toEqual({
      mon: [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ],
      tue: [['09:00', '18:00']],
      wed: [],
      thu: [],
      fri: [],
      sat: [['10:00', '16:00']],
      sun: [],
    });
    expect(body.holidays).toEqual(['2027-01-01', '2027-01-02']);
    expect(await (await api('GET', '/locations/hours-api', owner)).json()).toMatchObject({
      hours: body.hours,
      holidays: body.holidays,
    });

    // Changing something else keeps the hours; null clears them and keeps the holidays.
    expect(await (await api('PATCH', '/locations/hours-api', owner, { name: 'Точка 2' })).json()).toMatchObject({
      hours: body.hours,
    });
    expect(await (await api('PATCH', '/locations/hours-api', owner, { hours: null })).json()).toMatchObject({
      hours: null,
      holidays: ['2027-01-01', '2027-01-02'],
    });
  });

  it.each([
    [{ hours: { mon: [['18:00', '09:00']] } }, 'hours.mon'],
    [
      {
        hours: {
          tue: [
            ['09:00', '13:00'],
            ['12:00', '18:00'],
          ],
        },
      },
      'hours.tue',
    ],
    [{ hours: { mon: [['25:00', '26:00']] } }, 'hours.mon'],
    [{ hours: { mon: [], sun: [] } }, 'hours.mon'],
    [{ hours: { monday: [['09:00', '18:00']] } }, 'hours'],
    [{ hours: { mon: '09:00-18:00' } }, 'hours.mon'],
    [{ hours: 'always' }, 'hours'],
    [{ holidays: ['2027-02-30'] }, 'holidays'],
    [{ holidays: '2027-01-01' }, 'holidays'],
  ])('refuses %j with a 400 naming %s', async (patch, field) => {
    const owner = await createToken('owner');
    const slug = `bad-hours-${Math.random().toString(36).slice(2, 8)}`;
    await api('POST', '/locations', owner, {
      slug,
      name: 'Точка',
      reviewLinks: [{ platform: 'yandex_maps', url: YANDEX }],
    });
    const res = await api('PATCH', `/locations/${slug}`, owner, patch);
    expect(res.status).toBe(400);
    const error = await res.json<{ error: string; field: string }>();
    expect(error.field).toBe(field);
    expect(error.error.length).toBeGreaterThan(5);
  });
});

describe('working hours on the location page', () => {
  it('shows the always-open box for a new location, saves typed hours and shows a wrong day with its message', async () => {
    const session = await signIn('owner');
    const form = await (await call('/admin/locations/new', { headers: { cookie: session.cookie } })).text();
    expect(form).toContain('name="hours_mon"');
    expect(form).toMatch(/name="alwaysOpen" value="1" checked/);

    const fields = {
      name: 'Часы',
      slug: 'hours-form',
      link_yandex_maps: YANDEX,
      primary: 'yandex_maps',
      timeZone: 'Asia/Novosibirsk',
      handOutDays: '7',
    };
    const wrong = await postForm('/admin/locations/new', session, {
      ...fields,
      hours_mon: '09:00-13:00, 12:00-18:00',
      hours_tue: '09:00-18:00',
      holidays: '',
    });
    expect(wrong.status).toBe(400);
    const page = await wrong.text();
    expect(page).toContain('Интервалы этого дня пересекаются.');
    expect(page).toContain('value="09:00-13:00, 12:00-18:00"');

    const saved = await postForm('/admin/locations/new', session, {
      ...fields,
      hours_mon: '09:00-13:00, 14:00-18:00',
      hours_tue: '10:00 - 19:00',
      hours_sat: '',
      holidays: '2027-01-01\n2027-01-07',
    });
    expect(saved.status).toBe(303);
    const owner = await createToken('owner');
    const location = await (await api('GET', '/locations/hours-form', owner)).json<Record<string, unknown>>();
    expect(location).toMatchObject({
      hours: {
        mon: [
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ],
        tue: [['10:00', '19:00']],
        wed: [],
        sat: [],
        sun: [],
      },
      holidays: ['2027-01-01', '2027-01-07'],
    });
    // The edit page shows them as typed, the box unticked.
    const row = await env.DB.prepare('SELECT id FROM locations WHERE slug = ?1')
      .bind('hours-form')
      .first<{ id: number }>();
    const edit = await (await call(`/admin/locations/${row!.id}`, { headers: { cookie: session.cookie } })).text();
    expect(edit).toContain('value="09:00–13:00, 14:00–18:00"');
    expect(edit).toContain('2027-01-01 2027-01-07');
    expect(edit).not.toMatch(/name="alwaysOpen" value="1" checked/);
  });
});
