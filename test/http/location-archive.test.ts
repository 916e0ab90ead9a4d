import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../src/auth/crypto';
import { call, createLocation, createToken, postForm, signIn } from '../helpers';
import { page } from '../accounts-helpers';
import { complain, createCard, customer } from '../complaint-helpers';

/** A location with a name no other test uses, so pickers can be searched for it. */
async function namedLocation() {
  const location = await createLocation();
  const name = `Склад ${randomToken(6)}`;
  await env.DB.prepare('UPDATE locations SET name = ?2 WHERE id = ?1').bind(location.id, name).run();
  return { ...location, name };
}

function api(method: string, path: string, token: string, body?: unknown) {
  return call(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const archivedSection = (html: string) => html.slice(html.indexOf('id="archived-locations"'));
/** The inbox's location filter. */
const inboxPicker = (html: string) =>
  html.slice(html.indexOf('id="f-location"'), html.indexOf('</select>', html.indexOf('id="f-location"')));

describe('archiving a location', () => {
  it('moves it under "Архив" with a restore button and takes it out of every picker; restoring brings it back', async () => {
    const owner = await signIn('owner');
    const location = await namedLocation();
    const print = () => page('/admin/print', owner.cookie).then((p) => p.html);
    expect(await print()).toContain(`value="${location.slug}"`);

    const res = await postForm(`/admin/locations/${location.id}/archive`, owner, {});
    expect(res.status).toBe(303);
    const list = await page(res.headers.get('location')!, owner.cookie);
    expect(list.html).toContain(`Точка «${location.name}» в архиве`);
    const archive = archivedSection(list.html);
    expect(archive).toContain('id="archived-locations">Архив</h2>');
    expect(archive).toContain(location.name);
    expect(archive).toContain(`/admin/locations/${location.id}/restore`);
    // The active table no longer lists it.
    expect(list.html.slice(list.html.indexOf('<table'), list.html.indexOf('</table>'))).not.toContain(location.name);

    expect(await print()).not.toContain(`value="${location.slug}"`);
    expect((await page('/admin/reviews', owner.cookie)).html).not.toContain(`value="${location.slug}"`);
    expect((await page('/admin', owner.cookie)).html).not.toContain(`value="${location.slug}"`);
    expect(inboxPicker((await page('/admin/complaints', owner.cookie)).html)).not.toContain(
      `<option value="${location.id}"`,
    );
    // Printing for it is refused, through the page and the API.
    const printed = await postForm('/admin/print', owner, {
      location: location.slug,
      count: '5',
      template: 'classic',
      format: 'a6',
    });
    expect(printed.status).toBe(400);
    expect(
      (await api('POST', '/batches', await createToken('owner'), { location: location.slug, count: 5 })).status,
    ).toBe(422);

    const restored = await postForm(`/admin/locations/${location.id}/restore`, owner, {});
    expect(restored.status).toBe(303);
    expect((await page(restored.headers.get('location')!, owner.cookie)).html).toContain(
      `Точка «${location.name}» снова в работе.`,
    );
    expect(await print()).toContain(`value="${location.slug}"`);
    expect(inboxPicker((await page('/admin/complaints', owner.cookie)).html)).toContain(
      `<option value="${location.id}"`,
    );
  });

  it('keeps its printed cards working: the review scan redirects and a complaint is taken and shown in the inbox', async () => {
    const owner = await signIn('owner');
    const location = await namedLocation();
    const card = await createCard({ locationId: location.id });
    expect((await postForm(`/admin/locations/${location.id}/archive`, owner, {})).status).toBe(303);

    const scan = await customer().get(`/r/${card.code}`);
    expect(scan.status).toBe(302);
    expect(scan.headers.get('location')).toContain('yandex.ru/maps/org/kolobok');

    const { res, id } = await complain(card.code);
    expect(res.status).toBe(303);
    expect(id).not.toBe('');
    const stored = await env.DB.prepare('SELECT location_id AS locationId FROM complaints WHERE id = ?1')
      .bind(id)
      .first<{ locationId: number }>();
    expect(stored!.locationId).toBe(location.id);
    const inbox = await page('/admin/complaints', owner.cookie);
    expect(inbox.html).toContain(`/admin/complaints/${id}`);
    // Filtering by it still works while it is chosen, though the picker no longer offers it otherwise.
    const filtered = await page(`/admin/complaints?location=${location.id}`, owner.cookie);
    expect(inboxPicker(filtered.html)).toContain(`<option value="${location.id}" selected`);
    expect(filtered.html).toContain(`/admin/complaints/${id}`);
  });

  it('is for owners: a manager sees no archive buttons and is refused', async () => {
    const manager = await signIn('manager');
    const location = await namedLocation();
    const list = await page('/admin/locations', manager.cookie);
    expect(list.html).toContain(location.name);
    expect(list.html).not.toContain(`/admin/locations/${location.id}/archive`);
    expect((await postForm(`/admin/locations/${location.id}/archive`, manager, {})).status).toBe(403);
    const row = await env.DB.prepare('SELECT archived_at AS archivedAt FROM locations WHERE id = ?1')
      .bind(location.id)
      .first();
    expect(row).toEqual({ archivedAt: null });
  });

  it('answers 404 for a location that does not exist', async () => {
    const owner = await signIn('owner');
    expect((await postForm('/admin/locations/987654/archive', owner, {})).status).toBe(404);
    expect((await postForm('/admin/locations/abc/restore', owner, {})).status).toBe(404);
  });
});

describe('archiving through the locations API', () => {
  it('shows archived and accepts it in PATCH, alone or with other fields', async () => {
    const owner = await createToken('owner');
    const location = await namedLocation();
    const archived = await api('PATCH', `/locations/${location.slug}`, owner, { archived: true });
    expect(archived.status).toBe(200);
    expect(await archived.json()).toMatchObject({ slug: location.slug, archived: true, name: location.name });
    expect(await (await api('GET', `/locations/${location.slug}`, owner)).json()).toMatchObject({ archived: true });
    const list = await (await api('GET', '/locations', owner)).json<{
      locations: { slug: string; archived: boolean }[];
    }>();
    expect(list.locations.find((l) => l.slug === location.slug)?.archived).toBe(true);

    const back = await api('PATCH', `/locations/${location.slug}`, owner, { archived: false, address: 'Новый адрес' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ archived: false, address: 'Новый адрес' });
  });

  it('refuses an archived value that is not true or false, naming the field', async () => {
    const owner = await createToken('owner');
    const location = await namedLocation();
    const res = await api('PATCH', `/locations/${location.slug}`, owner, { archived: 'yes' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'archived must be true or false', field: 'archived' });
  });
});
