import { type Locale, messages } from '../i18n';
import { fill } from '../i18n';

/** Number formatting for the Support Index page in the reader's language. */
export function formatters(locale: Locale) {
  const tag = locale === 'ru' ? 'ru-RU' : 'en-GB';
  const m = messages(locale).dashboard;
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dayShort = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dayLong = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const percentSuffix = locale === 'ru' ? '\u00a0%' : '%';
  return {
    int: (n: number) => int.format(n),
    /** One decimal in the reader's style: 4,7 or 4.7. */
    decimal: (n: number) => one.format(n),
    /** 0.0534 → "5,3 %". */
    percent: (share: number | null) => (share === null ? '—' : `${one.format(share * 100)}${percentSuffix}`),
    /** A share that may be negative (net support): "+4,5 %", "−1,2 %". */
    signedPercent: (share: number | null) =>
      share === null ? '—' : `${share > 0 ? '+' : share < 0 ? '−' : ''}${one.format(Math.abs(share * 100))}${percentSuffix}`,
    /** A change of a share in percentage points, signed: "+0,8 п. п.". */
    points: (delta: number) => `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${one.format(Math.abs(delta * 100))}\u00a0${m.points}`,
    dayShort: (day: string) => dayShort.format(new Date(`${day}T00:00:00Z`)),
    dayLong: (day: string) => dayLong.format(new Date(`${day}T00:00:00Z`)),
    duration: (ms: number) => {
      const minutes = Math.max(0, Math.round(ms / 60_000));
      if (minutes < 60) return fill(m.duration.minutes, { n: minutes });
      if (minutes < 24 * 60) return fill(m.duration.hours, { h: Math.floor(minutes / 60), m: minutes % 60 });
      return fill(m.duration.days, { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;
