import type { Context } from 'hono';
import { clearThrottle, lockedUntil, recordFailure, type ThrottleRule } from '../db/throttle';
import type { AppEnv } from '../env';
import { hmacSha256Hex, sha256Hex } from './crypto';

const MINUTE = 60_000;

/** Five wrong passwords for one account in 15 minutes lock that account's login for 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Twenty failures from one visitor (any accounts) in 15 minutes lock that visitor out. */
export const VISITOR_RULE: ThrottleRule = { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export interface ThrottleKeys {
  account: string;
  visitor: string;
}

/**
 * Keys for the throttle table: the e-mail is hashed, the IP address is keyed-hashed with the
 * app secret, so neither is readable from the database (IP addresses count as personal data).
 */
export async function throttleKeys(c: Context<AppEnv>, email: string): Promise<ThrottleKeys> {
  const ip = c.req.header('cf-connecting-ip') ?? 'local';
  const secret = c.env.APP_SECRET || 'support-index-unset-secret';
  return {
    account: `account:${await sha256Hex(email.trim().toLowerCase())}`,
    visitor: `visitor:${await hmacSha256Hex(secret, `login:${ip}`)}`,
  };
}

/** The later of the two locks, or null when the login may be tried. */
export async function loginLockedUntil(db: D1Database, keys: ThrottleKeys, now: number): Promise<number | null> {
  const [account, visitor] = await Promise.all([lockedUntil(db, keys.account, now), lockedUntil(db, keys.visitor, now)]);
  if (account === null && visitor === null) return null;
  return Math.max(account ?? 0, visitor ?? 0);
}

export async function recordLoginFailure(db: D1Database, keys: ThrottleKeys, now: number): Promise<void> {
  await Promise.all([recordFailure(db, keys.account, ACCOUNT_RULE, now), recordFailure(db, keys.visitor, VISITOR_RULE, now)]);
}

/** A successful login forgives the account's earlier typos. */
export async function recordLoginSuccess(db: D1Database, keys: ThrottleKeys): Promise<void> {
  await clearThrottle(db, keys.account);
}
