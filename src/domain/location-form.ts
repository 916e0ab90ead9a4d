import { MAX_HAND_OUT_DAYS } from './hand-out';
import { checkReviewLink, isPlatform, PLATFORMS, type Platform, type ReviewLinkProblem } from './review-links';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time';

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
}

export type LocationFieldError =
  | 'nameRequired'
  | 'slugInvalid'
  | 'slugTaken'
  | 'linkRequired'
  | 'textTooLong'
  | 'timeZoneUnknown'
  | 'handOutDaysRange'
  | ReviewLinkProblem;

export interface ValidLocation {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  handOutDays: number;
  cardTexts: { headline: string | null; reviewCaption: string | null; complaintCaption: string | null; footer: string | null };
  reviewLinks: { platform: Platform; url: string; isPrimary: boolean }[];
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;
const MAX_TEXT = 120;

export function readLocationForm(body: Record<string, unknown>): LocationFormValues {
  const text = (key: string, max = 600) => (typeof body[key] === 'string' ? (body[key] as string).trim().slice(0, max) : '');
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
    },
  };
}
