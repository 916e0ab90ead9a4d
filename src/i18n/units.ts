import { catalogue } from './catalogue';

/** The small words and signs of numbers and durations (views/format.ts puts them together). */
export const units = catalogue(
  {
    /** Short units of a waiting time: "45 мин", "2 ч 05 мин", "3 дн 4 ч". */
    minute: 'мин',
    hour: 'ч',
    day: 'дн',
    /** After a percentage: "5,3 %" with a no-break space. */
    percent: '\u00a0%',
    currency: ' ₽',
  },
  {
    minute: 'min',
    hour: 'h',
    day: 'd',
    percent: '%',
    currency: ' ₽',
  },
);
