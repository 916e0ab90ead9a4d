import type { Context } from 'hono';
import { Hono } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { can } from '../../auth/roles';
import { fill, messages } from '../../i18n';
import {
  getLocation,
  insertLocation,
  listLocations,
  ownerTimeZone,
  setLocationArchived,
  setOwnerTimeZone,
  slugTaken,
  updateLocation,
} from '../../db/locations';
import { getLocationBrand, NO_BRAND } from '../../db/location-brand';
import type { LocationFieldError, LocationFormValues } from '../../domain/location-form';
import {
  emptyLocationValues,
  locationFormValues,
  readLocationForm,
  validateLocationForm,
} from '../../domain/location-form';
import type { AppEnv } from '../../env';
import { badRequest, notFound } from '../../errors';
import type { DesignFitProblem } from '../../services/card-design';
import { cardTextFit, fieldsCutEverywhere } from '../../services/card-design';
import { publicOrigin } from '../../services/printing';
import { CardTextFit } from '../../views/card-text-fit';
import { editTitle, LocationForm, LocationsList } from '../../views/locations';
import { CARD_TEXT_FIT_SCRIPT } from '../../views/print-preview-script';
import { canonicalTimeZone } from '../../domain/time';
import { renderFragment } from '../../views/renderer';

export const locationRoutes = new Hono<AppEnv>();
locationRoutes.use('*', requirePermission('locations'));

const CURRENT = '/admin/locations';

/** The location form's fit check: its texts on the card in every design, with the location's brand. */
async function fitOf(c: Context<AppEnv>, values: LocationFormValues, id: number | null) {
  const brand = id === null ? NO_BRAND : await getLocationBrand(c.env.DB, id).catch(() => NO_BRAND);
  const draft = {
    name: values.name,
    headline: values.headline,
    reviewCaption: values.reviewCaption,
    complaintCaption: values.complaintCaption,
    footer: values.footer,
    primaryPlatform: values.primary,
  };
  return cardTextFit(draft, brand, publicOrigin(c.env, c.req.url) ?? 'https://q.example.ru');
}

/** Texts no design can print whole are refused, on the field (a cut in some designs is shown as a warning). */
function refuseUnprintableTexts(fit: DesignFitProblem[], errors: Record<string, LocationFieldError>): void {
  for (const field of fieldsCutEverywhere(fit))
    if (field !== 'backText' && !errors[field]) errors[field === 'locationName' ? 'name' : field] = 'textCut';
}

function locationId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('no such location');
  return id;
}

locationRoutes.get('/', async (c) => {
  const t = messages(c.get('locale'));
  const [locations, zone] = await Promise.all([listLocations(c.env.DB), ownerTimeZone(c.env.DB)]);
  return c.render(
    <LocationsList
      locations={locations}
      saved={c.req.query('saved') === '1'}
      notice={archiveNotice(
        c.get('locale'),
        c.req.query('archived') ?? c.req.query('restored'),
        c.req.query('archived') !== undefined,
        locations,
      )}
      canArchive={can(c.get('actor')!.role, 'locationWrites')}
      archiveT={messages(c.get('locale')).locationArchive}
      ownerTimeZone={zone}
    />,
    { title: t.admin.locations.title, current: CURRENT },
  );
});

/** "Точка «…» в архиве" after archiving (or restoring) it, named by the id in the query. */
function archiveNotice(
  locale: 'ru' | 'en',
  id: string | undefined,
  archived: boolean,
  locations: { id: number; name: string }[],
): string | undefined {
  const location = id ? locations.find((l) => String(l.id) === id) : undefined;
  if (!location) return undefined;
  const t = messages(locale).locationArchive;
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
  if (zone === null) throw badRequest(messages(c.get('locale')).admin.locations.errors.timeZoneUnknown, 'timeZone');
  await setOwnerTimeZone(c.env.DB, zone, Date.now());
  return c.redirect('/admin/locations?saved=1', 303);
});

/** The fit check alone, for the form's script: `?name=&headline=&reviewCaption=&complaintCaption=&footer=&primary=&location=<id>`. */
locationRoutes.get('/fit', async (c) => {
  const values = readLocationForm(c.req.query());
  const id = Number(c.req.query('location'));
  const fit = await fitOf(c, values, Number.isSafeInteger(id) && id > 0 ? id : null);
  return renderFragment(c, <CardTextFit locale={c.get('locale')} problems={fit} />);
});

locationRoutes.get('/fit.js', (c) => {
  c.header('content-type', 'text/javascript; charset=utf-8');
  c.header('cache-control', 'private, max-age=300');
  return c.body(CARD_TEXT_FIT_SCRIPT);
});

locationRoutes.get('/new', async (c) => {
  const t = messages(c.get('locale'));
  const values = emptyLocationValues();
  return c.render(
    <LocationForm
      action="/admin/locations/new"
      title={t.admin.locations.newTitle}
      values={values}
      errors={{}}
      fit={await fitOf(c, values, null)}
      locale={c.get('locale')}
    />,
    { title: t.admin.locations.newTitle, current: CURRENT },
  );
});

locationRoutes.post('/new', async (c) => {
  const t = messages(c.get('locale'));
  const values = readLocationForm(await c.req.parseBody());
  const result = validateLocationForm(values);
  const errors = result.ok ? {} : result.errors;
  if (result.ok && (await slugTaken(c.env.DB, result.location.slug, null))) errors.slug = 'slugTaken';
  const fit = await fitOf(c, values, null);
  refuseUnprintableTexts(fit, errors);
  if (!result.ok || Object.keys(errors).length > 0) {
    const title = t.admin.locations.newTitle;
    c.status(400);
    return c.render(
      <LocationForm
        action="/admin/locations/new"
        title={title}
        values={values}
        errors={errors}
        fit={fit}
        locale={c.get('locale')}
      />,
      { title, current: CURRENT },
    );
  }
  await insertLocation(c.env.DB, result.location, Date.now());
  return c.redirect('/admin/locations?saved=1', 303);
});

locationRoutes.get('/:id', async (c) => {
  const t = messages(c.get('locale'));
  const location = await getLocation(c.env.DB, locationId(c.req.param('id')));
  if (!location) throw notFound('no such location');
  const title = editTitle(t, location.name);
  const values = locationFormValues(location);
  return c.render(
    <LocationForm
      action={`/admin/locations/${location.id}`}
      title={title}
      values={values}
      errors={{}}
      fit={await fitOf(c, values, location.id)}
      locale={c.get('locale')}
      locationId={location.id}
    />,
    { title, current: CURRENT },
  );
});

locationRoutes.post('/:id', async (c) => {
  const t = messages(c.get('locale'));
  const id = locationId(c.req.param('id'));
  const location = await getLocation(c.env.DB, id);
  if (!location) throw notFound('no such location');
  const values = readLocationForm(await c.req.parseBody());
  const result = validateLocationForm(values);
  const errors = result.ok ? {} : result.errors;
  if (result.ok && (await slugTaken(c.env.DB, result.location.slug, id))) errors.slug = 'slugTaken';
  const fit = await fitOf(c, values, id);
  refuseUnprintableTexts(fit, errors);
  if (!result.ok || Object.keys(errors).length > 0) {
    const title = editTitle(t, location.name);
    c.status(400);
    return c.render(
      <LocationForm
        action={`/admin/locations/${id}`}
        title={title}
        values={values}
        errors={errors}
        fit={fit}
        locale={c.get('locale')}
        locationId={id}
      />,
      { title, current: CURRENT },
    );
  }
  await updateLocation(c.env.DB, id, result.location);
  return c.redirect('/admin/locations?saved=1', 303);
});
