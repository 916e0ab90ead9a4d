import { z } from 'zod';
import { requirePermission } from '../../auth/middleware';
import { getLocationBySlug, ownerTimeZone } from '../../db/locations';
import { listPendingMails } from '../../db/review-mails';
import type { ReviewMail } from '../../domain/review-mails';
import { listStoredReviews, type StoredReview } from '../../db/reviews';
import { addDays, dayOf, isDay } from '../../domain/period';
import { badRequest } from '../../errors';
import { confirmReviewMail } from '../../services/review-mail';
import { apiApp, createRoute, jsonBody, pathParams, routeDoc } from './openapi';

/** Stored reviews of every source, and the reviews that wait for a person to confirm them. */
export const reviewsApi = apiApp();
reviewsApi.use('*', requirePermission('reviews'));

const REVIEW_SOURCES = ['import', 'email', 'google'] as const;
const VERDICTS = ['positive', 'negative', 'not_review'] as const;

/** Each parameter says only that it is invalid; the day rules are checked after, with their own words. */
const invalid = (field: string) => ({ error: `${field} is invalid` });

export const reviewListQuerySchema = z.object({
  from: z
    .string(invalid('from'))
    .describe('First day, YYYY-MM-DD (Moscow time); default 30 days before `to`')
    .optional(),
  to: z.string(invalid('to')).describe('Last day, YYYY-MM-DD, included; default today').optional(),
  location: z.string(invalid('location')).describe('A location slug').optional(),
  source: z
    .enum(REVIEW_SOURCES, invalid('source'))
    .describe('import: CSV or API import; email: forwarded notifications; google: the Google Business Profile API')
    .optional(),
  limit: z
    .string(invalid('limit'))
    .regex(/^\d{1,4}$/, invalid('limit'))
    .describe('1 to 1000, default 200')
    .optional(),
});

export const verdictRequestSchema = z.object({
  verdict: z
    .enum(VERDICTS, { error: 'verdict must be positive, negative or not_review' })
    .describe('positive: 4-5 stars; negative: 1-3 stars; not_review: not a review at all'),
  location: z
    .string(invalid('location'))
    .min(1, invalid('location'))
    .max(60, invalid('location'))
    .describe('Location slug, needed when the notification named none and there are several')
    .optional(),
});

function reviewJson(r: StoredReview) {
  return {
    id: r.id,
    location: r.locationSlug,
    locationName: r.locationName,
    date: r.day,
    rating: r.rating,
    // false: the owner confirmed only "4-5" or "1-3"; the rating stands in and stays out of averages.
    ratingExact: r.ratingExact === 1,
    positive: r.rating >= 4,
    counted: r.counted === 1,
    platform: r.platform,
    source: r.source,
    key: r.sourceKey,
    receivedAt: new Date(r.createdAt).toISOString(),
    updatedAt: r.updatedAt === null ? null : new Date(r.updatedAt).toISOString(),
  };
}

function pendingJson(m: ReviewMail) {
  return {
    id: m.id,
    platform: m.platform,
    location: m.locationSlug,
    locationName: m.locationName,
    date: m.day,
    rating: m.rating,
    subject: m.subject,
    excerpt: m.excerpt,
    status: m.status,
    receivedAt: new Date(m.receivedAt).toISOString(),
  };
}

const list = createRoute({
  method: 'get',
  path: '/',
  request: { query: reviewListQuerySchema },
  ...routeDoc({
    permission: 'reviews',
    summary: 'Stored reviews of every source',
    description:
      'Reviews imported (CSV or API), taken from forwarded notification e-mails, or pulled from Google Business Profile, newest day first. Quick-form counts are not reviews and are not listed. `counted: false`: the owner let a quick-form count of that day stand instead.',
    example: {
      from: '2026-11-01',
      to: '2026-11-30',
      reviews: [
        {
          id: 41,
          location: 'demo',
          locationName: 'Пекарня «Колобок»',
          date: '2026-11-30',
          rating: 5,
          ratingExact: true,
          positive: true,
          counted: true,
          platform: 'yandex_maps',
          source: 'email',
          key: '<yandex-1@business.yandex.ru>',
          receivedAt: '2026-11-30T07:15:02.000Z',
          updatedAt: null,
        },
      ],
    },
  }),
});
reviewsApi.openapi(list, async (c) => {
  const q = c.req.valid('query');
  const to = q.to ?? dayOf(Date.now(), await ownerTimeZone(c.env.DB));
  if (!isDay(to)) throw badRequest('to must be a date YYYY-MM-DD', 'to');
  const from = q.from ?? addDays(to, -29);
  if (!isDay(from)) throw badRequest('from must be a date YYYY-MM-DD', 'from');
  if (from > to) throw badRequest('from must not be after to', 'from');
  let locationId: number | null = null;
  if (q.location) {
    const location = await getLocationBySlug(c.env.DB, q.location);
    if (!location) throw badRequest(`no location with slug "${q.location}"`, 'location');
    locationId = location.id;
  }
  const limit = q.limit === undefined ? 200 : Number(q.limit);
  if (limit < 1 || limit > 1000) throw badRequest('limit must be 1 to 1000', 'limit');
  const reviews = await listStoredReviews(c.env.DB, { from, to, locationId, source: q.source ?? null, limit });
  return c.json({ from, to, reviews: reviews.map(reviewJson) });
});

const pending = createRoute({
  method: 'get',
  path: '/pending',
  ...routeDoc({
    permission: 'reviews',
    summary: 'Reviews to confirm',
    description:
      'Notifications that stated no rating, or named no location among several: what the owner needs to decide (subject and the first 200 characters of the text, until the retention period erases them).',
    example: {
      pending: [
        {
          id: 'mQ2xK9pL3vB7',
          platform: 'yandex_maps',
          location: null,
          locationName: null,
          date: '2026-11-30',
          rating: null,
          subject: 'Новый отзыв о вашей организации',
          excerpt: 'На Яндекс Картах оставили новый отзыв…',
          status: 'pending',
          receivedAt: '2026-11-30T09:00:00.000Z',
        },
      ],
    },
  }),
});
reviewsApi.openapi(pending, async (c) => c.json({ pending: (await listPendingMails(c.env.DB, 200)).map(pendingJson) }));

const confirm = createRoute({
  method: 'post',
  path: '/pending/{id}',
  request: { params: pathParams('id'), body: jsonBody(verdictRequestSchema) },
  ...routeDoc({
    permission: 'reviews',
    body: 'json',
    summary: 'Confirm a review',
    description:
      'positive (4-5 stars) or negative (1-3 stars) stores the review; not_review stores none. A second verdict answers 409.',
    example: {
      id: 'mQ2xK9pL3vB7',
      platform: 'yandex_maps',
      location: 'demo',
      locationName: 'Пекарня «Колобок»',
      date: '2026-11-30',
      rating: 5,
      subject: 'Новый отзыв о вашей организации',
      excerpt: '…',
      status: 'positive',
      receivedAt: '2026-11-30T09:00:00.000Z',
    },
  }),
});
reviewsApi.openapi(confirm, async (c) => {
  const { verdict, location } = c.req.valid('json');
  const mail = await confirmReviewMail(
    c.env.DB,
    c.req.valid('param').id,
    verdict,
    location ?? null,
    c.get('actor')!.label,
    Date.now(),
  );
  return c.json(pendingJson(mail));
});
