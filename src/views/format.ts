import { fill, messages, pluralIndex, type Locale } from '../i18n';

/**
 * The one place dates, numbers and durations become text. Moments are shown on a clock: the
 * location's zone (or the owner's for a view of all locations), passed in, never assumed. Calendar
 * days ('YYYY-MM-DD') are already local, so they are formatted as they are. Intl formatters are
 * built once per language, options and zone, and reused.
 */

/** The tags Intl formats each language with (British English: day before month, 24-hour clock). */
const TAGS: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(TAGS[locale], options)));
  return f;
}

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(TAGS[locale], options)));
  return f;
}

const dayMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);

// Moments (unix ms) on a zone's clock.

/** "2 дек. 2026 г., 10:15" / "2 Dec 2026, 10:15": a moment with its date, where the year matters. */
export function formatMoment(at: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

/** "2 дек., 09:15": for lists and messages, where the year is clear; short enough for one line of a phone. */
export function formatShortMoment(at: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(
    at,
  );
}

/** "2 декабря в 10:15" / "2 December at 10:15": a moment in words, for customers. */
export function formatLongMoment(at: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/** "15:40": the time of day. */
export function formatClock(at: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/** "понедельник, 7 декабря": the weekday and date of a moment. */
export function formatWeekdayDate(at: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(at);
}

// Calendar days ('YYYY-MM-DD', already the location's own).

/** "2 дек." / "2 Dec". */
export function formatDayShort(day: string, locale: Locale): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(dayMidnight(day));
}

/** "2 декабря 2026 г." / "2 December 2026". */
function formatDayLong(day: string, locale: Locale): string {
  return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    dayMidnight(day),
  );
}

/** "1 – 7 дек." for a window of days; one day alone when it begins and ends on it. */
export function formatDayRange(from: string, to: string, locale: Locale): string {
  return from === to ? formatDayShort(from, locale) : `${formatDayShort(from, locale)} – ${formatDayShort(to, locale)}`;
}

// Numbers.

/** "1 234" / "1,234": a count in the reader's style. */
export function formatCount(n: number, locale: Locale): string {
  return numberFormat(locale).format(n);
}

/** A whole number, rounded. */
function formatInt(n: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** One decimal: "4,7" / "4.7". */
function formatDecimal(n: number, locale: Locale): string {
  return numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** 0.0534 → "5,3 %" / "5.3%". */
export function formatPercent(share: number, locale: Locale): string {
  return `${formatDecimal(share * 100, locale)}${messages(locale).units.percent}`;
}

/** A share that may be negative (net support): "+4,5 %", "−1,2 %", "0,0 %". */
function formatSignedPercent(share: number, locale: Locale): string {
  return `${share > 0 ? '+' : share < 0 ? '−' : ''}${formatPercent(Math.abs(share), locale)}`;
}

/** A change of a share in percentage points, signed, followed by `unit` as written: "+0,8 п. п.". */
export function formatPoints(delta: number, locale: Locale, unit: string): string {
  return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${formatDecimal(Math.abs(delta * 100), locale)}${unit}`;
}

/** "1 500,5 ₽": money, up to kopecks. */
export function formatMoney(amount: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(amount) + messages(locale).units.currency;
}

// Durations.

/** A short waiting time: "<1 мин", "45 мин", "2 ч 05 мин", "3 дн 4 ч". */
export function formatWaiting(ms: number, locale: Locale): string {
  const u = messages(locale).units;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `<1 ${u.minute}`;
  if (minutes < 60) return `${minutes} ${u.minute}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${u.hour} ${String(minutes % 60).padStart(2, '0')} ${u.minute}`;
  return `${Math.floor(hours / 24)} ${u.day} ${hours % 24} ${u.hour}`;
}

/** The words a duration is written with, e.g. `{ minutes: '{n} мин', hours: '{h} ч {m} мин', days: '{d} дн {h} ч' }`. */
interface DurationWords {
  minutes: string;
  hours: string;
  days?: string;
}

/**
 * A duration in whole minutes (rounded, never negative), in the largest unit its words have:
 * "45 мин", "2 ч 5 мин", "3 дн 4 ч".
 */
export function formatDuration(ms: number, words: DurationWords): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return fill(words.minutes, { n: minutes });
  if (minutes < 24 * 60 || !words.days) return fill(words.hours, { h: Math.floor(minutes / 60), m: minutes % 60 });
  return fill(words.days, { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
}

/** "час", "2 часа", "30 минут": a span in words, in its largest whole unit. */
export function formatSpan(
  minutes: number,
  words: { day: string; days: readonly string[]; hour: string; hours: readonly string[]; minutes: readonly string[] },
  locale: Locale,
): string {
  const count = (n: number, forms: readonly string[]) => `${n} ${forms[pluralIndex(n, locale)]}`;
  if (minutes % 1440 === 0) return minutes === 1440 ? words.day : count(minutes / 1440, words.days);
  if (minutes % 60 === 0) return minutes === 60 ? words.hour : count(minutes / 60, words.hours);
  return count(minutes, words.minutes);
}

/**
 * The formatters of one language, bound, for pages that pass them down as `f`:
 * `f.percent(0.053)`, `f.dayShort('2026-12-02')`, `f.duration(ms)`.
 */
export function formatters(locale: Locale) {
  const m = messages(locale).dashboard;
  return {
    int: (n: number) => formatInt(n, locale),
    /** One decimal in the reader's style: 4,7 or 4.7. */
    decimal: (n: number) => formatDecimal(n, locale),
    /** 0.0534 → "5,3 %". */
    percent: (share: number | null) => (share === null ? '—' : formatPercent(share, locale)),
    /** A share that may be negative (net support): "+4,5 %", "−1,2 %". */
    signedPercent: (share: number | null) => (share === null ? '—' : formatSignedPercent(share, locale)),
    /** A change of a share in percentage points, signed: "+0,8 п. п.". */
    points: (delta: number) => formatPoints(delta, locale, `\u00a0${m.points}`),
    dayShort: (day: string) => formatDayShort(day, locale),
    dayLong: (day: string) => formatDayLong(day, locale),
    duration: (ms: number) => formatDuration(ms, m.duration),
  };
}

export type Formatters = ReturnType<typeof formatters>;
