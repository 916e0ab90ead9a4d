import { addDays, wallClock, weekdayIndex } from './time';

/**
 * The Monday digest's calendar: on Monday from 09:00 in the owner's zone the week before (Monday
 * to Sunday, the same zone) is due. Pure: the service (services/digest.ts) reads and sends.
 */

/** The owner's choice on the settings page: the digest's language, or no digest. */
export type WeeklyDigestChoice = 'ru' | 'en' | 'off';
export const WEEKLY_DIGEST_CHOICES: readonly WeeklyDigestChoice[] = ['ru', 'en', 'off'];

/** The local hour from which Monday's digest may go. */
const DIGEST_HOUR = 9;

export interface DigestWeek {
  /** The ISO week reported, e.g. '2026-W48': the key that makes the digest go once. */
  key: string;
  /** Its Monday and Sunday, 'YYYY-MM-DD' in the owner's zone. */
  from: string;
  to: string;
}

/** The ISO 8601 week of a day: the week's Thursday decides the year. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = weekdayIndex(day);
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * The week whose digest is due at `now`, or null: only on a Monday from 09:00 local to midnight
 * (a run missed on Monday is not made up on Tuesday, when the figures would be stale news).
 *
 * @example dueDigestWeek(Date.parse('2026-11-30T06:00:00Z'), 'Europe/Moscow') // { key: '2026-W48', from: '2026-11-23', to: '2026-11-29' }
 */
export function dueDigestWeek(now: number, zone: string): DigestWeek | null {
  const wall = wallClock(now, zone);
  if (wall.weekday !== 0 || wall.hour < DIGEST_HOUR) return null;
  const monday = wall.day;
  const from = addDays(monday, -7);
  return { key: isoWeek(from), from, to: addDays(monday, -1) };
}

/** How one channel's digest of a week went (the settings page shows the latest week's). */
export interface DigestStatus {
  week: string;
  channel: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  sentAt: number | null;
}
