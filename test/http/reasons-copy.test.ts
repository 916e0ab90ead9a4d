import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, createLocation, postForm, signIn } from '../helpers';
import { complain, createCard, customer, reasonButtons } from '../complaint-helpers';

const open = (path: string, session: { cookie: string }) => call(path, { headers: { cookie: session.cookie } });

async function activeLabels(locationId: number) {
  const { results } = await env.DB.prepare(
    'SELECT label, label_en AS labelEn, is_catch_all AS catchAll FROM complaint_reasons WHERE location_id = ?1 AND archived_at IS NULL ORDER BY position, id',
  )
    .bind(locationId)
    .all<{ label: string; labelEn: string | null; catchAll: number }>();
  return results;
}

const reasonId = async (locationId: number, label: string) =>
  (await env.DB.prepare('SELECT id FROM complaint_reasons WHERE location_id = ?1 AND label = ?2')
    .bind(locationId, label)
    .first<{ id: number }>())!.id;

/** Three active locations of this test alone: A (the source, with a custom reason in both languages), B (its own reasons, one used), C (never opened). */
async function threeLocations(owner: { cookie: string; csrf: string }) {
  const a = await createLocation();
  const b = await createLocation();
  const c = await createLocation();
  await open(`/admin/reasons/${a.id}`, owner);
  expect(
    (await postForm(`/admin/reasons/${a.id}/add`, owner, { label: 'Остыла еда', labelEn: 'The food was cold' })).status,
  ).toBe(303);
  await open(`/admin/reasons/${b.id}`, owner);
  await postForm(`/admin/reasons/${b.id}/add`, owner, { label: 'Курьер не позвонил' });
  await postForm(`/admin/reasons/${b.id}/add`, owner, { label: 'Лишняя причина' });
  // A complaint names B's own reason, so replacing must archive it, not delete it.
  const card = await createCard({ locationId: b.id });
  const buttons = reasonButtons(await (await customer().get(`/c/${card.code}`)).text());
  const index = buttons.findIndex((r) => r.label === 'Курьер не позвонил');
  await complain(card.code, customer(), index);
  return { a, b, c };
}

beforeEach(async () => {
  // Copying reaches every active location: each test starts with none but its own.
  await env.DB.prepare('UPDATE locations SET archived_at = ?1 WHERE archived_at IS NULL').bind(Date.now()).run();
});

