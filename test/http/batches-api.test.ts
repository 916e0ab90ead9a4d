import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiPost, call, createLocation, createToken } from '../helpers';

describe('POST /api/v1/batches', () => {
  it('creates a batch whose cards have unique codes and links on this origin', async () => {
    const token = await createToken('staff');
    const { slug } = await createLocation();
    const res = await apiPost('/api/v1/batches', token, { location: slug, count: 25, format: 'a4-4up' });
    expect(res.status).toBe(201);
    const body = await res.json<{
      id: string;
      pdfUrl: string;
      cards: { code: string; reviewUrl: string; complaintUrl: string }[];
    }>();
    expect(body.cards).toHaveLength(25);
    expect(new Set(body.cards.map((c) => c.code)).size).toBe(25);
    for (const card of body.cards) {
      expect(card.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(card.reviewUrl).toBe(`HTTPS://Q.SI.TEST/R/${card.code}`);
      expect(card.complaintUrl).toBe(`HTTPS://Q.SI.TEST/C/${card.code}`);
    }
    expect(body.pdfUrl).toBe(`/api/v1/batches/${body.id}/pdf`);
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM cards WHERE batch_id = ?1')
      .bind(body.id)
      .first<{ n: number }>();
    expect(stored?.n).toBe(25);
  });

  it('prints one card per order and stores the order refs', async () => {
    const token = await createToken('staff');
    const { slug } = await createLocation();
    const res = await apiPost('/api/v1/batches', token, { location: slug, format: 'a6', orders: ['A-1001', 'A-1002'] });
    expect(res.status).toBe(201);
    const body = await res.json<{ id: string; cards: { code: string; order?: string }[] }>();
    expect(body.cards.map((c) => c.order)).toEqual(['A-1001', 'A-1002']);
    const rows = await env.DB.prepare('SELECT order_ref FROM cards WHERE batch_id = ?1 ORDER BY position')
      .bind(body.id)
      .all<{ order_ref: string }>();
    expect(rows.results.map((r) => r.order_ref)).toEqual(['A-1001', 'A-1002']);
  });

  it('serves the PDF of a batch', async () => {
    const token = await createToken('staff');
    const { slug } = await createLocation();
    const created = await (await apiPost('/api/v1/batches', token, { location: slug, count: 4 })).json<{
      pdfUrl: string;
    }>();
    const res = await call(created.pdfUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it.each([
    [{ location: 'x', count: 0 }, 'count'],
    [{ location: 'x', count: 1001 }, 'count'],
    [{ location: 'x', count: 2.5 }, 'count'],
    [{ location: 'x', count: '10' }, 'count'],
    [{ location: 'x' }, 'count'],
    [{ count: 3 }, 'location'],
    [{ location: 'x', count: 3, format: 'a5' }, 'format'],
    [{ location: 'x', orders: [] }, 'orders'],
    [{ location: 'x', orders: ['ok', 7] }, 'orders'],
    [{ location: 'x', count: 3, orders: ['1'] }, 'count'],
  ])('rejects %j naming the field %s', async (payload, field) => {
    const token = await createToken('staff');
    const res = await apiPost('/api/v1/batches', token, payload);
    expect(res.status).toBe(400);
    const body = await res.json<{ error: string; field: string }>();
    expect(body.field).toBe(field);
    expect(body.error.length).toBeGreaterThan(5);
  });

  it('answers 422 for an unknown location or template', async () => {
    const token = await createToken('staff');
    const { slug } = await createLocation();
    const noLocation = await apiPost('/api/v1/batches', token, { location: 'nowhere', count: 1 });
    expect(noLocation.status).toBe(422);
    expect(await noLocation.json()).toMatchObject({ field: 'location' });
    const noTemplate = await apiPost('/api/v1/batches', token, { location: slug, count: 1, template: 'nope' });
    expect(noTemplate.status).toBe(422);
    expect(await noTemplate.json()).toMatchObject({ field: 'template' });
  });

  it('refuses bodies that are not a JSON object', async () => {
    const token = await createToken('staff');
    expect((await apiPost('/api/v1/batches', token, '{not json')).status).toBe(400);
    expect((await apiPost('/api/v1/batches', token, '[1,2]')).status).toBe(400);
    const wrongType = await call('/api/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
  });

  it('is closed without a valid token', async () => {
    const none = await call('/api/v1/batches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toHaveProperty('error');
    expect((await apiPost('/api/v1/batches', 'not-a-real-token', { count: 1 })).status).toBe(401);
    expect((await call('/api/v1/batches/x/pdf')).status).toBe(401);
  });
});
