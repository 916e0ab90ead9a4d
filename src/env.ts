import type { ComplaintQueueMessage } from './db/complaints';
import type { ScanMessage } from './db/scans';
import type { Locale } from './i18n';
import type { Role } from './auth/roles';
import type { LanguageVariables } from 'hono/language';

/** Who is acting: a signed-in person or an API token. */
export interface Actor {
  kind: 'user' | 'token';
  id: string;
  /** Shown in audit trails: an e-mail, or "api:<token name>". */
  label: string;
  role: Role;
}

export interface Bindings {
  DB: D1Database;
  /** Scans on their way to D1, stored in batches by the queue consumer; without it, written directly. */
  SCANS?: Queue<ScanMessage>;
  /** Complaint taps and additions D1 could not take at once, stored by the queue consumer when it answers again. */
  COMPLAINTS?: Queue<ComplaintQueueMessage>;
  /** "development" enables demo data and plain http; any other value is https only. */
  APP_ENV: string;
  /** Origin printed in QR codes; empty: printing refuses, except in development (the request's origin). */
  PUBLIC_ORIGIN: string;
  /** Secret key for visitor hashing and webhook signatures (wrangler secret put APP_SECRET). */
  APP_SECRET?: string;
  /** How long an isolate may answer a review scan from its copy of the card, in seconds ("0": always read D1). */
  CARD_CACHE_SECONDS?: string;
  /** Where mail to the review address that is no review notification is forwarded (optional). */
  REVIEW_MAIL_FORWARD_TO?: string;
  /** Guards the one-time setup link that creates the first owner. */
  SETUP_SECRET?: string;
}

/** `language` is set by hono's detector; handlers read `locale`, the same value typed. */
export interface Variables extends Partial<LanguageVariables> {
  locale: Locale;
  actor?: Actor;
  /** CSRF token of the current session, for forms. */
  csrfToken?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
