import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { complain, complaintsOf, createCard, customer, textOf } from '../complaint-helpers';
import { apiPost, call, createToken, signIn } from '../helpers';

const inbox = async (cookie: string, path = '/admin/complaints?status=open') =>
  (await call(path, { headers: { cookie } })).text();

describe('a complaint from a voided card', () => {
  it('is taken with the same one tap and flagged in the inbox and on its page', async () => {
    const { code, batchId } = await createCard();
    const token = await createToken('owner');
    expect((await apiPost(`/api/v1/cards/${code}/void`, token, { reason: 'Потеряна курьером' })).status).toBe(200);
    const page = await customer().get(`/c/${code}`);
    expect(page.status).toBe(200);
    const { res, id } = await complain(code);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/c/${code}/${id}`);
    const [stored] = await complaintsOf(code);
    expect(stored).toMatchObject({ id, status: 'open', batch_id: batchId });

    const owner = await signIn('owner');
    const html = await inbox(owner.cookie);
    const row = html.slice(html.indexOf(`/admin/complaints/${id}`));
    expect(textOf(row.slice(0, row.indexOf('</tr>')))).toContain('на аннулированной открытке');
    const detail = await (await call(`/admin/complaints/${id}`, { headers: { cookie: owner.cookie } })).text();
    expect(detail).toContain('data-flag="voided-card"');
    const english = await (await call(`/admin/complaints/${id}?lang=en`, { headers: { cookie: owner.cookie } })).text();
    expect(english).toContain('on a voided card');
  });

  it('of a voided batch is flagged too; a complaint made before the card was voided is not', async () => {
    const before = await createCard();
    const { id: earlier } = await complain(before.code);
    const token = await createToken('owner');
    expect((await apiPost(`/api/v1/batches/${before.batchId}/void`, token, { reason: 'Тираж потерян' })).status).toBe(
      200,
    );
    const { res, id: later } = await complain(before.code);
    expect(res.status).toBe(303);
    expect(later).not.toBe(earlier);

    const owner = await signIn('owner');
    const flagOf = async (id: string) =>
      (await (await call(`/admin/complaints/${id}`, { headers: { cookie: owner.cookie } })).text()).includes(
        'data-flag="voided-card"',
      );
    expect(await flagOf(later)).toBe(true);
    expect(await flagOf(earlier)).toBe(false);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM complaints WHERE card_code = ?1')
      .bind(before.code)
      .first<{ n: number }>();
    expect(count!.n).toBe(2);
  });
});
