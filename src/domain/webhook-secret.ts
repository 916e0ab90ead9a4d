/** New webhook secrets carry a prefix, so a masked one is recognisable: `whsec_…a1b2`. */
const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(randomToken: (bytes: number) => string): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomToken(32)}`;
}

/**
 * The secret as the settings page shows it after it was made: its prefix (if any) and last four
 * characters; a secret too short to spare four shows none of them.
 */
export function maskWebhookSecret(secret: string): string {
  const prefix = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? WEBHOOK_SECRET_PREFIX : '';
  const rest = secret.slice(prefix.length);
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
