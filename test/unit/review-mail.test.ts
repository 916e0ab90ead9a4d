import { describe, expect, it } from 'vitest';
import {
  chooseLocation,
  excerptOf,
  forwardedSenders,
  platformOfAddress,
  platformOfMail,
  plusSlug,
  ratingForVerdict,
  ratingOf,
  speaksOfReview,
  textOfHtml,
} from '../../src/domain/review-mail';

describe('the rating a notification states', () => {
  it.each([
    ['★★★★★', 5],
    ['Оценка: ★★★★☆', 4],
    ['★☆☆☆☆ плохо', 1],
    ['★★☆☆☆', 2],
    ['Поставил 5 из 5', 5],
    ['оценка 3 из 5', 3],
    ['Оценка: 4', 4],
    ['оценка 2', 2],
    ['Оценкой 5 и текстом', 5],
    ['5 звёзд', 5],
    ['4 звезды', 4],
    ['1 звезда', 1],
    ['3 звезд', 3],
    ['Anna rated 5', 5],
    ['rated you 4 stars', 4],
    ['left 4 stars', 4],
    ['1 star', 1],
    ['Rating: 4/5', 4],
    ['3 / 5', 3],
  ])('%s is %i', (text, rating) => {
    expect(ratingOf('', text)).toBe(rating);
  });

  it('reads the subject too', () => {
    expect(ratingOf('Новый отзыв, 5 звёзд', 'Текст отзыва')).toBe(5);
  });

  it.each([
    ['no rating at all', 'У вас новый отзыв'],
    ['a lone decorative star', '★ Новый отзыв'],
    ['empty stars only', '☆☆☆☆☆'],
    ['an average rating with decimals', 'Средняя оценка 4,7 из 5'],
    ['a decimal over five', 'rated 4.5/5'],
    ['a number that is not a rating', 'ответьте в течение 12 из 50 дней'],
    ['ratings that disagree', '★★★★★ и оценка 2'],
    ['six stars', '★★★★★★'],
    ['out of ten', '5/50'],
  ])('%s gives none (the owner confirms)', (_, text) => {
    expect(ratingOf('', text)).toBeNull();
  });

  it('agreeing statements of one rating are that rating', () => {
    expect(ratingOf('Оценка 5', '★★★★★ — 5 из 5')).toBe(5);
  });
});

describe('which platform a mail is from', () => {
  it.each([
    ['noreply@business.yandex.ru', 'yandex_maps'],
    ['no-reply@yandex.ru', 'yandex_maps'],
    ['robot@ya.ru', 'yandex_maps'],
    ['mail@yandex.com', 'yandex_maps'],
    ['noreply@market.yandex.ru', 'yandex_market'],
    ['noreply@2gis.ru', '2gis'],
    ['info@notify.2gis.com', '2gis'],
    ['businessprofile-noreply@google.com', 'google_maps'],
    ['NoReply@Business.Google.COM', 'google_maps'],
  ])('%s is %s', (address, platform) => {
    expect(platformOfAddress(address)).toBe(platform);
  });

  it.each([
    'noreply@evil-yandex.ru',
    'yandex.ru@example.com',
    'noreply@yandex.ru.example.com',
    'owner@gmail.com',
    'no-at-sign',
  ])('%s is none', (address) => {
    expect(platformOfAddress(address)).toBeNull();
  });

  it('a forwarded mail is judged by the sender of its original', () => {
    const gmail =
      'Hi\n\n---------- Forwarded message ---------\nFrom: Яндекс Бизнес <noreply@business.yandex.ru>\nDate: Mon, 30 Nov 2026\nSubject: Новый отзыв';
    const yandex =
      '-------- Пересылаемое сообщение --------\n30.11.2026, 10:00, "2ГИС" <noreply@2gis.ru>:\nОт: 2ГИС <noreply@2gis.ru>\n';
    expect(forwardedSenders(gmail)).toEqual(['noreply@business.yandex.ru']);
    expect(platformOfMail('owner@gmail.com', gmail)).toBe('yandex_maps');
    expect(platformOfMail('owner@yandex.ru', 'just a note')).toBe('yandex_maps');
    // The owner's own mailbox on yandex.ru forwarding a 2GIS notification: the original decides.
    expect(platformOfMail('owner@yandex.ru', 'From: 2GIS <noreply@2gis.ru>')).toBe('2gis');
    expect(platformOfMail('owner@example.ru', yandex)).toBe('2gis');
    expect(platformOfMail('owner@example.ru', 'From: someone <a@example.com>')).toBeNull();
  });

  it('a review is spoken of in Russian or English', () => {
    expect(speaksOfReview('Новый отзыв о вашей организации', '')).toBe(true);
    expect(speaksOfReview('', 'На вашу карточку оставили отзыв')).toBe(true);
    expect(speaksOfReview('New review for Kolobok', '')).toBe(true);
    expect(speaksOfReview('Ваш счёт за ноябрь', 'Оплатите до 5 декабря')).toBe(false);
  });
});

