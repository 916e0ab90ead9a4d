import { constantTimeEqual, fromHex, randomBytes, toHex } from './crypto';

/** Workers' WebCrypto refuses PBKDF2 above 100,000 iterations in production. */
export const PBKDF2_ITERATIONS = 100_000;
const KEY_BITS = 256;

/**
 * Hashes a password as `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`, so the
 * iteration count can be raised later without invalidating stored hashes.
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toHex(salt)}$${hash}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, expected] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !expected) return false;
  const count = Number(iterations);
  if (!Number.isInteger(count) || count < 1 || count > PBKDF2_ITERATIONS) return false;
  const actual = await derive(password, fromHex(salt), count);
  return constantTimeEqual(actual, expected);
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, KEY_BITS);
  return toHex(bits);
}
