import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiPost, call } from '../helpers';
import { eventually, PHONE_UA, printBatch, REVIEW_URL, scansEventually, scansOf } from '../scans-helpers';

const phone = (headers: Record<string, string> = {}) => ({
  headers: { 'user-agent': PHONE_UA, 'cf-connecting-ip': '203.0.113.7', ...headers },
});

describe('GET /r/<code>', () => {
  it('redirects to the location review link, uncached and without a referrer', async () => {
    const { codes } = await printBatch(1);
    const res = await call(`/r/${codes[0]}`, phone());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(REVIEW_URL);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('stores the scan: card, kind, time, device, visitor, and never the IP', async () => {
    const { codes, batchId, locationId } = await printBatch(1);
    const before = Date.now();
    await call(`/r/${codes[0]}`, phone());
    const [scan] = await scansEventually(codes[0]!, 1);
    expect(scan).toMatchObject({
      card_code: codes[0],
      batch_id: batchId,
      location_id: locationId,
      kind: 'review',
      device: 'mobile',
      is_bot: 0,
    });
    expect(scan!.created_at).toBeGreaterThanOrEqual(before);
    expect(scan!.created_at).toBeLessThanOrEqual(Date.now());
    expect(scan!.visitor).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(scan)).not.toContain('203.0.113.7');
  });

  it('reads codes in any case and through /R/ as printed in the QR code', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    for (const path of [`/R/${code}`, `/r/${code.toLowerCase()}`, `/R/${code.toLowerCase()}`]) {
      const res = await call(path, phone());
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(REVIEW_URL);
    }
    expect(await scansEventually(code, 3)).toHaveLength(3);
  });

  it('ignores anything in the request that tries to change the target', async () => {
    const { codes } = await printBatch(1);
    const res = await call(
      `/r/${codes[0]}?url=https://evil.example/&next=//evil.example&redirect=https%3A%2F%2Fevil.example`,
      {
        headers: {
          'user-agent': PHONE_UA,
          'x-forwarded-host': 'evil.example',
          referer: 'https://evil.example/',
          'x-original-url': '/r/evil',
        },
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(REVIEW_URL);
  });

  it('gives the same visitor to one phone and different ones to two', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    await call(`/r/${code}`, phone());
    await call(`/r/${code}`, phone());
    await call(`/r/${code}`, phone({ 'cf-connecting-ip': '198.51.100.1' }));
    const rows = await scansEventually(code, 3);
    expect(rows[0]!.visitor).toBe(rows[1]!.visitor);
    expect(rows[2]!.visitor).not.toBe(rows[0]!.visitor);
  });

  it('takes the country from request.cf', async () => {
    const { codes } = await printBatch(1);
    const res = await call(`/r/${codes[0]}`, { ...phone(), cf: { country: 'RU' } } as RequestInit);
    expect(res.status).toBe(302);
    const [scan] = await scansEventually(codes[0]!, 1);
    expect(scan!.country).toBe('RU');
  });

  it.each([
    ['TelegramBot (like TwitterBot)', 'GET'],
    ['WhatsApp/2.23.20.0 A', 'GET'],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'GET'],
    ['Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)', 'GET'],
    ['', 'GET'],
    [PHONE_UA, 'HEAD'],
  ])('redirects a preview or bot (%s, %s) but stores it as a bot', async (ua, method) => {
    const { codes } = await printBatch(1);
    const res = await call(`/r/${codes[0]}`, { method, headers: ua ? { 'user-agent': ua } : {} });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(REVIEW_URL);
    const [scan] = await scansEventually(codes[0]!, 1);
    expect(scan!.is_bot).toBe(1);
  });

  it('answers an unknown code with a friendly page in Russian and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM scans').first<{ n: number }>();
    for (const path of [
      '/r/ZZZZZZZZZZ',
      '/r/hello',
      '/r/0123456789ABCDEF',
      '/R/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82',
    ]) {
      const res = await call(path, phone());
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Открытка не найдена');
      expect(html).toContain('lang="ru"');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM scans').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it('shows a voided card the friendly page with its location review link, and still stores the scan', async () => {
    const { codes, token } = await printBatch(2);
    const voided = await apiPost(`/api/v1/cards/${codes[0]}/void`, token, { reason: 'Потеряна' });
    expect(voided.status).toBe(200);
    const res = await call(`/r/${codes[0]}`, phone());
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('больше не действует');
    expect(html).toContain(`href="${REVIEW_URL.replace(/&/g, '&amp;')}"`);
    expect(html).toContain('Оставить отзыв');
    expect(await scansEventually(codes[0]!, 1)).toHaveLength(1);
    // The other card of the batch still works.
    expect((await call(`/r/${codes[1]}`, phone())).status).toBe(302);
  });
});

describe('GET /c/<code>', () => {
  it('logs a complaint scan', async () => {
    const { codes } = await printBatch(1);
    const res = await call(`/C/${codes[0]!.toLowerCase()}`, phone());
    expect(res.status).toBe(200);
    const [scan] = await scansEventually(codes[0]!, 1);
    expect(scan!.kind).toBe('complaint');
  });

  it('still shows the complaint form for a card of a voided batch', async () => {
    const { codes, batchId, token } = await printBatch(1);
    expect((await apiPost(`/api/v1/batches/${batchId}/void`, token, { reason: 'Брак печати' })).status).toBe(200);
    const res = await call(`/c/${codes[0]}`, phone());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<form');
  });
});

describe('scan counts', () => {
  it('distinguish all scans, human scans, unique cards and scans on voided cards', async () => {
    const { codes, batchId, token } = await printBatch(4);
    const [a, b, c, d] = codes as [string, string, string, string];
    await call(`/r/${a}`, phone());
    await call(`/r/${a}`, phone());
    await call(`/r/${b}`, phone());
    await call(`/r/${c}`, { headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
    await call(`/c/${b}`, phone());
    await apiPost(`/api/v1/cards/${d}/void`, token, { reason: 'Испорчена' });
    await call(`/r/${d}`, phone());
    await eventually(
      () => env.DB.prepare('SELECT COUNT(*) AS n FROM scans WHERE batch_id = ?1').bind(batchId).first<{ n: number }>(),
      (r) => r!.n >= 6,
    );

    const res = await call(`/api/v1/batches/${batchId}/scans`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      batchId,
      cards: { printed: 4, voided: 1 },
      scans: {
        review: { all: 4, human: 3, uniqueCards: 2, onVoidedCards: 1 },
        complaint: { all: 1, human: 1, uniqueCards: 1, onVoidedCards: 0 },
      },
    });
  });

  it('leaves out scans outside the period', async () => {
    const { codes, batchId, token } = await printBatch(1);
    await call(`/r/${codes[0]}`, phone());
    await scansEventually(codes[0]!, 1);
    const later = Date.now() + 1000;
    const res = await call(`/api/v1/batches/${batchId}/scans?from=${later}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await res.json()).toMatchObject({ scans: { review: { all: 0, human: 0, uniqueCards: 0 } } });
    expect(
      (await call(`/api/v1/batches/${batchId}/scans?from=yesterday`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(400);
  });

  it('is stored once per request (no doubles)', async () => {
    const { codes } = await printBatch(1);
    await Promise.all(Array.from({ length: 20 }, () => call(`/r/${codes[0]}`, phone())));
    const rows = await scansEventually(codes[0]!, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await scansOf(codes[0]!)).length).toBe(20);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(20);
  });
});
