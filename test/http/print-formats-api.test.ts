import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiPost, call, createLocation, createToken, ORIGIN, postForm, signIn } from '../helpers';

/** A small real PNG (solid orange), built with the runtime's own deflate. */
async function png(width: number, height: number): Promise<Uint8Array> {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const body = cat(new TextEncoder().encode(type), data);
    return cat(u32(data.length), body, u32(crc(body)));
  };
  const rows = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([255, 120, 0], y * (width * 3 + 1) + 1 + x * 3);
  const deflated = new Uint8Array(
    await new Response(new Blob([rows]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  );
  const ihdr = cat(u32(width), u32(height), new Uint8Array([8, 2, 0, 0, 0]));
  return cat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflated),
    chunk('IEND', new Uint8Array()),
  );
}

const batchCount = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM batches').first<{ n: number }>())!.n;
const pdfText = async (res: Response) => new TextDecoder('latin1').decode(await res.arrayBuffer());

describe('print formats through the API', () => {
  it.each(['a6-print', 'roll-80', 'roll-58'])(
    'POST /api/v1/batches makes a %s batch and serves its PDF',
    async (format) => {
      const token = await createToken('staff');
      const { slug } = await createLocation();
      const res = await apiPost('/api/v1/batches', token, {
        location: slug,
        format,
        template: 'bold',
        orders: ['A-2026-11-23-MSK-CENTRAL-DELIVERY-000123', 'B-2'],
      });
      expect(res.status).toBe(201);
      const body = await res.json<{ id: string; pdfUrl: string }>();
      const stored = await env.DB.prepare('SELECT format, print_format FROM batches WHERE id = ?1')
        .bind(body.id)
        .first<{ format: string; print_format: string }>();
      expect(stored).toEqual({ format: 'a6', print_format: format });
      const pdf = await call(body.pdfUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(pdf);
      expect(text.startsWith('%PDF-')).toBe(true);
      // One page a card (two orders), with TrimBox only on the print-shop format.
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
      expect(text.includes('/TrimBox')).toBe(format === 'a6-print');
    },
  );

  it('refuses an unknown format and names every format', async () => {
    const token = await createToken('staff');
    const res = await apiPost('/api/v1/batches', token, { location: 'x', count: 1, format: 'roll-76' });
    expect(res.status).toBe(400);
    const body = await res.json<{ error: string; field: string }>();
    expect(body.field).toBe('format');
    for (const f of ['a4-4up', 'a6', 'a6-print', 'roll-80', 'roll-58']) expect(body.error).toContain(f);
  });

  it('lists every format in the OpenAPI document', async () => {
    const doc = await (await call('/api/v1/openapi.json')).text();
    for (const f of ['a6-print', 'roll-80', 'roll-58']) expect(doc).toContain(`"${f}"`);
    expect(doc).toContain('/preview');
    expect(doc).toContain('/locations/{slug}/logo');
  });

  it('refuses a batch whose headline would print cut, and says how much fits', async () => {
    const token = await createToken('manager');
    const { id, slug } = await createLocation();
    const headline =
      'Спасибо, что заказали у нас сегодня — мы печём каждое утро с пяти часов, чтобы хлеб был тёплым к вашему завтраку!!';
    await env.DB.prepare('UPDATE locations SET card_headline = ?1 WHERE id = ?2').bind(headline, id).run();
    const before = await batchCount();
    const res = await apiPost('/api/v1/batches', token, { location: slug, count: 4, template: 'bold' });
    expect(res.status).toBe(422);
    const body = await res.json<{ error: string; field: string }>();
    expect(body.field).toBe('headline');
    expect(body.error).toMatch(new RegExp(`only \\d+ of ${headline.length} characters would print`));
    expect(await batchCount()).toBe(before);
  });
});

describe('GET /api/v1/preview', () => {
  it('answers one sample card as PDF and creates no batch', async () => {
    const token = await createToken('staff');
    const { slug } = await createLocation();
    const before = await batchCount();
    const res = await call(`/api/v1/preview?location=${slug}&template=classic&format=a4-4up`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfText(res)).startsWith('%PDF-')).toBe(true);
    expect(await batchCount()).toBe(before);
    expect(
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM cards WHERE code = ?1')
        .bind('0BRAZEC000')
        .first<{ n: number }>())!.n,
    ).toBe(0);
  });

  it.each([
    ['format=a5&location=x', 400, 'format'],
    ['format=a6', 400, 'location'],
    ['location=no-such-place', 422, 'location'],
    ['location=no-such-place&template=nope', 422, 'template'],
  ])('?%s answers %i naming %s', async (query, status, field) => {
    const token = await createToken('staff');
    const res = await call(`/api/v1/preview?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(status);
    expect((await res.json<{ field: string }>()).field).toBe(field);
  });
});

describe('PUT /api/v1/locations/<slug>/logo', () => {
  it('stores a PNG for an owner, prints it on the cards, and DELETE removes it', async () => {
    const token = await createToken('owner');
    const { slug } = await createLocation();
    const image = await png(60, 30);
    const put = await call(`/api/v1/locations/${slug}/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: image,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ location: slug, type: 'image/png', width: 60, height: 30 });
    const preview = await call(`/api/v1/preview?location=${slug}&format=a6`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await pdfText(preview)).toContain('/Subtype /Image');
    const del = await call(`/api/v1/locations/${slug}/logo`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await del.json()).toEqual({ location: slug, removed: true });
    const after = await call(`/api/v1/preview?location=${slug}&format=a6`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await pdfText(after)).not.toContain('/Subtype /Image');
  });

  it.each(['manager', 'staff'] as const)('refuses a %s token', async (role) => {
    const token = await createToken(role);
    const { slug } = await createLocation();
    const res = await call(`/api/v1/locations/${slug}/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: await png(4, 4),
    });
    expect(res.status).toBe(403);
  });

  it('refuses what is not a PNG or JPEG, and files over 512 KB', async () => {
    const token = await createToken('owner');
    const { slug } = await createLocation();
    const gif = await call(`/api/v1/locations/${slug}/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: 'GIF89a not really',
    });
    expect(gif.status).toBe(415);
    expect((await gif.json<{ error: string }>()).error).toContain('PNG or JPEG');
    const big = new Uint8Array(600 * 1024);
    big.set(await png(4, 4));
    const huge = await call(`/api/v1/locations/${slug}/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: big,
    });
    expect(huge.status).toBe(413);
    expect((await huge.json<{ error: string }>()).error).toContain('512 KB');
  });
});

describe("brand colour and back side, on the location's brand page", () => {
  it('refuses a colour white text cannot be read on, saves a dark one, and the print page draws with it', async () => {
    const session = await signIn('manager');
    const { id, slug } = await createLocation();
    const light = await postForm(`/admin/locations/${id}/brand`, session, { color: '#FFE066', back: '' });
    expect(light.status).toBe(400);
    expect(await light.text()).toMatch(/4[.,]5:1/);
    const ok = await postForm(`/admin/locations/${id}/brand`, session, {
      color: '#5a1f3c',
      back: 'Садовая, 5 · +7 900 000-00-00 · Спасибо!',
    });
    expect(ok.status).toBe(303);
    const page = await (await call(`/admin/print?location=${slug}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('fill="#5A1F3C"');
    expect(page).toContain('<svg');
    expect(page).toContain('ОБРАЗЕЦ');
    expect(page).toContain('Садовая, 5 · +7 900 000-00-00 · Спасибо!');
    expect(page).toContain('Фактический размер');
  });

  it('refuses a back text over 300 characters', async () => {
    const session = await signIn('owner');
    const { id } = await createLocation();
    const res = await postForm(`/admin/locations/${id}/brand`, session, {
      color: '',
      back: 'Текст оборота. '.repeat(21),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/300/);
  });

  it('the print page swaps in a new preview for another design without making a batch', async () => {
    const session = await signIn('staff');
    const { slug } = await createLocation();
    const before = await batchCount();
    const res = await call(`/admin/print/preview?location=${slug}&template=bold&format=roll-58`, {
      headers: { cookie: session.cookie, origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<section id="print-preview"/);
    expect(html).toContain('viewBox="0 0 58 ');
    expect(await batchCount()).toBe(before);
  });
});
