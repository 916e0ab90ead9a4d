import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { messages } from '../i18n';

const FORM_TYPES = /^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

/**
 * Reads every posted form once, before any route or guard looks at it: a body the runtime
 * cannot parse (multipart without a boundary, a truncated part) is the sender's mistake, so it
 * answers 400, never the 500 a throwing `parseBody()` would become. The parsed form stays in
 * Hono's body cache, so the routes' own `parseBody()` calls read it from there.
 *
 * `/setup` answers such a body with its usual hint-free 404: a form that cannot be read carries
 * no secret.
 */
export const formBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && type && FORM_TYPES.test(type)) {
    try {
      await c.req.parseBody();
    } catch {
      if (c.req.path === '/setup') throw new AppError(404, 'no such page');
      throw new AppError(400, messages(c.get('locale')).common.badForm, 'body');
    }
  }
  await next();
});
