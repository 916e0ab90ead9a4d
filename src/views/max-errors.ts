import type { MaxSettingsError } from '../domain/max-settings';
import { type Locale, messages } from '../i18n';

/** A MAX settings error for people: MAX's own wording for the token and chats, the shared one for addresses. */
export function maxErrorText(error: MaxSettingsError, locale: Locale): string {
  if (error === 'token' || error === 'chat') return messages(locale).messengers.max.errors[error];
  return messages(locale).complaintsAdmin.settings.errors[error];
}
