import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../src/auth/crypto';
import { apiPost, call, createLocation, createToken, postForm, signIn } from '../helpers';
import { textOf } from '../complaint-helpers';

/** A location with a name of its own, so it can be named in a file. */
async function namedLocation() {
  const location = await createLocation();
  const name = `Кофейня ${randomToken(4)}`;
  await env.DB.prepare('UPDATE locations SET name = ?1 WHERE id = ?2').bind(name, location.id).run();
  return { ...location, name };
}

const positivesOn = async (token: string, slug: string, day: string) =>
  (
    await (
      await call(`/api/v1/support-index?from=${day}&to=${day}&location=${slug}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ positiveReviews: number }>()
  ).positiveReviews;

describe('importing reviews with the headers owners write', () => {
  it('takes synonyms and a location by name, and stores what the file says', async () => {
    const owner = await signIn('manager');
    const token = await createToken('manager');
    const { slug, name } = await namedLocation();
    const csv = `Дата отзыва;Звёзды;Источник;Точка\n01.02.2026;5;Яндекс Карты;${name.toUpperCase()}\n02.02.2026;★★★★;2ГИС;${slug}\n`;
    const res = await postForm('/admin/reviews/import', owner, { csv, location: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('imported=2');
    expect(await positivesOn(token, slug, '2026-02-01')).toBe(1);
    expect(await positivesOn(token, slug, '2026-02-02')).toBe(1);
  });

  it('names a missing column in the owner’s words, and a location that does not exist', async () => {
    const owner = await signIn('manager');
    const missing = await postForm('/admin/reviews/import', owner, {
      csv: 'Когда;Звёзды\n01.02.2026;5\n',
      location: '',
    });
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain('Строка 1: В файле нет нужной колонки: «Дата».');
    const unknown = await postForm('/admin/reviews/import', owner, {
      csv: 'Дата;Оценка;Площадка;Точка\n01.02.2026;5;2ГИС;Нет такой\n',
      location: '',
    });
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('Строка 2: Точка не найдена');
  });

  it('shows the accepted headers and offers a sample file that imports as it is', async () => {
    const owner = await signIn('manager');
    const page = textOf(await (await call('/admin/reviews', { headers: { cookie: owner.cookie } })).text());
    expect(page).toContain('Какие названия колонок подходят');
    expect(page).toContain('Дата : дата, дата отзыва, день');
    expect(page).toContain('Заказы : заказы, заказов, кол-во заказов');
    const { name } = await namedLocation();
    const sample = await call('/admin/reviews/sample.csv?kind=reviews', { headers: { cookie: owner.cookie } });
    expect(sample.status).toBe(200);
    expect(sample.headers.get('content-disposition')).toContain('attachment');
    const text = new TextDecoder().decode(await sample.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('Дата отзыва;Оценка;Площадка;Автор;Текст;Точка');
    // The sample names a real location; uploaded back, it is stored without an error.
    const [header, ...rows] = text.trim().split('\r\n');
    const ours = [header, ...rows.map((row) => row.replace(/;[^;]*$/, `;${name}`))].join('\r\n');
    const back = await postForm('/admin/reviews/import', owner, { csv: ours, location: '' });
    expect(back.status).toBe(303);
    const orders = await call('/admin/reviews/sample.csv?kind=orders', { headers: { cookie: owner.cookie } });
    expect(new TextDecoder().decode(await orders.arrayBuffer()).split('\r\n')[0]).toBe('Дата;Кол-во заказов;Точка');
    expect((await call('/admin/reviews/sample.csv?kind=xlsx', { headers: { cookie: owner.cookie } })).status).toBe(400);
  });
});

describe('a quick-form count, then an import of the same day', () => {
  const file = (slug: string) =>
    `date;rating;platform;location\n10.02.2026;5;yandex;${slug}\n10.02.2026;4;2gis;${slug}\n11.02.2026;5;yandex;${slug}\n`;

  it('warns and stores nothing; "replace" stores the file and drops the hand count, never counting twice', async () => {
    const owner = await signIn('manager');
    const token = await createToken('manager');
    const { slug } = await createLocation();
    expect((await apiPost('/api/v1/reviews', token, { location: slug, date: '2026-02-10', positive: 2 })).status).toBe(
      201,
    );
    const warned = await postForm('/admin/reviews/import', owner, { csv: file(slug), location: '' });
    expect(warned.status).toBe(409);
    const html = await warned.text();
    expect(textOf(html)).toContain('Эти дни уже внесены вручную');
    expect(textOf(html)).toContain('Пекарня «Колобок», 10 февр.: вручную 2 положит.');
    expect(await positivesOn(token, slug, '2026-02-10')).toBe(2);
    expect(await positivesOn(token, slug, '2026-02-11')).toBe(0);
    // The choice form carries the file back.
    expect(html).toMatch(/<textarea name="csv" hidden="">date;rating;platform;location/);

    const replaced = await postForm('/admin/reviews/import', owner, {
      csv: file(slug),
      location: '',
      overlap: 'replace',
    });
    expect(replaced.status).toBe(303);
    expect(await positivesOn(token, slug, '2026-02-10')).toBe(2);
    expect(await positivesOn(token, slug, '2026-02-11')).toBe(1);
    const stored = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM review_counts rc JOIN locations l ON l.id = rc.location_id WHERE l.slug = ?1',
    )
      .bind(slug)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('"keep" leaves the hand count and stores only the other days; the API answers 409 the same way', async () => {
    const owner = await signIn('manager');
    const token = await createToken('manager');
    const { slug } = await createLocation();
    await apiPost('/api/v1/reviews', token, { location: slug, from: '2026-02-09', date: '2026-02-10', positive: 3 });
    const api = await call('/api/v1/reviews', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: file(slug),
    });
    expect(api.status).toBe(409);
    const body = await api.json<{ field: string; overlaps: { from: string; date: string; positive: number }[] }>();
    expect(body).toMatchObject({
      field: 'overlap',
      overlaps: [{ from: '2026-02-09', date: '2026-02-10', positive: 3 }],
    });

    const kept = await postForm('/admin/reviews/import', owner, { csv: file(slug), location: '', overlap: 'keep' });
    expect(kept.status).toBe(303);
    const notice = textOf(
      await (await call(kept.headers.get('location')!, { headers: { cookie: owner.cookie } })).text(),
    );
    expect(notice).toContain('Загружено отзывов: 1.');
    expect(notice).toContain('Не загружено отзывов за дни, внесённые вручную: 2.');
    expect(await positivesOn(token, slug, '2026-02-10')).toBe(3);
    expect(await positivesOn(token, slug, '2026-02-11')).toBe(1);
    const bad = await call('/api/v1/reviews?overlap=both', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: file(slug),
    });
    expect(bad.status).toBe(400);
  });
});
