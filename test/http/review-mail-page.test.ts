import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertLocation } from '../../src/db/locations';
import { DEFAULT_SETTINGS, saveSettings } from '../../src/db/settings';
import { call, postForm, signIn } from '../helpers';
import { deliver, FIXTURES, withMessageId } from '../review-mail-helpers';

let session: { cookie: string; csrf: string };

async function location(slug: string, name: string) {
  await insertLocation(
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
  session = await signIn('manager');
  await location('kolobok', 'Пекарня «Колобок»');
  await location('pyshka', 'Пышка на Садовой');
});

afterEach(async () => {
  vi.restoreAllMocks();
  await saveSettings(
    env.DB,
    { telegramBotToken: '', telegramChatId: '', telegramApiBase: DEFAULT_SETTINGS.telegramApiBase },
    Date.now(),
  );
});

const page = async () => (await call('/admin/reviews', { headers: { cookie: session.cookie } })).text();
const pendingIds = (html: string) =>
  [...html.matchAll(/action="\/admin\/reviews\/pending\/([^"]+)"/g)].map((m) => m[1]!);

describe('reviews to confirm on /admin/reviews', () => {
  it('a notification without a rating is listed with its subject and excerpt, and one tap counts it', async () => {
    await deliver(withMessageId(FIXTURES.gmailForwardRu, 'page-1@test'));
    const html = await page();
    expect(html).toContain('Отзывы на подтверждение');
    expect(html).toContain('Fwd: Новый отзыв о вашей организации');
    expect(html).toContain('Смотри, новый отзыв');
    expect(html).toContain('4–5 ★');
    expect(html).toContain('не отзыв');
    const [id] = pendingIds(html);
    // Several locations and none named in the mail: the form asks which one.
    expect(html).toContain(`id="pending-${id}-location"`);
    const missing = await postForm(`/admin/reviews/pending/${id}`, session, { verdict: 'positive' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Выберите точку, о которой этот отзыв.');
    const res = await postForm(`/admin/reviews/pending/${id}`, session, { verdict: 'positive', location: 'pyshka' });
    expect(res.status).toBe(303);
    const after = await (await call(res.headers.get('location')!, { headers: { cookie: session.cookie } })).text();
    expect(after).toContain('Отзыв посчитан.');
    expect(pendingIds(after)).toEqual([]);
    const review = await env.DB.prepare(
      "SELECT rating, rating_exact, location_id FROM reviews WHERE source_key = '<page-1@test>'",
    ).first<{ rating: number; rating_exact: number }>();
    expect(review).toMatchObject({ rating: 5, rating_exact: 0 });
    const again = await postForm(`/admin/reviews/pending/${id}`, session, { verdict: 'negative', location: 'pyshka' });
    expect(again.status).toBe(409);
  });

  it('"не отзыв" removes it from the list without storing a review', async () => {
    await deliver(withMessageId(FIXTURES.gmailForwardRu, 'page-2@test'));
    const [id] = pendingIds(await page());
    const res = await postForm(`/admin/reviews/pending/${id}`, session, { verdict: 'not_review' });
    expect(res.status).toBe(303);
    expect(pendingIds(await page())).toEqual([]);
    expect(await env.DB.prepare("SELECT 1 FROM reviews WHERE source_key = '<page-2@test>'").first()).toBeNull();
  });

  it('shows when each location last got a review by e-mail, and how many mails were not about reviews', async () => {
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'page-3@test'));
    await deliver(FIXTURES.spam);
    await deliver(FIXTURES.yandexInvoice);
    await deliver(withMessageId(FIXTURES.spam, 'spam-2@test'));
    const html = await page();
    expect(html).toMatch(/Пекарня «Колобок» · письма: последнее письмо сегодня/);
    expect(html).toContain('3 письма не об отзывах за 30 дней');
  });

  it('with Telegram set up, a review to confirm is announced with the three verdict buttons and a link that opens it', async () => {
    await saveSettings(
      env.DB,
      { telegramBotToken: '123:abc', telegramChatId: '42', telegramApiBase: 'https://tg.example.org' },
      Date.now(),
    );
    type Button = { text: string; url?: string; callback_data?: string };
    const sent: {
      url: string;
      body: { chat_id: string; text: string; reply_markup?: { inline_keyboard: Button[][] } };
    }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response('{"ok":true}');
    });
    await deliver(withMessageId(FIXTURES.gmailForwardRu, 'page-4@test'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://tg.example.org/bot123:abc/sendMessage');
    expect(sent[0]!.body.chat_id).toBe('42');
    expect(sent[0]!.body.text).toContain('подтвердите оценку');
    const [verdicts, link] = sent[0]!.body.reply_markup!.inline_keyboard as [Button[], Button[]];
    expect(verdicts.map((b) => b.text)).toEqual(['4–5 ★', '1–3 ★', 'Не отзыв']);
    expect(verdicts[0]!.callback_data).toMatch(/^review:positive:[\w-]+$/);
    expect(link[0]!.url).toMatch(/^https:\/\/q\.si\.test\/admin\/reviews\?confirm=[\w-]+#pending$/);
    // The link opens the page on that review.
    const opened = await (
      await call(new URL(link[0]!.url!).pathname + new URL(link[0]!.url!).search, {
        headers: { cookie: session.cookie },
      })
    ).text();
    expect(opened).toContain('Подтвердите оценку этого отзыва.');
    // A stored review (rating stated) is not announced.
    await deliver(withMessageId(FIXTURES.yandexDirectRu, 'page-5@test'));
    expect(sent).toHaveLength(1);
  });
});
