import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomToken, sha256Hex } from '../../src/auth/crypto';
import { callWith, createComplaint } from '../accounts-helpers';
import { call, createToken, createUser, ORIGIN, signIn } from '../helpers';
import { ACCESS, appRoutes } from '../route-access';

/**
 * Hostile input against every form and public endpoint: the forms are discovered by opening
 * every page of the route inventory with real ids, so a new form is attacked without a new row.
 * The bar: never a 5xx, nothing injected comes back unescaped, and the database stays whole.
 */

const SETUP_SECRET = 'bad-input-setup-secret-0123456789';
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const PAYLOADS = [
  SCRIPT,
  IMG,
  "' OR '1'='1' --",
  "'); DROP TABLE users; --",
  '1; DELETE FROM complaints',
  '\u0000\u202e\uFEFFзвёздочка ✱ 😀',
  '-1',
  '99999999999999999999999',
  'x'.repeat(5000),
];
const RAW = [SCRIPT, '<img src=x onerror'];

interface Form {
  page: string;
  action: string;
  fields: Record<string, string>;
  /** Who posts it: a session cookie, or none for public forms. */
  cookie?: string;
  bindings?: { SETUP_SECRET: string };
}

const statuses: { what: string; status: number }[] = [];
function record(what: string, res: Response): Response {
  statuses.push({ what, status: res.status });
  return res;
}

/** Forms of a page: action and every named control, hidden values kept (CSRF token, secret). */
function formsOf(html: string): { action: string; fields: Record<string, string> }[] {
  const forms: { action: string; fields: Record<string, string> }[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = match[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&');
    if (!action) continue;
    const fields: Record<string, string> = {};
    for (const control of match[2]!.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(control[2]!)?.[1];
      if (!name) continue;
      const value = /value="([^"]*)"/.exec(control[2]!)?.[1] ?? '';
      if (/type="hidden"/.test(control[2]!) || !(name in fields)) fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    }
    forms.push({ action, fields });
  }
  return forms;
}

const HIDDEN_KEEP = new Set(['_csrf', 'secret']);

function post(form: Form, body: BodyInit, contentType?: string, extra: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { origin: ORIGIN, 'cf-connecting-ip': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...extra };
  if (contentType) headers['content-type'] = contentType;
  if (form.cookie) headers.cookie = form.cookie;
  const init: RequestInit = { method: 'POST', headers, body };
  return form.bindings ? callWith(form.bindings, form.action, init) : call(form.action, init);
}

function escapedOrAbsent(html: string, what: string) {
  for (const raw of RAW) expect(html.includes(raw), `${what} echoes ${raw} unescaped`).toBe(false);
}

let owner: { cookie: string; csrf: string; email: string };
let forms: Form[] = [];
let ids: { locationId: number; batchId: string; code: string; complaintId: string; userId: string; tokenId: string };
let apiToken: string;

/** The real value for each path parameter of a page, so every page opens with its forms. */
function pageUrl(path: string): string | null {
  const values: Record<string, string> = {
    '/admin/locations/:id': `/admin/locations/${ids.locationId}`,
    '/admin/reasons/:locationId': `/admin/reasons/${ids.locationId}`,
    '/admin/print/batches/:id': `/admin/print/batches/${ids.batchId}`,
    '/admin/complaints/:id': `/admin/complaints/${ids.complaintId}`,
    '/admin/privacy/complaints/:id': `/admin/privacy/complaints/${ids.complaintId}`,
    '/c/:code': `/c/${ids.code}`,
    '/c/:code/:id': `/c/${ids.code}/${ids.complaintId}`,
  };
  if (values[path]) return values[path]!;
  return path.includes(':') ? null : path;
}