describe('which location a mail is about', () => {
  const locations = [
    { id: 1, slug: 'kolobok', name: 'Пекарня «Колобок»' },
    { id: 2, slug: 'kolobok-lenina', name: 'Колобок на Ленина' },
    { id: 3, slug: 'pyshka', name: 'Пышка' },
  ];

  it('the +slug of the address wins', () => {
    expect(chooseLocation(['reviews+pyshka@example.ru'], 'Новый отзыв: Колобок на Ленина', '', locations)?.id).toBe(3);
    expect(plusSlug('Reviews+Kolobok@example.ru')).toBe('kolobok');
    expect(plusSlug('reviews@example.ru')).toBeNull();
  });

  it('an unknown +slug falls back to the name in the text', () => {
    expect(chooseLocation(['reviews+nowhere@example.ru'], 'Отзыв о «Пышка»', '', locations)?.id).toBe(3);
  });

  it('a name in the subject or the body, in any case and quotes', () => {
    expect(chooseLocation(['reviews@example.ru'], 'Новый отзыв', 'Организация: пекарня "колобок"', locations)?.id).toBe(
      1,
    );
  });

  it('the longer name when one contains another', () => {
    const both = [
      { id: 1, slug: 'a', name: 'Колобок' },
      { id: 2, slug: 'b', name: 'Колобок на Ленина' },
    ];
    expect(chooseLocation([], 'Отзыв: Колобок на Ленина', '', both)?.id).toBe(2);
    expect(chooseLocation([], 'Отзыв: Колобок', '', both)?.id).toBe(1);
  });

  it('two names, or none among several locations: the owner chooses', () => {
    expect(chooseLocation([], 'Отзывы: Пышка и Колобок на Ленина', '', locations)).toBeNull();
    expect(chooseLocation(['reviews@example.ru'], 'Новый отзыв', 'без названия', locations)).toBeNull();
  });

  it('the only location there is, when nothing names one', () => {
    expect(chooseLocation(['reviews@example.ru'], 'Новый отзыв', '', [locations[2]!])?.id).toBe(3);
  });
});

describe('what is kept of a mail', () => {
  it('an excerpt is the first 200 characters, whitespace folded', () => {
    const text = `  Новый   отзыв\n\n${'я'.repeat(300)}`;
    const excerpt = excerptOf(text);
    expect(excerpt.startsWith('Новый отзыв я')).toBe(true);
    expect(Array.from(excerpt)).toHaveLength(200);
  });

  it('an excerpt leaves out the header lines of a forwarded original', () => {
    const text =
      'Смотри\n---------- Forwarded message ---------\nFrom: Яндекс <noreply@business.yandex.ru>\nDate: Mon, 30 Nov\nSubject: Новый отзыв\nTo: <anna@gmail.com>\n30.11.2026, 10:00, "2ГИС" <noreply@2gis.ru>:\nТема: отзыв\nВсё отлично';
    expect(excerptOf(text)).toBe('Смотри Всё отлично');
  });

  it('HTML-only mails are read as text, stars included', () => {
    expect(
      textOfHtml(
        '<p>Оценка: &#9733;&#9733;&#9733;&#9733;&#9734;</p><style>p{}</style><div>Пекарня &laquo;Колобок&raquo;</div>',
      ),
    ).toMatch(/★★★★☆[\s\S]*«Колобок»/);
  });

  it('a verdict keeps a stated rating that agrees, else marks its stand-in inexact', () => {
    expect(ratingForVerdict('positive', 4)).toEqual({ rating: 4, exact: true });
    expect(ratingForVerdict('positive', null)).toEqual({ rating: 5, exact: false });
    expect(ratingForVerdict('negative', 5)).toEqual({ rating: 1, exact: false });
    expect(ratingForVerdict('negative', 2)).toEqual({ rating: 2, exact: true });
  });
});
