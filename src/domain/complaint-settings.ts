import type { Settings } from './settings';
import { WEEKLY_DIGEST_CHOICES, type WeeklyDigestChoice } from './digest';
import { CONTACT_MODES, type ContactMode } from './complaints';
import { checkTarget, type TargetPolicy, type TargetRefusal } from './outbound';

/** What the owner may type into the complaint settings form, as typed. */
export interface ComplaintSettingsInput {
  contactMode: string;
  responseTargetMinutes: string;
  businessPhone: string;
  businessTelegram: string;
  consentText: string;
  businessName: string;
  /** the owner ticked "I have read the consent text" */
  consentReviewed: boolean;
  telegramBotToken: string;
  telegramClear: boolean;
  telegramChatId: string;
  escalationChatId: string;
  telegramApiBase: string;
  webhookUrl: string;
  webhookSecret: string;
  /** 'ru' | 'en' | 'off'; missing keeps the saved choice */
  weeklyDigest?: string;
}

type SettingsError =
  | 'responseTarget'
  | 'url'
  | 'urlCredentials'
  | 'urlPrivate'
  | 'urlOwn'
  | 'tokenAgain'
  | 'chat'
  | 'text'
  | 'consentText';

const REFUSAL_ERROR: Record<TargetRefusal, SettingsError> = {
  invalid: 'url',
  scheme: 'url',
  credentials: 'urlCredentials',
  private: 'urlPrivate',
  own: 'urlOwn',
};

/**
 * Checks the form and returns the settings to save. An empty token field keeps the saved
 * token (it is never shown back); an empty webhook secret gets `newSecret` when a URL is set.
 * A new Bot API address needs the token typed again: the saved one was given for the old
 * address and must not be sent anywhere else. The consent text is stored empty while it is the
 * default, so it keeps naming the business; `now` marks the owner's review of it when ticked.
 */
export function validateComplaintSettings(
  input: ComplaintSettingsInput,
  current: Settings,
  newSecret: () => string,
  policy: TargetPolicy,
  now = 0,
):
  | { ok: true; settings: Partial<Settings> }
  | { ok: false; errors: Partial<Record<keyof ComplaintSettingsInput, SettingsError>> } {
  const errors: Partial<Record<keyof ComplaintSettingsInput, SettingsError>> = {};
  const target = Number(input.responseTargetMinutes);
  if (!/^\d+$/.test(input.responseTargetMinutes.trim()) || target < 5 || target > 10080)
    errors.responseTargetMinutes = 'responseTarget';
  const text = (key: keyof ComplaintSettingsInput, max: number) => {
    const value = String(input[key]).trim();
    if (value.length > max) errors[key] = 'text';
    return value;
  };
  const businessPhone = text('businessPhone', 40);
  const businessTelegram = text('businessTelegram', 64);
  const businessName = text('businessName', 200);
  const consentText = input.consentText.trim().replace(/\r\n/g, '\n');
  if (consentText === '') errors.consentText = 'consentText';
  else if (consentText.length > 20_000) errors.consentText = 'text';
  const token = text('telegramBotToken', 100);
  if (token && !/^[\w:-]{5,100}$/.test(token)) errors.telegramBotToken = 'text';
  const chat = text('telegramChatId', 64);
  if (chat && !/^(-?\d{1,20}|@[a-zA-Z][\w]{4,31})$/.test(chat)) errors.telegramChatId = 'chat';
  const escalationChat = text('escalationChatId', 64);
  if (escalationChat && !/^(-?\d{1,20}|@[a-zA-Z][\w]{4,31})$/.test(escalationChat)) errors.escalationChatId = 'chat';
  const apiBase = (text('telegramApiBase', 200) || 'https://api.telegram.org').replace(/\/+$/, '');
  const baseRefusal = checkTarget(apiBase, policy);
  if (baseRefusal) errors.telegramApiBase = REFUSAL_ERROR[baseRefusal];
  else if (
    apiBase !== current.telegramApiBase.replace(/\/+$/, '') &&
    current.telegramBotToken &&
    !token &&
    !input.telegramClear
  )
    errors.telegramBotToken = 'tokenAgain';
  const webhookUrl = text('webhookUrl', 500);
  const hookRefusal = webhookUrl ? checkTarget(webhookUrl, policy) : null;
  if (hookRefusal) errors.webhookUrl = REFUSAL_ERROR[hookRefusal];
  const secret = text('webhookSecret', 200);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const mode = (CONTACT_MODES as readonly string[]).includes(input.contactMode)
    ? (input.contactMode as ContactMode)
    : current.contactMode;
  return {
    ok: true,
    settings: {
      contactMode: mode,
      responseTargetMinutes: target,
      businessPhone,
      businessTelegram,
      businessName,
      // Stored empty while it is the default text (db/settings.ts decides, from the catalogue).
      consentText,
      telegramBotToken: input.telegramClear ? '' : token || current.telegramBotToken,
      telegramChatId: chat,
      escalationChatId: escalationChat,
      telegramApiBase: apiBase,
      webhookUrl,
      webhookSecret: secret || (webhookUrl ? current.webhookSecret || newSecret() : current.webhookSecret),
      weeklyDigest: (WEEKLY_DIGEST_CHOICES as readonly string[]).includes(input.weeklyDigest ?? '')
        ? (input.weeklyDigest as WeeklyDigestChoice)
        : current.weeklyDigest,
      ...(input.consentReviewed && now > 0 ? { consentReviewedAt: now } : {}),
    },
  };
}
