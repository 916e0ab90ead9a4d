import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, ORIGIN, signIn } from '../helpers';
import { appRoutes } from '../route-access';
import { escapedOrAbsent, record, SCRIPT, statuses } from './bad-input-attack';

/** Bad JSON on every API endpoint, and unknown codes, ids and tokens on every kind of page. */

let owner: { cookie: string; csrf: string };
let apiToken: string;

beforeAll(async () => {
  owner = await signIn('owner');
  apiToken = await createToken('owner');
});

describe('bad input: API and unknown ids', { timeout: 120_000 }, () => {
  const API_BODIES: unknown[] = [
    null,
    42,
    'text',
    [],
    [{}],
    {},
    { location: null, count: null },
    { location: 123, count: '5' },
    { location: ['x'], count: 1 },
    { location: { $ne: 1 }, count: 1 },
    { location: SCRIPT, count: 1 },
    { location: "x' OR 1=1 --", count: 1 },
    { location: 'x', count: -1 },
    { location: 'x', count: 1e308 },
    { location: 'x', count: 1.5 },
    { location: 'x', orders: 'A-1' },
    { location: 'x', orders: [null] },
    { location: 'x', orders: Array.from({ length: 2000 }, (_, i) => `o${i}`) },
    { reason: 5 },
    { reason: '' },
    { reason: 'x'.repeat(10_000) },
    { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
  ];
  const apiPosts = appRoutes()
    .filter((r) => r.startsWith('POST /api/v1/'))
    .map((r) => r.slice(5));

  it.each(apiPosts)('API %s answers bad JSON bodies with 4xx naming a field', async (path) => {
    const url = path.replace(':id', 'nope').replace(':code', 'ABCDEFGHJK');
    for (const body of API_BODIES) {
      const res = record(
        `${path} ${JSON.stringify(body)?.slice(0, 40)}`,
        await call(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      expect(res.status, JSON.stringify(body)?.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const json = await res.json<{ error: string }>();
      expect(typeof json.error).toBe('string');
      expect(JSON.stringify(json)).not.toMatch(/SQLITE|D1_ERROR|at \w+ \(/);
    }
    for (const raw of ['{', '{"a":', 'nul', '\u0000', '{"location":"x","count":1}garbage']) {
      const res = record(
        `${path} raw`,
        await call(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
          body: raw,
        }),
      );
      expect(res.status).toBe(400);
    }
  });

  it('answers unknown codes, ids and tokens with 404, never 5xx', async () => {
    const paths = [
      '/r/0000000000',
      '/c/0000000000',
      '/R/%3Cscript%3E',
      `/c/${'Z'.repeat(300)}`,
      "/c/'OR'1'='1",
      '/invite/nope',
      `/invite/${'a'.repeat(500)}`,
      '/admin/locations/abc',
      '/admin/locations/-1',
      '/admin/locations/99999999999999999999',
      '/admin/print/batches/nope',
      '/admin/complaints/nope',
      '/admin/privacy/complaints/nope',
      '/admin/reasons/abc',
      '/nope',
      '/admin/nope',
      '/api/v1/nope',
      '/api/v1/batches/nope/pdf',
    ];
    for (const path of paths) {
      const api = path.startsWith('/api/');
      const res = record(
        `GET ${path}`,
        await call(path, { headers: api ? { authorization: `Bearer ${apiToken}` } : { cookie: owner.cookie } }),
      );
      expect(res.status, path).toBe(404);
      escapedOrAbsent(await res.text(), path);
    }
    for (const path of [
      '/admin/users/nope/role',
      '/admin/users/nope/disable',
      '/admin/tokens/nope/revoke',
      '/admin/privacy/complaints/nope/erase',
    ]) {
      const res = record(
        `POST ${path}`,
        await call(path, {
          method: 'POST',
          headers: { origin: ORIGIN, cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${owner.csrf}&role=staff`,
        }),
      );
      expect(res.status, path).toBe(404);
    }
  });

  it('never answered with a 5xx in this whole file', () => {
    expect(statuses.length).toBeGreaterThan(200);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
