import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../src/domain/complaints';
import { call, postForm, signIn } from '../helpers';
import { complain, createCard, customer, reasonButtons, textOf } from '../complaint-helpers';

async function reasonsPage(locationId: number, session: { cookie: string }) {
  return (await call(`/admin/reasons/${locationId}`, { headers: { cookie: session.cookie } })).text();
}

const customerLabels = async (code: string) =>
  reasonButtons(await (await customer().get(`/c/${code}`)).text()).map((r) => r.label);

const reasonId = async (locationId: number, label: string) =>
  (await env.DB.prepare('SELECT id FROM complaint_reasons WHERE location_id = ?1 AND label = ?2')
    .bind(locationId, label)
    .first<{ id: number }>())!.id;

describe('complaint reasons per location', () => {
  it('starts with the default reasons for a delivery business', async () => {
    const owner = await signIn('owner');
    const { locationId, code } = await createCard();
    const html = await reasonsPage(locationId, owner);
    for (const r of DEFAULT_REASONS) expect(html).toContain(`value="${r.ru}"`);
    expect(await customerLabels(code)).toEqual(DEFAULT_REASONS.map((r) => r.ru));
  });

  it('adds, renames and reorders; the customer sees the new list at once', async () => {
    const owner = await signIn('owner');
    const { locationId, code } = await createCard();
    await reasonsPage(locationId, owner);
    expect((await postForm(`/admin/reasons/${locationId}/add`, owner, { label: 'Остыла еда' })).status).toBe(303);
    const late = await reasonId(locationId, 'Опоздали с доставкой');
    expect(
      (await postForm(`/admin/reasons/${locationId}/${late}/rename`, owner, { label: 'Долго везли' })).status,
    ).toBe(303);
    const cold = await reasonId(locationId, 'Остыла еда');
    await postForm(`/admin/reasons/${locationId}/${cold}/move?direction=up`, owner, {});
    const labels = await customerLabels(code);
    expect(labels[0]).toBe('Долго везли');
    expect(labels.slice(-2)).toEqual(['Остыла еда', 'Другое']);
  });

  it('refuses an empty or duplicate label, keeping what was typed', async () => {
    const owner = await signIn('owner');
    const { locationId } = await createCard();
    await reasonsPage(locationId, owner);
    const dup = await postForm(`/admin/reasons/${locationId}/add`, owner, { label: 'товар повреждён' });
    expect(dup.status).toBe(400);
    const html = await dup.text();
    expect(html).toContain('value="товар повреждён"');
    expect(textOf(html)).toContain('Такая причина уже есть');
    expect((await postForm(`/admin/reasons/${locationId}/add`, owner, { label: 'x' })).status).toBe(400);
  });

  it('archives a reason that has complaints instead of deleting it, and deletes an unused one', async () => {
    const owner = await signIn('owner');
    const { locationId, code } = await createCard();
    const { id } = await complain(code);
    const used = await reasonId(locationId, 'Опоздали с доставкой');
    const unused = await reasonId(locationId, 'Другое');
    expect((await postForm(`/admin/reasons/${locationId}/${used}/delete`, owner, {})).status).toBe(303);
    expect((await postForm(`/admin/reasons/${locationId}/${unused}/delete`, owner, {})).status).toBe(303);
    const rows = await env.DB.prepare('SELECT id, archived_at FROM complaint_reasons WHERE id IN (?1, ?2)')
      .bind(used, unused)
      .all<{ id: number; archived_at: number | null }>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]!.archived_at).toBeGreaterThan(0);
    // The complaint keeps its reason; the customer no longer sees it.
    const complaint = await env.DB.prepare('SELECT reason_label FROM complaints WHERE id = ?1').bind(id).first();
    expect(complaint).toEqual({ reason_label: 'Опоздали с доставкой' });
    const labels = await customerLabels(code);
    expect(labels).not.toContain('Опоздали с доставкой');
    expect(labels).not.toContain('Другое');
    // Restored, it comes back.
    await postForm(`/admin/reasons/${locationId}/${used}/restore`, owner, {});
    expect(await customerLabels(code)).toContain('Опоздали с доставкой');
  });

  it('does not touch another location’s reasons', async () => {
    const owner = await signIn('owner');
    const a = await createCard();
    const b = await createCard();
    await reasonsPage(a.locationId, owner);
    await reasonsPage(b.locationId, owner);
    const foreign = await reasonId(b.locationId, 'Другое');
    expect((await postForm(`/admin/reasons/${a.locationId}/${foreign}/delete`, owner, {})).status).toBe(404);
  });

  it('is closed to staff', async () => {
    const staff = await signIn('staff');
    const { locationId } = await createCard();
    expect((await call(`/admin/reasons/${locationId}`, { headers: { cookie: staff.cookie } })).status).toBe(403);
  });
});
