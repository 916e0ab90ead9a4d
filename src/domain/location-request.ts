import { z } from 'zod';
import type { LocationFieldError, LocationFormValues } from './location-form';
import { PLATFORMS, type Platform } from './review-links';

/**
 * The locations API's bodies (`POST /api/v1/locations`, `PATCH /api/v1/locations/<slug>`). The
 * types are checked here; the rules (slug, lengths, zone, review-link hosts) are the location
 * form's own (domain/location-form.ts), so the API and the page refuse the same things.
 */

const text = (what: string, max = 600) => z.string({ error: `${what} must be a string` }).max(max, `${what} is too long`);

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

const fields = {
  slug: text('slug', 60).describe('Latin letters, digits and hyphens, 2 to 40 characters'),
  name: text('name', 200),
  address: text('address'),
  timeZone: text('timeZone', 64).describe('IANA time zone, e.g. Asia/Novosibirsk; Europe/Moscow by default'),
  handOutDays: z.number({ error: 'handOutDays must be a number of days' }).int('handOutDays must be a whole number').describe('Usual hand-out window of a batch, 1 to 60 days; 7 by default'),
  cardTexts: cardTextsSchema.describe('Card texts; null or absent means the design’s own'),
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
});

export const locationPatchSchema = z.object({
  slug: fields.slug.optional(),
  name: fields.name.optional(),
  address: fields.address.optional(),
  timeZone: fields.timeZone.optional(),
  handOutDays: fields.handOutDays.optional(),
  cardTexts: fields.cardTexts.optional(),
  reviewLinks: fields.reviewLinks.optional(),
});

export type LocationPatch = z.infer<typeof locationPatchSchema>;

/** A JSON body over the location's current form values (or empty ones), as the form would send them. */
export function applyLocationPatch(base: LocationFormValues, patch: LocationPatch): { values: LocationFormValues; duplicate?: Platform } {
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
  let duplicate: Platform | undefined;
  if (patch.reviewLinks) {
    values.links = Object.fromEntries(PLATFORMS.map((p) => [p, ''])) as Record<Platform, string>;
    for (const link of patch.reviewLinks) {
      if (values.links[link.platform]) duplicate ??= link.platform;
      values.links[link.platform] = link.url.trim();
    }
    values.primary = patch.reviewLinks.find((l) => l.primary)?.platform ?? patch.reviewLinks[0]?.platform ?? 'yandex_maps';
  }
  return { values, duplicate };
}

/** The form's field names as the API's. */
export function apiField(formField: string): string {
  if (formField.startsWith('link_')) return 'reviewLinks';
  if (['headline', 'reviewCaption', 'complaintCaption', 'footer'].includes(formField)) return `cardTexts.${formField}`;
  return formField;
}

export type { LocationFieldError };
