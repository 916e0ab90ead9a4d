import type { Settings } from '../domain/settings';
import { WEEKLY_DIGEST_CHOICES, type WeeklyDigestChoice } from '../domain/digest';


export const DEFAULT_CONSENT_TEXT = `Согласие на обработку персональных данных

Оставляя контакт (номер телефона, адрес электронной почты или имя пользователя в Telegram) на странице жалобы, я свободно, своей волей и в своём интересе даю согласие владельцу этого сервиса (оператору) на обработку этого контакта.

Цель обработки: связаться со мной по поводу моей жалобы и решить вопрос.

Действия с данными: сбор, запись, хранение, использование для связи со мной, удаление. Данные не передаются третьим лицам для других целей и не используются для рекламы.

Срок: до решения вопроса, но не дольше срока хранения, установленного оператором; после этого контакт удаляется.

Я могу отозвать согласие в любой момент, написав оператору по контактам, указанным на странице жалобы. Без контакта жалоба всё равно принимается.`;

export const DEFAULT_SETTINGS: Settings = {
  contactMode: 'store',
  responseTargetMinutes: 60,
  businessPhone: '',
  businessTelegram: '',
  consentText: DEFAULT_CONSENT_TEXT,
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
const NUMERIC: readonly Key[] = ['responseTargetMinutes', 'retentionDays'];

function decode(settings: Settings, key: string, value: string): void {
  if (!(key in DEFAULT_SETTINGS)) return;
  const k = key as Key;
  if (NUMERIC.includes(k)) {
    const n = Number(value);
    if (Number.isFinite(n) && n > 0) (settings[k] as number) = n;
  } else if (k === 'contactMode') {
    if (value === 'off' || value === 'store' || value === 'forward') settings.contactMode = value;
  } else if (k === 'weeklyDigest') {
    if ((WEEKLY_DIGEST_CHOICES as readonly string[]).includes(value)) settings.weeklyDigest = value as WeeklyDigestChoice;
  } else {
    (settings[k] as string) = value;
  }
}

export async function getSettings(db: D1Database): Promise<Settings> {
  const { results } = await db.prepare('SELECT key, value FROM settings').all<{ key: string; value: string }>();
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of results) decode(settings, row.key, row.value);
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
