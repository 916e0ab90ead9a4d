import { Hono } from 'hono';
import { z } from 'zod';
import { requirePermission } from '../../auth/middleware';
import { getLocationBySlug, ownerTimeZone } from '../../db/locations';
import { listPendingMails } from '../../db/review-mails';
import type { ReviewMail } from '../../domain/review-mails';
import { listStoredReviews, REVIEW_SOURCES, type StoredReview } from '../../db/reviews';
import type { ReviewSource } from '../../domain/reviews';
import { addDays, dayOf, isDay } from '../../domain/period';
import type { AppEnv } from '../../env';
import { badRequest } from '../../errors';
import { confirmReviewMail } from '../../services/review-mail';
import { readJson } from './json';
import { describeEndpoint } from './openapi';

/** Stored reviews of every source, and the reviews that wait for a person to confirm them. */
export const reviewsApi = new Hono<AppEnv>();
reviewsApi.use('*', requirePermission('reviews'));

export const reviewListQuerySchema = z.object({
  from: z.string().describe('First day, YYYY-MM-DD (Moscow time); default 30 days before `to`').optional(),
  to: z.string().describe('Last day, YYYY-MM-DD, included; default today').optional(),
  location: z.string().describe('A location slug').optional(),
  source: z.enum(['import', 'email', 'google']).describe('import: CSV or API import; email: forwarded notifications; google: the Google Business Profile API').optional(),
  limit: z.string().regex(/^\d{1,4}$/).describe('1 to 1000, default 200').optional(),
});

export const verdictRequestSchema = z.object({
  verdict: z.enum(['positive', 'negative', 'not_review']).describe('positive: 4-5 stars; negative: 1-3 stars; not_review: not a review at all'),
  location: z.string().min(1).max(60).describe('Location slug, needed when the notification named none and there are several').optional(),
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

reviewsApi.get('/', async (c) => {
  const q = c.req.query();
  const parsed = reviewListQuerySchema.safeParse(q);
  if (!parsed.success) throw badRequest(`${String(parsed.error.issues[0]!.path[0])} is invalid`, String(parsed.error.issues[0]!.path[0]));
  const to = parsed.data.to ?? dayOf(Date.now(), await ownerTimeZone(c.env.DB));
  if (!isDay(to)) throw badRequest('to must be a date YYYY-MM-DD', 'to');
  const from = parsed.data.from ?? addDays(to, -29);
  if (!isDay(from)) throw badRequest('from must be a date YYYY-MM-DD', 'from');
  if (from > to) throw badRequest('from must not be after to', 'from');
  let locationId: number | null = null;
  if (parsed.data.location) {
    const location = await getLocationBySlug(c.env.DB, parsed.data.location);
    if (!location) throw badRequest(`no location with slug "${parsed.data.location}"`, 'location');
    locationId = location.id;
  }
  const limit = parsed.data.limit === undefined ? 200 : Number(parsed.data.limit);
  if (limit < 1 || limit > 1000) throw badRequest('limit must be 1 to 1000', 'limit');
  const source = (parsed.data.source ?? null) as ReviewSource | null;
  if (source !== null && !REVIEW_SOURCES.includes(source)) throw badRequest('unknown source', 'source');
  const reviews = await listStoredReviews(c.env.DB, { from, to, locationId, source, limit });
  return c.json({ from, to, reviews: reviews.map(reviewJson) });
});

reviewsApi.get('/pending', async (c) => {
  return c.json({ pending: (await listPendingMails(c.env.DB, 200)).map(pendingJson) });
});

reviewsApi.post('/pending/:id', async (c) => {
  const parsed = verdictRequestSchema.safeParse(await readJson(c));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]!.path[0] ?? 'body');
    throw badRequest(field === 'verdict' ? 'verdict must be positive, negative or not_review' : `${field} is invalid`, field);
  }
  const mail = await confirmReviewMail(c.env.DB, c.req.param('id'), parsed.data.verdict, parsed.data.location ?? null, c.get('actor')!.label, Date.now());
  return c.json(pendingJson(mail));
});

describeEndpoint({
  method: 'get',
  path: '/reviews',
  summary: 'Stored reviews of every source',
  description: 'Reviews imported (CSV or API), taken from forwarded notification e-mails, or pulled from Google Business Profile, newest day first. Quick-form counts are not reviews and are not listed. `counted: false`: the owner let a quick-form count of that day stand instead.',
  permission: 'reviews',
  querySchema: reviewListQuerySchema,
  responseExample: {
    from: '2026-11-01', to: '2026-11-30',
    reviews: [{ id: 41, location: 'demo', locationName: 'Пекарня «Колобок»', date: '2026-11-30', rating: 5, ratingExact: true, positive: true, counted: true, platform: 'yandex_maps', source: 'email', key: '<yandex-1@business.yandex.ru>', receivedAt: '2026-11-30T07:15:02.000Z', updatedAt: null }],
  },
});
describeEndpoint({
  method: 'get',
  path: '/reviews/pending',
  summary: 'Reviews to confirm',
  description: 'Notifications that stated no rating, or named no location among several: what the owner needs to decide (subject and the first 200 characters of the text, until the retention period erases them).',
  permission: 'reviews',
  responseExample: {
    pending: [{ id: 'mQ2xK9pL3vB7', platform: 'yandex_maps', location: null, locationName: null, date: '2026-11-30', rating: null, subject: 'Новый отзыв о вашей организации', excerpt: 'На Яндекс Картах оставили новый отзыв…', status: 'pending', receivedAt: '2026-11-30T09:00:00.000Z' }],
  },
});
describeEndpoint({
  method: 'post',
  path: '/reviews/pending/:id',
  summary: 'Confirm a review',
  description: 'positive (4-5 stars) or negative (1-3 stars) stores the review; not_review stores none. A second verdict answers 409.',
  permission: 'reviews',
  requestSchema: verdictRequestSchema,
  responseExample: { id: 'mQ2xK9pL3vB7', platform: 'yandex_maps', location: 'demo', locationName: 'Пекарня «Колобок»', date: '2026-11-30', rating: 5, subject: 'Новый отзыв о вашей организации', excerpt: '…', status: 'positive', receivedAt: '2026-11-30T09:00:00.000Z' },
});
