import { createMiddleware } from 'hono/factory';
import { useApiToken } from '../db/api-tokens';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { constantTimeEqual, sha256Hex } from './crypto';
import { can, type Permission } from './roles';
import { loadSession } from './session';

/** Pages: a visitor without a live session is sent to the login page, then back. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await loadSession(c, Date.now()))) {
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? url.pathname + url.search : '/admin';
    return c.redirect(`/admin/login?next=${encodeURIComponent(back)}`, 302);
  }
  await next();
});

/** Pages and API alike: the actor's role must grant `permission`. */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError(401, 'Authentication required');
    if (!can(actor.role, permission)) throw new AppError(403, 'Your role does not allow this');
    await next();
  });
}

/**
 * Forms that change state carry the session's CSRF token in `_csrf`. Pages are HTML forms, so
 * only GET, HEAD and POST exist here; anything else is a 405 rather than a CSRF refusal.
 */
export const requireCsrf = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'POST')
    throw new AppError(405, 'Method not allowed');
  if (c.req.method === 'POST') {
    const expected = c.get('csrfToken');
    const type = c.req.header('content-type') ?? '';
    let sent = '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : '';
    }
    if (!expected || !constantTimeEqual(sent, expected)) throw new AppError(403, 'csrf');
  }
  await next();
});

/** API: `Authorization: Bearer <token>`; tokens are stored as SHA-256 hashes. */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S{8,200})$/i.exec(header);
  if (!match) throw new AppError(401, 'Missing or malformed bearer token');
  const token = await useApiToken(c.env.DB, await sha256Hex(match[1]!), Date.now());
  if (!token) throw new AppError(401, 'Unknown or revoked token');
  c.set('actor', { kind: 'token', id: token.id, label: `api:${token.name}`, role: token.role });
  await next();
});
