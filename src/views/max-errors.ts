import type { MaxSettingsError } from '../domain/max-settings';
import type { Locale } from '../i18n';
import { complaintsAdmin } from '../i18n/complaints-admin';
import { messengers } from '../i18n/messengers';

/** A MAX settings error for people: MAX's own wording for the token and chats, the shared one for addresses. */
export function maxErrorText(error: MaxSettingsError, locale: Locale): string {
  if (error === 'token' || error === 'chat') return messengers[locale].max.errors[error];
  return complaintsAdmin[locale].settings.errors[error];
}
