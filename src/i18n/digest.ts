import { catalogue } from './catalogue';

/** The Monday digest as it reads in Telegram (the webhook gets the figures as JSON). */
export const digestMessages = catalogue(
  {
    title: 'Сводка за неделю {from} – {to}',
    supportIndex: 'Индекс поддержки: {value}',
    previous: 'неделей раньше {value}, {change}',
    significant: 'изменение за пределами случайности',
    notSignificant: 'в пределах случайности',
    noIndex: 'нет данных (нет клиентов за неделю)',
    served: 'Клиентов: {served}, положительных отзывов: {positive}',
    complaints: 'Жалоб: {count}',
    topReasons: 'Главные причины: {reasons}',
    overdue: 'Просрочено сейчас: {count}',
    median: 'Медиана до первого ответа: {time} рабочего времени',
    noMedian: 'Медиана до первого ответа: нет ответов за неделю',
    minutes: '{n} мин',
    hours: '{h} ч {m} мин',
    /** After a change in percentage points: "+5,0 п. п.". */
    points: '\u00a0п.\u00a0п.',
    link: 'Подробнее: {url}',
  },
  {
    title: 'Weekly digest {from} – {to}',
    supportIndex: 'Support Index: {value}',
    previous: 'the week before {value}, {change}',
    significant: 'a change beyond chance',
    notSignificant: 'within chance',
    noIndex: 'no data (no customers this week)',
    served: 'Customers: {served}, positive reviews: {positive}',
    complaints: 'Complaints: {count}',
    topReasons: 'Top reasons: {reasons}',
    overdue: 'Overdue now: {count}',
    median: 'Median time to first response: {time} of working time',
    noMedian: 'Median time to first response: no responses this week',
    minutes: '{n} min',
    hours: '{h} h {m} min',
    points: ' pp',
    link: 'Details: {url}',
  },
);
