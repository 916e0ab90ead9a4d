import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../src/auth/crypto';
import { insertBatch } from '../../src/db/batches';
import { call, createLocation, signIn } from '../helpers';
import { textOf } from '../complaint-helpers';

const DAY = 86_400_000;

function newCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => alphabet[b & 31]).join('');
}

/** A batch of one card printed at `printedAt` (its print is that day's activity). */
async function printAt(locationId: number, printedAt: number, template = 'classic') {
  const id = `b_${randomToken(8)}`;
  const code = newCode();
  await insertBatch(
    env.DB,
    { id, locationId, template, format: 'a6', createdBy: 'test', cards: [{ code, orderRef: null }] },
    printedAt,
  );
  return { id, code };
}

/** A customer's review scan now, stored as the scan log stores it. */
async function scanNow(card: { id: string; code: string }, locationId: number) {
  await env.DB.prepare(
    "INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?1, ?2, ?3, 'review', ?4, 'mobile', 0)",
  )
    .bind(card.code, locationId, card.id, Date.now())
    .run();
}

/** The "По тиражам" section of a Support Index page. */
function batchSection(html: string): string {
  const start = html.lastIndexOf('<section', html.indexOf('id="by-batch"'));
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the batch table of the Support Index page', () => {
  it('lists every batch with activity in the period, however old, not only the 12 newest', async () => {
    const owner = await signIn('owner');
    const { id: locationId, slug } = await createLocation();
    const now = Date.now();
    const old = await printAt(locationId, now - 60 * DAY);
    await scanNow(old, locationId); // printed two months ago, scanned today
    const quiet = await printAt(locationId, now - 50 * DAY); // nothing since
    const fresh: string[] = [];
    for (let i = 0; i < 13; i++) fresh.push((await printAt(locationId, now - i * 3_600_000)).id);

    const html = await (await call(`/admin?location=${slug}&period=30d`, { headers: { cookie: owner.cookie } })).text();
    const section = batchSection(html);
    const listed = [...section.matchAll(/href="\/admin\/print\/batches\/([\w-]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual([...fresh, old.id]);
    expect(listed).not.toContain(quiet.id);
    // The first ten show; the rest wait behind "more" (a phone shows each row as a card).
    expect(textOf(section)).toContain('Ещё тиражей: 4');
    expect(section.indexOf(`batches/${old.id}"`)).toBeGreaterThan(section.indexOf('<details'));
  });

  it('names each batch by its date and time, location and design, in the page language, never by its id', async () => {
    const owner = await signIn('owner');
    const { id: locationId, slug } = await createLocation();
    const batch = await printAt(locationId, Date.now() - 2 * 3_600_000, 'bold');
    const get = async (path: string) => (await call(path, { headers: { cookie: owner.cookie } })).text();

    const ru = batchSection(await get(`/admin?location=${slug}`));
    const row = /<th scope="row">([\s\S]*?)<\/th>/.exec(ru)?.[1] ?? '';
    expect(textOf(row).replace(/\s+/g, ' ').trim()).toMatch(
      /^\d{1,2} [а-я]+\.?, \d\d:\d\d Пекарня «Колобок» · Яркий · открытки$/,
    );
    expect(textOf(ru)).not.toContain(batch.id);
    expect(textOf(ru)).not.toContain(batch.id.slice(0, 8));

    const en = batchSection(await get(`/admin?location=${slug}&lang=en`));
    expect(textOf(/<th scope="row">([\s\S]*?)<\/th>/.exec(en)?.[1] ?? '')).toMatch(/Пекарня «Колобок» · Bold · cards/);

    // The scope picker names batches the same way.
    const picker = /<select id="f-batch" name="batch">([\s\S]*?)<\/select>/.exec(await get('/admin'))?.[1] ?? '';
    expect(picker).toMatch(
      new RegExp(
        `<option value="${batch.id}">\\d{1,2} [а-я]+\\.?, \\d\\d:\\d\\d · Пекарня «Колобок» · Яркий · 1</option>`,
      ),
    );
  });
});