beforeAll(async () => {
  owner = await signIn('owner');
  await createToken('manager');
  const other = await createUser('manager');
  const complaint = await createComplaint();
  const tokenRow = await env.DB.prepare('SELECT id FROM api_tokens LIMIT 1').first<{ id: string }>();
  const userRow = await env.DB.prepare('SELECT id FROM users WHERE email = ?1').bind(other.email).first<{ id: string }>();
  ids = { ...complaint, userId: userRow!.id, tokenId: tokenRow!.id };

  // Every HTML page of the inventory, opened as the owner (public ones without a session).
  const pages = Object.entries(ACCESS)
    .filter(([route]) => route.startsWith('GET ') && !route.includes('/api/') && !/\.(csv|css|json)$|\/pdf$|\/export$/.test(route))
    .map(([route, access]) => ({ path: pageUrl(route.slice(4)), access }))
    .filter((p): p is { path: string; access: (typeof ACCESS)[string] } => p.path !== null);
  const invite = randomToken(32);
  await env.DB.prepare(`INSERT INTO invites (id, token_hash, email, role, created_by, created_at, expires_at) VALUES (?1, ?2, 'invitee@example.com', 'staff', 'x', ?3, ?4)`)
    .bind(randomToken(6), await sha256Hex(invite), Date.now(), Date.now() + 3_600_000)
    .run();
  pages.push({ path: `/invite/${invite}`, access: 'public' });

  for (const { path, access } of pages) {
    const cookie = access === 'public' ? undefined : owner.cookie;
    const res = record(`GET ${path}`, await call(path, { headers: cookie ? { cookie } : {} }));
    if (res.status !== 200) continue;
    for (const form of formsOf(await res.text())) {
      // Signing out would end the session the other forms use; it has no input anyway.
      if (form.action === '/admin/logout') continue;
      forms.push({ page: path, ...form, cookie });
    }
  }
  const setup = await callWith({ SETUP_SECRET }, `/setup?secret=${SETUP_SECRET}`);
  // The setup page exists only while there is no owner; its form is attacked with the owner gone.
  if (setup.status === 200) for (const form of formsOf(await setup.text())) forms.push({ page: '/setup', ...form, bindings: { SETUP_SECRET } });
  forms.push({ page: '/setup', action: '/setup', fields: { secret: SETUP_SECRET, name: '', email: '', password: '', confirm: '' }, bindings: { SETUP_SECRET } });
  // Deduplicate by action: one attack run per form.
  forms = [...new Map(forms.map((f) => [f.action, f])).values()];
  // Public forms first: the owner's forms include revoking the invitation the invite form needs.
  forms.sort((a, b) => Number(a.cookie !== undefined) - Number(b.cookie !== undefined));
  // Made after the crawl, so the token-revoke form found above revokes another token, not this one.
  apiToken = await createToken('owner');
}, 60_000);

async function snapshot() {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) {
    if (name.startsWith('_cf') || name.startsWith('sqlite') || name === 'd1_migrations') continue;
    counts[name] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  }
  return counts;
}

