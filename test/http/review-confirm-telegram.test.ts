import { env } from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { call, createToken, postForm, signIn } from '../helpers';
import { resetSettings, setSettings } from '../complaint-helpers';
import { deliver, FIXTURES, withMessageId } from '../review-mail-helpers';

const BOT = 'https://bot.test';
const TOKEN = '123456:secret-bot-token';
const SECRET = 'update-secret-0123456789';
const CHAT = -100500;
let calls: { method: string; body: Record<string, unknown> }[] = [];
let token: string;

async function location(slug: string, name: string) {
  return insertLocation(
    env.DB,
    {
      slug,
      name,
      address: 'Москва',
      timeZone: 'Europe/Moscow',
      handOutDays: 1,
      cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [],
    },
    Date.now(),
  );
}

beforeAll(async () => {
  token = await createToken('manager');
  await location('kolobok', 'Пекарня «Колобок»');
});

beforeEach(async () => {
  await resetSettings();
  await setSettings({
    telegramBotToken: TOKEN,
    telegramChatId: String(CHAT),
    telegramApiBase: BOT,
    telegramWebhookSecret: SECRET,
  });
  calls = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(BOT)) return realFetch(input, init);
    calls.push({
      method: url.slice(`${BOT}/bot${TOKEN}/`.length),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    return Response.json({ ok: true, result: true });
  });
});
afterEach(() => vi.restoreAllMocks());

/** A forwarded notification without a rating arrives; returns the callback data of its three buttons. */
async function announced(messageId: string): Promise<{ positive: string; negative: string; not_review: string }> {
  await deliver(withMessageId(FIXTURES.gmailForwardRu, messageId));
  const message = calls.find((c) => c.method === 'sendMessage' && String(c.body.text).includes('подтвердите оценку'))!;
  const [row] = (message.body.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
  const [positive, negative, notReview] = row!.map((b) => b.callback_data!);
  calls = [];
  return { positive: positive!, negative: negative!, not_review: notReview! };
}

function press(data: string, chatId = CHAT, from: Record<string, unknown> = { id: 42, username: 'anna' }) {
  return call('/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({
      update_id: 1,
      callback_query: {
        id: 'cb-1',
        from,
        data,
        message: { message_id: 77, chat: { id: chatId }, text: 'Новый отзыв — подтвердите оценку · Пекарня «Колобок»' },
      },
    }),
  });
}

const mailOf = (data: string) =>
  env.DB.prepare('SELECT status, resolved_by AS resolvedBy FROM review_mails WHERE id = ?1')
    .bind(data.split(':')[2])
    .first<{ status: string; resolvedBy: string }>();
const positives = async () => {
  const res = await call('/api/v1/reviews?location=kolobok&source=email', {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json<{ reviews: { rating: number; counted: boolean }[] }>()).reviews;
};
const answers = () => calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.body.text);

describe('confirming a review inside Telegram', () => {
  it('"4–5 ★" from the bound chat confirms it as the page does, edits the message to say who, and answers', async () => {
    const buttons = await announced('tg-confirm-1@test');
    const before = (await positives()).length;
    const res = await press(buttons.positive);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'done' });
    expect(await mailOf(buttons.positive)).toEqual({ status: 'positive', resolvedBy: 'Telegram @anna' });
    const reviews = await positives();
    expect(reviews).toHaveLength(before + 1);
    expect(reviews.filter((r) => r.rating >= 4 && r.counted).length).toBeGreaterThan(0);
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.body).toMatchObject({ chat_id: CHAT, message_id: 77 });
    expect(String(edit.body.text)).toMatch(/подтвердите оценку · Пекарня «Колобок»\n\n✓ @anna: отзыв 4–5 ★$/);
    // The buttons are gone from the edited message.
    expect(edit.body.reply_markup).toBeUndefined();
    expect(answers()).toEqual(['Готово: отзыв 4–5 ★']);
  });

  it('a second press, or a press after the page confirmed it, answers "already confirmed" and changes nothing', async () => {
    const buttons = await announced('tg-confirm-2@test');
    await press(buttons.negative, CHAT, { id: 7, first_name: 'Пётр' });
    expect(await mailOf(buttons.negative)).toEqual({ status: 'negative', resolvedBy: 'Telegram Пётр' });
    calls = [];
    const again = await press(buttons.positive);
    expect(await again.json()).toEqual({ ok: true, outcome: 'already' });
    expect(answers()).toEqual(['Этот отзыв уже подтверждён.']);
    expect(calls.some((c) => c.method === 'editMessageText')).toBe(false);
    expect(await mailOf(buttons.negative)).toEqual({ status: 'negative', resolvedBy: 'Telegram Пётр' });

    // Confirmed on /admin/reviews first: the Telegram press is too late.
    const other = await announced('tg-confirm-3@test');
    const session = await signIn('manager');
    const id = other.positive.split(':')[2]!;
    expect((await postForm(`/admin/reviews/pending/${id}`, session, { verdict: 'not_review' })).status).toBe(303);
    calls = [];
    await press(other.positive);
    expect(answers()).toEqual(['Этот отзыв уже подтверждён.']);
    expect((await mailOf(other.positive))!.status).toBe('not_review');
  });

  it('a press from a chat that is not bound is refused and confirms nothing', async () => {
    const buttons = await announced('tg-confirm-4@test');
    const res = await press(buttons.positive, -999);
    expect(await res.json()).toEqual({ ok: true, outcome: 'refused' });
    expect(answers()).toEqual(['Этот чат не подключён к Индексу поддержки.']);
    expect((await mailOf(buttons.positive))!.status).toBe('pending');
    // A forged update (wrong secret) is refused before anything is read.
    const forged = await call('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });

  it('"Не отзыв" dismisses it; a mail with no location among several is sent to the page; unknown ids are answered', async () => {
    const buttons = await announced('tg-confirm-5@test');
    await press(buttons.not_review);
    expect((await mailOf(buttons.not_review))!.status).toBe('not_review');

    const unplaced = await announced('tg-confirm-6@test');
    await env.DB.prepare('UPDATE review_mails SET location_id = NULL WHERE id = ?1')
      .bind(unplaced.positive.split(':')[2])
      .run();
    await location('pyshka', 'Пышка на Садовой');
    calls = [];
    await press(unplaced.positive);
    expect(answers()).toEqual(['Не понятно, о какой точке отзыв: подтвердите его на странице отзывов.']);
    expect((await mailOf(unplaced.positive))!.status).toBe('pending');

    calls = [];
    await press('review:positive:nosuchreview00');
    expect(answers()).toEqual(['Отзыв не найден.']);
    // Data of another shape is not a review press.
    calls = [];
    expect(await (await press('review:5stars:nosuchreview00')).json()).toEqual({ ok: true, outcome: 'unknown' });
  });
});
