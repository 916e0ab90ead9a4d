import { addDays, isCalendarDay, localDay, localMoment, weekdayIndex } from './time';

/**
 * Working time: a location's weekly opening hours and its holidays, in its own zone. The response
 * clock runs only while the location is open, so a complaint at 22:07 with opening at 09:00 and a
 * one-hour target is due at 10:00 the next working day.
 *
 * Hours are kept as minutes of the local day, [start, end) with 0 ≤ start < end ≤ 1440, several
 * intervals a day allowed, sorted and not overlapping. `null` hours mean always open.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

type Interval = [start: number, end: number];
export type WeeklyHours = Record<Weekday, Interval[]>;

export interface WorkingSchedule {
  /** null: always open */
  hours: WeeklyHours | null;
  /** local days ('YYYY-MM-DD') on which the location is closed all day */
  holidays: readonly string[];
  timeZone: string;
}

const MINUTE_MS = 60_000;
/** How far ahead a due time is looked for; past that the location is taken as never open. */
const MAX_DAYS_AHEAD = 400;
export const MAX_HOLIDAYS = 366;

/** 'HH:MM' → minutes of the day ('24:00' allowed as an end), or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** Minutes of the day → 'HH:MM'. */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export type HoursProblem = 'hoursInvalid' | 'hoursOverlap' | 'hoursEmpty';

/** Checks a day's intervals given as ['HH:MM', 'HH:MM'] pairs; returns them sorted, or the problem. */
export function parseDayIntervals(
  pairs: readonly (readonly [string, string])[],
): { ok: true; intervals: Interval[] } | { ok: false; problem: HoursProblem } {
  const intervals: Interval[] = [];
  for (const [from, to] of pairs) {
    const start = parseClock(from);
    const end = parseClock(to);
    if (start === null || end === null || start >= end || start >= 1440) return { ok: false, problem: 'hoursInvalid' };
    intervals.push([start, end]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < intervals.length; i++)
    if (intervals[i]![0] < intervals[i - 1]![1]) return { ok: false, problem: 'hoursOverlap' };
  return { ok: true, intervals };
}

/** A day's text as typed on the form: "09:00-13:00, 14:00-18:00"; empty = day off. */
export function parseDayText(text: string): { ok: true; intervals: Interval[] } | { ok: false; problem: HoursProblem } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '-' || trimmed === '—') return { ok: true, intervals: [] };
  const pairs: [string, string][] = [];
  for (const part of trimmed.split(/[,;]/)) {
    const m = /^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) return { ok: false, problem: 'hoursInvalid' };
    pairs.push([m[1]!, m[2]!]);
  }
  return parseDayIntervals(pairs);
}

export function formatDayText(intervals: readonly Interval[]): string {
  return intervals.map(([a, b]) => `${formatClock(a)}–${formatClock(b)}`).join(', ');
}

export function hasOpenTime(hours: WeeklyHours): boolean {
  return WEEKDAYS.some((d) => hours[d].length > 0);
}

/** The weekday of a local day. */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[weekdayIndex(day)]!;
}

const nextDay = (day: string) => addDays(day, 1);

/** The open spans of one local day as moments [from, to), holidays and days off giving none. */
function openSpans(schedule: WorkingSchedule & { hours: WeeklyHours }, day: string): [number, number][] {
  if (schedule.holidays.includes(day)) return [];
  return schedule.hours[weekdayOf(day)].map(([a, b]) => [
    localMoment(day, a, schedule.timeZone),
    localMoment(day, b, schedule.timeZone),
  ]);
}

/** Whether the location is open at a moment. */
export function isOpenAt(schedule: WorkingSchedule, ms: number): boolean {
  if (schedule.hours === null) return true;
  const day = localDay(ms, schedule.timeZone);
  return openSpans(schedule as WorkingSchedule & { hours: WeeklyHours }, day).some(([a, b]) => ms >= a && ms < b);
}

/**
 * The moment `minutes` of working time after `fromMs`: the due time of a complaint made then.
 * Null when the location is never open within the next ~year (every day a holiday).
 */
export function addWorkingMinutes(schedule: WorkingSchedule, fromMs: number, minutes: number): number | null {
  if (schedule.hours === null) return fromMs + minutes * MINUTE_MS;
  const withHours = schedule as WorkingSchedule & { hours: WeeklyHours };
  let left = minutes * MINUTE_MS;
  // Yesterday's intervals end by 24:00, so none can still be running: start with today's.
  let day = localDay(fromMs, schedule.timeZone);
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = nextDay(day)) {
    for (const [a, b] of openSpans(withHours, day)) {
      const start = Math.max(a, fromMs);
      if (start >= b) continue;
      if (left === 0) return start;
      if (b - start >= left) return start + left;
      left -= b - start;
    }
  }
  return null;
}

/** Working time between two moments, in whole minutes (rounded down); 0 when `toMs` ≤ `fromMs`. */
export function workingMinutesBetween(schedule: WorkingSchedule, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (schedule.hours === null) return Math.floor((toMs - fromMs) / MINUTE_MS);
  const withHours = schedule as WorkingSchedule & { hours: WeeklyHours };
  let total = 0;
  const lastDay = localDay(toMs, schedule.timeZone);
  let day = localDay(fromMs, schedule.timeZone);
  // Long gaps (a complaint answered months later) are bounded: at most MAX_DAYS_AHEAD days are read.
  for (let i = 0; i < MAX_DAYS_AHEAD * 3; i++, day = nextDay(day)) {
    for (const [a, b] of openSpans(withHours, day)) {
      const start = Math.max(a, fromMs);
      const end = Math.min(b, toMs);
      if (end > start) total += end - start;
    }
    if (day >= lastDay) break;
  }
  return Math.floor(total / MINUTE_MS);
}

/** Always open: the behaviour of a location without hours. */
export function alwaysOpen(timeZone: string): WorkingSchedule {
  return { hours: null, holidays: [], timeZone };
}

/** The stored JSON of a location's hours (minutes) back to the type; unreadable → null (always open). */
export function decodeHours(json: string | null): WeeklyHours | null {
  if (json === null) return null;
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const hours = {} as WeeklyHours;
    for (const d of WEEKDAYS) {
      const list = Array.isArray(raw[d]) ? (raw[d] as unknown[]) : [];
      hours[d] = list.filter(
        (x): x is Interval => Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number'),
      );
    }
    return hasOpenTime(hours) ? hours : null;
  } catch {
    return null;
  }
}

export function decodeHolidays(json: string | null): string[] {
  if (!json) return [];
  try {
    const raw = JSON.parse(json) as unknown;
    return Array.isArray(raw) ? raw.filter((d): d is string => typeof d === 'string' && isCalendarDay(d)) : [];
  } catch {
    return [];
  }
}

/** The API's shape of hours: {"mon": [["09:00", "18:00"]], ...}. */
export function hoursToClockJson(hours: WeeklyHours | null): Record<Weekday, [string, string][]> | null {
  if (hours === null) return null;
  return Object.fromEntries(
    WEEKDAYS.map((d) => [d, hours[d].map(([a, b]) => [formatClock(a), formatClock(b)])]),
  ) as Record<Weekday, [string, string][]>;
}
