import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { dayOf, parsePeriod, previousPeriod } from '../../src/domain/period';
import { addDays } from '../../src/domain/time';
import { formatters } from '../../src/views/format';
import { complain, createCard, customer, eventually, textOf } from '../complaint-helpers';
import { apiPost, call, createLocation, createToken, postForm, signIn } from '../helpers';

const BOT = 'TelegramBot (like TwitterBot)';
const pct = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}\u00a0%`;

async function json(path: string, token: string) {
  const res = await call(path, { headers: { authorization: `Bearer ${token}` } });
  // biome-ignore lint/suspicious/noExplicitAny: the tests read deep into the answer's JSON
  return { status: res.status, body: await res.json<Record<string, any>>() };
}

async function page(path: string, session: { cookie: string }) {
  const res = await call(path, { headers: { cookie: session.cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const figure = (html: string, name: string) => new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html)?.[1];

/** The change line of a headline figure: its class, whether it is significant, and its text. */
function change(html: string, name: string) {
  const m = new RegExp(
    `<p class="delta small ([a-z-]+)" data-change="${name}" data-significant="(true|false)">(.*?)</p>`,
  ).exec(html);
  return m ? { tone: m[1], significant: m[2] === 'true', text: textOf(m[3]!).trim() } : null;
}

async function record(token: string, slug: string, date: string, values: { positive?: number; orders?: number }) {
  if (values.positive !== undefined)
    expect((await apiPost('/api/v1/reviews', token, { location: slug, date, positive: values.positive })).status).toBe(
      201,
    );
  if (values.orders !== undefined)
    expect((await apiPost('/api/v1/orders', token, { location: slug, date, count: values.orders })).status).toBe(201);
}

/** Runs `body` with customers counted by the orders entered, then puts the owner's choice back. */
async function inOrdersMode(owner: { cookie: string; csrf: string }, body: () => Promise<void>) {
  expect((await postForm('/admin/reviews/mode', owner, { mode: 'ordersCount' })).status).toBe(303);
  try {
    await body();
  } finally {
    await postForm('/admin/reviews/mode', owner, { mode: 'cardsHandedOut' });
  }
}

describe('orders mode compares like with like', () => {
  it('counts only the day that has an orders count, for reviews, complaints and orders alike; JSON and page agree', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const { id: locationId, slug } = await createLocation();
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const yesterday = addDays(today, -1);
    // Yesterday: 6 positive reviews, no orders entered. Today: 4 positives, 40 orders, one complaint.
    await record(token, slug, yesterday, { positive: 6 });
    await record(token, slug, today, { positive: 4, orders: 40 });
    const { code } = await createCard({ locationId });
    expect((await complain(code, customer())).res.status).toBe(303);

    const range = `from=${yesterday}&to=${today}&location=${slug}`;
    const byOrders = await json(`/api/v1/support-index?${range}&denominator=orders`, token);
    expect(byOrders.status).toBe(200);
    expect(byOrders.body).toMatchObject({
      customersServedSource: 'ordersCount',
      customersServed: 40,
      coverage: { days: 1, of: 2 },
      positiveReviews: 10,
      countedPositiveReviews: 4,
      complaints: 1,
      countedComplaints: 1,
    });
    expect(byOrders.body.supportIndex).toBe(0.1); // 4 / 40, not 10 / 40
    expect(byOrders.body.complaintRate).toBe(0.025);
    expect(byOrders.body.netSupport).toBeCloseTo(0.075, 12);

    // The owner's setting is still "cards"; denominator=cards and no parameter agree.
    const byCards = await json(`/api/v1/support-index?${range}&denominator=cards`, token);
    expect(byCards.body).toMatchObject({
      customersServedSource: 'cardsHandedOut',
      customersServed: 1,
      coverage: { days: 2, of: 2 },
    });
    expect((await json(`/api/v1/support-index?${range}`, token)).body.customersServedSource).toBe('cardsHandedOut');

    await inOrdersMode(owner, async () => {
      expect((await json(`/api/v1/support-index?${range}`, token)).body).toMatchObject({
        customersServedSource: 'ordersCount',
        supportIndex: 0.1,
        coverage: { days: 1, of: 2 },
      });
      const html = await page(`/admin?period=custom&from=${yesterday}&to=${today}&location=${slug}`, owner);
      expect(figure(html, 'supportIndex')).toBe(pct(0.1));
      expect(figure(html, 'complaintRate')).toBe(pct(0.025));
      expect(figure(html, 'netSupport')).toBe(`+${pct(0.075)}`);
      expect(figure(html, 'indexHint')).toBe(
        'Положительных отзывов: 4 · клиентов: 40 · по 1 дню из 2, за которые внесены заказы',
      );
      expect(figure(html, 'complaintHint')).toBe('Жалоб: 1 · клиентов: 40 · по 1 дню из 2, за которые внесены заказы');
      expect(html).not.toContain('data-warning="no-orders"');
      // The funnel and the location table count the same day: 4 positives, 1 complaint of 40.
      expect(html).toContain(`>4 · ${pct(0.1)}<`);
      expect(html).toContain(`>1 · ${pct(0.025)}<`);
      expect(html).toContain('data-note="funnel-coverage"');
      const locationRow = html.split('<table id="by-location"')[1]!.split('</table>')[0]!;
      expect([...locationRow.matchAll(/<td class="num"[^>]*>(?:<strong>)?([^<]*)</g)].map((m) => m[1])).toEqual([
        '40',
        '0',
        '4',
        pct(0.1),
        '1',
        pct(0.025),
        `+${pct(0.075)}`,
      ]);
    });
  });

  it('shows no figure and says what to enter when no day of the period has an orders count', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const { slug } = await createLocation();
    const today = dayOf(Date.now(), 'Europe/Moscow');
    await record(token, slug, today, { positive: 5 });
    const range = `from=${addDays(today, -2)}&to=${today}&location=${slug}`;
    const { body } = await json(`/api/v1/support-index?${range}&denominator=orders`, token);
    expect(body).toMatchObject({
      customersServed: 0,
      coverage: { days: 0, of: 3 },
      supportIndex: null,
      complaintRate: null,
      netSupport: null,
      positiveReviews: 5,
    });
    await inOrdersMode(owner, async () => {
      const html = await page(`/admin?period=custom&${range}`, owner);
      expect(figure(html, 'supportIndex')).toBe('—');
      const warning = textOf(html.split('data-warning="no-orders"')[1]!.split('</div>')[0]!);
      expect(warning).toContain('не внесено число заказов ни за один день');
      expect(warning).toContain('Внести заказы');
    });
  });

  it('refuses an unknown denominator, and orders for a batch, naming the field', async () => {
    const token = await createToken('manager');
    const bad = await json('/api/v1/support-index?denominator=visits', token);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'denominator' });
    const { batchId } = await createCard();
    const batch = await json(`/api/v1/support-index?batch=${batchId}&denominator=orders`, token);
    expect(batch.status).toBe(400);
    expect(batch.body).toMatchObject({ field: 'denominator' });
    expect((await json(`/api/v1/support-index?batch=${batchId}&denominator=cards`, token)).status).toBe(200);
  });
});

describe('honest comparisons', () => {
  it('colours a change beyond chance and greys one within it, in the JSON and on the page', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const yesterday = addDays(today, -1);
    const big = await createLocation();
    const small = await createLocation();
    // 40/1000 then 60/1000: beyond chance. 40/1000 then 45/1000: within it.
    for (const [loc, now] of [
      [big, 60],
      [small, 45],
    ] as const) {
      await record(token, loc.slug, yesterday, { positive: 40, orders: 1000 });
      await record(token, loc.slug, today, { positive: now, orders: 1000 });
    }
    const significant = async (slug: string) =>
      (await json(`/api/v1/support-index?from=${today}&to=${today}&location=${slug}&denominator=orders`, token)).body
        .change;
    const bigChange = await significant(big.slug);
    expect(bigChange.supportIndex).toBeCloseTo(0.02, 12);
    expect(bigChange.significant).toEqual({ supportIndex: true, complaintRate: false, netSupport: true });
    expect((await significant(small.slug)).significant).toEqual({
      supportIndex: false,
      complaintRate: false,
      netSupport: false,
    });

    await inOrdersMode(owner, async () => {
      const bigPage = await page(`/admin?period=custom&from=${today}&to=${today}&location=${big.slug}`, owner);
      expect(change(bigPage, 'supportIndex')).toEqual({
        tone: 'up-good',
        significant: true,
        text: '▲ +2,0 п. п. к прошлому периоду',
      });
      const smallPage = await page(`/admin?period=custom&from=${today}&to=${today}&location=${small.slug}`, owner);
      expect(change(smallPage, 'supportIndex')).toEqual({
        tone: 'flat',
        significant: false,
        text: '▲ +0,5 п. п. — в пределах случайности',
      });
      // No complaints either day: ±0 is never coloured.
      expect(change(smallPage, 'complaintRate')).toMatchObject({ tone: 'flat', significant: false });
    });
  });

  it('compares the month so far with the same days of the previous month', async () => {
    const owner = await signIn('owner');
    const now = Date.now();
    const month = parsePeriod({ period: 'month' }, now, 'Europe/Moscow').period;
    const prev = previousPeriod(month);
    const today = dayOf(now, 'Europe/Moscow');
    expect(month.to).toBe(today);
    const f = formatters('ru');
    const html = await page('/admin?period=month', owner);
    expect(textOf(html)).toContain(
      `Изменения — в сравнении с периодом ${f.dayShort(prev.from)} — ${f.dayLong(prev.to)}`,
    );
    expect(figure(html, 'range')).toContain(`${f.dayLong(month.from)} — ${f.dayLong(today)}`);
  });
});

describe('trends that show the signal', () => {
  it('draws the index as a trailing window, keeps each day in the table, and counts scans by unique card with bots apart', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const { id: locationId, slug } = await createLocation();
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const yesterday = addDays(today, -1);
    await record(token, slug, yesterday, { positive: 10, orders: 100 });
    await record(token, slug, today, { positive: 0, orders: 100 });
    // One card scanned by a person three times, and a burst of 12 link-preview scans.
    const { code, batchId } = await createCard({ locationId });
    const phone = customer();
    for (let i = 0; i < 3; i++) expect((await phone.get(`/r/${code}`)).status).toBe(302);
    for (let i = 0; i < 12; i++)
      expect(
        (await call(`/r/${code}`, { headers: { 'user-agent': BOT, 'cf-connecting-ip': '10.9.9.9' } })).status,
      ).toBe(302);
    await eventually(
      async () =>
        (await env.DB.prepare('SELECT COUNT(*) AS n FROM scans WHERE batch_id = ?1')
          .bind(batchId)
          .first<{ n: number }>())!.n,
      (n) => n >= 15,
    );

    await inOrdersMode(owner, async () => {
      const html = await page(`/admin?period=custom&from=${yesterday}&to=${today}&location=${slug}&by=day`, owner);
      const rates = html
        .split('<figcaption class="chart-title">Индекс поддержки и доля жалоб</figcaption>')[1]!
        .split('</figure>')[0]!;
      const rateHeaders = [...rates.matchAll(/<th scope="col" class="num">([^<]*)<\/th>/g)].map((m) => m[1]);
      expect(rateHeaders).toEqual([
        'Индекс поддержки',
        'Доля жалоб',
        'Индекс поддержки, за день',
        'Доля жалоб, за день',
      ]);
      const rows = [
        ...rates.matchAll(/<tr><th scope="row">[^<]*<\/th>((?:<td class="num"[^>]*>[^<]*<\/td>)+)<\/tr>/g),
      ].map((m) => [...m[1]!.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]));
      // Today on its own: 0 of 100. Over the trailing 7 days: 10 of 200.
      expect(rows[1]).toEqual([pct(0.05), pct(0), pct(0), pct(0)]);
      expect(rows[0]).toEqual([pct(0.1), pct(0), pct(0.1), pct(0)]);
      expect(html).toContain('data-note="trailing"');

      const scans = html
        .split('<figcaption class="chart-title">Открытки, по которым открыли коды</figcaption>')[1]!
        .split('</figure>')[0]!;
      const legend = scans.split('<svg class="chart-wide"')[0]!;
      expect(legend).toContain('Открыли код отзыва');
      expect(legend).not.toContain('Сканы ботов');
      const scanRows = [
        ...scans.matchAll(/<tr><th scope="row">[^<]*<\/th>((?:<td class="num"[^>]*>[^<]*<\/td>)+)<\/tr>/g),
      ].map((m) => [...m[1]!.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]));
      expect(scanRows[1]).toEqual(['1', '0', '12']); // one unique card, no complaint card, 12 bot scans apart
      expect(textOf(html)).toContain('Сканы ботов и превью ссылок за период: 12');
    });
  });
});

describe('top 3 are causes', () => {
  it('never marks the catch-all «Другое» top-3, breaks ties by the earlier first complaint, and the owner can unmark it', async () => {
    const token = await createToken('manager');
    const owner = await signIn('owner');
    const { id: locationId, slug } = await createLocation();
    // Default reasons: 0 late, 1 damaged, 2 wrong items, 3 quality, 4 rude courier, 5 other.
    const taps = [3, 2, 0, 1, 5, 5];
    for (const index of taps) {
      const { code } = await createCard({ locationId });
      expect((await complain(code, customer(), index)).res.status).toBe(303);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct first-complaint times
    }
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const api = `/api/v1/support-index?from=${today}&to=${today}&location=${slug}`;
    const before = (await json(api, token)).body.byReason as {
      reason: string;
      count: number;
      top: boolean;
      catchAll: boolean;
    }[];
    expect(before.map((r) => [r.reason, r.count, r.top, r.catchAll])).toEqual([
      ['Другое', 2, false, true],
      ['Качество продукта', 1, true, false],
      ['Привезли не то', 1, true, false],
      ['Опоздали с доставкой', 1, true, false],
      ['Товар повреждён', 1, false, false],
    ]);
    const html = await page(`/admin?period=7d&location=${slug}`, owner);
    expect(html).toContain('Другое<span class="hbar-mark quiet">общая причина</span>');
    expect(html).toContain('Качество продукта<span class="hbar-mark">Топ-3</span>');
    expect(html).toContain('Опоздали с доставкой<span class="hbar-mark">Топ-3</span>');
    expect(html).toContain('Товар повреждён</span>');
    expect(html).not.toContain('Товар повреждён<span class="hbar-mark">');
    expect(textOf(html)).toContain('При равенстве выше та, на которую впервые пожаловались раньше');

    // On the reasons page «Другое» is marked; unmarking it makes it a cause like any other.
    const reasonsPage = await page(`/admin/reasons/${locationId}`, owner);
    const other = await env.DB.prepare("SELECT id FROM complaint_reasons WHERE location_id = ?1 AND label = 'Другое'")
      .bind(locationId)
      .first<{ id: number }>();
    expect(reasonsPage).toContain(`data-catch-all="${other!.id}"`);
    expect(
      (await postForm(`/admin/reasons/${locationId}/${other!.id}/catch-all`, owner, { catchAll: '0' })).status,
    ).toBe(303);
    expect(await page(`/admin/reasons/${locationId}`, owner)).not.toContain(`data-catch-all="${other!.id}"`);
    const after = (await json(api, token)).body.byReason as { reason: string; top: boolean }[];
    expect(after.filter((r) => r.top).map((r) => r.reason)).toEqual(['Другое', 'Качество продукта', 'Привезли не то']);
    expect(
      (await postForm(`/admin/reasons/${locationId}/${other!.id}/catch-all`, owner, { catchAll: '1' })).status,
    ).toBe(303);
    expect((await json(api, token)).body.byReason[0]).toMatchObject({ reason: 'Другое', top: false, catchAll: true });
  });
});
