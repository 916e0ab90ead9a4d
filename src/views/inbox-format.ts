import type { Locale } from '../i18n';

/** A moment in a zone: the complaint's location's, so "23:30" is what the shop's clock said. */
export function formatWhen(at: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

/** "23 нояб., 16:15": for lists, where the year is clear from the period. */
export function formatShort(at: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/** A short waiting time: "45 мин", "2 ч 05 мин", "3 дн 4 ч". */
export function formatWaiting(ms: number, locale: Locale): string {
  const u = locale === 'ru' ? { m: 'мин', h: 'ч', d: 'дн' } : { m: 'min', h: 'h', d: 'd' };
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `<1 ${u.m}`;
  if (minutes < 60) return `${minutes} ${u.m}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${u.h} ${String(minutes % 60).padStart(2, '0')} ${u.m}`;
  return `${Math.floor(hours / 24)} ${u.d} ${hours % 24} ${u.h}`;
}

export function formatMoney(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(amount) + ' ₽';
}
