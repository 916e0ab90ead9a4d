import { z } from 'zod';
import type { LocationFieldError, LocationFormValues } from './location-form';
import { PLATFORMS, type Platform } from './review-links';
import { MAX_HOLIDAYS, WEEKDAYS, type Weekday } from './working-time';

/**
 * The locations API's bodies (`POST /api/v1/locations`, `PATCH /api/v1/locations/<slug>`). The
 * types are checked here; the rules (slug, lengths, zone, review-link hosts) are the location
 * form's own (domain/location-form.ts), so the API and the page refuse the same things.
 */

const text = (what: string, max = 600) =>
  z.string({ error: `${what} must be a string` }).max(max, `${what} is too long`);

const reviewLinkSchema = z.object(
  {
    platform: z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` }),
    url: text('url'),
    primary: z.boolean({ error: 'primary must be true or false' }).optional(),
  },
  { error: 'a review link is {"platform", "url", "primary"}' },
);

const cardTextsSchema = z.object(
  {
    headline: text('cardTexts.headline').nullable().optional(),
    reviewCaption: text('cardTexts.reviewCaption').nullable().optional(),
    complaintCaption: text('cardTexts.complaintCaption').nullable().optional(),
    footer: text('cardTexts.footer').nullable().optional(),
  },
  { error: 'cardTexts must be an object' },
);

const clockPair = z.tuple([text('hours interval start', 5), text('hours interval end', 5)], {
  error: 'an interval is ["HH:MM", "HH:MM"]',
});
const dayHours = z
  .array(clockPair, { error: 'a day’s hours are a list of ["HH:MM", "HH:MM"] intervals' })
  .max(12, 'at most 12 intervals a day');
const hoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours.optional()])) as Record<
      Weekday,
      z.ZodOptional<typeof dayHours>
    >,
    {
      error:
        'hours is {"mon": [["09:00", "18:00"]], …, "sun": []} or null; weekdays are mon, tue, wed, thu, fri, sat, sun',
    },
  )
  .nullable();
const holidaysSchema = z
  .array(text('a holiday', 10), { error: 'holidays must be a list of "YYYY-MM-DD" dates' })
  .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} holidays`);

const fields = {
  slug: text('slug', 60).describe('Latin letters, digits and hyphens, 2 to 40 characters'),
  name: text('name', 200),
  address: text('address'),
  timeZone: text('timeZone', 64).describe('IANA time zone, e.g. Asia/Novosibirsk; Europe/Moscow by default'),
  handOutDays: z
    .number({ error: 'handOutDays must be a number of days' })
    .int('handOutDays must be a whole number')
    .describe('Usual hand-out window of a batch, 1 to 60 days; 7 by default'),
  cardTexts: cardTextsSchema.describe('Card texts; null or absent means the design’s own'),
  hours: hoursSchema.describe(
    'Weekly hours in which complaints are answered, in the location’s zone: {"mon": [["09:00", "18:00"]], …, "sun": []}; a weekday left out is a day off; null (the default) means always open',
  ),
  holidays: holidaysSchema.describe('Local days ("YYYY-MM-DD") closed all day'),
  reviewLinks: z
    .array(reviewLinkSchema, { error: 'reviewLinks must be an array of {"platform", "url", "primary"}' })
    .max(PLATFORMS.length, `at most ${PLATFORMS.length} review links, one per platform`),
};

export const locationCreateSchema = z.object({
  ...fields,
  address: fields.address.optional(),
  timeZone: fields.timeZone.optional(),
  handOutDays: fields.handOutDays.optional(),
  cardTexts: fields.cardTexts.optional(),
  hours: fields.hours.optional(),
  holidays: fields.holidays.optional(),
});

export const locationPatchSchema = z.object({
  slug: fields.slug.optional(),
  name: fields.name.optional(),
  address: fields.address.optional(),
  timeZone: fields.timeZone.optional(),
  handOutDays: fields.handOutDays.optional(),
  cardTexts: fields.cardTexts.optional(),
  reviewLinks: fields.reviewLinks.optional(),
  hours: fields.hours.optional(),
  holidays: fields.holidays.optional(),
  archived: z
    .boolean({ error: 'archived must be true or false' })
    .optional()
    .describe('true archives the location (its cards keep working; it leaves pickers and defaults), false restores it'),
});

export type LocationPatch = z.infer<typeof locationPatchSchema>;

/** A JSON body over the location's current form values (or empty ones), as the form would send them. */
export function applyLocationPatch(
  base: LocationFormValues,
  patch: LocationPatch,
): { values: LocationFormValues; duplicate?: Platform } {
  const values: LocationFormValues = { ...base, links: { ...base.links } };
  if (patch.slug !== undefined) values.slug = patch.slug.trim().toLowerCase();
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.address !== undefined) values.address = patch.address.trim();
  if (patch.timeZone !== undefined) values.timeZone = patch.timeZone.trim();
  if (patch.handOutDays !== undefined) values.handOutDays = String(patch.handOutDays);
  if (patch.cardTexts) {
    for (const key of ['headline', 'reviewCaption', 'complaintCaption', 'footer'] as const) {
      const value = patch.cardTexts[key];
      if (value !== undefined) values[key] = (value ?? '').trim();
    }
  }
  if (patch.hours !== undefined) {
    values.alwaysOpen = patch.hours === null;
    if (patch.hours !== null) {
      const hours = patch.hours;
      values.hours = Object.fromEntries(
        WEEKDAYS.map((d) => [d, (hours[d] ?? []).map(([a, b]) => `${a.trim()}-${b.trim()}`).join(', ')]),
      ) as Record<Weekday, string>;
    }
  }
  if (patch.holidays !== undefined) values.holidays = patch.holidays.map((d) => d.trim()).join(' ');
  let duplicate: Platform | undefined;
  if (patch.reviewLinks) {
    values.links = Object.fromEntries(PLATFORMS.map((p) => [p, ''])) as Record<Platform, string>;
    for (const link of patch.reviewLinks) {
      if (values.links[link.platform]) duplicate ??= link.platform;
      values.links[link.platform] = link.url.trim();
    }
    values.primary =
      patch.reviewLinks.find((l) => l.primary)?.platform ?? patch.reviewLinks[0]?.platform ?? 'yandex_maps';
  }
  return { values, duplicate };
}

/** The form's field names as the API's. */
export function apiField(formField: string): string {
  if (formField.startsWith('link_')) return 'reviewLinks';
  if (formField.startsWith('hours_')) return `hours.${formField.slice(6)}`;
  if (['headline', 'reviewCaption', 'complaintCaption', 'footer'].includes(formField)) return `cardTexts.${formField}`;
  return formField;
}

export type { LocationFieldError };
