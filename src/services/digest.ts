import { firstResponses, countOpenComplaints } from '../db/complaints';
import { claimDueDigests, digestChannelsOfWeek, markDigestFailed, markDigestSent, queueDigest } from '../db/digests';
import { locationSchedules, ownerTimeZone } from '../db/locations';
import type { Channel } from '../domain/notifications';
import { getSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { median, workingWaitMs } from '../domain/complaints';
import { dueDigestWeek, type DigestWeek } from '../domain/digest';
import { dayStart } from '../domain/period';
import type { TargetPolicy } from '../domain/outbound';
import { alwaysOpen } from '../domain/working-time';
import { addDays, DEFAULT_TIME_ZONE } from '../domain/time';
import type { Bindings } from '../env';
import { fill, type Locale, messages } from '../i18n';
import { configuredChannels, deliver, deliveryPolicy, nextAttemptAfterFailure } from './notify';
import { buildReport } from './support-index';
import { formatCount, formatDayShort, formatDuration, formatPercent, formatPoints } from '../views/format';

/**
 * The Monday digest: on Monday from 09:00 in the owner's zone, last week's Support Index with its
 * change and whether that is beyond chance (the page's own figures: buildReport), complaints and
 * their top three reasons, what is overdue now, the median time to first response in working
 * minutes (as the inbox counts it) and a link to the page. It goes to every configured channel
 * (Telegram, the webhook as `digest.weekly`) once per week: the week's row per channel is
 * written before the first attempt, so a cron run that fires again finds it and sends nothing.
 */

/** The webhook body's `digest`, documented in README ("The Monday digest"). */
export interface WeeklyDigest {
  /** ISO week, e.g. '2026-W48' */
  week: string;
  from: string;
  to: string;
  timeZone: string;
  customersServed: number;
  positiveReviews: number;
  supportIndex: number | null;
  previousSupportIndex: number | null;
  /** change against the week before, as a fraction (0.01 = one point) */
  supportIndexChange: number | null;
  /** whether that change is beyond chance at 95 % (the page's two-proportion test) */
  changeSignificant: boolean;
  complaints: number;
  topReasons: { reason: string; count: number }[];
  /** open complaints past their due time, when the digest was made */
  overdueNow: number;
  /** median time to first response of the week's complaints, in working minutes of their location */
  medianResponseWorkingMinutes: number | null;
  url: string;
}

/** Until then the first attempt owns a queued digest; the cron's retries leave it alone. */
const FIRST_ATTEMPT_LEASE_MS = 2 * 60_000;

async function buildWeeklyDigest(
  db: D1Database,
  week: DigestWeek,
  zone: string,
  origin: string,
  now: number,
): Promise<WeeklyDigest> {
  const fromMs = dayStart(week.from, zone);
  const toMs = dayStart(addDays(week.to, 1), zone);
  const [report, counts, answered, schedules] = await Promise.all([
    buildReport(db, {
      period: { kind: 'custom', from: week.from, to: week.to },
      scope: { locationId: null, batchId: null },
      granularity: 'day',
      withTables: false,
      timeZone: zone,
    }),
    countOpenComplaints(db, now),
    firstResponses(db, fromMs, toMs, null),
    locationSchedules(db),
  ]);
  const working = answered.map((a) =>
    workingWaitMs(
      { status: 'contacted', createdAt: a.createdAt, firstResponseAt: a.firstResponseAt },
      schedules.get(a.locationId) ?? alwaysOpen(DEFAULT_TIME_ZONE),
      now,
    ),
  );
  const medianMs = median(working);
  return {
    week: week.key,
    from: week.from,
    to: week.to,
    timeZone: zone,
    customersServed: report.current.customersServed,
    positiveReviews: report.current.countedPositiveReviews,
    supportIndex: report.current.supportIndex,
    previousSupportIndex: report.prior.supportIndex,
    supportIndexChange: report.change.supportIndex,
    changeSignificant: report.change.significant.supportIndex,
    complaints: report.current.complaints,
    topReasons: report.byReason.slice(0, 3).map((r) => ({ reason: r.reason, count: r.count })),
    overdueNow: counts.overdue,
    medianResponseWorkingMinutes: medianMs === null ? null : Math.round(medianMs / 60_000),
    url: `${origin}/admin?period=custom&from=${week.from}&to=${week.to}`,
  };
}

/** The digest as a Telegram message, in the owner's chosen language. */
export function digestText(d: WeeklyDigest, locale: Locale): string {
  const m = messages(locale).digest;
  const day = (value: string) => formatDayShort(value, locale);
  const number = (n: number) => formatCount(n, locale);
  const percent = (share: number) => formatPercent(share, locale);
  const points = (change: number) => formatPoints(change, locale, m.points);
  const duration = (minutes: number) => formatDuration(minutes * 60_000, m);

  let index =
    d.supportIndex === null
      ? fill(m.supportIndex, { value: m.noIndex })
      : fill(m.supportIndex, { value: percent(d.supportIndex) });
  if (d.supportIndex !== null && d.previousSupportIndex !== null && d.supportIndexChange !== null) {
    index += ` (${fill(m.previous, { value: percent(d.previousSupportIndex), change: points(d.supportIndexChange) })}: ${d.changeSignificant ? m.significant : m.notSignificant})`;
  }
  const lines = [
    fill(m.title, { from: day(d.from), to: day(d.to) }),
    index,
    fill(m.served, { served: number(d.customersServed), positive: number(d.positiveReviews) }),
    fill(m.complaints, { count: number(d.complaints) }),
  ];
  if (d.topReasons.length > 0)
    lines.push(fill(m.topReasons, { reasons: d.topReasons.map((r) => `${r.reason} (${number(r.count)})`).join(', ') }));
  lines.push(fill(m.overdue, { count: number(d.overdueNow) }));
  lines.push(
    d.medianResponseWorkingMinutes === null
      ? m.noMedian
      : fill(m.median, { time: duration(d.medianResponseWorkingMinutes) }),
  );
  lines.push(fill(m.link, { url: d.url }));
  return lines.join('\n');
}

/** What each channel is sent: Telegram the text, the webhook `{ event: 'digest.weekly', digest }`. */
function payloadFor(channel: Channel, digest: WeeklyDigest, locale: Locale): string {
  return channel === 'webhook'
    ? JSON.stringify({ event: 'digest.weekly', digest })
    : JSON.stringify({ text: digestText(digest, locale) });
}

async function attemptDigest(
  db: D1Database,
  settings: Settings,
  policy: TargetPolicy,
  d: { week: string; channel: Channel; attempts: number },
  payload: string,
): Promise<boolean> {
  const failure = await deliver(settings, policy, d.channel, payload, Date.now());
  if (failure === null) await markDigestSent(db, d.week, d.channel, Date.now());
  else
    await markDigestFailed(
      db,
      d.week,
      d.channel,
      failure,
      nextAttemptAfterFailure(d.attempts + 1, Date.now()),
      Date.now(),
    );
  return failure === null;
}

/**
 * The cron's job (every five minutes): retries digests that failed, then, when this week's is due
 * and not yet queued for a configured channel, builds it once and sends it there. Nothing at all
 * when the owner turned the digest off or no channel is set up. Returns how many went.
 */
export async function sendWeeklyDigest(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  now: number,
): Promise<{ sent: number }> {
  const db = env.DB;
  const settings = await getSettings(db);
  if (settings.weeklyDigest === 'off') return { sent: 0 };
  const channels = configuredChannels(settings);
  if (channels.length === 0) return { sent: 0 };
  const policy = deliveryPolicy(env);
  let sent = 0;
  for (const retry of await claimDueDigests(db, now, now + FIRST_ATTEMPT_LEASE_MS)) {
    // A channel removed since: given up, not tried again on every run.
    if (!channels.includes(retry.channel))
      await markDigestFailed(db, retry.week, retry.channel, 'not configured', null, Date.now());
    else if (retry.payload !== null && (await attemptDigest(db, settings, policy, retry, retry.payload))) sent++;
  }
  const zone = await ownerTimeZone(db);
  const week = dueDigestWeek(now, zone);
  if (!week) return { sent };
  const done = await digestChannelsOfWeek(db, week.key);
  const missing = channels.filter((c) => !done.has(c));
  if (missing.length === 0) return { sent };
  const digest = await buildWeeklyDigest(db, week, zone, (env.PUBLIC_ORIGIN ?? '').replace(/\/+$/, ''), now);
  for (const channel of missing) {
    const payload = payloadFor(channel, digest, settings.weeklyDigest);
    // Queued first: a parallel run that queued it a moment earlier owns the attempt.
    if (!(await queueDigest(db, week.key, channel, payload, now + FIRST_ATTEMPT_LEASE_MS, now))) continue;
    if (await attemptDigest(db, settings, policy, { week: week.key, channel, attempts: 0 }, payload)) sent++;
  }
  return { sent };
}
