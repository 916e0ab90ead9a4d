import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers';
import { ACCESS } from '../route-access';
import {
  crawl,
  escapedOrAbsent,
  forms,
  HIDDEN_KEEP,
  owner,
  PAYLOADS,
  pageUrl,
  post,
  record,
  SCRIPT,
  snapshot,
  statuses,
} from './bad-input-attack';

/** Injection strings (script, markup, SQL, control characters, huge values) in every field of every form, then every page read back. */

beforeAll(crawl, 60_000);

describe('bad input: injection', { timeout: 120_000 }, () => {
  it('finds the forms to attack', () => {
    const actions = forms.map((f) => f.action);
    for (const expected of [
      '/admin/login',
      '/admin/users/invite',
      '/admin/tokens',
      '/admin/account/password',
      '/admin/settings',
      '/admin/locations/new',
      '/admin/print',
      '/setup',
    ]) {
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
        const fields = Object.fromEntries(
          Object.entries(form.fields).map(([k, v]) => [k, HIDDEN_KEEP.has(k) ? v : payload]),
        );
        const res = record(
          `${form.action} <- ${payload.slice(0, 30)}`,
          await post(form, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'),
        );
        expect(res.status, `${form.action} with ${payload.slice(0, 40)}`).toBeLessThan(500);
        escapedOrAbsent(await res.text(), form.action);
      }
    }
    const after = await snapshot();
    // Nothing dropped, no accounts made from junk, and stored junk is stored verbatim or not at all.
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // The one account junk may create is the invited one (its first valid-looking password wins),
    // and then its name is stored verbatim: the SQL took it as data.
    const invitee = await env.DB.prepare("SELECT name FROM users WHERE email = 'invitee@example.com'").first<{
      name: string;
    }>();
    expect(invitee?.name).toBe(SCRIPT);
    expect(after.users).toBe(before.users! + 1);
    expect(await env.DB.prepare('PRAGMA foreign_key_check').all()).toMatchObject({ results: [] });
    expect((await env.DB.prepare('PRAGMA quick_check').first<{ quick_check: string }>())?.quick_check).toBe('ok');
  });

  it('shows stored injection strings escaped on every page afterwards', async () => {
    for (const [route, access] of Object.entries(ACCESS)) {
      if (!route.startsWith('GET ') || route.includes('/api/') || /\.(csv|css|json)$|\/pdf$|\/export$/.test(route))
        continue;
      const path = pageUrl(route.slice(4));
      if (!path) continue;
      const res = record(
        `GET ${path} after`,
        await call(path, { headers: access === 'public' ? {} : { cookie: owner.cookie } }),
      );
      expect(res.status, path).toBeLessThan(500);
      escapedOrAbsent(await res.text(), path);
    }
  });

  it('never answered with a 5xx in this whole file', () => {
    expect(statuses.length).toBeGreaterThan(200);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
