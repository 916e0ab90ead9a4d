import { Hono } from 'hono';
import { PDFDocument } from 'pdf-lib';
import { requirePermission } from '../../auth/middleware';
import { deleteLogo, saveLogo } from '../../db/location-brand';
import { getLocationBySlug } from '../../db/locations';
import { MAX_LOGO_BYTES, sniffLogo } from '../../domain/logo';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { describeEndpoint } from './openapi';

/** A location's logo on its cards: PUT the image as the body (PNG or JPEG, up to 512 KB), DELETE to remove it. Owners only. */
export const locationLogoApi = new Hono<AppEnv>();

async function locationOf(db: D1Database, slug: string) {
  const location = await getLocationBySlug(db, slug);
  if (!location || location.archivedAt !== null) throw new AppError(404, `no location with slug "${slug}"`, 'slug');
  return location;
}

locationLogoApi.put('/:slug/logo', requirePermission('settings'), async (c) => {
  const location = await locationOf(c.env.DB, c.req.param('slug'));
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new AppError(400, 'the body must be the image: a PNG or JPEG file', 'body');
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError(413, `the logo must be at most 512 KB (this one is ${Math.ceil(bytes.length / 1024)} KB)`, 'body');
  const info = sniffLogo(bytes);
  if (!info) throw new AppError(415, 'the logo must be a PNG or JPEG image', 'body');
  try {
    // What the PDF renderer cannot draw is refused now, not when a batch is printed.
    const doc = await PDFDocument.create();
    if (info.type === 'image/png') await doc.embedPng(bytes);
    else await doc.embedJpg(bytes);
  } catch {
    throw new AppError(422, 'this image cannot be read; save it again as PNG or JPEG', 'body');
  }
  await saveLogo(c.env.DB, location.id, { ...info, bytes }, Date.now());
  return c.json({ location: location.slug, type: info.type, width: info.width, height: info.height, bytes: bytes.length });
});

locationLogoApi.delete('/:slug/logo', requirePermission('settings'), async (c) => {
  const location = await locationOf(c.env.DB, c.req.param('slug'));
  const removed = await deleteLogo(c.env.DB, location.id, Date.now());
  return c.json({ location: location.slug, removed });
});

describeEndpoint({
  method: 'put',
  path: '/locations/:slug/logo',
  summary: "Set a location's logo",
  description: 'The body is the image itself (PNG or JPEG, at most 512 KB). Every design places it in its logo box; receipts print no logo. Owner tokens only.',
  permission: 'settings',
  responseExample: { location: 'demo', type: 'image/png', width: 600, height: 240, bytes: 48213 },
});
describeEndpoint({
  method: 'delete',
  path: '/locations/:slug/logo',
  summary: "Remove a location's logo",
  permission: 'settings',
  responseExample: { location: 'demo', removed: true },
});