describe('bad input', { timeout: 120_000 }, () => {
  it('finds the forms to attack', () => {
    const actions = forms.map((f) => f.action);
    for (const expected of ['/admin/login', '/admin/users/invite', '/admin/tokens', '/admin/account/password', '/admin/settings', '/admin/locations/new', '/admin/print', '/setup']) {
      expect(actions).toContain(expected);
    }
    expect(actions.some((a) => a.startsWith('/invite/'))).toBe(true);
    expect(actions.some((a) => /^\/c\//i.test(a))).toBe(true);
    expect(forms.length).toBeGreaterThan(15);
  });

  it('survives injection strings in every field of every form, echoing nothing unescaped', async () => {
    const before = await snapshot();
    for (const form of forms) {
      for (const payload of PAYLOADS) {
        const fields = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, HIDDEN_KEEP.has(k) ? v : payload]));
        const res = record(`${form.action} <- ${payload.slice(0, 30)}`, await post(form, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'));
        expect(res.status, `${form.action} with ${payload.slice(0, 40)}`).toBeLessThan(500);
        escapedOrAbsent(await res.text(), form.action);
      }
    }
    const after = await snapshot();
    // Nothing dropped, no accounts made from junk, and stored junk is stored verbatim or not at all.
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // The one account junk may create is the invited one (its first valid-looking password wins),
    // and then its name is stored verbatim: the SQL took it as data.
    const invitee = await env.DB.prepare("SELECT name FROM users WHERE email = 'invitee@example.com'").first<{ name: string }>();
    expect(invitee?.name).toBe(SCRIPT);
    expect(after.users).toBe(before.users! + 1);
    expect(await env.DB.prepare('PRAGMA foreign_key_check').all()).toMatchObject({ results: [] });
    expect((await env.DB.prepare('PRAGMA quick_check').first<{ quick_check: string }>())?.quick_check).toBe('ok');
  });

  it('shows stored injection strings escaped on every page afterwards', async () => {
    for (const [route, access] of Object.entries(ACCESS)) {
      if (!route.startsWith('GET ') || route.includes('/api/') || /\.(csv|css|json)$|\/pdf$|\/export$/.test(route)) continue;
      const path = pageUrl(route.slice(4));
      if (!path) continue;
      const res = record(`GET ${path} after`, await call(path, { headers: access === 'public' ? {} : { cookie: owner.cookie } }));
      expect(res.status, path).toBeLessThan(500);
      escapedOrAbsent(await res.text(), path);
    }
  });

  it('refuses a 2 MB body with 413 on every form and API endpoint', async () => {
    const big = 'x='.concat('a'.repeat(2 * 1024 * 1024));
    for (const form of forms) {
      const res = record(`${form.action} 2MB`, await post(form, big, 'application/x-www-form-urlencoded'));
      expect(res.status, form.action).toBe(413);
    }
    const api = record('api 2MB', await call('/api/v1/batches', { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: `{"location":"${'a'.repeat(2 * 1024 * 1024)}"}` }));
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ field: 'body' });
    // Without a Content-Length (a stream), the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = record('login streamed', await call('/admin/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: stream, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain('Слишком большой запрос.');
  });

  it('takes repeated fields, files in place of text, and odd content types without a 5xx', async () => {
    for (const form of forms) {
      const repeated = new URLSearchParams();
      for (const [k, v] of Object.entries(form.fields)) {
        repeated.append(k, v);
        if (!HIDDEN_KEEP.has(k)) repeated.append(k, 'second');
      }
      record(`${form.action} repeated`, await post(form, repeated.toString(), 'application/x-www-form-urlencoded'));
      const multipart = new FormData();
      for (const [k, v] of Object.entries(form.fields)) {
        if (HIDDEN_KEEP.has(k)) multipart.append(k, v);
        else multipart.append(k, new File(['<script>alert(1)</script>'], 'evil.html', { type: 'text/html' }));
      }
      const res = record(`${form.action} files`, await post(form, multipart));
      escapedOrAbsent(await res.text(), form.action);
      record(`${form.action} json`, await post(form, '{"_csrf":1}', 'application/json'));
      record(`${form.action} no type`, await post(form, 'a=b'));
    }
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });

  it('answers a multipart body without a boundary, or cut short, with a 4xx on every form', async () => {
    const truncated = '--XyZ\r\ncontent-disposition: form-data; name="email"\r\n\r\nabc';
    const bodies: [string, string][] = [
      ['multipart/form-data', 'a=b'],
      ['multipart/form-data; boundary=XyZ', truncated],
      ['multipart/form-data; boundary=', '--\r\n'],
    ];
    for (const form of forms) {
      for (const [type, body] of bodies) {
        const res = record(`${form.action} ${type}`, await post(form, body, type));
        const expected = form.action === '/setup' ? [404] : [400, 403];
        expect(expected, `${form.action} ${type}`).toContain(res.status);
        expect(await res.text()).not.toMatch(/TypeError|at \w+ \(/);
      }
    }
  });

  it('takes invalid UTF-8 without a 5xx', async () => {
    const bytes = (prefix: string) => new Uint8Array([...new TextEncoder().encode(prefix), 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x25, 0x46, 0x46]);
    for (const form of forms) {
      const csrf = form.fields._csrf ? `_csrf=${encodeURIComponent(form.fields._csrf)}&` : '';
      const secret = form.fields.secret ? `secret=${encodeURIComponent(form.fields.secret)}&` : '';
      const names = Object.keys(form.fields).filter((k) => !HIDDEN_KEEP.has(k));
      const res = record(`${form.action} utf8`, await post(form, bytes(`${csrf}${secret}${names.map((n) => `${n}=`).join('&')}x`), 'application/x-www-form-urlencoded'));
      expect(res.status, form.action).toBeLessThan(500);
      const pct = record(`${form.action} pct`, await post(form, `${csrf}${secret}${names.map((n) => `${n}=%FF%FE%C3%28`).join('&')}`, 'application/x-www-form-urlencoded'));
      expect(pct.status, form.action).toBeLessThan(500);
    }
    const api = record('api utf8', await call('/api/v1/batches', { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: bytes('{"location":"') }));
    expect(api.status).toBe(400);
    const path = record('path utf8', await call('/r/%FF%FE'));
    expect(path.status).toBe(404);
  });

  const API_BODIES: unknown[] = [
    null, 42, 'text', [], [{}], {}, { location: null, count: null }, { location: 123, count: '5' }, { location: ['x'], count: 1 },
    { location: { $ne: 1 }, count: 1 }, { location: SCRIPT, count: 1 }, { location: "x' OR 1=1 --", count: 1 }, { location: 'x', count: -1 },
    { location: 'x', count: 1e308 }, { location: 'x', count: 1.5 }, { location: 'x', orders: 'A-1' }, { location: 'x', orders: [null] },
    { location: 'x', orders: Array.from({ length: 2000 }, (_, i) => `o${i}`) }, { reason: 5 }, { reason: '' }, { reason: 'x'.repeat(10_000) },
    { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
  ];
  const apiPosts = appRoutes().filter((r) => r.startsWith('POST /api/v1/')).map((r) => r.slice(5));

  it.each(apiPosts)('API %s answers bad JSON bodies with 4xx naming a field', async (path) => {
    const url = path.replace(':id', 'nope').replace(':code', 'ABCDEFGHJK');
    for (const body of API_BODIES) {
      const res = record(`${path} ${JSON.stringify(body)?.slice(0, 40)}`, await call(url, { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      expect(res.status, JSON.stringify(body)?.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const json = await res.json<{ error: string }>();
      expect(typeof json.error).toBe('string');
      expect(JSON.stringify(json)).not.toMatch(/SQLITE|D1_ERROR|at \w+ \(/);
    }
    for (const raw of ['{', '{"a":', 'nul', '\u0000', '{"location":"x","count":1}garbage']) {
      const res = record(`${path} raw`, await call(url, { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, body: raw }));
      expect(res.status).toBe(400);
    }
  });

  it('answers unknown codes, ids and tokens with 404, never 5xx', async () => {
    const paths = [
      '/r/0000000000', '/c/0000000000', '/R/%3Cscript%3E', `/c/${'Z'.repeat(300)}`, "/c/'OR'1'='1", '/invite/nope', `/invite/${'a'.repeat(500)}`,
      '/admin/locations/abc', '/admin/locations/-1', '/admin/locations/99999999999999999999', '/admin/print/batches/nope', '/admin/complaints/nope',
      '/admin/privacy/complaints/nope', '/admin/reasons/abc', '/nope', '/admin/nope', '/api/v1/nope', '/api/v1/batches/nope/pdf',
    ];
    for (const path of paths) {
      const api = path.startsWith('/api/');
      const res = record(`GET ${path}`, await call(path, { headers: api ? { authorization: `Bearer ${apiToken}` } : { cookie: owner.cookie } }));
      expect(res.status, path).toBe(404);
      escapedOrAbsent(await res.text(), path);
    }
    for (const path of ['/admin/users/nope/role', '/admin/users/nope/disable', '/admin/tokens/nope/revoke', '/admin/privacy/complaints/nope/erase']) {
      const res = record(`POST ${path}`, await call(path, { method: 'POST', headers: { origin: ORIGIN, cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${owner.csrf}&role=staff` }));
      expect(res.status, path).toBe(404);
    }
  });

  it('never answered with a 5xx in this whole file', () => {
    expect(statuses.length).toBeGreaterThan(200);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
