import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ASSETS, type AssetName, assetVersion } from '../views/assets';

/**
 * `/assets/<name>`: the stylesheets and the one script, under one cache policy. A link from a page
 * carries the content's fingerprint (`?v=`), so that answer is kept for a year (`immutable`). Any
 * other address of the file (no `?v=`, or an old one from a page cached before a deploy) is
 * answered with the current file and `no-cache`, to be checked again with its ETag (a 304).
 */
export const assetRoutes = new Hono<AppEnv>();

assetRoutes.get('/assets/:name', (c, next) => {
  const name = c.req.param('name');
  if (!Object.hasOwn(ASSETS, name)) return next();
  const asset = ASSETS[name as AssetName];
  const version = assetVersion(name as AssetName);
  const etag = `"${version}"`;
  const current = c.req.query('v') === version;
  c.header('content-type', asset.type);
  c.header('cache-control', current ? 'public, max-age=31536000, immutable' : 'no-cache');
  c.header('etag', etag);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(asset.body);
});
