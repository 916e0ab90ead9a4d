import { describe, expect, it } from 'vitest';
import { apiPost, call, createLocation, createToken, postForm, signIn } from '../helpers';

describe('batch figures are marked as estimates', () => {
  it('shows ≈ and the footnote on a batch’s index, in the batch table, and flags the CSV', async () => {
    const owner = await signIn('owner');
    const token = await createToken('owner');
    const { slug } = await createLocation();
    const batch = await (await apiPost('/api/v1/batches', token, { location: slug, count: 4 })).json<{
      id: string;
      cards: { code: string }[];
    }>();
    expect(
      (
        await call(`/r/${batch.cards[0]!.code}`, {
          headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Mobile Safari', 'cf-connecting-ip': '10.9.0.1' },
        })
      ).status,
    ).toBe(302);
    const get = async (path: string) => (await call(path, { headers: { cookie: owner.cookie } })).text();

    const batchPage = await get(`/admin?batch=${batch.id}`);
    expect(batchPage).toMatch(/data-figure="supportIndex">≈/);
    expect(batchPage).toMatch(/data-figure="netSupport">≈/);
    expect(batchPage).toContain('data-note="estimated"');
    expect(batchPage).toContain('≈ — оценка');

    // The location's own page: its figures are counted, not estimated; its batch table marks them.
    const locationPage = await get(`/admin?location=${slug}`);
    expect(locationPage).not.toMatch(/data-figure="supportIndex">≈/);
    expect(locationPage).toContain('data-note="batch-estimates"');
    const table = locationPage.slice(locationPage.indexOf('id="by-batch"'));
    expect(table.slice(0, table.indexOf('</table>'))).toContain('≈');

    const csv = await get(`/admin/export.csv?batch=${batch.id}&kind=daily&format=en`);
    const [header, first] = csv.trim().split(/\r?\n/);
    expect(header!.split(',').at(-1)).toBe('positive_reviews_estimated');
    expect(first!.split(',').at(-1)).toBe('1');
    const whole = await get(`/admin/export.csv?location=${slug}&kind=daily&format=en`);
    expect(whole.trim().split(/\r?\n/)[1]!.split(',').at(-1)).toBe('0');
  });
});

describe('the owner’s zone', () => {
  it('decides the days of the all-locations view, and is chosen on the locations page', async () => {
    const owner = await signIn('owner');
    const token = await createToken('owner');
    await createLocation(undefined, { timeZone: 'Asia/Vladivostok' });
    await createLocation();
    const page = await (await call('/admin/locations', { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('Часовой пояс сводки по всем точкам');
    expect(page).toContain('Владивосток (UTC+10)');
    expect(
      (await postForm('/admin/locations/time-zone', owner, { _csrf: owner.csrf, timeZone: 'Asia/Novosibirsk' })).status,
    ).toBe(303);
    const all = await (await call('/api/v1/support-index', { headers: { authorization: `Bearer ${token}` } })).json<{
      timeZone: string;
    }>();
    expect(all.timeZone).toBe('Asia/Novosibirsk');
    const bad = await postForm('/admin/locations/time-zone', owner, { _csrf: owner.csrf, timeZone: 'Nowhere/Else' });
    expect(bad.status).toBe(400);
  });
});
