import { admin } from './admin';
import { auth } from './auth';
import { common } from './common';
import type { Shape } from './catalogue';
import { publicPages } from './public';

export type Locale = 'ru' | 'en';

/**
 * Each area keeps its own catalogue `{ ru, en }`; English must have exactly Russian's keys
 * (see `Catalogue`), so a missing translation is a type error, not a blank on the page.
 */
const sections = { common, auth, admin, publicPages };

export type Messages = { [K in keyof typeof sections]: Shape<(typeof sections)[K]['ru']> };

export function messages(locale: Locale): Messages {
  return {
    common: sections.common[locale],
    auth: sections.auth[locale],
    admin: sections.admin[locale],
    publicPages: sections.publicPages[locale],
  };
}

/**
 * Picks the UI language: an explicit choice (query or cookie) wins, then the browser's
 * preference; Russian is the default because most customers are Russian-speaking.
 */
export function pickLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  if (!acceptLanguage) return 'ru';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ru')) return 'ru';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ru';
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
