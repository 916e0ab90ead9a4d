import { Hono } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { can } from '../../auth/roles';
import { fill } from '../../i18n';
import { locationArchive } from '../../i18n/location-archive';
import { getLocation, insertLocation, listLocations, ownerTimeZone, setLocationArchived, setOwnerTimeZone, slugTaken, updateLocation } from '../../db/locations';
import { emptyLocationValues, locationFormValues, readLocationForm, validateLocationForm } from '../../domain/location-form';
import type { AppEnv } from '../../env';
import { badRequest, notFound } from '../../errors';
import { editTitle, LocationForm, LocationsList } from '../../views/locations';
import { renderPage, t } from '../../views/render';
import { canonicalTimeZone } from '../../domain/time';

export const locationRoutes = new Hono<AppEnv>();
locationRoutes.use('*', requirePermission('locations'));

const CURRENT = '/admin/locations';


function locationId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('no such location');
  return id;
}

locationRoutes.get('/', async (c) => {
  const m = t(c);
  const [locations, zone] = await Promise.all([listLocations(c.env.DB), ownerTimeZone(c.env.DB)]);
  return renderPage(
    c,
    m.admin.locations.title,
    <LocationsList
      t={m}
      locations={locations}
      saved={c.req.query('saved') === '1'}
      notice={archiveNotice(c.get('locale'), c.req.query('archived') ?? c.req.query('restored'), c.req.query('archived') !== undefined, locations)}
      canArchive={can(c.get('actor')!.role, 'locationWrites')}
      archiveT={locationArchive[c.get('locale')]}
      ownerTimeZone={zone}
      csrfToken={c.get('csrfToken')}
    />,
    { current: CURRENT },
  );
});

/** "Точка «…» в архиве" after archiving (or restoring) it, named by the id in the query. */
function archiveNotice(locale: 'ru' | 'en', id: string | undefined, archived: boolean, locations: { id: number; name: string }[]): string | undefined {
  const location = id ? locations.find((l) => String(l.id) === id) : undefined;
  if (!location) return undefined;
  const t = locationArchive[locale];
  return fill(archived ? t.archivedNotice : t.restoredNotice, { name: location.name });
}

/**
 * Archive and restore (owners, like location changes through the API). The location's cards keep
 * working; it leaves the pickers and the defaults.
 */
locationRoutes.post('/:id/archive', requirePermission('locationWrites'), async (c) => {
  const location = await getLocation(c.env.DB, locationId(c.req.param('id')));
  if (!location) throw notFound('no such location');
  if (location.archivedAt === null) await setLocationArchived(c.env.DB, location.id, Date.now());
  return c.redirect(`/admin/locations?archived=${location.id}`, 303);
});

locationRoutes.post('/:id/restore', requirePermission('locationWrites'), async (c) => {
  const location = await getLocation(c.env.DB, locationId(c.req.param('id')));
  if (!location) throw notFound('no such location');
  await setLocationArchived(c.env.DB, location.id, null);
  return c.redirect(`/admin/locations?restored=${location.id}`, 303);
});

/** The zone of the summary across all locations (each location keeps its own days). */
locationRoutes.post('/time-zone', async (c) => {
  const body = await c.req.parseBody();
  const zone = canonicalTimeZone(typeof body.timeZone === 'string' ? body.timeZone : '');
  if (zone === null) throw badRequest(t(c).admin.locations.errors.timeZoneUnknown, 'timeZone');
  await setOwnerTimeZone(c.env.DB, zone, Date.now());
  return c.redirect('/admin/locations?saved=1', 303);
});

locationRoutes.get('/new', (c) => {
  const m = t(c);
  return renderPage(
    c,
    m.admin.locations.newTitle,
    <LocationForm t={m} action="/admin/locations/new" title={m.admin.locations.newTitle} values={emptyLocationValues()} errors={{}} csrfToken={c.get('csrfToken')} />,
    { current: CURRENT },
  );
});

locationRoutes.post('/new', async (c) => {
  const m = t(c);
  const values = readLocationForm(await c.req.parseBody());
  const result = validateLocationForm(values);
  const errors = result.ok ? {} : result.errors;
  if (result.ok && (await slugTaken(c.env.DB, result.location.slug, null))) errors.slug = 'slugTaken';
  if (!result.ok || Object.keys(errors).length > 0) {
    const title = m.admin.locations.newTitle;
    return renderPage(c, title, <LocationForm t={m} action="/admin/locations/new" title={title} values={values} errors={errors} csrfToken={c.get('csrfToken')} />, {
      status: 400,
      current: CURRENT,
    });
  }
  await insertLocation(c.env.DB, result.location, Date.now());
  return c.redirect('/admin/locations?saved=1', 303);
});

locationRoutes.get('/:id', async (c) => {
  const m = t(c);
  const location = await getLocation(c.env.DB, locationId(c.req.param('id')));
  if (!location) throw notFound('no such location');
  const title = editTitle(m, location.name);
  return renderPage(
    c,
    title,
    <LocationForm t={m} action={`/admin/locations/${location.id}`} title={title} values={locationFormValues(location)} errors={{}} csrfToken={c.get('csrfToken')} />,
    { current: CURRENT },
  );
});

locationRoutes.post('/:id', async (c) => {
  const m = t(c);
  const id = locationId(c.req.param('id'));
  const location = await getLocation(c.env.DB, id);
  if (!location) throw notFound('no such location');
  const values = readLocationForm(await c.req.parseBody());
  const result = validateLocationForm(values);
  const errors = result.ok ? {} : result.errors;
  if (result.ok && (await slugTaken(c.env.DB, result.location.slug, id))) errors.slug = 'slugTaken';
  if (!result.ok || Object.keys(errors).length > 0) {
    const title = editTitle(m, location.name);
    return renderPage(c, title, <LocationForm t={m} action={`/admin/locations/${id}`} title={title} values={values} errors={errors} csrfToken={c.get('csrfToken')} />, {
      status: 400,
      current: CURRENT,
    });
  }
  await updateLocation(c.env.DB, id, result.location);
  return c.redirect('/admin/locations?saved=1', 303);
});
