import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { windows1251 } from '../windows-1251';
import { call, createLocation, ORIGIN, postForm, signIn } from '../helpers';

function upload(
  path: string,
  session: { cookie: string; csrf: string },
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array | string },
) {
  const form = new FormData();
  form.set('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([file.bytes], file.name, { type: 'text/csv' }));
  return call(path, { method: 'POST', headers: { origin: ORIGIN, cookie: session.cookie }, body: form });
}

const positives = async (locationId: number) =>
  (await env.DB.prepare('SELECT COALESCE(SUM(positive), 0) AS n FROM daily_reviews WHERE location_id = ?1')
    .bind(locationId)
    .first<{ n: number }>())!.n;

describe('recording reviews and orders on /admin/reviews', () => {
  it('records a period count on its end day and lets a mistaken entry be deleted', async () => {
    const owner = await signIn('manager');
    const location = await createLocation();
    const res = await postForm('/admin/reviews/count', owner, {
      location: location.slug,
      from: '2026-03-01',
      date: '2026-03-07',
      positive: '9',
      total: '11',
      averageRating: '4,6',
    });
    expect(res.status).toBe(303);
    const stored = await env.DB.prepare(
      'SELECT id, period_start, day, positive FROM review_counts WHERE location_id = ?1',
    )
      .bind(location.id)
      .first<{ id: number; period_start: string; day: string; positive: number }>();
    expect(stored).toMatchObject({ period_start: '2026-03-01', day: '2026-03-07', positive: 9 });
    expect(await (await call(res.headers.get('location')!, { headers: { cookie: owner.cookie } })).text()).toContain(
      'Записано.',
    );
    expect((await postForm(`/admin/reviews/count/${stored!.id}/delete`, owner, {})).status).toBe(303);
    expect(await positives(location.id)).toBe(0);
  });

  it('keeps what was typed and names the field when the quick form is wrong', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const res = await postForm('/admin/reviews/count', owner, {
      location: location.slug,
      date: '2026-03-07',
      positive: '5',
      total: '3',
      averageRating: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Всего отзывов — целое число, не меньше положительных.');
    expect(html).toMatch(/id="count-total"[^>]*value="3"/);
    expect(html).toMatch(/id="count-positive"[^>]*value="5"/);
    expect(await positives(location.id)).toBe(0);
  });

  it('imports a Russian Excel CSV, skips duplicates, and stores nothing from a file with a bad row', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const good =
      '\uFEFFДата;Оценка;Площадка;Автор;Текст\r\n01.03.2026;5;Яндекс Карты;Анна;"Всё отлично; спасибо"\r\n02.03.2026;4;2ГИС;;\r\n02.03.2026;2;2ГИС;Пётр;Долго\r\n';
    const first = await upload(
      '/admin/reviews/import',
      owner,
      { location: location.slug },
      { name: 'reviews.csv', bytes: good },
    );
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('imported=3&duplicates=0');
    expect(await positives(location.id)).toBe(2);

    const again = await upload('/admin/reviews/import', owner, { location: location.slug, csv: good }, undefined);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toContain('imported=0&duplicates=3');

    const bad =
      'date,rating,platform\n2026-03-05,5,Google\n2026-03-32,5,Google\n2026-03-06,4.5,Google\n2026-03-07,5,\n';
    const rejected = await upload('/admin/reviews/import', owner, { location: location.slug, csv: bad }, undefined);
    expect(rejected.status).toBe(400);
    const html = await rejected.text();
    expect(html).toContain('Ничего не загружено');
    expect(html).toContain('Строка 3: Дата не распознана');
    expect(html).toContain('Строка 4: Оценка — целое число от 1 до 5.');
    expect(html).toContain('Строка 5: Укажите площадку');
    expect(html).toContain('2026-03-32,5,Google'); // the pasted text is kept
    expect(await positives(location.id)).toBe(2);
  });

  it('reads a CSV saved in Windows-1251', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const cp1251 = windows1251('дата;оценка;площадка\n01.03.2026;5;Яндекс\n');
    const res = await upload(
      '/admin/reviews/import',
      owner,
      { location: location.slug },
      { name: 'r.csv', bytes: cp1251 },
    );
    expect(res.status).toBe(303);
    expect(
      await env.DB.prepare('SELECT platform FROM reviews WHERE location_id = ?1').bind(location.id).first(),
    ).toEqual({ platform: 'yandex_maps' });
  });

  it('records orders per day, replacing a day entered again, and imports them from CSV', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    expect(
      (await postForm('/admin/reviews/orders', owner, { location: location.slug, date: '2026-03-01', count: '40' }))
        .status,
    ).toBe(303);
    expect(
      (await postForm('/admin/reviews/orders', owner, { location: location.slug, date: '2026-03-01', count: '42' }))
        .status,
    ).toBe(303);
    const csv = 'дата;заказы\n02.03.2026;50\n03.03.2026;55\n';
    expect((await upload('/admin/reviews/orders/import', owner, { location: location.slug, csv })).status).toBe(303);
    const rows = await env.DB.prepare('SELECT day, count FROM orders_counts WHERE location_id = ?1 ORDER BY day')
      .bind(location.id)
      .all();
    expect(rows.results).toEqual([
      { day: '2026-03-01', count: 42 },
      { day: '2026-03-02', count: 50 },
      { day: '2026-03-03', count: 55 },
    ]);
    const repeated = await upload('/admin/reviews/orders/import', owner, {
      location: location.slug,
      csv: 'дата;заказы\n04.03.2026;1\n04.03.2026;2\n',
    });
    expect(repeated.status).toBe(400);
    expect(await repeated.text()).toContain('Строка 3: Этот день уже есть в файле выше.');
  });

  it('is for owners and managers only', async () => {
    const staff = await signIn('staff');
    expect((await call('/admin/reviews', { headers: { cookie: staff.cookie } })).status).toBe(403);
    // Staff land on printing instead of the Support Index.
    const home = await call('/admin', { headers: { cookie: staff.cookie } });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/admin/print');
  });
});
