import { recovery } from './account-recovery';
import { accounts } from './accounts';
import { admin } from './admin';
import { auth } from './auth';
import { brandText } from './brand';
import type { Shape } from './catalogue';
import { common } from './common';
import { complaintsAdmin } from './complaints-admin';
import { consent } from './consent';
import { complaintPages } from './complaints';
import { dashboardMessages } from './dashboard';
import { digestMessages } from './digest';
import { googleMessages } from './google';
import { inboxNav } from './inbox-nav';
import { locationArchive } from './location-archive';
import { messengers } from './messengers';
import { publicPages } from './public';
import { reasonCopy } from './reason-copy';
import { replyText } from './replies';
import { reviewInboxMessages } from './review-inbox';
import { reviewMessages } from './reviews';
import { scanMessages } from './scans';
import { telegram } from './telegram';
import { units } from './units';
import { webhookSecret } from './webhook-secret';

export type Locale = 'ru' | 'en';

/**
 * Every area's catalogue `{ ru, en }`, by area: the one registry of the UI's text. English must
 * have exactly Russian's keys (see `catalogue`), so a missing translation is a type error, not a
 * blank on the page. Text is reached one way: `messages(locale).accounts.title`.
 */
const catalogues = {
  common,
  auth,
  admin,
  publicPages,
  accounts,
  recovery,
  brand: brandText,
  complaints: complaintPages,
  complaintsAdmin,
  dashboard: dashboardMessages,
  digest: digestMessages,
  google: googleMessages,
  inboxNav,
  locationArchive,
  messengers,
  reasonCopy,
  replies: replyText,
  reviewInbox: reviewInboxMessages,
  reviews: reviewMessages,
  scans: scanMessages,
  webhookSecret,
  units,
  telegram,
  consent,
};

type Catalogues = typeof catalogues;

export type Messages = { [K in keyof Catalogues]: Shape<Catalogues[K]['ru']> };
export type AccountsMessages = Messages['accounts'];
export type RecoveryMessages = Messages['recovery'];
export type ReasonCopyMessages = Messages['reasonCopy'];
export type WebhookSecretMessages = Messages['webhookSecret'];

function collect(locale: Locale): Messages {
  const out: Record<string, unknown> = {};
  for (const [area, both] of Object.entries(catalogues)) out[area] = both[locale];
  return out as Messages;
}

const byLocale: Record<Locale, Messages> = { ru: collect('ru'), en: collect('en') };

/** All the UI's text in one language. */
export function messages(locale: Locale): Messages {
  return byLocale[locale];
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** Which plural form a count takes: Russian 1 / 2–4 / 5 and more (1 письмо, 2 письма, 5 писем); English 1 / many. */
export function pluralIndex(n: number, locale: Locale): number {
  if (locale === 'en') return n === 1 ? 0 : 1;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 0;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 1;
  return 2;
}

/** A count in words: `forms` are the plural forms with `{n}`. */
export function pluralForm(n: number, forms: readonly string[], locale: Locale): string {
  return (forms[pluralIndex(n, locale)] ?? forms[forms.length - 1]!).replace('{n}', String(n));
}
