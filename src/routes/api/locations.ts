import {
  getLocationBySlug,
  insertLocation,
  listLocations,
  setLocationArchived,
  slugTaken,
  updateLocation,
} from '../../db/locations';
import type { LocationWithLinks } from '../../domain/locations';
import {
  emptyLocationValues,
  locationFormValues,
  validateLocationForm,
  type LocationFormValues,
} from '../../domain/location-form';
import {
  apiField,
  applyLocationPatch,
  locationCreateSchema,
  locationPatchSchema,
  type LocationPatch,
} from '../../domain/location-request';
import { hoursToClockJson } from '../../domain/working-time';
import { AppError, badRequest } from '../../errors';
import { messages } from '../../i18n';
import { apiApp, createRoute, jsonBody, pathParams, routeDoc } from './openapi';

/**
 * Locations for chains that manage their outlets from their own systems. Reading needs the
 * locations permission; creating and changing them, an owner's token.
 */
export const locationsApi = apiApp();

export function locationJson(location: LocationWithLinks) {
  return {
    slug: location.slug,
    name: location.name,
    address: location.address,
    timeZone: location.timeZone,
    handOutDays: location.handOutDays,
    cardTexts: location.cardTexts,
    reviewLinks: location.reviewLinks.map((l) => ({ platform: l.platform, url: l.url, primary: l.isPrimary })),
    hours: hoursToClockJson(location.hours),
    holidays: location.holidays,
    archived: location.archivedAt !== null,
  };
}

/** The body applied over `base` and checked by the form's rules; the first problem is a 4xx naming its field. */
async function validated(db: D1Database, base: LocationFormValues, patch: LocationPatch, exceptId: number | null) {
  const { values, duplicate } = applyLocationPatch(base, patch);
  if (duplicate) throw badRequest(`two review links for ${duplicate}: give one link per platform`, 'reviewLinks');
  const result = validateLocationForm(values);
  if (!result.ok) {
    const [field, problem] = Object.entries(result.errors)[0]!;
    const text = (messages('en').admin.locations.errors as Record<string, string>)[problem] ?? 'invalid value';
    throw badRequest(field.startsWith('link_') ? `${field.slice(5)}: ${text}` : text, apiField(field));
  }
  if (await slugTaken(db, result.location.slug, exceptId))
    throw new AppError(409, `another location already has the slug "${result.location.slug}"`, 'slug');
  return result.location;
}

const EXAMPLE = {
  slug: 'novosibirsk-center',
  name: 'Пекарня «Колобок» на Красном',
  address: 'Новосибирск, Красный проспект, 1',
  timeZone: 'Asia/Novosibirsk',
  handOutDays: 7,
  cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
  reviewLinks: [
    { platform: 'yandex_maps', url: 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/', primary: true },
  ],
  hours: {
    mon: [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
    sat: [['10:00', '16:00']],
    sun: [],
  },
  holidays: ['2027-01-01', '2027-01-02'],
  archived: false,
};

const list = createRoute({
  method: 'get',
  path: '/',
  ...routeDoc({ permission: 'locations', summary: 'List locations', example: { locations: [EXAMPLE] } }),
});
locationsApi.openapi(list, async (c) => {
  const locations = await listLocations(c.env.DB);
  return c.json({ locations: locations.map(locationJson) });
});

const create = createRoute({
  method: 'post',
  path: '/',
  request: { body: jsonBody(locationCreateSchema) },
  ...routeDoc({
    permission: 'locationWrites',
    body: 'json',
    status: 201,
    summary: 'Create a location',
    description:
      'Review links follow the same host rules as the location form; a refused link answers 400 with `field: "reviewLinks"`. A slug in use answers 409.',
    example: EXAMPLE,
  }),
});
locationsApi.openapi(create, async (c) => {
  const body = c.req.valid('json');
  const location = await validated(c.env.DB, emptyLocationValues(), body, null);
  await insertLocation(c.env.DB, location, Date.now());
  const stored = await getLocationBySlug(c.env.DB, location.slug);
  return c.json(locationJson(stored!), 201);
});

const one = createRoute({
  method: 'get',
  path: '/{slug}',
  request: { params: pathParams('slug') },
  ...routeDoc({ permission: 'locations', summary: 'One location', example: EXAMPLE }),
});
locationsApi.openapi(one, async (c) => {
  const location = await getLocationBySlug(c.env.DB, c.req.valid('param').slug);
  if (!location) throw new AppError(404, 'no such location', 'slug');
  return c.json(locationJson(location));
});

const change = createRoute({
  method: 'patch',
  path: '/{slug}',
  request: { params: pathParams('slug'), body: jsonBody(locationPatchSchema) },
  ...routeDoc({
    permission: 'locationWrites',
    body: 'json',
    summary: 'Change a location',
    description:
      'Only the fields given change; `reviewLinks`, when given, replaces all links. `archived: true` archives the location (its cards keep working, scans and complaints are still taken; it leaves the print and filter choices), `false` restores it. A new `timeZone` re-cuts the location’s days from its raw events. `hours` are the weekly hours in which complaints are answered, in the location’s zone (a weekday left out is a day off; `null` = always open); `holidays` replaces the list of days off. Complaints made from then on are due in that working time.',
    example: EXAMPLE,
  }),
});
locationsApi.openapi(change, async (c) => {
  const current = await getLocationBySlug(c.env.DB, c.req.valid('param').slug);
  if (!current) throw new AppError(404, 'no such location', 'slug');
  const body = c.req.valid('json');
  const location = await validated(c.env.DB, locationFormValues(current), body, current.id);
  await updateLocation(c.env.DB, current.id, location);
  if (body.archived !== undefined && body.archived !== (current.archivedAt !== null)) {
    await setLocationArchived(c.env.DB, current.id, body.archived ? Date.now() : null);
  }
  return c.json(locationJson((await getLocationBySlug(c.env.DB, location.slug))!));
});
