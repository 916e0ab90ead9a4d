import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/domain/period';
import { addDays } from '../../src/domain/time';
import { apiPost, call, createLocation, createToken, postForm, signIn } from '../helpers';

/** Customers served between two local days, from the API, for one location. */
async function served(token: string, slug: string, from: string, to = from): Promise<number> {
  const res = await call(`/api/v1/support-index?location=${slug}&from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json<{ customersServed: number }>()).customersServed;
}

describe('customers served when cards are handed out', () => {
  it('spreads 70 cards over a 7-day window: today +10, the week +70; "all handed out" moves the rest to the days so far', async () => {
    const token = await createToken('owner');
    const { slug } = await createLocation(undefined, { handOutDays: 7 });
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const res = await apiPost('/api/v1/batches', token, { location: slug, count: 70 });
    expect(res.status).toBe(201);
    const batch = await res.json<{ id: string; handOut: { from: string; to: string } }>();
    expect(batch.handOut).toEqual({ from: today, to: addDays(today, 6) });
    expect(await served(token, slug, today)).toBe(10);
    expect(await served(token, slug, addDays(today, 6))).toBe(10);
    expect(await served(token, slug, today, addDays(today, 6))).toBe(70);

    // The page says the same: 10 customers today, 70 over the week, and the window on the batch's page.
    const owner = await signIn('owner');
    const dashboard = async (from: string, to: string) =>
      (
        await call(`/admin?location=${slug}&period=custom&from=${from}&to=${to}`, { headers: { cookie: owner.cookie } })
      ).text();
    expect(await dashboard(today, today)).toContain('клиентов: 10');
    expect(await dashboard(today, addDays(today, 6))).toContain('клиентов: 70');
    const page = await (await call(`/admin/print/batches/${batch.id}`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('Раздаём');
    expect(page).toContain('Раздали все');

    // All handed out today: the window is today alone, and all 70 count today.
    const ended = await apiPost(`/api/v1/batches/${batch.id}/handed-out`, token, {});
    expect(ended.status).toBe(200);
    expect((await ended.json<{ handOut: unknown }>()).handOut).toEqual({ from: today, to: today });
    expect(await served(token, slug, today)).toBe(70);
    expect(await served(token, slug, addDays(today, 1), addDays(today, 6))).toBe(0);
    const after = await (await call(`/admin/print/batches/${batch.id}`, { headers: { cookie: owner.cookie } })).text();
    expect(after).not.toContain('Раздали все</button>');
  });

  it('takes an explicit window, and refuses one that cannot be right with the field named', async () => {
    const token = await createToken('owner');
    const { slug } = await createLocation(undefined, { handOutDays: 7 });
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const ok = await apiPost('/api/v1/batches', token, {
      location: slug,
      count: 9,
      handOut: { from: addDays(today, 1), to: addDays(today, 3) },
    });
    expect(ok.status).toBe(201);
    expect(await served(token, slug, today)).toBe(0);
    expect(await served(token, slug, addDays(today, 1))).toBe(3);
    for (const [handOut, field] of [
      [{ from: addDays(today, 3), to: today }, 'handOut.to'],
      [{ from: today, to: addDays(today, 90) }, 'handOut.from'],
      [{ from: '2026-02-30', to: today }, 'handOut.from'],
      [{ from: today }, 'handOut.to'],
    ] as const) {
      const res = await apiPost('/api/v1/batches', token, { location: slug, count: 5, handOut });
      expect(res.status, JSON.stringify(handOut)).toBe(400);
      expect((await res.json<{ field: string }>()).field).toBe(field);
    }
    const both = await apiPost('/api/v1/batches', token, {
      location: slug,
      orders: ['A-1'],
      handOut: { from: today, to: today },
    });
    expect(both.status).toBe(400);
    expect((await both.json<{ field: string }>()).field).toBe('handOut');
  });

  it('counts cards printed for orders on their order’s day, plain refs on the print day', async () => {
    const token = await createToken('owner');
    const { slug } = await createLocation(undefined, { handOutDays: 7 });
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const yesterday = addDays(today, -1);
    const res = await apiPost('/api/v1/batches', token, {
      location: slug,
      orders: [{ ref: 'A-1001', date: yesterday }, { ref: 'A-1002', date: yesterday }, { ref: 'A-1003' }, 'A-1004'],
    });
    expect(res.status).toBe(201);
    const batch = await res.json<{ id: string; handOut: unknown; cards: { order: string }[] }>();
    expect(batch.cards.map((c) => c.order)).toEqual(['A-1001', 'A-1002', 'A-1003', 'A-1004']);
    expect(batch.handOut).toEqual({ from: yesterday, to: today });
    expect(await served(token, slug, yesterday)).toBe(2);
    expect(await served(token, slug, today)).toBe(2);
    // Such a batch has no window to end.
    expect((await apiPost(`/api/v1/batches/${batch.id}/handed-out`, token, {})).status).toBe(409);
    const far = await apiPost('/api/v1/batches', token, {
      location: slug,
      orders: [{ ref: 'A-1', date: '2020-01-01' }],
    });
    expect(far.status).toBe(400);
    const bad = await apiPost('/api/v1/batches', token, {
      location: slug,
      orders: [{ ref: 'A-1', date: '1 декабря' }],
    });
    expect(bad.status).toBe(400);
  });

  it('prints from the page with "Раздадим с … по …" and order dates pasted after the refs', async () => {
    const owner = await signIn('owner');
    const token = await createToken('owner');
    const { slug } = await createLocation(undefined, { handOutDays: 7 });
    const today = dayOf(Date.now(), 'Europe/Moscow');
    const form = await (await call('/admin/print', { headers: { cookie: owner.cookie } })).text();
    expect(form).toContain('Раздадим с … по …');
    const base = { location: slug, template: 'classic', format: 'a6', _csrf: owner.csrf };
    const windowed = await postForm('/admin/print', owner, {
      ...base,
      count: '6',
      orders: '',
      handOutFrom: today,
      handOutTo: addDays(today, 1),
    });
    expect(windowed.status).toBe(303);
    expect(await served(token, slug, today)).toBe(3);
    // Orders with the count left at 20: the count follows the lines.
    const ordered = await postForm('/admin/print', owner, {
      ...base,
      count: '20',
      orders: `B-1 ${addDays(today, -2)}\nB-2;${addDays(today, -2)}\nB-3`,
      handOutFrom: '',
      handOutTo: '',
    });
    expect(ordered.status).toBe(303);
    expect(await served(token, slug, addDays(today, -2))).toBe(2);
    expect(await served(token, slug, today)).toBe(4);
    const wrong = await postForm('/admin/print', owner, {
      ...base,
      count: '5',
      orders: '',
      handOutFrom: addDays(today, 5),
      handOutTo: today,
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('не позже «по»');
  });
});

describe('time zones', () => {
  it('cuts a Vladivostok location’s days at its own midnight, a complaint at 23:30 local included', async () => {
    const token = await createToken('owner');
    const { id, slug } = await createLocation(undefined, { timeZone: 'Asia/Vladivostok' });
    const reason = await env.DB.prepare(
      `INSERT INTO complaint_reasons (location_id, label, created_at) VALUES (?1, 'Опоздали', 0) RETURNING id`,
    )
      .bind(id)
      .first<{ id: number }>();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO batches (id, location_id, template, format, card_count, created_by, created_at) VALUES ('vl', ?1, 'classic', 'a6', 1, 't', ?2)`,
      ).bind(id, Date.UTC(2026, 10, 30, 12)),
      env.DB.prepare(
        `INSERT INTO cards (code, batch_id, location_id, position) VALUES ('VLAD000001', 'vl', ?1, 1)`,
      ).bind(id),
    ]);
    // 23:30 on 1 December in Vladivostok (13:30 UTC) and 00:30 on 2 December (14:30 UTC, still the 1st in Moscow and UTC).
    for (const [n, at] of [
      [1, Date.UTC(2026, 11, 1, 13, 30)],
      [2, Date.UTC(2026, 11, 1, 14, 30)],
    ] as const) {
      await env.DB.prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES (?1, 'VLAD000001', ?2, 'vl', ?3, 'x', ?4, ?4)`,
      )
        .bind(`vl-${n}`, id, reason!.id, at)
        .run();
    }
    const day = async (d: string) => {
      const res = await call(`/api/v1/support-index?location=${slug}&from=${d}&to=${d}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return res.json<{ complaints: number; timeZone: string }>();
    };
    expect(await day('2026-12-01')).toMatchObject({ complaints: 1, timeZone: 'Asia/Vladivostok' });
    expect((await day('2026-12-02')).complaints).toBe(1);
    // The batch was printed at 22:00 local on 30 November: its card counts on that local day.
    const stats = await env.DB.prepare(
      "SELECT day, cards_printed FROM daily_stats WHERE batch_id = 'vl' AND cards_printed > 0",
    ).all();
    expect(stats.results).toEqual([{ day: '2026-11-30', cards_printed: 1 }]);
  });

  it('re-cuts a location’s days when the owner moves it to another zone, from the location form', async () => {
    const owner = await signIn('owner');
    const token = await createToken('owner');
    const { id, slug } = await createLocation();
    const reason = await env.DB.prepare(
      `INSERT INTO complaint_reasons (location_id, label, created_at) VALUES (?1, 'Опоздали', 0) RETURNING id`,
    )
      .bind(id)
      .first<{ id: number }>();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO batches (id, location_id, template, format, card_count, created_by, created_at) VALUES ('nsk', ?1, 'classic', 'a6', 1, 't', ?2)`,
      ).bind(id, Date.UTC(2026, 10, 30, 12)),
      env.DB.prepare(
        `INSERT INTO cards (code, batch_id, location_id, position) VALUES ('NSKX000001', 'nsk', ?1, 1)`,
      ).bind(id),
      // 23:30 on 1 December in Novosibirsk is 16:30 UTC; 01:30 on the 2nd there is 18:30 UTC, 21:30 in Moscow on the 1st.
      env.DB.prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES ('nsk-1', 'NSKX000001', ?1, 'nsk', ?2, 'x', ?3, ?3)`,
      ).bind(id, reason!.id, Date.UTC(2026, 11, 1, 16, 30)),
      env.DB.prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, created_at, updated_at) VALUES ('nsk-2', 'NSKX000001', ?1, 'nsk', ?2, 'x', ?3, ?3)`,
      ).bind(id, reason!.id, Date.UTC(2026, 11, 1, 18, 30)),
    ]);
    const complaintsOn = async (d: string) =>
      (
        await (
          await call(`/api/v1/support-index?location=${slug}&from=${d}&to=${d}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json<{ complaints: number }>()
      ).complaints;
    expect(await complaintsOn('2026-12-01')).toBe(2);

    const form = await (await call(`/admin/locations/${id}`, { headers: { cookie: owner.cookie } })).text();
    expect(form).toContain('Новосибирск (UTC+7)');
    const saved = await postForm(`/admin/locations/${id}`, owner, {
      _csrf: owner.csrf,
      name: 'Пекарня «Колобок»',
      slug,
      address: '',
      timeZone: 'Asia/Novosibirsk',
      handOutDays: '7',
      link_yandex_maps: 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true',
      primary: 'yandex_maps',
    });
    expect(saved.status).toBe(303);
    expect(await complaintsOn('2026-12-01')).toBe(1);
    expect(await complaintsOn('2026-12-02')).toBe(1);
    const bad = await postForm(`/admin/locations/${id}`, owner, {
      _csrf: owner.csrf,
      name: 'Пекарня',
      slug,
      timeZone: 'Mars/Olympus',
      handOutDays: '0',
      link_yandex_maps: 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('Такого часового пояса нет');
    expect(text).toContain('от 1 до 60');
  });
});
