import type { Settings } from '../domain/settings';
import { WEEKLY_DIGEST_CHOICES, type WeeklyDigestChoice } from '../domain/digest';
import { fill, messages } from '../i18n';

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
  maxBotToken: '',
  maxApiBase: 'https://platform-api.max.ru',
  maxChatId: '',
  maxEscalationChatId: '',
  maxWebhookSecret: '',
  maxBotUsername: '',
  maxConnectCode: '',
  retentionDays: 180,
  weeklyDigest: 'ru',
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
  } else if (k === 'weeklyDigest') {
    if ((WEEKLY_DIGEST_CHOICES as readonly string[]).includes(value))
      settings.weeklyDigest = value as WeeklyDigestChoice;
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
  if (settings.consentText === '') settings.consentText = defaultConsentText(settings.businessName);
  return settings;
}

/** The consent document the owner starts from, naming the business (or, before it has a name, "the company that received the complaint"). */
function defaultConsentText(business: string): string {
  const m = messages('ru').consent;
  return fill(m.document, { business: business || m.unnamedBusiness });
}

/** The consent text to store for what the owner typed: empty while it is the default for the old or the new name. */
function consentToStore(typed: string, oldName: string, newName: string): string {
  const text = typed.replace(/\r\n/g, '\n').trim();
  return [oldName, newName, ''].some((name) => defaultConsentText(name) === text) ? '' : text;
}

/** Saves the given settings in one transaction; keys not given keep their value. */
export async function saveSettings(db: D1Database, changes: Partial<Settings>, now: number): Promise<void> {
  if (changes.consentText) {
    const current = await getSettings(db);
    changes = {
      ...changes,
      consentText: consentToStore(
        changes.consentText,
        current.businessName,
        changes.businessName ?? current.businessName,
      ),
    };
  }
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
