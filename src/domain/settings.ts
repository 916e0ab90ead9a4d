import type { ContactMode } from './complaints';
import type { WeeklyDigestChoice } from './digest';

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
  /** MAX (dev.max.ru Bot API): the bot's access token, sent as the Authorization header */
  maxBotToken: string;
  maxApiBase: string;
  /** the MAX chat complaints go to (bound with the connect link) */
  maxChatId: string;
  /** where overdue complaints are escalated in MAX (empty: the main MAX chat) */
  maxEscalationChatId: string;
  /** the `secret` given to POST /subscriptions: every update carries it in X-Max-Bot-Api-Secret */
  maxWebhookSecret: string;
  /** the bot's username (from GET /me), for the max.ru connect link */
  maxBotUsername: string;
  /** the one-time code of the MAX connect link; empty once a chat is bound with it */
  maxConnectCode: string;
  /** personal data in complaints is erased after this many days */
  retentionDays: number;
  /** the Monday digest: its language, or off */
  weeklyDigest: WeeklyDigestChoice;
}
