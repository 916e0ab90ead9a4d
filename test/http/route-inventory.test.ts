import { beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '../../src/auth/roles';
import type { Role } from '../../src/auth/roles';
import { backOffice } from '../../src/back-office';
import { call, createToken, ORIGIN, signIn } from '../helpers';
import { ACCESS, appRoutes, ROLES, SAMPLES, type Access } from '../route-access';

const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => SAMPLES[name] ?? 'sample');
const rows = Object.entries(ACCESS).map(([route, access]) => {
  const [method, path] = route.split(' ') as [string, string];
  return { route, method, path, access, api: path.startsWith('/api/'), url: concrete(path) };
});
const guarded = rows.filter((r) => r.access !== 'public');
const rolesWith = (access: Access) => ROLES.filter((role) => access === 'signed-in' || can(role, access as Permission));
const rolesWithout = (access: Access) => ROLES.filter((role) => !rolesWith(access).includes(role));

let sessions: Record<Role, { cookie: string; csrf: string }>;
let tokens: Record<Role, string>;

beforeAll(async () => {
  sessions = { owner: await signIn('owner'), manager: await signIn('manager'), staff: await signIn('staff') };
  tokens = {
    owner: await createToken('owner'),
    manager: await createToken('manager'),
    staff: await createToken('staff'),
  };
});

function send(row: (typeof rows)[number], who?: Role): Promise<Response> {
  const headers: Record<string, string> = { origin: ORIGIN };
  let body: BodyInit | undefined;
  if (row.api) {
    if (who) headers.authorization = `Bearer ${tokens[who]}`;
    if (row.method !== 'GET') {
      headers['content-type'] = 'application/json';
      body = '{}';
    }
  } else {
    if (who) headers.cookie = sessions[who].cookie;
    if (row.method !== 'GET') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: who ? sessions[who].csrf : '' }).toString();
    }
  }
  return call(row.url, { method: row.method, headers, body });
}

describe('route inventory', () => {
  it('has an access decision for every route, and no decision for a route that is gone', () => {
    const routes = appRoutes();
    expect(
      routes.filter((r) => !(r in ACCESS)),
      'routes without an access decision',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((r) => !routes.includes(r)),
      'decisions for routes that no longer exist',
    ).toEqual([]);
  });

  it('hands the back office only what lies under /admin and /api/v1, the prefixes the entry forwards', () => {
    const outside = backOffice.routes.filter((r) => r.method !== 'ALL' && !/^\/(admin|api\/v1)(\/|$)/.test(r.path));
    expect(outside.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('names only real permissions', () => {
    for (const access of Object.values(ACCESS))
      expect(['public', 'signed-in', ...Object.keys(PERMISSIONS)]).toContain(access);
  });

  it.each(guarded.filter((r) => !r.api).map((r) => [r.route, r] as const))(
    '%s sends a visitor without a session to the login page',
    async (_, row) => {
      const res = await send(row);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    },
  );

  it.each(guarded.filter((r) => r.api).map((r) => [r.route, r] as const))(
    '%s answers 401 JSON without a token',
    async (_, row) => {
      const res = await send(row);
      expect(res.status).toBe(401);
      expect(await res.json()).toHaveProperty('error');
    },
  );

  const refusals = guarded.flatMap((row) =>
    rolesWithout(row.access).map((role) => [`${row.route} as ${role}`, row, role] as const),
  );
  it.each(refusals)('%s is refused with 403', async (_, row, role) => {
    const res = await send(row, role);
    expect(res.status).toBe(403);
    if (row.api) expect(await res.json()).toEqual({ error: 'Your role does not allow this' });
    else expect(await res.text()).toContain('У вашей роли нет доступа');
  });

  const admissions = guarded.flatMap((row) =>
    rolesWith(row.access).map((role) => [`${row.route} as ${role}`, row, role] as const),
  );
  it.each(admissions)('%s is let through', async (_, row, role) => {
    const res = await send(row, role);
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
    if (!row.api && res.status === 302) expect(res.headers.get('location')).not.toMatch(/^\/admin\/login/);
  });

  it.each(rows.filter((r) => r.access === 'public').map((r) => [r.route, r] as const))(
    '%s is open without credentials',
    async (_, row) => {
      const res = await send(row);
      // An empty sign-in form is a wrong password (401), not a closed door; Telegram's and MAX's updates
      // carry their own credential (the webhook's secret), so one without it is refused with 401.
      if (!['POST /admin/login', 'POST /telegram/webhook', 'POST /max/webhook'].includes(row.route))
        expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('location') ?? '').not.toMatch(/^\/admin\/login\?next=/);
    },
  );

  it('documents every API route in /api/v1/openapi.json, and nothing else', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, Record<string, { 'x-permission'?: string }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    expect(documented).toEqual(appRoutes().filter((r) => r.split(' ')[1]!.startsWith('/api/v1/')));
    // Each operation names the permission the inventory gives it.
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const access = ACCESS[`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`];
        if (access !== 'public') expect(op['x-permission'], `${method} ${path}`).toBe(access);
      }
    }
  });
});
