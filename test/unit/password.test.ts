import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/auth/crypto';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../src/auth/password';

describe('password hashing', () => {
  it('uses PBKDF2-SHA256 with 100,000 iterations and a random salt', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(first).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(first).not.toBe(second);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('пароль из трёх слов');
    expect(await verifyPassword('пароль из трёх слов', stored)).toBe(true);
    expect(await verifyPassword('пароль из трёх слов ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('refuses a hash made with more iterations than Workers allow in production', async () => {
    // A hash with 100,001 iterations may verify locally, but production WebCrypto would throw:
    // refusing it up front keeps every stored hash verifiable after deploy.
    const tooStrong = await hashPassword('correct horse battery', PBKDF2_ITERATIONS + 1);
    expect(tooStrong).toContain('$100001$');
    expect(await verifyPassword('correct horse battery', tooStrong)).toBe(false);
  });

  it('refuses malformed or foreign hashes instead of throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$10$x$y',
      'pbkdf2-sha256$0$00$00',
      'pbkdf2-sha256$abc$00$00',
      'pbkdf2-sha256$1000$$',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});

describe('constantTimeEqual', () => {
  it('compares whole strings, including different lengths and non-ASCII', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('ключ', 'ключ')).toBe(true);
    expect(constantTimeEqual('ключ', 'ключи')).toBe(false);
  });
});
