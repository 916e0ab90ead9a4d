import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, createLocation, createToken, postForm, signIn } from '../helpers';
import { complain, createCard, customer, eventually, resetSettings, setSettings, textOf } from '../complaint-helpers';

const COMMENT = 'Курьер Пётр опоздал на 40 минут, заказ 5521';
const CONTACT = '+7 999 123-45-12';
const REPLY = 'Извините, курьер опоздал; мы вернули доставку в ваш следующий заказ.';
const HOOK = 'https://hook.test/replies';
let hookBodies: string[] = [];

beforeEach(async () => {
  await resetSettings();
  hookBodies = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('https://tg.test/')) return Response.json({ ok: true, result: {} });
    if (!url.startsWith(HOOK)) return realFetch(input, init);
    hookBodies.push(String(init?.body));
    return new Response('ok');
  });
});
afterEach(() => vi.restoreAllMocks());

const page = async (path: string, session: { cookie: string }) => {
  const res = await call(path, { headers: { cookie: session.cookie } });
  return { status: res.status, html: await res.text() };
};

/** A complaint from one customer's phone, with a comment and a contact, on a card of its own location. */
async function complaintWithDetails(options: { timeZone?: string } = {}) {
  const location = await createLocation(undefined, { timeZone: options.timeZone });
  const card = await createCard({ locationId: location.id });
  const who = customer();
  const made = await complain(card.code, who);
  const details = await who.post(made.location, { comment: COMMENT, contact: CONTACT, consent: 'yes', website: '' });
  expect(details.status).toBe(303);
  return { ...card, ...made, who, location };
}

const reply = (id: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) =>
  postForm(`/admin/complaints/${id}/reply`, session, fields);

