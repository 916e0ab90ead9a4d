import type { Context } from 'hono';
import { clearThrottle, refundAttempt, takeAttempt, type ThrottleRule } from '../db/throttle';
import type { AppEnv } from '../env';
import { hmacSha256Hex, sha256Hex } from './crypto';

const MINUTE = 60_000;

/** Five wrong passwords for one account in 15 minutes lock that account's login for 15 minutes. */
const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Twenty failures from one visitor (any accounts) in 15 minutes lock that visitor out. */
const VISITOR_RULE: ThrottleRule = { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/**
 * A remembered device skips the account's lock but has its own small one, so a stolen device
 * cookie is not an unlimited guesser.
 */
const DEVICE_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

interface ThrottleKeys {
  /** The account's key, or the remembered device's key when the attempt comes from one. */
  subject: string;
  subjectRule: ThrottleRule;
  visitor: string;
}

/**
 * Keys for the throttle table: the e-mail is hashed, the IP address is keyed-hashed with the
 * app secret, so neither is readable from the database (IP addresses count as personal data).
 */
export async function throttleKeys(
  c: Context<AppEnv>,
  email: string,
  deviceIdHash: string | null = null,
): Promise<ThrottleKeys> {
  const ip = c.req.header('cf-connecting-ip') ?? 'local';
  const secret = c.env.APP_SECRET || 'support-index-unset-secret';
  const visitor = `visitor:${await hmacSha256Hex(secret, `login:${ip}`)}`;
  if (deviceIdHash) return { subject: `device:${deviceIdHash}`, subjectRule: DEVICE_RULE, visitor };
  return { subject: `account:${await sha256Hex(email.trim().toLowerCase())}`, subjectRule: ACCOUNT_RULE, visitor };
}

/**
 * Takes one attempt from both counters before the password is looked at. Returns null when the
 * password may be checked, otherwise when the later lock opens again.
 */
export async function takeLoginAttempt(db: D1Database, keys: ThrottleKeys, now: number): Promise<number | null> {
  const [subject, visitor] = await Promise.all([
    takeAttempt(db, keys.subject, keys.subjectRule, now),
    takeAttempt(db, keys.visitor, VISITOR_RULE, now),
  ]);
  const refused = [subject, visitor].filter((attempt) => !attempt.allowed);
  if (refused.length === 0) return null;
  return Math.max(...refused.map((attempt) => attempt.lockedUntil ?? now + 1000));
}

/**
 * A success (always within the limit) forgives the account's or device's earlier typos and
 * does not count against the visitor.
 */
export async function recordLoginSuccess(db: D1Database, keys: ThrottleKeys): Promise<void> {
  await Promise.all([clearThrottle(db, keys.subject), refundAttempt(db, keys.visitor)]);
}
