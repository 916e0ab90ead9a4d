import { catalogue } from './catalogue';

/** The part of /admin/reviews that shows reviews arriving by themselves (e-mail, Google). */
export const reviewInboxMessages = catalogue(
  {
    pending: {
      title: 'Отзывы на подтверждение',
      hint: 'В этих уведомлениях не нашлась оценка или точка. Одно нажатие — и отзыв посчитан.',
      none: 'Подтверждать нечего.',
      positive: '4–5 ★',
      negative: '1–3 ★',
      notReview: 'не отзыв',
      stated: 'в письме: {rating} ★',
      noSubject: '(без темы)',
      location: 'Точка',
      chooseLocation: 'Выберите точку',
      confirmed: 'Отзыв посчитан.',
      dismissed: 'Письмо отмечено как «не отзыв».',
      asked: 'Подтвердите оценку этого отзыва.',
    },
    overlaps: {
      title: 'Не посчитать дважды',
      hint: 'За эти дни вы внесли отзывы вручную, а они же, возможно, пришли сами. Выберите, что оставить: до выбора считается и то и другое.',
      line: '{when} · {location}: вручную {form} положит.; пришло само {ingested} (из них положит. {positive})',
      keepForm: 'Оставить ручную запись',
      keepIngested: 'Оставить пришедшие сами',
      keptForm: 'Оставлена ручная запись; пришедшие сами отзывы за эти дни не считаются.',
      keptIngested: 'Ручная запись удалена; считаются пришедшие сами отзывы.',
      platform: 'площадка: {platform}',
      anyPlatform: 'запись без площадки: сравнивается со всеми площадками за эти дни',
    },
    sources: {
      title: 'Откуда приходят отзывы',
      hint: 'Если пересылка писем перестала работать, здесь это видно.',
      none: 'Отзывы сами ещё не приходили. Как настроить пересылку уведомлений — в README, раздел «Отзывы без ручного ввода».',
      import: 'импорт',
      email: 'письма',
      google: 'Google',
      lastEmail: 'последнее письмо {ago}',
      lastOther: 'последний отзыв {ago}',
      today: 'сегодня',
      yesterday: 'вчера',
      daysAgo: ['{n} день назад', '{n} дня назад', '{n} дней назад'],
      googleConnected: 'подключён, отзывы забираются каждые 30 минут',
      googleNotConnected: 'не подключён — подключить',
      ignored: ['{n} письмо не об отзывах за 30 дней', '{n} письма не об отзывах за 30 дней', '{n} писем не об отзывах за 30 дней'],
    },
    platforms: { yandex_maps: 'Яндекс Карты', yandex_market: 'Яндекс Маркет', '2gis': '2ГИС', google_maps: 'Google Карты' },
    errors: {
      location: 'Выберите точку, о которой этот отзыв.',
      gone: 'Этот отзыв уже подтверждён.',
    },
  },
  {
    pending: {
      title: 'Reviews to confirm',
      hint: 'These notifications stated no rating or no location. One tap and the review counts.',
      none: 'Nothing to confirm.',
      positive: '4–5 ★',
      negative: '1–3 ★',
      notReview: 'not a review',
      stated: 'the mail says {rating} ★',
      noSubject: '(no subject)',
      location: 'Location',
      chooseLocation: 'Choose a location',
      confirmed: 'The review counts now.',
      dismissed: 'Marked as not a review.',
      asked: 'Confirm the rating of this review.',
    },
    overlaps: {
      title: 'Not counting twice',
      hint: 'For these days you entered reviews by hand, and the same ones may have arrived by themselves. Choose what stands: until then both count.',
      line: '{when} · {location}: by hand {form} positive; arrived {ingested} (positive {positive})',
      keepForm: 'Keep the hand entry',
      keepIngested: 'Keep those that arrived',
      keptForm: 'The hand entry stands; reviews that arrived for those days do not count.',
      keptIngested: 'The hand entry was deleted; the reviews that arrived count.',
      platform: 'platform: {platform}',
      anyPlatform: 'an entry without a platform: compared with every platform for those days',
    },
    sources: {
      title: 'Where reviews come from',
      hint: 'If mail forwarding stops working, it shows here.',
      none: 'No review has arrived by itself yet. How to forward notifications: README, "Reviews without typing them in".',
      import: 'import',
      email: 'e-mail',
      google: 'Google',
      lastEmail: 'last e-mail {ago}',
      lastOther: 'last review {ago}',
      today: 'today',
      yesterday: 'yesterday',
      daysAgo: ['{n} day ago', '{n} days ago', '{n} days ago'],
      googleConnected: 'connected, reviews fetched every 30 minutes',
      googleNotConnected: 'not connected — connect',
      ignored: ['{n} mail not about reviews in 30 days', '{n} mails not about reviews in 30 days', '{n} mails not about reviews in 30 days'],
    },
    platforms: { yandex_maps: 'Yandex Maps', yandex_market: 'Yandex Market', '2gis': '2GIS', google_maps: 'Google Maps' },
    errors: {
      location: 'Choose the location this review is about.',
      gone: 'This review was confirmed already.',
    },
  },
);

/** Plural forms: Russian 1 письмо, 2 письма, 5 писем; English one, many. */
export function pluralForm(n: number, forms: readonly string[], locale: 'ru' | 'en'): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const index = locale === 'en' ? (n === 1 ? 0 : 1)
    : mod10 === 1 && mod100 !== 11 ? 0 : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 1 : 2;
  return (forms[index] ?? forms[forms.length - 1]!).replace('{n}', String(n));
}
