import { OpenAPIHono, type Hook, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { requirePermission } from '../../auth/middleware';
import { PERMISSIONS, type Permission } from '../../auth/roles';
import { firstIssue } from '../../domain/batch-request';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { readJson } from './json';

/**
 * How an `/api/v1` route is declared: once, with `createRoute`, its schemas and its documentation,
 * on a router made by `apiRouter()`. The OpenAPI document (openapi.ts) is read from these declarations.
 * @example
 * const route = createRoute({ method: 'post', path: '/{id}/void', summary: 'Void a batch', ...guarded('print'),
 *   request: { params: idParam, body: jsonBody(voidRequestSchema) }, responses: ok(200, { id: 'b_1' }) });
 * batchesApi.openapi(route, async (c) => c.json({ id: c.req.valid('param').id }));
 */

/** The one answer to a request that fails its schema: 400 `{ error, field }` naming the first problem. */
export const defaultHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    const { field, message } = firstIssue(result.error);
    throw new AppError(400, message, field);
  }
};

/** A router whose routes are validated and documented from their `createRoute` declarations. */
export const apiRouter = () => new OpenAPIHono<AppEnv>({ defaultHook });

/** Refuses what is not a JSON object (415, 413, 400 as `readJson` says) before the schema reads it. */
const jsonObject: MiddlewareHandler<AppEnv> = async (c, next) => {
  await readJson(c);
  await next();
};

/** Like `jsonObject`, but lets a `text/csv` body through to the handler. */
export const jsonObjectOrCsv: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv')) await readJson(c);
  await next();
};

/**
 * The token's permission, checked before anything else, and said in the document (`x-permission`,
 * the roles allowed). `body` also refuses a body that is not a JSON object, before the schema.
 */
export function guarded(permission: Permission, description?: string, body?: 'json' | 'jsonOrCsv') {
  const roles = (PERMISSIONS[permission] as readonly string[]).join(', ');
  const middleware: MiddlewareHandler<AppEnv>[] = [requirePermission(permission)];
  if (body === 'json') middleware.push(jsonObject);
  if (body === 'jsonOrCsv') middleware.push(jsonObjectOrCsv);
  return {
    description: `${description ? `${description}\n\n` : ''}Roles allowed: ${roles}.`,
    'x-permission': permission,
    security: [{ bearerAuth: [] }],
    middleware,
  };
}

/** A JSON request body validated by `schema`, the very object the document describes. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const ERRORS = {
  400: 'The request is invalid; `field` names the bad field.',
  401: 'No token, or an unknown or revoked token.',
  403: "The token's role does not allow this.",
  404: 'No such resource.',
  413: 'The body is too large.',
} as const;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** The responses of a route: its success (a JSON example, or another type as binary) and the common errors. */
export function ok(status: 200 | 201, example?: unknown, type = 'application/json'): RouteConfig['responses'] {
  const content =
    type === 'application/json'
      ? { [type]: example === undefined ? { schema: {} } : { example } }
      : { [type]: { schema: { type: 'string' as const, format: 'binary' } } };
  return {
    [status]: { description: 'Success', content },
    ...Object.fromEntries(Object.entries(ERRORS).map(([code, description]) => [code, { description, content: errorContent }])),
  };
}