const patch = (id: string, token: string, body: unknown) =>
  call(`/api/v1/complaints/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const stored = (id: string) =>
  env.DB.prepare('SELECT reply, replied_at AS repliedAt FROM complaints WHERE id = ?1')
    .bind(id)
    .first<{ reply: string | null; repliedAt: number | null }>();

/** The reply blocks of a public page, as text. */
const replyBlocks = (html: string) =>
  [...html.matchAll(/<section class="reply"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => textOf(m[1]!).trim());

describe('writing the public reply on a complaint’s page', () => {
  it('says plainly that the reply is public and shows nothing the customer typed with it', async () => {
    const owner = await signIn('owner');
    const { id } = await complaintWithDetails();
    const { status, html } = await page(`/admin/complaints/${id}`, owner);
    expect(status).toBe(200);
    const warning = textOf(/data-testid="reply-warning">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');
    expect(warning).toContain('Ответ публичный');
    expect(warning).toContain('любой, у кого в руках эта открытка');
    expect(warning).toContain('Комментарий, контакт и причина жалобы рядом с ответом не показываются');
    expect(html).toContain(`action="/admin/complaints/${id}/reply"`);
    const english = textOf(
      await (await call(`/admin/complaints/${id}?lang=en`, { headers: { cookie: owner.cookie } })).text(),
    );
    expect(english).toContain('The reply is public: anyone holding this card reads it');
    expect(english).toContain('Publish the reply');
  });

  it('publishes a reply through the form with the CSRF token and records who did it', async () => {
    const owner = await signIn('owner');
    const { id } = await complaintWithDetails();
    const res = await reply(id, owner, { reply: `  ${REPLY}  ` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/complaints/${id}?saved=1#reply`);
    const row = await stored(id);
    expect(row?.reply).toBe(REPLY);
    expect(row?.repliedAt).toBeGreaterThan(Date.now() - 60_000);
    const { html } = await page(`/admin/complaints/${id}`, owner);
    expect(textOf(/data-testid="current-reply">([\s\S]*?)<\/blockquote>/.exec(html)?.[1] ?? '')).toBe(REPLY);
    const text = textOf(html);
    expect(text).toContain(`Опубликован ответ клиенту`);
    const event = await env.DB.prepare(
      "SELECT actor, note FROM complaint_events WHERE complaint_id = ?1 AND kind = 'replied'",
    )
      .bind(id)
      .first();
    expect(event).toEqual({ actor: owner.email, note: REPLY });
    expect(html).toContain('Заменить ответ');
    // The reply answers the customer: it is the complaint's first response, so it is not escalated.
    const answered = await env.DB.prepare(
      'SELECT first_response_at AS at, replied_at AS repliedAt FROM complaints WHERE id = ?1',
    )
      .bind(id)
      .first<{ at: number; repliedAt: number }>();
    expect(answered!.at).toBe(answered!.repliedAt);
  });

  it('refuses a form without the CSRF token or from another site', async () => {
    const owner = await signIn('owner');
    const { id } = await complaintWithDetails();
    expect((await reply(id, { cookie: owner.cookie, csrf: 'forged' }, { reply: REPLY })).status).toBe(403);
    const crossSite = await call(`/admin/complaints/${id}/reply`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: owner.cookie,
      },
      body: new URLSearchParams({ _csrf: owner.csrf, reply: REPLY }),
    });
    expect(crossSite.status).toBe(403);
    expect((await stored(id))?.reply).toBeNull();
  });

  it('replaces the reply when edited, keeps its time and records the change as the person who made it', async () => {
    const owner = await signIn('owner');
    const manager = await signIn('manager');
    const { id } = await complaintWithDetails();
    await reply(id, owner, { reply: REPLY });
    const first = await stored(id);
    await env.DB.prepare('UPDATE complaints SET replied_at = replied_at - 600000 WHERE id = ?1').bind(id).run();
    expect(
      (await reply(id, manager, { reply: 'Извините за опоздание: доставка следующего заказа за наш счёт.' })).status,
    ).toBe(303);
    const edited = await stored(id);
    expect(edited?.reply).toBe('Извините за опоздание: доставка следующего заказа за наш счёт.');
    expect(edited?.repliedAt).toBe(first!.repliedAt! - 600_000);
    const { results } = await env.DB.prepare(
      'SELECT kind, note, actor FROM complaint_events WHERE complaint_id = ?1 AND kind LIKE ?2 ORDER BY id',
    )
      .bind(id, 'repl%')
      .all<{ kind: string; note: string; actor: string }>();
    expect(results).toEqual([
      { kind: 'replied', note: REPLY, actor: owner.email },
      {
        kind: 'replyEdited',
        note: 'Извините за опоздание: доставка следующего заказа за наш счёт.',
        actor: manager.email,
      },
    ]);
    // Saving the same text again changes nothing and adds no entry.
    await reply(id, manager, { reply: 'Извините за опоздание: доставка следующего заказа за наш счёт.' });
    expect(
      (
        await env.DB.prepare('SELECT COUNT(*) AS n FROM complaint_events WHERE complaint_id = ?1 AND kind LIKE ?2')
          .bind(id, 'repl%')
          .first<{ n: number }>()
      )?.n,
    ).toBe(2);
  });

  it('removes the reply with its button, and the card no longer shows it', async () => {
    const owner = await signIn('owner');
    const { id, code, who } = await complaintWithDetails();
    await reply(id, owner, { reply: REPLY });
    expect((await reply(id, owner, { reply: REPLY, remove: '1' })).status).toBe(303);
    expect(await stored(id)).toEqual({ reply: null, repliedAt: null });
    expect(replyBlocks(await (await who.get(`/c/${code}`)).text())).toEqual([]);
    expect(textOf((await page(`/admin/complaints/${id}`, owner)).html)).toContain('Ответ клиенту убран');
  });

  it('refuses an empty or too long reply with a clear message, keeping what was typed', async () => {
    const owner = await signIn('owner');
    const { id } = await complaintWithDetails();
    const empty = await reply(id, owner, { reply: '   \n ' });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain('Напишите ответ (до 1000 символов).');
    const long = 'Очень длинный ответ. '.repeat(60);
    const tooLong = await reply(id, owner, { reply: long });
    expect(tooLong.status).toBe(400);
    const html = await tooLong.text();
    expect(textOf(html)).toContain(`Не длиннее 1000 символов, сейчас ${long.trim().length}.`);
    expect(html).toContain(long.trim().slice(0, 100));
    expect((await stored(id))?.reply).toBeNull();
  });

  it('is refused to staff, on the page and through the API', async () => {
    const staff = await signIn('staff');
    const { id } = await complaintWithDetails();
    const res = await reply(id, staff, { reply: REPLY });
    expect(res.status).toBe(403);
    const api = await patch(id, await createToken('staff'), { reply: REPLY });
    expect(api.status).toBe(403);
    expect((await stored(id))?.reply).toBeNull();
  });

  it('answers 404 for a complaint that does not exist', async () => {
    const owner = await signIn('owner');
    expect((await reply('nonexistent-id', owner, { reply: REPLY })).status).toBe(404);
  });
});

