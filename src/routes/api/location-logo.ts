import { getLocationBySlug } from '../../db/locations';
import { AppError } from '../../errors';
import type { LogoProblem } from '../../services/logo';
import { checkLogo, LOGO_PROBLEM_STATUS, removeLocationLogo, setLocationLogo } from '../../services/logo';
import { apiApp, createRoute, pathParams, routeDoc } from './openapi';

/** A location's logo on its cards: PUT the image as the body (PNG or JPEG, up to 512 KB), DELETE to remove it. Owners only. */
export const locationLogoApi = apiApp();

async function locationOf(db: D1Database, slug: string) {
  const location = await getLocationBySlug(db, slug);
  if (!location || location.archivedAt !== null) throw new AppError(404, `no location with slug "${slug}"`, 'slug');
  return location;
}

/** The API's words for each problem (the brand page has its own, in the visitor's language). */
const PROBLEM_MESSAGE: Record<LogoProblem, (bytes: Uint8Array) => string> = {
  empty: () => 'the body must be the image: a PNG or JPEG file',
  tooLarge: (bytes) => `the logo must be at most 512 KB (this one is ${Math.ceil(bytes.length / 1024)} KB)`,
  notImage: () => 'the logo must be a PNG or JPEG image',
  damaged: () => 'this image cannot be read; save it again as PNG or JPEG',
};

const setLogoRoute = createRoute({
  method: 'put',
  path: '/{slug}/logo',
  request: { params: pathParams('slug') },
  ...routeDoc({
    permission: 'settings',
    summary: "Set a location's logo",
    description:
      'The body is the image itself (PNG or JPEG, at most 512 KB). Every design places it in its logo box; receipts print no logo. Owner tokens only.',
    example: { location: 'demo', type: 'image/png', width: 600, height: 240, bytes: 48213 },
  }),
});

locationLogoApi.openapi(setLogoRoute, async (c) => {
  const location = await locationOf(c.env.DB, c.req.param('slug'));
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const checked = await checkLogo(bytes);
  if ('problem' in checked)
    throw new AppError(LOGO_PROBLEM_STATUS[checked.problem], PROBLEM_MESSAGE[checked.problem](bytes), 'body');
  const { logo } = checked;
  await setLocationLogo(c.env.DB, location.id, logo, Date.now());
  return c.json({
    location: location.slug,
    type: logo.type,
    width: logo.width,
    height: logo.height,
    bytes: bytes.length,
  });
});

const removeLogoRoute = createRoute({
  method: 'delete',
  path: '/{slug}/logo',
  request: { params: pathParams('slug') },
  ...routeDoc({
    permission: 'settings',
    summary: "Remove a location's logo",
    example: { location: 'demo', removed: true },
  }),
});

locationLogoApi.openapi(removeLogoRoute, async (c) => {
  const location = await locationOf(c.env.DB, c.req.param('slug'));
  const removed = await removeLocationLogo(c.env.DB, location.id, Date.now());
  return c.json({ location: location.slug, removed });
});
