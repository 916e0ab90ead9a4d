import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { apiPost, call, createToken, postForm, signIn } from '../helpers';
import { deliver, FIXTURES, withMessageId } from '../review-mail-helpers';

let session: { cookie: string; csrf: string };
let token: string;

beforeAll(async () => {
  session = await signIn('manager');
  token = await createToken('manager');
  for (const slug of ['kolobok', 'other']) {
    await insertLocation(
      env.DB,
      {
        slug,
        name: slug === 'kolobok' ? 'Пекарня «Колобок»' : 'Другая точка',
        address: 'Москва',
        timeZone: 'Europe/Moscow',
        handOutDays: 1,
        cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
        reviewLinks: [],
      },
      Date.now(),
    );
  }
});

const page = async () => (await call('/admin/reviews', { headers: { cookie: session.cookie } })).text();
const positives = async (slug: string) =>
  (
    await (
      await call(`/api/v1/support-index?from=2026-11-30&to=2026-11-30&location=${slug}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ positiveReviews: number }>()
  ).positiveReviews;
const overlapIds = (html: string) =>
  [...html.matchAll(/action="\/admin\/reviews\/count\/(\d+)\/stand"/g)].map((m) => Number(m[1]));

describe('one review, counted once', () => {
  it('a quick-form count over a day with a forwarded review is shown side by side; "keep the hand entry" stops the double count, also for later mails', async () => {
    const entry = await apiPost('/api/v1/reviews', token, { location: 'kolobok', date: '2026-11-30', positive: 1 });
    expect(entry.status).toBe(201);
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-1@test'));
    expect(await positives('kolobok')).toBe(2);
    const html = await page();
    expect(html).toContain('Не посчитать дважды');
    expect(html).toMatch(/Пекарня «Колобок»: вручную 1 положит\.; пришло само 1 \(из них положит\. 1\)/);
    const [id] = overlapIds(html);
    const res = await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'form' });
    expect(res.status).toBe(303);
    expect(await positives('kolobok')).toBe(1);
    expect(overlapIds(await page())).toEqual([]);
    // A notification for that day arriving later does not count either.
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-2@test'));
    expect(await positives('kolobok')).toBe(1);
    const listed = await (
      await call('/api/v1/reviews?from=2026-11-30&to=2026-11-30&location=kolobok', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ reviews: { counted: boolean }[] }>();
    expect(listed.reviews.map((r) => r.counted)).toEqual([false, false]);
  });

  it('"keep those that arrived" deletes the hand entry; another location is not touched', async () => {
    await apiPost('/api/v1/reviews', token, { location: 'other', date: '2026-11-30', positive: 3 });
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'overlap-3@test'), 'reviews+other@si-mail.test');
    expect(await positives('other')).toBe(4);
    const [id] = overlapIds(await page());
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'ingested' })).status).toBe(303);
    expect(await positives('other')).toBe(1);
    expect(await positives('kolobok')).toBe(1);
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'form' })).status).toBe(404);
    expect((await postForm(`/admin/reviews/count/${id}/stand`, session, { keep: 'both' })).status).toBe(400);
  });
});

describe('overlaps are matched by platform', () => {
  beforeAll(async () => {
    await insertLocation(
      env.DB,
      {
        slug: 'platformed',
        name: 'Кофейня «Зерно»',
        address: 'Москва',
        timeZone: 'Europe/Moscow',
        handOutDays: 1,
        cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
        reviewLinks: [
          {
            platform: '2gis',
            url: 'https://2gis.ru/moscow/firm/70000001012345678/tab/reviews/addreview',
            isPrimary: false,
          },
          {
            platform: 'yandex_maps',
            url: 'https://yandex.ru/maps/org/zerno/1234567891/reviews/?add-review=true',
            isPrimary: true,
          },
        ],
      },
      Date.now(),
    );
  });

  // A five-star Google notification of the same day.
  const googleFive = FIXTURES.googleEn.replace('rated your business 2 stars', 'rated your business 5 stars');
  const platformOf = async (id: number) =>
    (await env.DB.prepare('SELECT platform FROM review_counts WHERE id = ?1')
      .bind(id)
      .first<{ platform: string | null }>())!.platform;
  const linesOf = (html: string) =>
    [...html.matchAll(/<li id="overlap-(\d+)">([\s\S]*?)<\/li>/g)].map((m) => ({
      id: Number(m[1]),
      text: m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
    }));

  it("the quick form records the location's primary platform by default; a count for Yandex overlaps a Yandex review, not a Google one", async () => {
    const res = await postForm('/admin/reviews/count', session, {
      location: 'platformed',
      date: '2026-11-30',
      positive: '2',
      platform: '',
    });
    expect(res.status).toBe(303);
    const [recent] = (
      await env.DB.prepare(
        "SELECT id FROM review_counts WHERE location_id = (SELECT id FROM locations WHERE slug = 'platformed') ORDER BY id DESC",
      ).all<{ id: number }>()
    ).results;
    expect(await platformOf(recent!.id)).toBe('yandex_maps');
    expect(await page()).toMatch(/Кофейня «Зерно»<span class="hint">Яндекс Карты<\/span>/);

    // A Google review of that day is another review: no overlap, both count.
    await deliver(withMessageId(googleFive, 'platform-1@test'), 'reviews+platformed@si-mail.test');
    expect(linesOf(await page()).filter((l) => l.id === recent!.id)).toEqual([]);
    expect(await positives('platformed')).toBe(3);

    // A Yandex review of that day may be one of the two typed in: shown side by side.
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'platform-2@test'), 'reviews+platformed@si-mail.test');
    const [line] = linesOf(await page()).filter((l) => l.id === recent!.id);
    expect(line!.text).toContain(
      'Кофейня «Зерно»: вручную 2 положит.; пришло само 1 (из них положит. 1) · площадка: Яндекс Карты',
    );
    expect(await positives('platformed')).toBe(4);

    // Keeping the hand entry stops the Yandex review counting; the Google one still counts.
    expect((await postForm(`/admin/reviews/count/${recent!.id}/stand`, session, { keep: 'form' })).status).toBe(303);
    expect(await positives('platformed')).toBe(3);
    // A later Google mail for that day counts too; a later Yandex one does not.
    await deliver(withMessageId(googleFive, 'platform-3@test'), 'reviews+platformed@si-mail.test');
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'platform-4@test'), 'reviews+platformed@si-mail.test');
    expect(await positives('platformed')).toBe(4);
  });

  it('a platform chosen on the form or in the API is kept; a count without one (older rows) overlaps every platform', async () => {
    const other = await postForm('/admin/reviews/count', session, {
      location: 'platformed',
      date: '2026-11-30',
      positive: '1',
      platform: '2gis',
    });
    expect(other.status).toBe(303);
    const entry = await apiPost('/api/v1/reviews', token, {
      location: 'platformed',
      date: '2026-11-30',
      positive: 1,
      platform: 'google_maps',
    });
    expect(entry.status).toBe(201);
    const stored = (await entry.json<{ stored: { id: number; platform: string }[] }>()).stored[0]!;
    expect(stored.platform).toBe('google_maps');
    const lines = linesOf(await page());
    // 2GIS: nothing arrived from 2GIS that day. Google: the two Google mails.
    expect(lines.filter((l) => l.text.includes('площадка: 2ГИС'))).toEqual([]);
    expect(lines.find((l) => l.id === stored.id)!.text).toContain(
      'пришло само 2 (из них положит. 2) · площадка: Google Карты',
    );

    // A row from before counts had a platform is matched by location and day alone.
    const legacy = await apiPost('/api/v1/reviews', token, { location: 'platformed', date: '2026-11-30', positive: 1 });
    const legacyId = (await legacy.json<{ stored: { id: number }[] }>()).stored[0]!.id;
    await env.DB.prepare('UPDATE review_counts SET platform = NULL WHERE id = ?1').bind(legacyId).run();
    expect(linesOf(await page()).find((l) => l.id === legacyId)!.text).toContain(
      'пришло само 4 (из них положит. 4) · запись без площадки: сравнивается со всеми площадками за эти дни',
    );
  });

  it('an unknown platform is refused with a clear message', async () => {
    const form = await postForm('/admin/reviews/count', session, {
      location: 'platformed',
      date: '2026-11-30',
      positive: '1',
      platform: 'avito',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Укажите площадку');
    const api = await apiPost('/api/v1/reviews', token, {
      location: 'platformed',
      date: '2026-11-30',
      positive: 1,
      platform: 'avito',
    });
    expect(api.status).toBe(400);
    expect((await api.json<{ field: string }>()).field).toBe('platform');
  });
});
