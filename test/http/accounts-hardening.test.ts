import { describe, expect, it } from 'vitest';
import { batchRequestSchema } from '../../src/domain/batch-request';
import { call, createToken, signIn } from '../helpers';
import { z } from 'zod';

describe('security headers', () => {
  it.each([
    '/admin/login',
    '/admin/nope',
    '/api/v1/openapi.json',
    '/api/v1/batches',
    '/c/0000000000',
    '/assets/app.css',
  ])('are on %s', async (path) => {
    const res = await call(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
  });

  it('keep pages free of inline scripts and style attributes', async () => {
    const session = await signIn('owner');
    for (const path of ['/admin/users', '/admin/tokens', '/admin/account', '/admin/settings', '/admin/login']) {
      const html = await (await call(path, { headers: { cookie: session.cookie } })).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle="/);
      expect(html, path).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe('the OpenAPI document', () => {
  it('is public and built from the very schema that validates batch requests', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      servers: { url: string }[];
      components: { securitySchemes: Record<string, { scheme: string }> };
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: unknown }> };
            security?: unknown[];
            parameters?: { name: string; in: string }[];
          }
        >
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('https://si.test');
    expect(doc.components.securitySchemes.bearerAuth!.scheme).toBe('bearer');
    const post = doc.paths['/api/v1/batches']!.post!;
    const { $schema: _, ...expected } = z.toJSONSchema(batchRequestSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    expect(post.requestBody!.content['application/json']!.schema).toEqual(expected);
    expect(JSON.stringify(post.requestBody)).toContain('"maximum":1000');
    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/batches/{id}/pdf']!.get!.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path' }),
    );
  });

  it('is the only API route open without a token', async () => {
    expect((await call('/api/v1/openapi.json')).status).toBe(200);
    expect((await call('/api/v1/batches/x/pdf')).status).toBe(401);
    const token = await createToken('staff');
    expect((await call('/api/v1/openapi.json', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe('errors', () => {
  it('never show a stack trace or SQL: an unknown API path and a broken body answer plain JSON', async () => {
    const token = await createToken('owner');
    const res = await call('/api/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"location": "x", "count": 1, "orders": [',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at \w+ \(|SQLITE|D1_|Error:/);
  });
});
