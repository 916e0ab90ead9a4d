import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { complain, createCard, customer } from '../complaint-helpers';
import { call, createLocation, signIn } from '../helpers';
import { scansEventually } from '../scans-helpers';
import { parseCsv } from '../../src/domain/csv';

/** A location in Vladivostok (UTC+10) whose name a spreadsheet would run as a formula. */
async function vladivostokWithActivity() {
  const { id, slug } = await createLocation(undefined, { timeZone: 'Asia/Vladivostok' });
  await env.DB.prepare('UPDATE locations SET name = ?1 WHERE id = ?2')
    .bind('=HYPERLINK("http://evil";"Колобок")', id)
    .run();
  const { code } = await createCard({ locationId: id });
  const who = customer();
  expect((await who.get(`/r/${code}`)).status).toBe(302);
  const { id: complaintId } = await complain(code, who);
  const row = await env.DB.prepare('SELECT created_at AS createdAt FROM complaints WHERE id = ?1')
    .bind(complaintId)
    .first<{ createdAt: number }>();
  return { id, slug, code, complaintId, createdAt: row!.createdAt };
}

async function download(path: string) {
  const owner = await signIn('owner');
  const res = await call(path, { headers: { cookie: owner.cookie } });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
}

const records = (text: string, separator: string) => {
  const parsed = parseCsv(text, separator);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.fields);
};

/** What a wall clock in Vladivostok (UTC+10, no DST) shows at a moment, as DD.MM.YYYY HH:MM:SS. */
const vladivostokClock = (ms: number) => {
  const t = new Date(ms + 10 * 3600_000).toISOString();
  return `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)} ${t.slice(11, 19)}`;
};

/** An id as a spreadsheet-safe cell: a random id may start with "-", which Excel would run as a formula. */
const idCell = (id: string) => (/^[=+\-@]/.test(id) ? `'${id}` : id);

describe('CSV exports for a Russian Excel', () => {
  it('are ;-separated UTF-8 with a BOM, with Russian headers, status names and the location’s local time', async () => {
    const { slug, complaintId, createdAt } = await vladivostokWithActivity();
    const { res, bytes, text } = await download(`/admin/export.csv?location=${slug}&kind=complaints`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = records(text.slice(1), ';');
    expect(header).toEqual([
      'Номер',
      'Время',
      'Точка',
      'Тираж',
      'Открытка',
      'Причина',
      'Статус',
      'Первый ответ',
      'Решена',
      'Компенсация',
      'Сумма компенсации',
    ]);
    expect(row![0]).toBe(idCell(complaintId));
    expect(row![1]).toBe(vladivostokClock(createdAt));
    expect(row![6]).toBe('Новая');
    // The formula-like name is defused, and quoted because it holds the separator and quotes.
    expect(row![2]).toBe('\'=HYPERLINK("http://evil";"Колобок")');
    expect(text).toContain(';"\'=HYPERLINK(""http://evil"";""Колобок"")";');
  });

  it('name scans’ kinds and devices in Russian and write days as Excel reads them', async () => {
    const { id, slug, code } = await vladivostokWithActivity();
    await createCard({ locationId: id }); // two cards, one complaint: a rate of one half
    await scansEventually(code, 2); // scans are logged after the response
    const scans = records((await download(`/admin/export.csv?location=${slug}&kind=scans`)).text.slice(1), ';');
    expect(scans[0]).toEqual([
      'Время',
      'Вид',
      'Открытка',
      'Точка',
      'Тираж',
      'Устройство',
      'Страна',
      'Бот',
      'Открытка аннулирована',
    ]);
    const mine = scans.filter((r) => r[2] === code);
    expect(mine.map((r) => r[1]).sort()).toEqual(['Жалоба', 'Отзыв']);
    expect(mine.every((r) => r[5] === 'Телефон' && r[7] === 'нет' && r[8] === 'нет')).toBe(true);
    expect(mine[0]![0]).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);

    const daily = records(
      (await download(`/admin/export.csv?location=${slug}&kind=daily&period=7d`)).text.slice(1),
      ';',
    );
    expect(daily[0]![0]).toBe('День');
    expect(daily[0]![8]).toBe('Индекс поддержки');
    expect(daily.slice(1).every((r) => /^\d\d\.\d\d\.\d{4}$/.test(r[0]!))).toBe(true);
    // Shares use a decimal comma, never a point Excel would take for a date.
    const today = daily.at(-1)!;
    expect(today[13]).toBe('0,5');
    expect(today.slice(1).join(';')).not.toMatch(/\d\.\d/);
  });

  it('keeps the English comma form with ?format=en, and refuses an unknown format', async () => {
    const { slug, complaintId, createdAt } = await vladivostokWithActivity();
    const { bytes, text } = await download(`/admin/export.csv?location=${slug}&kind=complaints&format=en`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id,created_at,location,batch,card,reason,status,first_response_at,resolved_at,compensation_kind,compensation_amount',
    );
    const row = records(text.slice(1), ',')[1]!;
    expect(row[0]).toBe(idCell(complaintId));
    expect(row[1]).toBe(new Date(createdAt).toISOString());
    expect(row[2]).toBe(slug);
    expect(row[6]).toBe('open');

    const owner = await signIn('owner');
    const bad = await call(`/admin/export.csv?location=${slug}&format=xlsx`, { headers: { cookie: owner.cookie } });
    expect(bad.status).toBe(400);
  });
});
