/**
 * Time zones: each location keeps its days in its own IANA zone (Europe/Moscow by default), and a
 * view of all locations uses the owner's zone. Offsets come from the runtime's zone database
 * (Intl), so a zone's history (Russia moved its clocks in 2011 and 2014) is followed.
 *
 * SQL cannot read the zone database, so each location's offsets are copied into
 * `location_offsets` (migrations/0012) as a list of transitions; the daily aggregates' triggers
 * look a moment's offset up there. `zoneTransitions` writes that list.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * The offset SQL falls back to when a location has no copy of its zone (Moscow's, UTC+3): the
 * triggers of migrations/0012 write it as a literal, so it is one constant here, not a new choice.
 */
export const DEFAULT_OFFSET_SECONDS = 10_800;

/** Russia's zones, west to east: the choice offered on the location form (the API takes any IANA zone). */
export const RUSSIAN_TIME_ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
] as const;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The canonical name of an IANA zone ('asia/novosibirsk' → 'Asia/Novosibirsk'), or null when unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone's offset from UTC at a moment, in seconds (UTC+7 → 25200). */
export function offsetSecondsAt(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 1000);
}

/** The local calendar day, 'YYYY-MM-DD', of a moment in a zone. */
export function localDay(ms: number, zone: string): string {
  return new Date(ms + offsetSecondsAt(zone, ms) * 1000).toISOString().slice(0, 10);
}

/** The moment (unix ms) a local day starts in a zone (its first existing minute on a DST day). */
export function localDayStart(day: string, zone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let guess = midnightUtc - offsetSecondsAt(zone, midnightUtc) * 1000;
  // The offset at the guess may differ (a transition near midnight): one more step settles it.
  guess = midnightUtc - offsetSecondsAt(zone, guess) * 1000;
  return localDay(guess, zone) === day ? guess : guess + 3_600_000;
}

/** The wall clock of a moment in a zone: its local day, weekday (Monday 0 … Sunday 6) and hour. */
export function wallClock(ms: number, zone: string): { day: string; weekday: number; hour: number; minute: number } {
  const wall = new Date(ms + offsetSecondsAt(zone, ms) * 1000);
  return {
    day: wall.toISOString().slice(0, 10),
    weekday: (wall.getUTCDay() + 6) % 7,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/**
 * The moment (unix ms) of a local wall-clock time, `minutes` into a local day (opening hours:
 * 540 is 09:00). A time that a clock change skips lands an hour off, as the clock does.
 */
export function localMoment(day: string, minutes: number, zone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE_MS;
  let guess = wall - offsetSecondsAt(zone, wall) * 1000;
  guess = wall - offsetSecondsAt(zone, guess) * 1000;
  return guess;
}

// Calendar days, 'YYYY-MM-DD': already local, so their arithmetic needs no zone.

/** A 'YYYY-MM-DD' that is a real calendar day. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** The day `n` days after `day` (before it when negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The weekday of a day: Monday 0 … Sunday 6. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * Reads a moment for `from`/`to` filters: a day `2026-11-23` (in `timeZone`: the location's, or
 * the owner's; `to` then means the end of that day), an ISO date-time with a zone, or unix
 * milliseconds. Null when unreadable.
 */
export function parseMoment(value: string, edge: 'start' | 'end', timeZone = DEFAULT_TIME_ZONE): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isCalendarDay(value)) return null;
    return localDayStart(edge === 'end' ? addDays(value, 1) : value, timeZone);
  }
  if (/^\d{10,15}$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
  }
  return null;
}

interface Transition {
  /** From this moment (unix ms) on, the offset applies; the first one starts at the beginning of time. */
  startsAt: number;
  offsetSeconds: number;
}

/** Far enough back that every stored moment is after it. */
const BEGINNING_OF_TIME = -62_135_596_800_000;

/**
 * The zone's offsets from `fromMs` to `toMs` as transitions, found by probing every week and
 * narrowing each change down to the second. The first transition covers everything before.
 */
export function zoneTransitions(
  zone: string,
  fromMs = Date.UTC(2000, 0, 1),
  toMs = Date.UTC(2050, 0, 1),
): Transition[] {
  const out: Transition[] = [{ startsAt: BEGINNING_OF_TIME, offsetSeconds: offsetSecondsAt(zone, fromMs) }];
  const step = 7 * DAY_MS;
  let prev = fromMs;
  let prevOffset = out[0]!.offsetSeconds;
  for (let t = fromMs + step; t <= toMs; t += step) {
    const offset = offsetSecondsAt(zone, t);
    if (offset !== prevOffset) {
      // The change lies in (prev, t]: halve the gap down to one second.
      let lo = prev;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetSecondsAt(zone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      out.push({ startsAt: hi, offsetSeconds: offset });
      prevOffset = offset;
    }
    prev = t;
  }
  return out;
}