describe('the reply on the card’s page', () => {
  it('shows the customer who scans the card again the reply and its time in the location’s zone, above the reasons', async () => {
    const owner = await signIn('owner');
    const { id, code, who } = await complaintWithDetails({ timeZone: 'Asia/Vladivostok' });
    await reply(id, owner, { reply: REPLY });
    // 2026-03-10 01:30 UTC is 11:30 in Vladivostok (UTC+10).
    await env.DB.prepare('UPDATE complaints SET replied_at = ?2 WHERE id = ?1')
      .bind(id, Date.UTC(2026, 2, 10, 1, 30))
      .run();
    const html = await (await who.get(`/c/${code}`)).text();
    const [block] = replyBlocks(html);
    expect(block).toContain(REPLY);
    expect(block).toMatch(/Ответили 10 марта,? (в )?11:30/);
    expect(html.indexOf('class="reply"')).toBeLessThan(html.indexOf('class="reasons"'));
    // Still the light page: no script, and under the 30 KB budget with its stylesheet.
    expect(html).not.toMatch(/<script/i);
    const css = await (await call('/assets/public.css')).arrayBuffer();
    expect(new TextEncoder().encode(html).byteLength + css.byteLength).toBeLessThan(30 * 1024);
    const english = await (await customer(undefined, 'en').get(`/c/${code}`)).text();
    expect(replyBlocks(english)[0]).toMatch(/Replied 10 March(,| at) 11:30/);
  });

  it('is public to whoever holds the card, and shows nothing of what the customer gave', async () => {
    const owner = await signIn('owner');
    const { id, code, reason } = await complaintWithDetails();
    await reply(id, owner, { reply: REPLY });
    // Another phone scanning the same card (the card is what the customer keeps).
    const html = await (await customer().get(`/c/${code}`)).text();
    const blocks = replyBlocks(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain(REPLY);
    expect(blocks[0]).not.toContain(reason.label);
    const text = textOf(html);
    for (const typed of [COMMENT, 'Пётр', '5521', CONTACT, '123-45-12', '***']) expect(text).not.toContain(typed);
    expect(html).not.toContain(id);
  });

  it('shows only the replies to complaints made from that card', async () => {
    const owner = await signIn('owner');
    const { id, locationId } = await complaintWithDetails();
    await reply(id, owner, { reply: REPLY });
    const other = await createCard({ locationId });
    expect(replyBlocks(await (await customer().get(`/c/${other.code}`)).text())).toEqual([]);
  });
});

describe('the kept-open thanks page', () => {
  it('waits for the reply (script polling a small JSON, a refresh without script) and then shows it', async () => {
    const owner = await signIn('owner');
    const { id, code, who, location } = await complaintWithDetails();
    const done = await (await who.get(`/c/${code}/${id}/done`)).text();
    expect(done).toContain('data-testid="reply-wait"');
    expect(done).toContain(`data-reply-poll="/c/${code}/${id}/reply"`);
    const scriptSrc = /<script src="(\/assets\/reply-wait\.js\?v=[0-9a-z]+)" defer(="")?><\/script>/.exec(done)?.[1];
    expect(scriptSrc).toBeDefined();
    expect(done).toMatch(/<noscript><meta http-equiv="refresh" content="60"\/?><\/noscript>/);
    const script = await call(scriptSrc!);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('location.reload()');

    const before = await who.get(`/c/${code}/${id}/reply`);
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toContain('no-store');
    expect(await before.json()).toEqual({ reply: null, repliedAt: null });

    await reply(id, owner, { reply: REPLY });
    const after = await (await who.get(`/c/${code}/${id}/reply`)).json<{ reply: string; repliedAt: string }>();
    expect(after.reply).toBe(REPLY);
    expect(Date.parse(after.repliedAt)).toBe((await stored(id))!.repliedAt);
    expect(Object.keys(after).sort()).toEqual(['repliedAt', 'reply']);

    const shown = await (await who.get(`/c/${code}/${id}/done`)).text();
    expect(replyBlocks(shown)[0]).toContain(REPLY);
    expect(shown).not.toContain('reply-wait');
    expect(shown).not.toContain('http-equiv="refresh"');
    expect(location.id).toBeGreaterThan(0);
  });

  it('answers the poll only for the phone that made the complaint', async () => {
    const owner = await signIn('owner');
    const { id, code } = await complaintWithDetails();
    await reply(id, owner, { reply: REPLY });
    const stranger = await customer().get(`/c/${code}/${id}/reply`);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toEqual({ error: 'no such complaint' });
    const other = await createCard();
    expect((await customer().get(`/c/${other.code}/${id}/reply`)).status).toBe(404);
  });
});

describe('reply templates per location', () => {
  it('are kept on the location’s page and offered on its complaints as one-tap fills', async () => {
    const owner = await signIn('owner');
    const { id, location } = await complaintWithDetails();
    const templatesPage = await page(`/admin/locations/${location.id}`, owner);
    expect(templatesPage.html).toContain(`href="/admin/locations/${location.id}/replies"`);
    expect((await postForm(`/admin/locations/${location.id}/replies`, owner, { text: REPLY })).status).toBe(303);
    expect(
      (
        await postForm(`/admin/locations/${location.id}/replies`, owner, {
          text: 'Спасибо, что написали: мы разбираемся.',
        })
      ).status,
    ).toBe(303);
    const listed = (await page(`/admin/locations/${location.id}/replies`, owner)).html;
    expect(listed).toContain(REPLY);

    const { html } = await page(`/admin/complaints/${id}`, owner);
    const links = [...html.matchAll(/<a class="template-fill" href="([^"]+)" data-text="([^"]+)">/g)].map((m) => ({
      href: m[1]!.replace(/&amp;/g, '&'),
      text: m[2]!,
    }));
    expect(links.map((l) => l.text)).toEqual([REPLY, 'Спасибо, что написали: мы разбираемся.']);
    // Without script, the tap reloads the page with the template in the reply box.
    const filled = (await page(links[1]!.href.replace(/#.*$/, ''), owner)).html;
    expect(/<textarea id="reply-text"[^>]*>([^<]*)<\/textarea>/.exec(filled)?.[1]).toBe(
      'Спасибо, что написали: мы разбираемся.',
    );
    expect(html).toMatch(/<script src="\/admin\/complaints\/reply.js" defer(="")?><\/script>/);
    expect((await call('/admin/complaints/reply.js', { headers: { cookie: owner.cookie } })).status).toBe(200);

    // Another location's complaint is not offered these templates.
    const elsewhere = await complaintWithDetails();
    expect((await page(`/admin/complaints/${elsewhere.id}`, owner)).html).not.toContain('template-fill');
  });

  it('can be edited and deleted, and refuse empty, too long, foreign and too many templates', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const base = `/admin/locations/${location.id}/replies`;
    await postForm(base, owner, { text: 'Первый' });
    const templateId = (await env.DB.prepare('SELECT id FROM reply_templates WHERE location_id = ?1')
      .bind(location.id)
      .first<{ id: number }>())!.id;
    expect((await postForm(`${base}/${templateId}`, owner, { text: 'Первый, исправленный' })).status).toBe(303);
    expect((await page(base, owner)).html).toContain('Первый, исправленный');

    const empty = await postForm(base, owner, { text: '  ' });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain('Напишите ответ');
    const long = await postForm(`${base}/${templateId}`, owner, { text: 'я'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain('Не длиннее 1000 символов, сейчас 1001.');

    const other = await createLocation();
    expect(
      (await postForm(`/admin/locations/${other.id}/replies/${templateId}`, owner, { text: 'Чужой' })).status,
    ).toBe(404);
    expect((await postForm(`/admin/locations/${other.id}/replies/${templateId}/delete`, owner, {})).status).toBe(404);

    for (let i = 2; i <= 10; i++) await postForm(base, owner, { text: `Шаблон ${i}` });
    const eleventh = await postForm(base, owner, { text: 'Одиннадцатый' });
    expect(eleventh.status).toBe(400);
    expect(textOf(await eleventh.text())).toContain('Уже 10 шаблонов');

    expect((await postForm(`${base}/${templateId}/delete`, owner, {})).status).toBe(303);
    const left = (await page(base, owner)).html;
    expect(left).not.toContain('Первый, исправленный');
    expect(left).toContain('Шаблон 10');
  });

  it('are refused to staff', async () => {
    const staff = await signIn('staff');
    const location = await createLocation();
    expect((await postForm(`/admin/locations/${location.id}/replies`, staff, { text: REPLY })).status).toBe(403);
    expect((await page(`/admin/locations/${location.id}/replies`, staff)).status).toBe(403);
  });

  it('read in English when the owner works in English', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const res = await call(`/admin/locations/${location.id}/replies?lang=en`, { headers: { cookie: owner.cookie } });
    const text = textOf(await res.text());
    expect(text).toContain('Reply templates');
    expect(text).toContain('Add the template');
  });
});

describe('the reply in the API and the webhook', () => {
  it('PATCH accepts reply (trimmed), answers reply and repliedAt, and GET lists them', async () => {
    const token = await createToken('manager');
    const { id, slug, code, who } = await apiComplaint();
    const res = await patch(id, token, { reply: `\n ${REPLY} \n` });
    expect(res.status).toBe(200);
    const body = await res.json<{ reply: string; repliedAt: string; comment: string }>();
    expect(body.reply).toBe(REPLY);
    expect(Date.parse(body.repliedAt)).toBeGreaterThan(Date.now() - 60_000);
    const list = await (
      await call(`/api/v1/complaints?location=${slug}`, { headers: { authorization: `Bearer ${token}` } })
    ).json<{ complaints: { id: string; reply: string | null; repliedAt: string | null }[] }>();
    expect(list.complaints.find((c) => c.id === id)).toMatchObject({ reply: REPLY, repliedAt: body.repliedAt });
    expect(replyBlocks(await (await who.get(`/c/${code}`)).text())[0]).toContain(REPLY);
    const { results } = await env.DB.prepare(
      "SELECT actor FROM complaint_events WHERE complaint_id = ?1 AND kind = 'replied'",
    )
      .bind(id)
      .all<{ actor: string }>();
    expect(results).toEqual([{ actor: 'api:manager token' }]);
  });

  it('removes the reply with "" or null', async () => {
    const token = await createToken('owner');
    const { id } = await apiComplaint();
    await patch(id, token, { reply: REPLY });
    expect(await (await patch(id, token, { reply: '' })).json()).toMatchObject({ reply: null, repliedAt: null });
    await patch(id, token, { reply: REPLY });
    expect(await (await patch(id, token, { reply: null })).json()).toMatchObject({ reply: null, repliedAt: null });
  });

  it('refuses a reply that is too long or not a string with a 400 naming the field', async () => {
    const token = await createToken('owner');
    const { id } = await apiComplaint();
    const long = await patch(id, token, { reply: 'я'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ error: 'reply must be at most 1000 characters', field: 'reply' });
    const number = await patch(id, token, { reply: 42 });
    expect(number.status).toBe(400);
    expect(await number.json()).toEqual({ error: 'reply must be a string or null', field: 'reply' });
    expect((await stored(id))?.reply).toBeNull();
  });

  it('documents reply in the OpenAPI description', async () => {
    const doc = await (await call('/api/v1/openapi.json')).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
            responses: Record<string, { content?: Record<string, { example?: Record<string, unknown> }> }>;
          }
        >
      >;
    }>();
    const op = doc.paths['/api/v1/complaints/{id}']!.patch!;
    expect(op.requestBody!.content['application/json']!.schema.properties).toHaveProperty('reply');
    expect(op.responses['200']!.content!['application/json']!.example).toHaveProperty('repliedAt');
  });

  it('sends complaint.updated with the reply to the webhook, not a Telegram message', async () => {
    await setSettings({
      webhookUrl: HOOK,
      webhookSecret: 'shh',
      telegramBotToken: '123:abc',
      telegramChatId: '42',
      telegramApiBase: 'https://tg.test',
    });
    const owner = await signIn('owner');
    const { id } = await complaintWithDetails();
    await eventually(
      async () => hookBodies,
      (b) => b.length >= 2,
    );
    hookBodies = [];
    const updates = async () =>
      (
        await env.DB.prepare(
          "SELECT channel, COUNT(*) AS n FROM notifications WHERE complaint_id = ?1 AND event = 'complaint.updated' GROUP BY channel ORDER BY channel",
        )
          .bind(id)
          .all<{ channel: string; n: number }>()
      ).results;
    expect(await updates()).toEqual([
      { channel: 'telegram', n: 1 },
      { channel: 'webhook', n: 1 },
    ]);
    await reply(id, owner, { reply: REPLY });
    const bodies = await eventually(
      async () => hookBodies,
      (b) => b.length >= 1,
    );
    const message = JSON.parse(bodies[0]!) as {
      event: string;
      complaint: { id: string; reply: string; repliedAt: string };
    };
    expect(message.event).toBe('complaint.updated');
    expect(message.complaint).toMatchObject({ id, reply: REPLY });
    expect(Date.parse(message.complaint.repliedAt)).toBe((await stored(id))!.repliedAt);
    // The customer's addition went to both channels; the reply only to the webhook.
    expect(await updates()).toEqual([
      { channel: 'telegram', n: 1 },
      { channel: 'webhook', n: 2 },
    ]);
  });
});

/** A complaint with details, and its location's slug for the API. */
async function apiComplaint() {
  const made = await complaintWithDetails();
  const slug = (await env.DB.prepare('SELECT slug FROM locations WHERE id = ?1')
    .bind(made.locationId)
    .first<{ slug: string }>())!.slug;
  return { ...made, slug };
}
