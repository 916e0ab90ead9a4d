import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { textOf } from '../complaint-helpers';
import { apiPost, call, createLocation, createToken, postForm, signIn } from '../helpers';

const form = (location: string, fields: Record<string, string> = {}) => ({
  location,
  template: 'classic',
  format: 'a4-4up',
  count: '20',
  orders: '',
  handOutFrom: '',
  handOutTo: '',
  ...fields,
});
const batchOf = async (res: Response) => {
  const id = /\/admin\/print\/batches\/([^?]+)/.exec(res.headers.get('location') ?? '')?.[1];
  return env.DB.prepare('SELECT card_count AS cards, location_id AS locationId FROM batches WHERE id = ?1')
    .bind(id ?? '')
    .first<{ cards: number; locationId: number }>();
};
const selectedLocation = (html: string) =>
  /<option value="([^"]+)" selected=""/.exec(html.slice(html.indexOf('id="location"')))?.[1] ?? null;

describe('printing for pasted order refs', () => {
  it('takes the count from the refs, whatever the count field says', async () => {
    const staff = await signIn('staff');
    const { slug } = await createLocation();
    for (const count of ['20', '', 'abc', '0']) {
      const res = await postForm('/admin/print', staff, form(slug, { count, orders: 'A-1\nA-2\n\nA-3' }));
      expect(res.status).toBe(303);
      expect((await batchOf(res))!.cards).toBe(3);
    }
  });

  it('names the real problem: too many refs, a ref too long, a bad count without refs', async () => {
    const staff = await signIn('staff');
    const { slug } = await createLocation();
    const many = await postForm(
      '/admin/print',
      staff,
      form(slug, { orders: Array.from({ length: 1001 }, (_, i) => `Z-${i}`).join('\n') }),
    );
    expect(many.status).toBe(400);
    expect(textOf(await many.text())).toContain('Номеров заказов: 1001, а за раз можно не больше 1000.');
    const long = await postForm('/admin/print', staff, form(slug, { orders: `A-1\n\nA-2\n${'Я'.repeat(41)}` }));
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain('Строка 4: номер заказа длиннее 40 символов.');
    const zero = await postForm('/admin/print', staff, form(slug, { count: '0' }));
    expect(zero.status).toBe(400);
    expect(textOf(await zero.text())).toContain('Укажите число от 1 до 1000.');
  });
});

describe('the location on the print page', () => {
  it('is the one this person printed for last, each person their own', async () => {
    const first = await createLocation(`aaa-${crypto.randomUUID().slice(0, 6)}`);
    const second = await createLocation(`zzz-${crypto.randomUUID().slice(0, 6)}`);
    const anna = await signIn('staff');
    const boris = await signIn('staff');
    expect((await postForm('/admin/print', anna, form(second.slug, { count: '1' }))).status).toBe(303);
    expect((await postForm('/admin/print', boris, form(first.slug, { count: '1' }))).status).toBe(303);
    const page = async (who: { cookie: string }) =>
      (await call('/admin/print', { headers: { cookie: who.cookie } })).text();
    expect(selectedLocation(await page(anna))).toBe(second.slug);
    expect(selectedLocation(await page(boris))).toBe(first.slug);
    // A location in the address still wins.
    expect(
      selectedLocation(
        await (await call(`/admin/print?location=${first.slug}`, { headers: { cookie: anna.cookie } })).text(),
      ),
    ).toBe(first.slug);
  });

  it('is not asked for when there is only one', async () => {
    const { id, slug } = await createLocation();
    const staff = await signIn('staff');
    const others = await env.DB.prepare(
      'UPDATE locations SET archived_at = 1 WHERE id <> ?1 AND archived_at IS NULL RETURNING id',
    )
      .bind(id)
      .all<{ id: number }>();
    try {
      const html = await (await call('/admin/print', { headers: { cookie: staff.cookie } })).text();
      expect(html).not.toContain('<select id="location"');
      expect(html).toContain(`<input type="hidden" name="location" value="${slug}"/>`);
      expect(textOf(html)).toContain('Точка Пекарня «Колобок»');
    } finally {
      const ids = others.results.map((r) => r.id);
      await env.DB.prepare('UPDATE locations SET archived_at = NULL WHERE id IN (SELECT value FROM json_each(?1))')
        .bind(JSON.stringify(ids))
        .run();
    }
  });
});

describe('print history', () => {
  it('names designs, formats and API batches in the page’s language, with a PDF link on every row', async () => {
    const staff = await signIn('staff');
    const { slug } = await createLocation();
    const token = await createToken('manager');
    await env.DB.prepare(
      "UPDATE api_tokens SET name = 'Demo CRM' WHERE id = (SELECT id FROM api_tokens ORDER BY created_at DESC LIMIT 1)",
    ).run();
    expect(
      (await apiPost('/api/v1/batches', token, { location: slug, count: 2, template: 'bold', format: 'a6' })).status,
    ).toBe(201);
    const history = async (lang: string) => {
      const html = await (await call(`/admin/print?lang=${lang}`, { headers: { cookie: staff.cookie } })).text();
      const table = html.slice(
        html.indexOf('id="print-history"'),
        html.indexOf('</table>', html.indexOf('id="print-history"')),
      );
      return { html, table, rows: table.split('<tr>').slice(2) };
    };
    const ru = await history('ru');
    expect(textOf(ru.rows[0]!)).toContain('Яркий · A6');
    expect(textOf(ru.rows[0]!)).toContain('API: Demo CRM');
    expect(ru.table).not.toContain('api:Demo CRM');
    expect(ru.rows.every((row) => row.includes('class="pdf-link"'))).toBe(true);
    // Dates short enough for one line: day, month and time, no year or seconds.
    expect(textOf(ru.rows[0]!)).toMatch(/^\s*\d{1,2} [а-я]+\.?,? \d{2}:\d{2}/);
    const en = await history('en');
    expect(textOf(en.rows[0]!)).toContain('Bold · A6');
    // On a phone the rows stack, so the PDF link is never off screen.
    expect(ru.html).toContain('<table class="stack" id="print-history">');
  });
});
