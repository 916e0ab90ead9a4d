const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;
const MIN_RETENTION_DAYS = 7;
const MAX_RETENTION_DAYS = 3650;

type PasswordError = 'tooShort' | 'tooLong' | 'mismatch';

/** A form value as a string; repeated or file fields count as absent. */
export function field(body: Record<string, unknown>, key: string, max = 500): string {
  const value = body[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A plausible address: one @, a dot in the domain, no spaces or angle brackets. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  if (email.length < 3 || email.length > 200) return null;
  return /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(email) ? email : null;
}

export function checkNewPassword(password: string, confirm: string): PasswordError | null {
  // Length in code points, so a password of emoji or Cyrillic is measured as the person sees it.
  const length = [...password].length;
  if (length < MIN_PASSWORD) return 'tooShort';
  if (password.length > MAX_PASSWORD) return 'tooLong';
  if (password !== confirm) return 'mismatch';
  return null;
}

export function normalizeName(value: string, max = 80): string | null {
  const name = value.replace(/\s+/g, ' ').trim();
  return name.length >= 1 && name.length <= max ? name : null;
}

export function parseRetentionDays(value: string): number | null {
  if (!/^\d{1,5}$/.test(value.trim())) return null;
  const days = Number(value.trim());
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? days : null;
}
