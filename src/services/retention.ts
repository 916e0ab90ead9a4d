import { deleteExpiredDevices } from '../db/devices';
import { deleteExpiredSessions } from '../db/sessions';
import { eraseComplaintsBefore } from '../db/privacy';
import { getSettings } from '../db/settings';
import { deleteStaleThrottles } from '../db/throttle';
import { eraseReviewMailTextsBefore } from '../db/review-mails';
import type { Bindings } from '../env';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The cron's privacy sweep: complaints older than the owner's retention period lose their
 * contact, comment, visitor hash and note texts; the rows stay so every count stays right.
 * Review notification e-mails older than that lose their subject and excerpt.
 * Also drops expired sessions, remembered devices and stale login counters. Returns how many complaints were erased.
 */
export async function erasePersonalData(env: Pick<Bindings, 'DB'>, now: number): Promise<number> {
  const { retentionDays } = await getSettings(env.DB);
  const erased = await eraseComplaintsBefore(env.DB, now - retentionDays * DAY_MS, now);
  // Review notifications keep a subject and an excerpt for confirming, no longer than complaints keep theirs.
  await eraseReviewMailTextsBefore(env.DB, now - retentionDays * DAY_MS);
  await deleteExpiredSessions(env.DB, now);
  await deleteExpiredDevices(env.DB, now);
  await deleteStaleThrottles(env.DB, now - DAY_MS);
  return erased;
}