describe('copying reasons to all locations', () => {
  it('replaces the other locations’ reasons with this one’s, archiving used ones and deleting the rest', async () => {
    const owner = await signIn('owner');
    const { a, b, c } = await threeLocations(owner);
    const archivedLocation = await createLocation();
    await open(`/admin/reasons/${archivedLocation.id}`, owner);
    await env.DB.prepare('UPDATE locations SET archived_at = ?2 WHERE id = ?1')
      .bind(archivedLocation.id, Date.now())
      .run();
    const untouched = await activeLabels(archivedLocation.id);

    const form = await (await open(`/admin/reasons/${a.id}`, owner)).text();
    expect(form).toContain('Скопировать во все точки');
    expect(form).toContain('Заменить');
    expect(form).toContain('Добавить недостающие');
    expect(form).toContain('Подтверждаю: изменить причины в других точках (2)');

    const res = await postForm(`/admin/reasons/${a.id}/copy`, owner, { mode: 'replace', confirm: '1' });
    expect(res.status).toBe(303);
    const notice = await (await open(res.headers.get('location')!, owner)).text();
    expect(notice).toContain('Готово: в 2 точках теперь те же причины, что здесь.');

    const source = await activeLabels(a.id);
    expect(source).toContainEqual({ label: 'Остыла еда', labelEn: 'The food was cold', catchAll: 0 });
    expect(source).toContainEqual({ label: 'Другое', labelEn: null, catchAll: 1 });
    expect(await activeLabels(b.id)).toEqual(source);
    expect(await activeLabels(c.id)).toEqual(source);
    const used = await env.DB.prepare(
      'SELECT archived_at AS archivedAt FROM complaint_reasons WHERE location_id = ?1 AND label = ?2',
    )
      .bind(b.id, 'Курьер не позвонил')
      .first<{ archivedAt: number | null }>();
    expect(used!.archivedAt).not.toBeNull();
    expect(
      await env.DB.prepare('SELECT 1 FROM complaint_reasons WHERE location_id = ?1 AND label = ?2')
        .bind(b.id, 'Лишняя причина')
        .first(),
    ).toBeNull();
    // The complaint keeps its reason.
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM complaints WHERE location_id = ?1').bind(b.id).first(),
    ).toEqual({ n: 1 });
    expect(await activeLabels(archivedLocation.id)).toEqual(untouched);
  });

  it('merges: the other locations keep their reasons and get the missing ones at the end', async () => {
    const owner = await signIn('owner');
    const { a, b } = await threeLocations(owner);
    const before = await activeLabels(b.id);
    const res = await postForm(`/admin/reasons/${a.id}/copy`, owner, { mode: 'merge', confirm: '1' });
    expect(res.status).toBe(303);
    expect(await (await open(res.headers.get('location')!, owner)).text()).toContain(
      'недостающие причины добавлены в 2 точках',
    );
    const after = await activeLabels(b.id);
    expect(after.slice(0, before.length).map((r) => r.label)).toEqual(before.map((r) => r.label));
    expect(after.slice(before.length)).toEqual([{ label: 'Остыла еда', labelEn: 'The food was cold', catchAll: 0 }]);
    // Merging twice adds nothing more.
    await postForm(`/admin/reasons/${a.id}/copy`, owner, { mode: 'merge', confirm: '1' });
    expect(await activeLabels(b.id)).toEqual(after);
  });

  it('changes nothing without a choice of mode or without the confirmation, and says what is missing', async () => {
    const owner = await signIn('owner');
    const { a, b } = await threeLocations(owner);
    const before = await activeLabels(b.id);
    const unconfirmed = await postForm(`/admin/reasons/${a.id}/copy`, owner, { mode: 'replace' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Поставьте отметку, чтобы подтвердить копирование.');
    const noMode = await postForm(`/admin/reasons/${a.id}/copy`, owner, { confirm: '1', mode: 'everything' });
    expect(noMode.status).toBe(400);
    expect(await noMode.text()).toContain('Выберите: заменить или добавить недостающие.');
    expect(await activeLabels(b.id)).toEqual(before);
  });

  it('is for owners: a manager sees no copy form and is refused', async () => {
    const manager = await signIn('manager');
    const a = await createLocation();
    await createLocation();
    expect(await (await open(`/admin/reasons/${a.id}`, manager)).text()).not.toContain(`/admin/reasons/${a.id}/copy`);
    expect((await postForm(`/admin/reasons/${a.id}/copy`, manager, { mode: 'replace', confirm: '1' })).status).toBe(
      403,
    );
  });
});

describe('English labels of reasons', () => {
  it('shows customers whose language is English the owner’s English label, else the default’s, else the Russian text', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    await open(`/admin/reasons/${location.id}`, owner);
    await postForm(`/admin/reasons/${location.id}/add`, owner, { label: 'Остыла еда', labelEn: 'The food was cold' });
    await postForm(`/admin/reasons/${location.id}/add`, owner, { label: 'Забыли соус' });
    const card = await createCard({ locationId: location.id });

    const english = reasonButtons(
      await (await customer(undefined, 'en-GB,en;q=0.9').get(`/c/${card.code}`)).text(),
    ).map((r) => r.label);
    expect(english).toContain('The food was cold');
    expect(english).toContain('The delivery was late');
    expect(english).toContain('Забыли соус');
    expect(english).not.toContain('Остыла еда');
    const russian = reasonButtons(await (await customer(undefined, 'ru-RU').get(`/c/${card.code}`)).text()).map(
      (r) => r.label,
    );
    expect(russian).toContain('Остыла еда');
    expect(russian).not.toContain('The food was cold');

    // The thanks page names the tapped reason in English too.
    const who = customer(undefined, 'en');
    const index = reasonButtons(await (await who.get(`/c/${card.code}`)).text()).findIndex(
      (r) => r.label === 'The food was cold',
    );
    const tap = await complain(card.code, who, index);
    expect(tap.res.status).toBe(303);
    expect(await (await who.get(tap.location)).text()).toContain('The food was cold');
  });

  it('is edited with the Russian label on the reasons page and may be cleared; a one-letter label is refused', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    await open(`/admin/reasons/${location.id}`, owner);
    const late = await reasonId(location.id, 'Опоздали с доставкой');
    expect(
      (
        await postForm(`/admin/reasons/${location.id}/${late}/rename`, owner, {
          label: 'Опоздали с доставкой',
          labelEn: 'Late again',
        })
      ).status,
    ).toBe(303);
    expect(await (await open(`/admin/reasons/${location.id}`, owner)).text()).toContain('value="Late again"');
    const bad = await postForm(`/admin/reasons/${location.id}/${late}/rename`, owner, {
      label: 'Опоздали с доставкой',
      labelEn: 'L',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Английский текст: от 2 до 80 символов или пусто.');
    expect(
      (
        await postForm(`/admin/reasons/${location.id}/${late}/rename`, owner, {
          label: 'Опоздали с доставкой',
          labelEn: '',
        })
      ).status,
    ).toBe(303);
    const row = await env.DB.prepare('SELECT label_en AS labelEn FROM complaint_reasons WHERE id = ?1')
      .bind(late)
      .first();
    expect(row).toEqual({ labelEn: null });
  });
});
