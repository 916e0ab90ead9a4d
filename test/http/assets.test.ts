import { describe, expect, it } from 'vitest';
import { createCard, customer } from '../complaint-helpers';
import { call } from '../helpers';

/** The stylesheet and script addresses a page links to. */
function assetLinks(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

describe('stylesheets and scripts, one cache policy', () => {
  it('links the owner pages and the customer pages to fingerprinted files kept for a year', async () => {
    const { code } = await createCard();
    const signIn = assetLinks(await (await call('/admin/login')).text());
    const complaint = assetLinks(await (await customer().get(`/c/${code}`)).text());
    expect(signIn).toEqual([expect.stringMatching(/^\/assets\/app\.css\?v=[0-9a-z]+$/)]);
    expect(complaint).toEqual([expect.stringMatching(/^\/assets\/public\.css\?v=[0-9a-z]+$/)]);
    for (const [href, type] of [
      [signIn[0]!, 'text/css'],
      [complaint[0]!, 'text/css'],
    ] as const) {
      const res = await call(href);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await res.text()).length).toBeGreaterThan(500);
    }
  });

  it('answers an old or missing fingerprint with the current file, to be checked again, and a 304 when unchanged', async () => {
    const [href] = assetLinks(await (await call('/admin/login')).text());
    const current = await call(href!);
    const etag = current.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-z]+"$/);
    for (const path of ['/assets/app.css', '/assets/app.css?v=old']) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(await (await call(href!)).text());
    }
    const again = await call('/assets/app.css', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('changes the fingerprint with the content: each file has its own', async () => {
    const { code } = await createCard();
    const [app] = assetLinks(await (await call('/admin/login')).text());
    const [pub] = assetLinks(await (await customer().get(`/c/${code}`)).text());
    expect(new URL(app!, 'https://x').searchParams.get('v')).not.toBe(new URL(pub!, 'https://x').searchParams.get('v'));
  });

  it('knows no other file', async () => {
    expect((await call('/assets/nope.css')).status).toBe(404);
    expect((await call('/assets/..%2Fwrangler.toml')).status).toBe(404);
  });
});
