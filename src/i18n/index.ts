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

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
