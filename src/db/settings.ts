import type { ContactMode } from '../domain/complaints';
import { defaultConsentText, UNNAMED_BUSINESS } from '../domain/consent';

/**
 * Deployment-wide settings, stored as key/value rows in `settings` and read as one typed object
 * with defaults, so a fresh database works before the owner has saved anything.
 */
export interface Settings {
  /** off: ask for no contact, show the business's own; store: keep it in D1; forward: send it on, keep a masked form */
  contactMode: ContactMode;
  /** the promise to customers and the "overdue" line in the inbox */
  responseTargetMinutes: number;
  businessPhone: string;
  businessTelegram: string;
  /**
   * The consent document customers agree to before leaving a contact (shown at /privacy/consent).
   * Stored empty while the owner keeps the default, which then names the business as it is now.
   */
  consentText: string;
  /** the operator named in the consent text (until the owner names it: the first location's name) */
  businessName: string;
  /** when the owner last confirmed the contact mode and the consent text (0: never) */
  consentReviewedAt: number;
  /** when a test message last reached a notification channel (0: never) */
  notificationTestAt: number;
  telegramBotToken: string;
  telegramChatId: string;
  /** where overdue complaints are escalated (empty: the main chat) */
  escalationChatId: string;
  telegramApiBase: string;
  /** the secret_token given to setWebhook: every update must carry it */
  telegramWebhookSecret: string;
  /** the bot's @username (from getMe), for the t.me connect link */
  telegramBotUsername: string;
  /** the one-time code of the connect link; empty once a chat is bound with it */
  telegramConnectCode: string;
  webhookUrl: string;
  webhookSecret: string;
  /** personal data in complaints is erased after this many days */
  retentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  // Forwarding keeps no contact in D1, the safe choice under 152-FZ until the owner decides.
  contactMode: 'forward',
  responseTargetMinutes: 60,
  businessPhone: '',
  businessTelegram: '',
  consentText: '',
  businessName: '',
  consentReviewedAt: 0,
  notificationTestAt: 0,
  telegramBotToken: '',
  telegramChatId: '',
  escalationChatId: '',
  telegramApiBase: 'https://api.telegram.org',
  telegramWebhookSecret: '',
  telegramBotUsername: '',
  telegramConnectCode: '',
  webhookUrl: '',
  webhookSecret: '',
  retentionDays: 180,
};

type Key = keyof Settings;
const NUMERIC: readonly Key[] = ['responseTargetMinutes', 'retentionDays', 'consentReviewedAt', 'notificationTestAt'];

function decode(settings: Settings, key: string, value: string): void {
  if (!(key in DEFAULT_SETTINGS)) return;
  const k = key as Key;
  if (NUMERIC.includes(k)) {
    const n = Number(value);
    if (Number.isFinite(n) && n > 0) (settings[k] as number) = n;
  } else if (k === 'contactMode') {
    if (value === 'off' || value === 'store' || value === 'forward') settings.contactMode = value;
  } else {
    (settings[k] as string) = value;
  }
}

// Read with the settings in one round trip: the first active location names an unnamed business.
const FIRST_LOCATION = ' first location';

export async function getSettings(db: D1Database): Promise<Settings> {
  const { results } = await db
    .prepare(
      `SELECT key, value FROM settings
       UNION ALL SELECT ?1, name FROM (SELECT name FROM locations WHERE archived_at IS NULL ORDER BY id LIMIT 1)`,
    )
    .bind(FIRST_LOCATION)
    .all<{ key: string; value: string }>();
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of results) decode(settings, row.key, row.value);
  if (settings.businessName === '') settings.businessName = results.find((r) => r.key === FIRST_LOCATION)?.value ?? '';
  if (settings.consentText === '') settings.consentText = defaultConsentText(settings.businessName || UNNAMED_BUSINESS);
  return settings;
}

/** Saves the given settings in one transaction; keys not given keep their value. */
export async function saveSettings(db: D1Database, changes: Partial<Settings>, now: number): Promise<void> {
  const statements = Object.entries(changes)
    .filter(([key, value]) => key in DEFAULT_SETTINGS && value !== undefined)
    .map(([key, value]) =>
      db
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .bind(key, String(value), now),
    );
  if (statements.length > 0) await db.batch(statements);
}
