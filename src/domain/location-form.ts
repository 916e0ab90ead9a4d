import { MAX_HAND_OUT_DAYS } from './hand-out';
import { checkReviewLink, isPlatform, PLATFORMS, type Platform, type ReviewLinkProblem } from './review-links';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time';
import {
  formatDayText,
  hasOpenTime,
  MAX_HOLIDAYS,
  parseDayText,
  WEEKDAYS,
  type HoursProblem,
  type WeeklyHours,
  type Weekday,
} from './working-time';
import { isCalendarDay } from './time';

/** What the location form sends, as strings (kept to re-render the form on errors). */
export interface LocationFormValues {
  name: string;
  slug: string;
  address: string;
  timeZone: string;
  handOutDays: string;
  headline: string;
  reviewCaption: string;
  complaintCaption: string;
  footer: string;
  links: Record<Platform, string>;
  primary: Platform;
  /** no opening hours: the response clock always runs */
  alwaysOpen: boolean;
  /** each weekday's intervals as typed: "09:00–13:00, 14:00–18:00", empty = day off */
  hours: Record<Weekday, string>;
  /** holidays as typed: dates 'YYYY-MM-DD' separated by spaces, commas or lines */
  holidays: string;
}

export type LocationFieldError =
  | 'nameRequired'
  | 'slugInvalid'
  | 'slugTaken'
  | 'linkRequired'
  | 'textTooLong'
  /** Printed cut in every design (checked by the route with the layout model). */
  | 'textCut'
  | 'timeZoneUnknown'
  | 'handOutDaysRange'
  | HoursProblem
  | 'holidaysInvalid'
  | 'holidaysTooMany'
  | ReviewLinkProblem;

interface ValidLocation {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  handOutDays: number;
  cardTexts: {
    headline: string | null;
    reviewCaption: string | null;
    complaintCaption: string | null;
    footer: string | null;
  };
  reviewLinks: { platform: Platform; url: string; isPrimary: boolean }[];
  /** null: always open */
  hours: WeeklyHours | null;
  holidays: string[];
}

/** Monday to Friday 09:00–18:00: what the form offers when a location starts keeping hours. */
const DEFAULT_HOURS_TEXT: Record<Weekday, string> = {
  mon: '09:00–18:00',
  tue: '09:00–18:00',
  wed: '09:00–18:00',
  thu: '09:00–18:00',
  fri: '09:00–18:00',
  sat: '',
  sun: '',
};

/** The form's texts of stored hours (the defaults when always open, so unticking shows a working week). */
function hoursFormValues(
  hours: WeeklyHours | null,
  holidays: readonly string[],
): Pick<LocationFormValues, 'alwaysOpen' | 'hours' | 'holidays'> {
  return {
    alwaysOpen: hours === null,
    hours:
      hours === null
        ? { ...DEFAULT_HOURS_TEXT }
        : (Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayText(hours[d])])) as Record<Weekday, string>),
    holidays: holidays.join(' '),
  };
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;
const MAX_TEXT = 120;

export function readLocationForm(body: Record<string, unknown>): LocationFormValues {
  const text = (key: string, max = 600) =>
    typeof body[key] === 'string' ? (body[key] as string).trim().slice(0, max) : '';
  const links = Object.fromEntries(PLATFORMS.map((p) => [p, text(`link_${p}`)])) as Record<Platform, string>;
  const primary = text('primary');
  return {
    name: text('name'),
    slug: text('slug').toLowerCase(),
    address: text('address'),
    timeZone: text('timeZone', 64) || DEFAULT_TIME_ZONE,
    handOutDays: text('handOutDays', 8) || '7',
    headline: text('headline'),
    reviewCaption: text('reviewCaption'),
    complaintCaption: text('complaintCaption'),
    footer: text('footer'),
    links,
    primary: isPlatform(primary) ? primary : 'yandex_maps',
    // A post without any weekday field (a script written before hours existed) keeps the old behaviour.
    alwaysOpen:
      (body.alwaysOpen !== undefined && body.alwaysOpen !== '') || !WEEKDAYS.some((d) => `hours_${d}` in body),
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, text(`hours_${d}`, 200)])) as Record<Weekday, string>,
    holidays: text('holidays', 8000),
  };
}

/**
 * Checks the form; returns the location to store, or an error per field (field names
 * match the form's input names). The primary link falls back to the first one given.
 */
