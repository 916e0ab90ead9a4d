import { env } from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { call, postForm, signIn } from '../helpers';
import { resetSettings, setSettings } from '../complaint-helpers';
import { maxStandIn } from '../max-stand-in';
import { deliver, FIXTURES, withMessageId } from '../review-mail-helpers';

const MAX = 'https://max.test';
const TOKEN = 'max-token-0123456789abcdef';
const SECRET = 'max-hook-secret-123';
const CHAT = -70500;
let max: ReturnType<typeof maxStandIn>;
const anna = { user_id: 42, first_name: 'Анна', username: 'anna' };

beforeAll(async () => {
  await insertLocation(
    env.DB,
    {
      slug: 'kolobok-max',
      name: 'Пекарня «Колобок»',
      address: 'Москва',
      timeZone: 'Europe/Moscow',
      handOutDays: 1,
      cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [],
    },
    Date.now(),
  );
});

beforeEach(async () => {
  await resetSettings();
  // MAX only: no Telegram at all, so the announcement and the press go through MAX alone.
  await setSettings({ maxBotToken: TOKEN, maxApiBase: MAX, maxChatId: String(CHAT), maxWebhookSecret: SECRET });
  max = maxStandIn(TOKEN);
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(MAX) ? max.handle(input, init) : realFetch(input, init);
  });
});
afterEach(() => vi.restoreAllMocks());

/** A forwarded notification without a rating arrives: the MAX message and its button payloads. */
async function announced(messageId: string) {
  await deliver(withMessageId(FIXTURES.gmailForwardRu, messageId));
  // The newest announcement (earlier ones were edited and lost their buttons).
  const message = [...max.messages.values()]
    .filter((m) => m.text.includes('подтвердите оценку') && m.attachments.length > 0)
    .at(-1)!;
  expect(message, 'announced in MAX').toBeDefined();
  expect(message.chatId).toBe(CHAT);
  const [positive, negative, notReview] = max.buttonsOf(message).map((b) => b.payload);
  return { mid: message.mid, positive: positive!, negative: negative!, not_review: notReview! };
}

function press(mid: string, payload: string, chat = CHAT) {
  const update = max.press(mid, payload, anna);
  if (update.message) update.message.recipient.chat_id = chat;
  return call('/max/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': SECRET },
    body: JSON.stringify(update),
  });
}

const mailOf = (payload: string) =>
  env.DB.prepare('SELECT status, resolved_by AS resolvedBy FROM review_mails WHERE id = ?1')
    .bind(payload.split(':')[2])
    .first<{ status: string; resolvedBy: string }>();
const answers = () => max.calls.filter((c) => c.path === '/answers').map((c) => c.body.notification);

describe('confirming a review inside MAX', () => {
  it('is announced with "4–5 ★", "1–3 ★", "Не отзыв"; a press from the bound chat confirms it, edits the message and answers', async () => {
    const buttons = await announced('max-confirm-1@test');
    expect(max.buttonsOf(max.messages.get(buttons.mid)!).map((b) => b.text)).toEqual(['4–5 ★', '1–3 ★', 'Не отзыв']);
    const res = await press(buttons.mid, buttons.positive);
    expect(await res.json()).toEqual({ ok: true, outcome: 'done' });
    expect(await mailOf(buttons.positive)).toEqual({ status: 'positive', resolvedBy: 'MAX @anna' });
    const edit = max.calls.find((c) => c.method === 'PUT' && c.path === '/messages')!;
    expect(edit.query.get('message_id')).toBe(buttons.mid);
    expect(String(edit.body.text)).toMatch(/подтвердите оценку[\s\S]*\n\n✓ @anna: отзыв 4–5 ★$/);
    expect(edit.body.attachments, 'the buttons are gone').toEqual([]);
    expect(answers()).toEqual(['Готово: отзыв 4–5 ★']);
  });

  it('a second press, or one after the page decided, answers "already confirmed"; other chats are refused', async () => {
    const buttons = await announced('max-confirm-2@test');
    await press(buttons.mid, buttons.negative);
    max.calls.length = 0;
    expect(await (await press(buttons.mid, buttons.positive)).json()).toEqual({ ok: true, outcome: 'already' });
    expect(answers()).toEqual(['Этот отзыв уже подтверждён.']);
    expect((await mailOf(buttons.negative))!.status).toBe('negative');

    const other = await announced('max-confirm-3@test');
    const session = await signIn('manager');
    expect(
      (await postForm(`/admin/reviews/pending/${other.positive.split(':')[2]}`, session, { verdict: 'not_review' }))
        .status,
    ).toBe(303);
    max.calls.length = 0;
    await press(other.mid, other.positive);
    expect(answers()).toEqual(['Этот отзыв уже подтверждён.']);

    const third = await announced('max-confirm-4@test');
    max.calls.length = 0;
    expect(await (await press(third.mid, third.positive, -999)).json()).toEqual({ ok: true, outcome: 'refused' });
    expect(answers()).toEqual(['Этот чат не подключён к Индексу поддержки.']);
    expect((await mailOf(third.positive))!.status).toBe('pending');
  });
});
