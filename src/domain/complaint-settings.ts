import type { Settings } from '../db/settings';
import { CONTACT_MODES, type ContactMode } from './complaints';

/** What the owner may type into the complaint settings form, as typed. */
export interface ComplaintSettingsInput {
  contactMode: string;
  responseTargetMinutes: string;
  businessPhone: string;
  businessTelegram: string;
  consentText: string;
  telegramBotToken: string;
  telegramClear: boolean;
  telegramChatId: string;
  telegramApiBase: string;
  webhookUrl: string;
  webhookSecret: string;
}

export type SettingsError = 'responseTarget' | 'url' | 'chat' | 'text' | 'consentText';

/**
 * Notification targets must be https; plain http only to this machine (local testing and
 * receivers running next to `wrangler dev`).
 */
export function isAllowedTargetUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'));
}

/**
 * Checks the form and returns the settings to save. An empty token field keeps the saved
 * token (it is never shown back); an empty webhook secret gets `newSecret` when a URL is set.
 */
export function validateComplaintSettings(
  input: ComplaintSettingsInput,
  current: Settings,
  newSecret: () => string,
): { ok: true; settings: Partial<Settings> } | { ok: false; errors: Partial<Record<keyof ComplaintSettingsInput, SettingsError>> } {
  const errors: Partial<Record<keyof ComplaintSettingsInput, SettingsError>> = {};
  const target = Number(input.responseTargetMinutes);
  if (!/^\d+$/.test(input.responseTargetMinutes.trim()) || target < 5 || target > 10080) errors.responseTargetMinutes = 'responseTarget';
  const text = (key: keyof ComplaintSettingsInput, max: number) => {
    const value = String(input[key]).trim();
    if (value.length > max) errors[key] = 'text';
    return value;
  };
  const businessPhone = text('businessPhone', 40);
  const businessTelegram = text('businessTelegram', 64);
  const consentText = input.consentText.trim().replace(/\r\n/g, '\n');
  if (consentText === '') errors.consentText = 'consentText';
  else if (consentText.length > 20_000) errors.consentText = 'text';
  const token = text('telegramBotToken', 100);
  if (token && !/^[\w:-]{5,100}$/.test(token)) errors.telegramBotToken = 'text';
  const chat = text('telegramChatId', 64);
  if (chat && !/^(-?\d{1,20}|@[a-zA-Z][\w]{4,31})$/.test(chat)) errors.telegramChatId = 'chat';
  const apiBase = text('telegramApiBase', 200) || 'https://api.telegram.org';
  if (!isAllowedTargetUrl(apiBase)) errors.telegramApiBase = 'url';
  const webhookUrl = text('webhookUrl', 500);
  if (webhookUrl && !isAllowedTargetUrl(webhookUrl)) errors.webhookUrl = 'url';
  const secret = text('webhookSecret', 200);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const mode = (CONTACT_MODES as readonly string[]).includes(input.contactMode) ? (input.contactMode as ContactMode) : current.contactMode;
  return {
    ok: true,
    settings: {
      contactMode: mode,
      responseTargetMinutes: target,
      businessPhone,
      businessTelegram,
      consentText,
      telegramBotToken: input.telegramClear ? '' : token || current.telegramBotToken,
      telegramChatId: chat,
      telegramApiBase: apiBase.replace(/\/+$/, ''),
      webhookUrl,
      webhookSecret: secret || (webhookUrl ? current.webhookSecret || newSecret() : current.webhookSecret),
    },
  };
}