export function validateLocationForm(
  values: LocationFormValues,
): { ok: true; location: ValidLocation } | { ok: false; errors: Record<string, LocationFieldError> } {
  const errors: Record<string, LocationFieldError> = {};
  if (values.name.length === 0 || values.name.length > MAX_TEXT) errors.name = 'nameRequired';
  if (!SLUG.test(values.slug)) errors.slug = 'slugInvalid';
  const timeZone = canonicalTimeZone(values.timeZone);
  if (timeZone === null) errors.timeZone = 'timeZoneUnknown';
  const handOutDays = /^\d{1,3}$/.test(values.handOutDays) ? Number(values.handOutDays) : NaN;
  if (!(handOutDays >= 1 && handOutDays <= MAX_HAND_OUT_DAYS)) errors.handOutDays = 'handOutDaysRange';
  for (const key of ['headline', 'reviewCaption', 'complaintCaption', 'footer'] as const) {
    if (values[key].length > MAX_TEXT) errors[key] = 'textTooLong';
  }
  let hours: WeeklyHours | null = null;
  if (!values.alwaysOpen) {
    hours = {} as WeeklyHours;
    for (const d of WEEKDAYS) {
      const parsed = parseDayText(values.hours[d]);
      if (parsed.ok) hours[d] = parsed.intervals;
      else {
        errors[`hours_${d}`] = parsed.problem;
        hours[d] = [];
      }
    }
    if (!WEEKDAYS.some((d) => errors[`hours_${d}`]) && !hasOpenTime(hours)) errors.hours_mon = 'hoursEmpty';
  }
  const holidays = [...new Set(values.holidays.split(/[\s,;]+/).filter((d) => d !== ''))].sort();
  if (holidays.some((d) => !isCalendarDay(d))) errors.holidays = 'holidaysInvalid';
  else if (holidays.length > MAX_HOLIDAYS) errors.holidays = 'holidaysTooMany';
  const reviewLinks: ValidLocation['reviewLinks'] = [];
  for (const platform of PLATFORMS) {
    const raw = values.links[platform];
    if (!raw) continue;
    const check = checkReviewLink(platform, raw);
    if (check.ok) reviewLinks.push({ platform, url: check.url, isPrimary: false });
    else errors[`link_${platform}`] = check.problem;
  }
  if (reviewLinks.length === 0 && !Object.keys(errors).some((k) => k.startsWith('link_'))) {
    errors.link_yandex_maps = 'linkRequired';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const primary = reviewLinks.find((l) => l.platform === values.primary) ?? reviewLinks[0]!;
  primary.isPrimary = true;
  const orNull = (s: string) => (s.length > 0 ? s : null);
  return {
    ok: true,
    location: {
      slug: values.slug,
      name: values.name,
      address: values.address,
      timeZone: timeZone!,
      handOutDays,
      cardTexts: {
        headline: orNull(values.headline),
        reviewCaption: orNull(values.reviewCaption),
        complaintCaption: orNull(values.complaintCaption),
        footer: orNull(values.footer),
      },
      reviewLinks,
      hours,
      holidays,
    },
  };
}

/** What the form is filled from: a stored location, by shape (the domain does not import db types). */
interface LocationLike {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  handOutDays: number;
  hours: WeeklyHours | null;
  holidays: readonly string[];
  cardTexts: {
    headline: string | null;
    reviewCaption: string | null;
    complaintCaption: string | null;
    footer: string | null;
  };
  reviewLinks: readonly { platform: Platform; url: string; isPrimary: boolean }[];
}

/** The form of a new location: Moscow, 7 hand-out days, always open. */
export function emptyLocationValues(): LocationFormValues {
  const links = Object.fromEntries(PLATFORMS.map((p) => [p, ''])) as Record<Platform, string>;
  return {
    name: '',
    slug: '',
    address: '',
    timeZone: DEFAULT_TIME_ZONE,
    handOutDays: '7',
    headline: '',
    reviewCaption: '',
    complaintCaption: '',
    footer: '',
    links,
    primary: 'yandex_maps',
    ...hoursFormValues(null, []),
  };
}

/** A stored location as the form's values (the page edits them; the API patches over them). */
export function locationFormValues(location: LocationLike): LocationFormValues {
  const values = emptyLocationValues();
  for (const link of location.reviewLinks) values.links[link.platform] = link.url;
  const texts = location.cardTexts;
  return {
    ...values,
    name: location.name,
    slug: location.slug,
    address: location.address,
    timeZone: location.timeZone,
    handOutDays: String(location.handOutDays),
    ...hoursFormValues(location.hours, location.holidays),
    headline: texts.headline ?? '',
    reviewCaption: texts.reviewCaption ?? '',
    complaintCaption: texts.complaintCaption ?? '',
    footer: texts.footer ?? '',
    primary: location.reviewLinks.find((l) => l.isPrimary)?.platform ?? 'yandex_maps',
  };
}
