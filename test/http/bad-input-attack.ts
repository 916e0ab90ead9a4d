import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { randomToken, sha256Hex } from '../../src/auth/crypto';
import { callWith, createComplaint } from '../accounts-helpers';
import { call, createToken, createUser, ORIGIN, signIn } from '../helpers';
import { ACCESS } from '../route-access';

/**
 * Hostile input against every form and public endpoint: the forms are discovered by opening
 * every page of the route inventory with real ids, so a new form is attacked without a new row.
 * The bar: never a 5xx, nothing injected comes back unescaped, and the database stays whole.
 * Shared by the bad-input-*.test.ts files, one file per attack, each with its own D1.
 */

export const SETUP_SECRET = 'bad-input-setup-secret-0123456789';
export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
export const PAYLOADS = [
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
export const RAW = [SCRIPT, '<img src=x onerror'];

export interface Form {
  page: string;
  action: string;
  fields: Record<string, string>;
  /** Who posts it: a session cookie, or none for public forms. */
  cookie?: string;
  bindings?: { SETUP_SECRET: string };
}

export const statuses: { what: string; status: number }[] = [];
export function record(what: string, res: Response): Response {
  statuses.push({ what, status: res.status });
  return res;
}

/** Forms of a page: action and every named control, hidden values kept (CSRF token, secret). */
export function formsOf(html: string): { action: string; fields: Record<string, string> }[] {
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
      if (/type="hidden"/.test(control[2]!) || !(name in fields))
        fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    }
    forms.push({ action, fields });
  }
  return forms;
}

export const HIDDEN_KEEP = new Set(['_csrf', 'secret']);

export function post(
  form: Form,
  body: BodyInit,
  contentType?: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    origin: ORIGIN,
    'cf-connecting-ip': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    ...extra,
  };
  if (contentType) headers['content-type'] = contentType;
  if (form.cookie) headers.cookie = form.cookie;
  const init: RequestInit = { method: 'POST', headers, body };
  return form.bindings ? callWith(form.bindings, form.action, init) : call(form.action, init);
}

export function escapedOrAbsent(html: string, what: string) {
  for (const raw of RAW) expect(html.includes(raw), `${what} echoes ${raw} unescaped`).toBe(false);
}

export let owner: { cookie: string; csrf: string; email: string };
export let forms: Form[] = [];
export let ids: {
  locationId: number;
  batchId: string;
  code: string;
  complaintId: string;
  userId: string;
  tokenId: string;
};
export let apiToken: string;

/** The real value for each path parameter of a page, so every page opens with its forms. */
export function pageUrl(path: string): string | null {
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

/** Signs the owner in, makes the records every page needs, and collects every form of every page. */
export async function crawl(): Promise<void> {
  owner = await signIn('owner');
  await createToken('manager');
  const other = await createUser('manager');
  const complaint = await createComplaint();
  const tokenRow = await env.DB.prepare('SELECT id FROM api_tokens LIMIT 1').first<{ id: string }>();
  const userRow = await env.DB.prepare('SELECT id FROM users WHERE email = ?1')
    .bind(other.email)
    .first<{ id: string }>();
  ids = { ...complaint, userId: userRow!.id, tokenId: tokenRow!.id };

  // Every HTML page of the inventory, opened as the owner (public ones without a session).
  const pages = Object.entries(ACCESS)
    .filter(
      ([route]) =>
        route.startsWith('GET ') && !route.includes('/api/') && !/\.(csv|css|json)$|\/pdf$|\/export$/.test(route),
    )
    .map(([route, access]) => ({ path: pageUrl(route.slice(4)), access }))
    .filter((p): p is { path: string; access: (typeof ACCESS)[string] } => p.path !== null);
  const invite = randomToken(32);
  await env.DB.prepare(
    `INSERT INTO invites (id, token_hash, email, role, created_by, created_at, expires_at) VALUES (?1, ?2, 'invitee@example.com', 'staff', 'x', ?3, ?4)`,
  )
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
  if (setup.status === 200)
    for (const form of formsOf(await setup.text())) forms.push({ page: '/setup', ...form, bindings: { SETUP_SECRET } });
  forms.push({
    page: '/setup',
    action: '/setup',
    fields: { secret: SETUP_SECRET, name: '', email: '', password: '', confirm: '' },
    bindings: { SETUP_SECRET },
  });
  // Deduplicate by action: one attack run per form.
  forms = [...new Map(forms.map((f) => [f.action, f])).values()];
  // Public forms first: the owner's forms include revoking the invitation the invite form needs.
  forms.sort((a, b) => Number(a.cookie !== undefined) - Number(b.cookie !== undefined));
  // Made after the crawl, so the token-revoke form found above revokes another token, not this one.
  apiToken = await createToken('owner');
}

export async function snapshot() {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{
    name: string;
  }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) {
    if (name.startsWith('_cf') || name.startsWith('sqlite') || name === 'd1_migrations') continue;
    counts[name] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  }
  return counts;
}
