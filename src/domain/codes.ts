/**
 * Card codes: 10 characters of Crockford base32 (50 random bits). Upper-case base32 fits QR
 * alphanumeric mode, which keeps the printed code at version 2-3 with large modules.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** Makes a new code from 50 random bits (`random` is injectable for tests). */
export function newCardCode(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const bytes = random(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/**
 * Reads a code as a person or a phone may have changed it: any case, and the letters
 * Crockford base32 folds (O to 0, I and L to 1). Returns null when it cannot be a code.
 */
export function normalizeCardCode(input: string): string | null {
  const folded = input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (folded.length !== CODE_LENGTH) return null;
  for (const ch of folded) if (!ALPHABET.includes(ch)) return null;
  return folded;
}

/** The two links a card carries, upper-case so the QR encoder can use alphanumeric mode. */
export function cardUrls(origin: string, code: string): { reviewUrl: string; complaintUrl: string } {
  const base = origin.replace(/\/+$/, '').toUpperCase();
  return { reviewUrl: `${base}/R/${code}`, complaintUrl: `${base}/C/${code}` };
}
