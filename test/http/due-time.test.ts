import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/domain/time';
import { localMoment } from '../../src/domain/time';
import type { WeeklyHours } from '../../src/domain/working-time';
import { call, createLocation, createToken, signIn } from '../helpers';
import { complain, createCard, customer, resetSettings, textOf } from '../complaint-helpers';

const NINE_TO_SIX: WeeklyHours = {
  mon: [[540, 1080]],
  tue: [[540, 1080]],
  wed: [[540, 1080]],
  thu: [[540, 1080]],
  fri: [[540, 1080]],
  sat: [[540, 1080]],
  sun: [[540, 1080]],
};
const ZONE = 'Asia/Novosibirsk';

async function apiComplaint(id: string) {
  const token = await createToken('manager');
  const res = await call('/api/v1/complaints?limit=500', { headers: { authorization: `Bearer ${token}` } });
  const { complaints } = await res.json<{ complaints: { id: string; createdAt: string; dueAt: string | null }[] }>();
  return complaints.find((c) => c.id === id)!;
}

beforeAll(resetSettings);

describe('the due time of a complaint', () => {
  it('runs in working time: closed today and tomorrow (holidays), the promise names the day after at 10:00', async () => {
    const today = localDay(Date.now(), ZONE);
    const { id: locationId } = await createLocation(undefined, {
      timeZone: ZONE,
      hours: NINE_TO_SIX,
      holidays: [today, addDays(today, 1)],
    });
    const { code } = await createCard({ locationId });
    const who = customer();
    const { location, id } = await complain(code, who);
    const complaint = await apiComplaint(id);
    const due = localMoment(addDays(today, 2), 600, ZONE);
    expect(complaint.dueAt).toBe(new Date(due).toISOString());

    const ru = textOf(await (await who.get(`${location}/done`)).text());
    const date = new Intl.DateTimeFormat('ru-RU', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: ZONE,
    }).format(due);
    expect(ru).toContain(`Мы прочитаем жалобу ${date} до 10:00 и разберёмся в причине.`);
    expect(ru).not.toContain('через час');
    const en = textOf(await (await customer(who.ip, 'en').get(`${location}/done`)).text());
    expect(en).toMatch(/We will read your complaint on \w+,? \d+ \w+ by 10:00/);
  });

  it('within the hours the promise is a clock time an hour on ("сегодня до …"), the same in the API', async () => {
    const allDay: WeeklyHours = {
      mon: [[0, 1440]],
      tue: [[0, 1440]],
      wed: [[0, 1440]],
      thu: [[0, 1440]],
      fri: [[0, 1440]],
      sat: [[0, 1440]],
      sun: [[0, 1440]],
    };
    const { id: locationId } = await createLocation(undefined, { timeZone: ZONE, hours: allDay });
    const { code } = await createCard({ locationId });
    const who = customer();
    const { location, id } = await complain(code, who);
    const complaint = await apiComplaint(id);
    const due = Date.parse(complaint.dueAt!);
    expect(due - Date.parse(complaint.createdAt)).toBe(3_600_000);
    const time = new Intl.DateTimeFormat('ru-RU', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: ZONE,
    }).format(due);
    const word = localDay(due, ZONE) === localDay(Date.now(), ZONE) ? 'сегодня' : 'завтра';
    expect(textOf(await (await who.get(`${location}/done`)).text())).toContain(
      `Мы прочитаем жалобу ${word} до ${time}`,
    );
  });

  it('a location without hours keeps today’s promise and an hour after the complaint', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location, id } = await complain(code, who);
    const complaint = await apiComplaint(id);
    expect(Date.parse(complaint.dueAt!) - Date.parse(complaint.createdAt)).toBe(3_600_000);
    expect(textOf(await (await who.get(`${location}/done`)).text())).toContain('не позже чем через час');
  });

  it('once the due time has passed the page promises no time already gone', async () => {
    const { code } = await createCard();
    const who = customer();
    const { location, id } = await complain(code, who);
    await env.DB.prepare('UPDATE complaints SET due_at = ?2 WHERE id = ?1')
      .bind(id, Date.now() - 60_000)
      .run();
    const done = textOf(await (await who.get(`${location}/done`)).text());
    expect(done).toContain('Мы уже опаздываем с ответом');
    expect(done).not.toContain('через час');
  });
});

describe('the inbox in working time', () => {
  it('counts as overdue only what is past its due time, not what is merely old', async () => {
    const session = await signIn('manager');
    const today = localDay(Date.now(), ZONE);
    const closed = await createLocation(undefined, {
      timeZone: ZONE,
      hours: NINE_TO_SIX,
      holidays: [today, addDays(today, 1)],
    });
    const old = await complain((await createCard({ locationId: closed.id })).code);
    // Made three hours ago while closed: still not due.
    await env.DB.prepare('UPDATE complaints SET created_at = created_at - 10800000 WHERE id = ?1').bind(old.id).run();
    const late = await complain((await createCard()).code);
    await env.DB.prepare(
      'UPDATE complaints SET created_at = created_at - 7200000, due_at = due_at - 7200000 WHERE id = ?1',
    )
      .bind(late.id)
      .run();

    const overdue = await (await call('/admin/complaints?overdue=1', { headers: { cookie: session.cookie } })).text();
    expect(overdue).toContain(`/admin/complaints/${late.id}`);
    expect(overdue).not.toContain(`/admin/complaints/${old.id}`);
    const all = await (await call('/admin/complaints', { headers: { cookie: session.cookie } })).text();
    expect(all).toContain(`data-due="${(await apiComplaint(old.id)).dueAt}"`);
    const page = await (await call(`/admin/complaints/${old.id}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toMatch(/data-testid="due">[^<]*10:00/);
  });

  it('shows the median time to first response in working minutes, and the plain figure beside it', async () => {
    const session = await signIn('manager');
    const location = await createLocation(undefined, { timeZone: ZONE, hours: NINE_TO_SIX });
    const { id } = await complain((await createCard({ locationId: location.id })).code);
    // Made at 22:07 two days ago, answered at 09:20 the next morning: 20 working minutes, 11 h 13 min in all.
    const day = addDays(localDay(Date.now(), ZONE), -2);
    const created = localMoment(day, 22 * 60 + 7, ZONE);
    const answered = localMoment(addDays(day, 1), 9 * 60 + 20, ZONE);
    await env.DB.prepare(
      "UPDATE complaints SET created_at = ?2, first_response_at = ?3, status = 'contacted' WHERE id = ?1",
    )
      .bind(id, created, answered)
      .run();
    const inbox = await (
      await call(`/admin/complaints?location=${location.id}`, { headers: { cookie: session.cookie } })
    ).text();
    expect(inbox).toMatch(/data-testid="median">20 мин</);
    expect(inbox).toMatch(/data-testid="median-raw">С нерабочим временем: 11 ч 13 мин</);
  });
});
