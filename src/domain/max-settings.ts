import type { Settings } from './settings';
import { isMaxChatId } from './max';
import { checkTarget, type TargetPolicy, type TargetRefusal } from './outbound';

/** What the owner may type into the MAX part of the settings page, or send as `max` in the API. */
export interface MaxSettingsInput {
  maxBotToken: string;
  maxClear: boolean;
  maxApiBase: string;
  maxChatId: string;
  maxEscalationChatId: string;
}

export type MaxSettingsError =
  | 'token'
  | 'chat'
  | 'tokenAgain'
  | 'text'
  | 'url'
  | 'urlCredentials'
  | 'urlPrivate'
  | 'urlOwn';

const REFUSAL: Record<TargetRefusal, MaxSettingsError> = {
  invalid: 'url',
  scheme: 'url',
  credentials: 'urlCredentials',
  private: 'urlPrivate',
  own: 'urlOwn',
};
const DEFAULT_MAX_API_BASE = 'https://platform-api.max.ru';

/**
 * Checks the MAX fields and returns the settings to save. As for Telegram: an empty token keeps
 * the saved one, and a new API address needs the token typed again (the saved token was given
 * for the old address and must not be sent anywhere else).
 */
export function validateMaxSettings(
  input: MaxSettingsInput,
  current: Settings,
  policy: TargetPolicy,
):
  | { ok: true; settings: Partial<Settings> }
  | { ok: false; errors: Partial<Record<keyof MaxSettingsInput, MaxSettingsError>> } {
  const errors: Partial<Record<keyof MaxSettingsInput, MaxSettingsError>> = {};
  const token = input.maxBotToken.trim();
  if (token && !/^[\w:.-]{10,200}$/.test(token)) errors.maxBotToken = 'token';
  const chat = input.maxChatId.trim();
  if (chat && !isMaxChatId(chat)) errors.maxChatId = 'chat';
  const escalation = input.maxEscalationChatId.trim();
  if (escalation && !isMaxChatId(escalation)) errors.maxEscalationChatId = 'chat';
  const rawBase = input.maxApiBase.trim();
  const apiBase = (rawBase || DEFAULT_MAX_API_BASE).replace(/\/+$/, '');
  const refusal = rawBase.length > 200 ? 'invalid' : checkTarget(apiBase, policy);
  if (refusal) errors.maxApiBase = rawBase.length > 200 ? 'text' : REFUSAL[refusal];
  else if (apiBase !== current.maxApiBase.replace(/\/+$/, '') && current.maxBotToken && !token && !input.maxClear)
    errors.maxBotToken = 'tokenAgain';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const cleared = input.maxClear;
  return {
    ok: true,
    settings: {
      maxBotToken: cleared ? '' : token || current.maxBotToken,
      maxApiBase: apiBase,
      maxChatId: cleared ? '' : chat,
      maxEscalationChatId: escalation,
      // A removed token takes its webhook secret and connect link with it.
      ...(cleared ? { maxWebhookSecret: '', maxConnectCode: '', maxBotUsername: '' } : {}),
    },
  };
}
