import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requirePermission } from '../../auth/middleware';
import { PERMISSIONS, type Permission } from '../../auth/roles';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { readJson, readOptionalJson } from './json';

/**
 * How an `/api/v1` route is declared: once, with `createRoute`, its schemas and its documentation, on an
 * `OpenAPIHono` sub-app made by `apiApp()`. The OpenAPI 3.1 document is generated from those declarations
 * on request (`openApiDocument`), so it cannot drift from what the API accepts.
 * @example
 * complaintsApi.openapi(
 *   createRoute({ method: 'patch', path: '/{id}', request: { params: pathParams('id'), body: jsonBody(complaintPatchSchema) },
 *     ...routeDoc({ permission: 'complaints', summary: 'Change a complaint', body: 'json', example: EXAMPLE }) }),
 *   (c) => c.json(update(c.req.valid('json'))),
 * );
 */

/** The first problem of a failed validation, as the `{ error, field }` of the 400 answer. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.filter((p) => typeof p === 'string').join('.') || 'body';
  return { field, message: issue?.message ?? 'invalid request' };
}

/** Every API sub-app turns a validation failure into the same `AppError(400, message, field)`. */
export const validationHook = (result: { success: true } | { success: false; error: z.ZodError }) => {
  if (!result.success) {
    const { field, message } = firstIssue(result.error);
    throw new AppError(400, message, field);
  }
};

/** An API sub-app: routes declared with `.openapi(createRoute(...), handler)`. */
export const apiApp = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** The path parameters of a route, all strings (the handlers read and check them). */
export function pathParams<const K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.string()])) as Record<K, z.ZodString>);
}

/** A required JSON body validated by `schema` (read first by `readJson`: 415, 413 and bad JSON as before). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true as const,
  content: { 'application/json': { schema } },
});

const ERRORS = {
  400: 'The request is invalid; `field` names the bad field.',
  401: 'No token, or an unknown or revoked token.',
  403: "The token's role does not allow this.",
  404: 'No such resource.',
  413: 'The body is too large.',
} as const;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

const readJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  await readJson(c);
  await next();
};
const readOptionalJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  await readOptionalJson(c);
  await next();
};

export interface RouteDoc {
  permission: Permission;
  summary: string;
  description?: string;
  /** 'json': a JSON object is required (declare it with `jsonBody`); 'optional': none, or a JSON object. */
  body?: 'json' | 'optional';
  /** 200 unless given (201 for creations). */
  status?: 200 | 201;
  /** Defaults to application/json. */
  responseType?: string;
  example?: unknown;
}

/** The documentation, guard and answers of a route, spread into `createRoute`. */
export function routeDoc(doc: RouteDoc): Pick<
  RouteConfig,
  'summary' | 'description' | 'security' | 'middleware' | 'responses'
> & {
  'x-permission': Permission;
} {
  const roles = (PERMISSIONS[doc.permission] as readonly string[]).join(', ');
  const type = doc.responseType ?? 'application/json';
  const middleware: MiddlewareHandler<AppEnv>[] = [requirePermission(doc.permission)];
  if (doc.body === 'json') middleware.push(readJsonBody);
  if (doc.body === 'optional') middleware.push(readOptionalJsonBody);
  return {
    summary: doc.summary,
    description: `${doc.description ? `${doc.description}\n\n` : ''}Roles allowed: ${roles}.`,
    'x-permission': doc.permission,
    security: [{ bearerAuth: [] }],
    middleware,
    responses: {
      [doc.status ?? 200]: {
        description: 'Success',
        content:
          type === 'application/json'
            ? { [type]: doc.example === undefined ? { schema: {} } : { schema: {}, example: doc.example } }
            : { [type]: { schema: { type: 'string' as const, format: 'binary' } } },
      },
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [status, { description, content: errorContent }]),
      ),
    },
  };
}

export { createRoute };

/** The OpenAPI 3.1 document of `api` (mounted at /api/v1) for the API at `origin`, built on request. */
export function openApiDocument(api: OpenAPIHono<AppEnv>, origin: string) {
  const generated = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Support Index API',
      version: '1',
      description:
        'Print postcards from a CRM and read complaints and the Support Index. JSON in and out; errors are `{ "error", "field" }` with a 4xx status.',
    },
    servers: [{ url: origin }],
  });
  const paths: Record<string, unknown> = {};
  for (const path of Object.keys(generated.paths ?? {}).sort()) paths[`/api/v1${path}`] = generated.paths![path];
  paths['/api/v1/openapi.json'] = {
    get: {
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: {} } } } },
    },
  };
  return {
    ...generated,
    components: {
      ...generated.components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token created by the owner at /admin/tokens.',
        },
      },
      schemas: {
        ...generated.components?.schemas,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'string', description: 'What went wrong, in English.' },
            field: { type: 'string', description: 'The request field at fault, when there is one.' },
          },
        },
      },
    },
    paths,
  };
}
