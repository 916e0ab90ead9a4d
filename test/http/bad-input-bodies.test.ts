import { beforeAll, describe, expect, it } from 'vitest';
import { call, ORIGIN } from '../helpers';
import { apiToken, crawl, escapedOrAbsent, forms, HIDDEN_KEEP, post, record, statuses } from './bad-input-attack';

/** Malformed bodies on every form: too big, repeated fields, files for text, odd or cut-short content types, invalid UTF-8. */

beforeAll(crawl, 60_000);

describe('bad input: bodies', { timeout: 120_000 }, () => {
  it('refuses a 2 MB body with 413 on every form and API endpoint', async () => {
    const big = 'x='.concat('a'.repeat(2 * 1024 * 1024));
    for (const form of forms) {
      const res = record(`${form.action} 2MB`, await post(form, big, 'application/x-www-form-urlencoded'));
      expect(res.status, form.action).toBe(413);
    }
    const api = record(
      'api 2MB',
      await call('/api/v1/batches', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        body: `{"location":"${'a'.repeat(2 * 1024 * 1024)}"}`,
      }),
    );
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ field: 'body' });
    // Without a Content-Length (a stream), the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = record(
      'login streamed',
      await call('/admin/login', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
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
    const bytes = (prefix: string) =>
      new Uint8Array([...new TextEncoder().encode(prefix), 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x25, 0x46, 0x46]);
    for (const form of forms) {
      const csrf = form.fields._csrf ? `_csrf=${encodeURIComponent(form.fields._csrf)}&` : '';
      const secret = form.fields.secret ? `secret=${encodeURIComponent(form.fields.secret)}&` : '';
      const names = Object.keys(form.fields).filter((k) => !HIDDEN_KEEP.has(k));
      const res = record(
        `${form.action} utf8`,
        await post(
          form,
          bytes(`${csrf}${secret}${names.map((n) => `${n}=`).join('&')}x`),
          'application/x-www-form-urlencoded',
        ),
      );
      expect(res.status, form.action).toBeLessThan(500);
      const pct = record(
        `${form.action} pct`,
        await post(
          form,
          `${csrf}${secret}${names.map((n) => `${n}=%FF%FE%C3%28`).join('&')}`,
          'application/x-www-form-urlencoded',
        ),
      );
      expect(pct.status, form.action).toBeLessThan(500);
    }
    const api = record(
      'api utf8',
      await call('/api/v1/batches', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        body: bytes('{"location":"'),
      }),
    );
    expect(api.status).toBe(400);
    const path = record('path utf8', await call('/r/%FF%FE'));
    expect(path.status).toBe(404);
  });

  it('never answered with a 5xx in this whole file', () => {
    expect(statuses.length).toBeGreaterThan(200);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
