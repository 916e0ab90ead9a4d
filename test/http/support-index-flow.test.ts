import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/domain/period';
import { wilson } from '../../src/domain/support-index';
import { apiPost, call, createLocation, createToken, ORIGIN, postForm, signIn } from '../helpers';

const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const BOT = 'TelegramBot (like TwitterBot)';

/** Scans are written after the response (waitUntil): wait until the expected rows are there. */
async function waitForScans(batchIds: string[], expected: number) {
  for (let i = 0; i < 100; i++) {
    const row = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM scans WHERE batch_id IN (SELECT value FROM json_each(?1))',
    )
      .bind(JSON.stringify(batchIds))
      .first<{ n: number }>();
    if (row!.n >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('scans were not stored');
}

function scan(path: string, ua: string, ip: string) {
  return call(path, { headers: { 'user-agent': ua, 'cf-connecting-ip': ip } });
}

/** Complains as a customer: open the card's page, tap the named reason. */
async function complain(code: string, reasonLabel: string, ip: string): Promise<string> {
  const page = await (await scan(`/c/${code}`, PHONE, ip)).text();
  const match = new RegExp(`name="reason" value="(\\d+)"[^>]*>\\s*(?:<[^>]+>\\s*)*${reasonLabel}`).exec(page);
  expect(match, `reason ${reasonLabel} on the complaint page`).not.toBeNull();
  const res = await call(`/c/${code}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      'user-agent': PHONE,
      'cf-connecting-ip': ip,
    },
    body: new URLSearchParams({ reason: match![1]! }),
  });
  expect(res.status).toBe(303);
  return res.headers.get('location')!.split('/').pop()!.split('?')[0]!;
}

const pct = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}\u00a0%`;

describe('the Support Index through HTTP', () => {
  it('shows every figure of a printed, scanned, complained-about and reviewed week, on the page and in the JSON', async () => {
    const token = await createToken('owner');
    const owner = await signIn('owner');
    const { slug } = await createLocation();
    const today = dayOf(Date.now(), 'Europe/Moscow');

    // Print 10 + 5 cards, then void one: 14 customers served.
    const first = await (await apiPost('/api/v1/batches', token, { location: slug, count: 10 })).json<{
      id: string;
      cards: { code: string }[];
    }>();
    const second = await (await apiPost('/api/v1/batches', token, { location: slug, count: 5 })).json<{
      id: string;
      cards: { code: string }[];
    }>();
    const codes = [...first.cards, ...second.cards].map((c) => c.code);
    expect((await apiPost(`/api/v1/cards/${codes[14]}/void`, token, { reason: 'lost' })).status).toBe(200);

    // Review scans: 4 cards by people (one of them twice), a link preview, and one on the voided card.
    for (const [i, code] of [codes[0], codes[0], codes[1], codes[2], codes[11]].entries()) {
      expect((await scan(`/r/${code}`, PHONE, `10.0.0.${i + 1}`)).status).toBe(302);
    }
    expect((await scan(`/r/${codes[3]}`, BOT, '10.0.1.1')).status).toBe(302);
    expect((await scan(`/r/${codes[14]}`, PHONE, '10.0.1.2')).status).toBe(404);

    // Two complaints with different reasons, one of them answered from the inbox.
    const late = await complain(codes[5]!, 'Опоздали с доставкой', '10.0.2.1');
    await complain(codes[6]!, 'Товар повреждён', '10.0.2.2');
    expect((await postForm(`/admin/complaints/${late}/contacted`, owner, {})).status).toBe(303);
    await waitForScans([first.id, second.id], 9); // 6 review (one by a bot), 1 on the voided card, 2 complaint

    // Reviews: a count from the quick API, then a CSV of the same day's reviews (three positive, one
    // not, one repeated). The import does not count the day twice: it stops and names the count, and
    // the owner lets the file's reviews replace it.
    const count = await apiPost('/api/v1/reviews', token, {
      location: slug,
      date: today,
      positive: 2,
      total: 3,
      averageRating: 4.5,
    });
    expect(count.status).toBe(201);
    const csv =
      `дата;оценка;площадка;автор;текст\r\n${today};5;Яндекс Карты;Анна;"Быстро; вкусно"\r\n${today};3;2ГИС;Олег;\r\n${today};5;Яндекс Карты;Анна;"Быстро; вкусно"\r\n` +
      `${today};4;Яндекс Карты;Мария;\r\n${today};5;2ГИС;Иван;Спасибо\r\n`;
    const importCsv = (query = '') =>
      call(`/api/v1/reviews?location=${slug}${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: csv,
      });
    const warned = await importCsv();
    expect(warned.status).toBe(409);
    expect((await importCsv()).status, 'nothing was stored by the warning').toBe(409);
    const imported = await importCsv('&overlap=replace');
    expect(imported.status).toBe(201);
    const report = await imported.json<{ stored: { line: number }[]; rejected: { line: number; reason: string }[] }>();
    expect(report.stored.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    expect(report.rejected).toMatchObject([{ line: 4, reason: 'duplicate' }]);
    const again = await importCsv();
    expect(await again.json()).toMatchObject({
      stored: [],
      rejected: [2, 3, 4, 5, 6].map((line) => ({ line, reason: 'duplicate' })),
    });

    // The JSON.
    const res = await call(`/api/v1/support-index?from=${today}&to=${today}&location=${slug}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const json = await res.json<Record<string, unknown>>();
    const interval = wilson(3, 14)!;
    expect(json).toMatchObject({
      from: today,
      to: today,
      location: slug,
      customersServedSource: 'cardsHandedOut',
      customersServed: 14,
      cardsHandedOut: 14,
      reviewScans: 6,
      reviewScansHuman: 5,
      uniqueReviewCards: 4,
      positiveReviews: 3,
      complaintScans: 2,
      complaintScansHuman: 2,
      uniqueComplaintCards: 2,
      complaints: 2,
      smallSample: true,
      openComplaints: 1,
      byReason: expect.arrayContaining([
        expect.objectContaining({ reason: 'Опоздали с доставкой', count: 1 }),
        expect.objectContaining({ reason: 'Товар повреждён', count: 1 }),
      ]),
    });
    expect(json.supportIndex).toBeCloseTo(3 / 14, 12);
    expect(json.supportIndexLow).toBeCloseTo(interval.low, 12);
    expect(json.supportIndexHigh).toBeCloseTo(interval.high, 12);
    expect(json.complaintRate).toBeCloseTo(2 / 14, 12);
    expect(json.netSupport).toBeCloseTo(1 / 14, 12);
    expect(json.reviewScanRate).toBeCloseTo(4 / 14, 12);
    expect(typeof json.medianFirstResponseMinutes).toBe('number');
    expect(json.previous).toMatchObject({ supportIndex: null, complaintRate: null });
    expect(json.change).toEqual({
      supportIndex: null,
      complaintRate: null,
      netSupport: null,
      significant: { supportIndex: false, complaintRate: false, netSupport: false },
    });

    // The page shows the same figures.
    const page = await call(`/admin?period=7d&location=${slug}`, { headers: { cookie: owner.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const figure = (name: string) => new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html)?.[1];
    expect(figure('supportIndex')).toBe(pct(3 / 14)); // 21,4 %
    expect(figure('complaintRate')).toBe(pct(2 / 14)); // 14,3 %
    expect(figure('netSupport')).toBe(`+${pct(1 / 14)}`); // +7,1 %
    expect(figure('interval')).toBe(`95% интервал: ${pct(interval.low)} — ${pct(interval.high)}`);
    expect(figure('openComplaints')).toBe('1');
    expect(html).toContain('data-warning="small-sample"');
    expect(html).toContain('Положительных отзывов: 3 · клиентов: 14');
    expect(html).toContain('Жалоб: 2 · клиентов: 14');
    // Funnel captions: served, unique review cards, positives, unique complaint cards, complaints.
    for (const caption of ['>14<', `>4 · ${pct(4 / 14)}<`, `>3 · ${pct(3 / 14)}<`, `>2 · ${pct(2 / 14)}<`])
      expect(html).toContain(caption);
    expect(html).toContain('Опоздали с доставкой<span class="hbar-mark">Топ-3</span>');
    expect(html).toMatch(
      /<svg class="chart-wide" viewBox="0 0 760 220" width="100%" role="img" aria-labelledby="rates-wide-t rates-wide-d">/,
    );
    expect(html).toMatch(/<title id="rates-wide-t">Индекс поддержки и доля жалоб<\/title>/);
    // The by-batch table lists both batches with their own customers.
    const batchRows = html.split('<table id="by-batch" class="si-table">')[1]!.split('</table>')[0]!;
    expect(batchRows.match(/<tr>/g)!.length).toBe(3); // header + 2 batches

    // The CSV export has today's row with the same figures.
    const exported = await call(`/admin/export.csv?period=7d&location=${slug}&kind=daily&format=en`, {
      headers: { cookie: owner.cookie },
    });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const line = (await exported.text()).split('\r\n').find((l) => l.startsWith(today))!;
    expect(line.split(',').slice(0, 8)).toEqual([today, '14', '14', '', '6', '5', '4', '3']);
  });

  it('counts customers by the orders entered once the owner chooses so', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const { slug } = await createLocation();
    const today = dayOf(Date.now(), 'Europe/Moscow');
    expect((await postForm('/admin/reviews/mode', owner, { mode: 'ordersCount' })).status).toBe(303);
    try {
      expect((await apiPost('/api/v1/orders', token, { location: slug, date: today, count: 40 })).status).toBe(201);
      expect((await apiPost('/api/v1/reviews', token, { location: slug, date: today, positive: 4 })).status).toBe(201);
      const json = await (
        await call(`/api/v1/support-index?from=${today}&to=${today}&location=${slug}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json<Record<string, unknown>>();
      expect(json).toMatchObject({
        customersServedSource: 'ordersCount',
        customersServed: 40,
        ordersCount: 40,
        positiveReviews: 4,
        supportIndex: 0.1,
      });
    } finally {
      await postForm('/admin/reviews/mode', owner, { mode: 'cardsHandedOut' });
    }
  });

  it('answers null shares for a period without data, and names a bad parameter', async () => {
    const token = await createToken('manager');
    const { slug } = await createLocation();
    const json = await (
      await call(`/api/v1/support-index?from=2020-01-01&to=2020-01-31&location=${slug}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(json).toMatchObject({
      customersServed: 0,
      supportIndex: null,
      supportIndexLow: null,
      complaintRate: null,
      netSupport: null,
      byReason: [],
    });
    const bad = await call('/api/v1/support-index?from=2020-13-01&to=2020-01-31', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'from' });
    const unknown = await call('/api/v1/support-index?location=nowhere', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await unknown.json()).toMatchObject({ field: 'location' });
    const staff = await createToken('staff');
    expect((await call('/api/v1/support-index', { headers: { authorization: `Bearer ${staff}` } })).status).toBe(403);
  });
});
