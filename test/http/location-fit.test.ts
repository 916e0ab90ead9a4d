import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/pdf/templates';
import { call, createLocation, postForm, signIn } from '../helpers';

const YANDEX = 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true';
/** Longer than any design's headline box holds, even at its smallest size. */
const LONG_HEADLINE =
  'Спасибо, что заказали у нас сегодня вечером! Нам очень важно ваше мнение о доставке, о блюдах и о нашем курьере Андрее.';
const TOTAL = [...LONG_HEADLINE].length;

type Session = { cookie: string; csrf: string };

const fitBlock = async (session: Session, query: Record<string, string>) =>
  (await call(`/admin/locations/fit?${new URLSearchParams(query)}`, { headers: { cookie: session.cookie } })).text();

function saveTexts(id: number, slug: string, session: Session, texts: Record<string, string>) {
  return postForm(`/admin/locations/${id}`, session, {
    name: 'Пекарня «Колобок»',
    slug,
    address: '',
    timeZone: 'Europe/Moscow',
    handOutDays: '1',
    link_yandex_maps: YANDEX,
    primary: 'yandex_maps',
    ...texts,
  });
}

const storedHeadline = async (id: number) =>
  (
    await env.DB.prepare('SELECT card_headline AS h FROM locations WHERE id = ?1')
      .bind(id)
      .first<{ h: string | null }>()
  )?.h;

describe('live fit check on the location form', () => {
  it('shows under the card texts what fits, and loads the script that re-checks as one types', async () => {
    const session = await signIn('manager');
    const { id } = await createLocation();
    const page = await (await call(`/admin/locations/${id}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toMatch(new RegExp(`<form[^>]*data-live-fit=""[^>]*data-live-location="${id}"`));
    expect(page).toContain('id="card-text-fit"');
    expect(page).toContain('Все тексты помещаются целиком во всех дизайнах.');
    expect(page).toMatch(/<script src="\/admin\/locations\/fit.js" defer[^>]*><\/script>/);
    const script = await call('/admin/locations/fit.js', { headers: { cookie: session.cookie } });
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const source = await script.text();
    expect(source).toContain('/admin/locations/fit');
    expect(source).toContain('"headline"');
  });

  it('answers the block for the texts being typed: the field, the design and how much of it fits', async () => {
    const session = await signIn('manager');
    const { id } = await createLocation();
    const cut = await fitBlock(session, {
      name: 'Пекарня',
      headline: LONG_HEADLINE,
      primary: 'yandex_maps',
      location: String(id),
    });
    for (const template of TEMPLATES) {
      expect(cut).toMatch(
        new RegExp(`Заголовок в дизайне «${template.name.ru}»: поместится \\d+ из ${TOTAL} символов`),
      );
    }
    expect(cut).not.toContain('Все тексты помещаются');
    const fine = await fitBlock(session, { name: 'Пекарня', headline: 'Спасибо за заказ!', primary: 'yandex_maps' });
    expect(fine).toContain('Все тексты помещаются целиком во всех дизайнах.');
    const english = await call(`/admin/locations/fit?${new URLSearchParams({ headline: LONG_HEADLINE, lang: 'en' })}`, {
      headers: { cookie: session.cookie },
    });
    expect(await english.text()).toMatch(/Headline in the “[^”]+” design: only \d+ of \d+ characters fit/);
  });

  it('refuses to save a headline no design can print whole, naming the field, and saves one that fits', async () => {
    const session = await signIn('manager');
    const { id, slug } = await createLocation();
    const refused = await saveTexts(id, slug, session, { headline: LONG_HEADLINE });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(/<input id="headline"[^>]*aria-invalid="true"/);
    expect(page).toContain('Не помещается на открытку ни в одном дизайне. Сократите текст.');
    expect(page).toMatch(/Заголовок в дизайне «[^»]+»: поместится \d+ из \d+ символов/);
    expect(await storedHeadline(id)).toBeNull();

    const saved = await saveTexts(id, slug, session, { headline: 'Спасибо за заказ!' });
    expect(saved.status).toBe(303);
    expect(await storedHeadline(id)).toBe('Спасибо за заказ!');
  });
});
