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

/**
 * The Worker's bindings. What wrangler.toml declares comes from `Env` in worker-configuration.d.ts
 * (`npm run types` writes it, `npm run check` fails when it is stale); here the queues get their
 * message types, the optional ones become optional, and the secrets (never in wrangler.toml) join.
 */
export type Bindings = Omit<Env, 'SCANS' | 'COMPLAINTS' | 'CARD_CACHE_SECONDS' | 'REVIEW_MAIL_FORWARD_TO'> & {
  /** Scans on their way to D1, stored in batches by the queue consumer; without it, written directly. */
  SCANS?: Queue<ScanMessage>;
  /** Complaint taps and additions D1 could not take at once, stored by the queue consumer when it answers again. */
  COMPLAINTS?: Queue<ComplaintQueueMessage>;
  /** How long an isolate may answer a review scan from its copy of the card, in seconds ("0": always read D1). */
  CARD_CACHE_SECONDS?: string;
  /** Where mail to the review address that is no review notification is forwarded (optional). */
  REVIEW_MAIL_FORWARD_TO?: string;
  /** Secret key for visitor hashing and webhook signatures (wrangler secret put APP_SECRET). */
  APP_SECRET?: string;
  /** Guards the one-time setup link that creates the first owner (wrangler secret put SETUP_SECRET). */
  SETUP_SECRET?: string;
};

/** `language` is set by hono's detector; handlers read `locale`, the same value typed. */
interface Variables extends Partial<LanguageVariables> {
  locale: Locale;
  actor?: Actor;
  /** CSRF token of the current session, for forms. */
  csrfToken?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
