import { describe, expect, it } from 'vitest';
import { call, createToken } from '../helpers';

const YANDEX = 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/';

function api(method: string, path: string, token: string, body?: unknown) {
  return call(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('locations in the API', () => {
  it('creates, reads, lists and changes a location with its zone, hand-out days, texts and links', async () => {
    const owner = await createToken('owner');
    const created = await api('POST', '/locations', owner, {
      slug: 'nsk-center',
      name: 'Колобок на Красном',
      address: 'Новосибирск, Красный проспект, 1',
      timeZone: 'Asia/Novosibirsk',
      handOutDays: 5,
      cardTexts: { headline: 'Спасибо!' },
      reviewLinks: [
        { platform: 'yandex_maps', url: YANDEX },
        { platform: '2gis', url: 'https://2gis.ru/novosibirsk/firm/70000001012345678/tab/reviews', primary: true },
      ],
    });
    expect(created.status).toBe(201);
    const location = await created.json<Record<string, unknown>>();
    expect(location).toMatchObject({
      slug: 'nsk-center',
      timeZone: 'Asia/Novosibirsk',
      handOutDays: 5,
      archived: false,
      cardTexts: { headline: 'Спасибо!', reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [
        { platform: 'yandex_maps', url: YANDEX, primary: false },
        { platform: '2gis', primary: true },
      ],
    });
    expect(await (await api('GET', '/locations/nsk-center', owner)).json()).toEqual(location);
    const list = await (await api('GET', '/locations', owner)).json<{ locations: { slug: string }[] }>();
    expect(list.locations.map((l) => l.slug)).toContain('nsk-center');

    // PATCH changes only what it names; the defaults of a new location are Moscow and 7 days.
    const patched = await api('PATCH', '/locations/nsk-center', owner, {
      timeZone: 'asia/vladivostok',
      name: 'Колобок',
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: 'Колобок',
      timeZone: 'Asia/Vladivostok',
      handOutDays: 5,
      address: 'Новосибирск, Красный проспект, 1',
    });
    const plain = await (
      await api('POST', '/locations', owner, {
        slug: 'plain',
        name: 'Простая',
        reviewLinks: [{ platform: 'yandex_maps', url: YANDEX }],
      })
    ).json();
    expect(plain).toMatchObject({ timeZone: 'Europe/Moscow', handOutDays: 7, reviewLinks: [{ primary: true }] });
    // A new slug moves it.
    expect((await api('PATCH', '/locations/plain', owner, { slug: 'plain-2' })).status).toBe(200);
    expect((await api('GET', '/locations/plain', owner)).status).toBe(404);
    expect((await api('GET', '/locations/plain-2', owner)).status).toBe(200);
  });

  it('refuses what the form refuses, naming the field, with a 4xx', async () => {
    const owner = await createToken('owner');
    const ok = { slug: 'refuse-me', name: 'Точка', reviewLinks: [{ platform: 'yandex_maps', url: YANDEX }] };
    expect((await api('POST', '/locations', owner, ok)).status).toBe(201);
    const cases: [unknown, number, string][] = [
      [
        {
          ...ok,
          slug: 'other',
          reviewLinks: [{ platform: 'yandex_maps', url: 'https://evil.example/maps/org/1/reviews' }],
        },
        400,
        'reviewLinks',
      ],
      [
        { ...ok, slug: 'other', reviewLinks: [{ platform: 'google_maps', url: 'http://maps.google.com/' }] },
        400,
        'reviewLinks',
      ],
      [{ ...ok, slug: 'other', reviewLinks: [] }, 400, 'reviewLinks'],
      [{ ...ok, slug: 'other', reviewLinks: [{ platform: 'vk', url: YANDEX }] }, 400, 'reviewLinks.platform'],
      [{ ...ok, slug: 'other', timeZone: 'Mars/Olympus' }, 400, 'timeZone'],
      [{ ...ok, slug: 'other', handOutDays: 0 }, 400, 'handOutDays'],
      [{ ...ok, slug: 'other', handOutDays: 'seven' }, 400, 'handOutDays'],
      [{ ...ok, slug: 'Не латиница' }, 400, 'slug'],
      [{ ...ok, slug: 'other', name: '' }, 400, 'name'],
      [{ ...ok, slug: 'other', cardTexts: { headline: 'x'.repeat(121) } }, 400, 'cardTexts.headline'],
      [ok, 409, 'slug'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api('POST', '/locations', owner, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const error = await res.json<{ error: string; field: string }>();
      expect(error.field, JSON.stringify(body)).toBe(field);
      expect(error.error.length).toBeGreaterThan(5);
    }
    const patch = await api('PATCH', '/locations/refuse-me', owner, {
      reviewLinks: [{ platform: '2gis', url: 'https://2gis.ru.evil.example/firm/1' }],
    });
    expect(patch.status).toBe(400);
    expect((await patch.json<{ field: string }>()).field).toBe('reviewLinks');
    expect((await api('PATCH', '/locations/nowhere', owner, { name: 'x' })).status).toBe(404);
  });

  it('lets managers read but only owners write', async () => {
    const manager = await createToken('manager');
    const staff = await createToken('staff');
    expect((await api('GET', '/locations', manager)).status).toBe(200);
    expect(
      (
        await api('POST', '/locations', manager, {
          slug: 'by-manager',
          name: 'x',
          reviewLinks: [{ platform: 'yandex_maps', url: YANDEX }],
        })
      ).status,
    ).toBe(403);
    expect((await api('PATCH', '/locations/by-manager', manager, { name: 'x' })).status).toBe(403);
    expect((await api('GET', '/locations', staff)).status).toBe(403);
    expect((await call('/api/v1/locations')).status).toBe(401);
  });
});
