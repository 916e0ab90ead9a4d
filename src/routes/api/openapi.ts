import { Hono } from 'hono';
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../../auth/roles';
import { batchRequestSchema } from '../../domain/batch-request';
import { voidRequestSchema } from '../../domain/voiding';
import type { AppEnv } from '../../env';

/**
 * The OpenAPI 3.1 description of `/api/v1`, built from the same zod schemas that validate the
 * requests, so the document cannot drift from what the API accepts.
 *
 * Every API route file describes its endpoints next to them:
 * @example
 * describeEndpoint({ method: 'post', path: '/complaints/:id/status', summary: 'Change a status',
 *   permission: 'complaints', requestSchema: statusSchema, responseExample: { id: 'c_1', status: 'resolved' } });
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface EndpointDoc {
  method: HttpMethod;
  /** Relative to /api/v1, in Hono's syntax: `/batches/:id/pdf`. */
  path: string;
  summary: string;
  description?: string;
  permission: Permission;
  /** The JSON body schema, the very object the route validates with. */
  requestSchema?: z.ZodType;
  /** Query parameters, as a zod object (each key becomes a parameter). */
  querySchema?: z.ZodObject;
  /** 200 unless given (201 for creations). */
  successStatus?: number;
  /** Defaults to application/json. */
  responseType?: string;
  responseExample?: unknown;
}

const endpoints = new Map<string, EndpointDoc>();

export function describeEndpoint(doc: EndpointDoc): void {
  endpoints.set(`${doc.method} ${doc.path}`, doc);
}

/** The documented endpoints, e.g. for a test comparing them with the app's routes. */
export function documentedEndpoints(): EndpointDoc[] {
  return [...endpoints.values()];
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'What went wrong, in English.' },
    field: { type: 'string', description: 'The request field at fault, when there is one.' },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'The request is invalid; `field` names the bad field.',
  '401': 'No token, or an unknown or revoked token.',
  '403': "The token's role does not allow this.",
  '404': 'No such resource.',
  '413': 'The body is too large.',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function operation(doc: EndpointDoc) {
  const params = [...doc.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (doc.querySchema) {
    const shape = jsonSchema(doc.querySchema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      params.push({ name, in: 'query', required: shape.required?.includes(name) ?? false, schema: schema as { type: string } });
    }
  }
  const type = doc.responseType ?? 'application/json';
  const success = type === 'application/json'
    ? { content: { [type]: doc.responseExample === undefined ? { schema: {} } : { example: doc.responseExample } } }
    : { content: { [type]: { schema: { type: 'string', format: 'binary' } } } };
  const roles = (PERMISSIONS[doc.permission] as readonly string[]).join(', ');
  return {
    summary: doc.summary,
    description: `${doc.description ? `${doc.description}\n\n` : ''}Roles allowed: ${roles}.`,
    'x-permission': doc.permission,
    security: [{ bearerAuth: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(doc.requestSchema
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.requestSchema, 'input') } } } }
      : {}),
    responses: {
      [String(doc.successStatus ?? 200)]: { description: 'Success', ...success },
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document for the API at `origin`. */
export function openApiDocument(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = documentedEndpoints().sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const doc of sorted) {
    const path = `/api/v1${doc.path.replace(/:(\w+)/g, '{$1}')}`;
    (paths[path] ??= {})[doc.method] = operation(doc);
  }
  paths['/api/v1/openapi.json'] = {
    get: { summary: 'This document', security: [], responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: {} } } } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support Index API',
      version: '1',
      description: 'Print postcards from a CRM and read complaints and the Support Index. JSON in and out; errors are `{ "error", "field" }` with a 4xx status.',
    },
    servers: [{ url: origin }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token created by the owner at /admin/tokens.' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

// These endpoints predate this registry; they are described here with the schemas their routes use.
describeEndpoint({
  method: 'post',
  path: '/batches',
  summary: 'Create a batch of postcards',
  description:
    'With `orders`, one card per order (the count may be omitted); an order may be a plain ref or `{"ref", "date"}`, and its card counts as a customer served on that date (plain refs: the print day). ' +
    'Without orders, the cards count as customers served evenly over `handOut` (default: the location\'s `handOutDays` from the print day, in its time zone): N cards over D days give each day floor(N/D), the first N mod D days one more. ' +
    'Answers with every card code, the window and the PDF link.',
  permission: 'print',
  requestSchema: batchRequestSchema,
  successStatus: 201,
  responseExample: {
    id: 'b_7K3M9Q',
    pdfUrl: '/api/v1/batches/b_7K3M9Q/pdf',
    handOut: { from: '2026-12-07', to: '2026-12-13' },
    cards: [{ code: '7K3M9Q2XWD', reviewUrl: 'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD', complaintUrl: 'HTTPS://Q.EXAMPLE.RU/C/7K3M9Q2XWD', order: 'A-1001' }],
  },
});
describeEndpoint({
  method: 'get',
  path: '/batches/:id/pdf',
  summary: 'The print-ready PDF of a batch',
  permission: 'print',
  responseType: 'application/pdf',
});

describeEndpoint({
  method: 'post',
  path: '/batches/:id/handed-out',
  summary: 'All cards of a batch handed out',
  description: 'Ends the hand-out window today (in the location\'s time zone) and spreads the cards over the shorter window, so customers served move to the days they were really served. No body needed. A batch printed for orders answers 409.',
  permission: 'print',
  responseExample: { id: 'b_7K3M9Q', handOut: { from: '2026-12-07', to: '2026-12-09' }, endedAt: 1765280000000 },
});

describeEndpoint({
  method: 'post',
  path: '/batches/:id/void',
  summary: 'Void a whole batch',
  description: 'Its cards stop counting as customers served and their QR codes show "card not found". Voiding again answers the first record.',
  permission: 'print',
  requestSchema: voidRequestSchema,
  responseExample: { id: 'b_7K3M9Q', voided: true, voidedAt: 1763900000000, reason: 'lost in transit', voidedBy: 'api:Warehouse CRM' },
});
describeEndpoint({
  method: 'post',
  path: '/cards/:code/void',
  summary: 'Void one card',
  description: 'The code is read in any case.',
  permission: 'print',
  requestSchema: voidRequestSchema,
  responseExample: { code: '7K3M9Q2XWD', batchId: 'b_7K3M9Q', voided: true, voidedAt: 1763900000000, reason: 'misprinted', voidedBy: 'api:Warehouse CRM', byBatch: false },
});
describeEndpoint({
  method: 'get',
  path: '/batches/:id/scans',
  summary: "A batch's scan counts",
  permission: 'dashboard',
  querySchema: z.object({
    from: z.string().regex(/^\d{1,15}$/).optional().describe('unix milliseconds, default 0'),
    to: z.string().regex(/^\d{1,15}$/).optional().describe('unix milliseconds, default now'),
  }),
  responseExample: { batchId: 'b_7K3M9Q', from: 0, to: 1763900000000, cards: { printed: 100, voided: 2 }, scans: {} },
});

/** Served without a token: the only public route under /api/v1. */
export const openApiRoutes = new Hono<AppEnv>();

openApiRoutes.get('/openapi.json', (c) => {
  c.header('cache-control', 'public, max-age=300');
  return c.json(openApiDocument(new URL(c.req.url).origin));
});
