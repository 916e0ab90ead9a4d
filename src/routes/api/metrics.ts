import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { getLocationBySlug } from '../../db/locations';
import { insertReviewCount, upsertOrdersCounts } from '../../db/reviews';
import { decodeCsvBytes } from '../../domain/csv';
import { addDays, customRange, dayOf, defaultGranularity, type Period } from '../../domain/period';
import { validateOrdersCount, validateReviewCount } from '../../domain/review-import';
import { PLATFORMS, primaryPlatform } from '../../domain/review-links';
import type { AppEnv } from '../../env';
import { AppError, badRequest } from '../../errors';
import { fill } from '../../i18n';
import { reviewMessages } from '../../i18n/reviews';
import { importOrders, importReviews, type ImportReport } from '../../services/review-import';
import { buildReport, resolveScope, type SupportIndexReport } from '../../services/support-index';
import { readJson } from './json';
import { apiApp, createRoute, routeDoc } from './openapi';

/** The Support Index as JSON, and the reviews and orders a CRM records. */
export const metricsApi = apiApp();

const DENOMINATOR_CHOICES = ['cards', 'orders'] as const;

export const supportIndexQuerySchema = z.object({
  from: z.string().describe('First day, YYYY-MM-DD (with `to`; default: the last 30 days)').optional(),
  to: z.string().describe('Last day, YYYY-MM-DD, included').optional(),
  location: z.string().describe('A location slug; all locations when omitted').optional(),
  batch: z.string().describe('A batch id; implies its location').optional(),
  denominator: z
    .enum(DENOMINATOR_CHOICES, { error: 'denominator must be cards or orders' })
    .describe(
      "Customers served: cards handed out, or the orders counts entered (then only the days that have one count, for every share). Default: the owner's setting",
    )
    .optional(),
});

const DENOMINATORS = { cards: 'cardsHandedOut', orders: 'ordersCount' } as const satisfies Record<
  (typeof DENOMINATOR_CHOICES)[number],
  string
>;

/** A field's problems read `<field>: <what is wrong>`, as this API has always written them. */
const defaultMessage = (issue: z.core.$ZodRawIssue) => {
  const message = z.config().localeError?.(issue);
  return typeof message === 'string' ? message : (message?.message ?? 'invalid value');
};
const about = (field: string) => ({ error: (issue: z.core.$ZodRawIssue) => `${field}: ${defaultMessage(issue)}` });

export const reviewCountRequestSchema = z.object({
  location: z.string(about('location')).min(1, about('location')).max(60, about('location')).describe('Location slug'),
  date: z.string(about('date')).describe('The day, or the last day of a period: YYYY-MM-DD'),
  from: z.string(about('from')).describe('First day of a period; the count is attributed to `date`').optional(),
  positive: z
    .number(about('positive'))
    .int(about('positive'))
    .min(0, about('positive'))
    .describe('New 4-5 star reviews'),
  total: z.number(about('total')).int(about('total')).min(0, about('total')).describe('All new reviews').optional(),
  averageRating: z
    .number(about('averageRating'))
    .min(1, about('averageRating'))
    .max(5, about('averageRating'))
    .optional(),
  platform: z
    .enum(PLATFORMS, about('platform'))
    .describe(
      "Where the reviews were left; the location's primary platform when omitted. Reviews that arrive by themselves overlap a count of the same location, days and platform",
    )
    .optional(),
});

export const ordersCountRequestSchema = z.object({
  location: z.string(about('location')).min(1, about('location')).max(60, about('location')),
  date: z.string(about('date')).describe('YYYY-MM-DD'),
  count: z
    .number(about('count'))
    .int(about('count'))
    .min(0, about('count'))
    .describe('Orders served that day; replaces an earlier figure'),
});

/** The JSON shape of a report: shares as fractions 0..1, null where the denominator is zero. */
export function reportJson(report: SupportIndexReport, location: string | null, batch: string | null) {
  const c = report.current;
  return {
    from: report.period.from,
    to: report.period.to,
    location,
    batch,
    customersServedSource: report.mode,
    customersServed: c.customersServed,
    cardsHandedOut: c.cardsHandedOut,
    ordersCount: c.ordersCount,
    ordersDays: c.ordersDays,
    reviewScans: c.reviewScans,
    reviewScansHuman: c.reviewScansHuman,
    uniqueReviewCards: c.uniqueReviewCards,
    reviewScanRate: c.reviewScanRate,
    positiveReviews: c.positiveReviews,
    positiveReviewsEstimated: report.positivesEstimated,
    // The numerators of the shares: in orders mode only the days that have an orders count.
    countedPositiveReviews: c.countedPositiveReviews,
    countedComplaints: c.countedComplaints,
    supportIndex: c.supportIndex,
    supportIndexLow: c.supportIndexLow,
    supportIndexHigh: c.supportIndexHigh,
    smallSample: c.smallSample,
    complaintScans: c.complaintScans,
    complaintScansHuman: c.complaintScansHuman,
    uniqueComplaintCards: c.uniqueComplaintCards,
    complaints: c.complaints,
    complaintRate: c.complaintRate,
    netSupport: c.netSupport,
    coverage: report.coverage,
    timeZone: report.timeZone,
    byReason: report.byReason.map((r) => ({ reason: r.reason, count: r.count, top: r.top, catchAll: r.catchAll })),
    openComplaints: report.openComplaints.count,
    medianFirstResponseMinutes:
      report.medianFirstResponseMs === null ? null : Math.round(report.medianFirstResponseMs / 6000) / 10,
    previous: {
      from: report.previous.from,
      to: report.previous.to,
      supportIndex: report.prior.supportIndex,
      complaintRate: report.prior.complaintRate,
      netSupport: report.prior.netSupport,
    },
    change: report.change,
  };
}

const supportIndexRoute = createRoute({
  method: 'get',
  path: '/support-index',
  request: { query: supportIndexQuerySchema },
  ...routeDoc({
    permission: 'dashboard',
    summary: 'The Support Index and its companions for a period',
    description:
      "Shares are fractions from 0 to 1, null where the denominator is zero. Unique review cards are the cards whose first human review scan falls in the period. Days are Moscow time (UTC+3). With the orders count as customers served, every share uses only the days that have an orders count (`coverage`: days counted of the period's days). A change is `significant` when a two-proportion test puts it beyond chance at 95 %.",
    example: {
      from: '2026-03-01',
      to: '2026-03-31',
      location: 'demo',
      batch: null,
      customersServedSource: 'cardsHandedOut',
      customersServed: 1200,
      cardsHandedOut: 1200,
      reviewScans: 140,
      reviewScansHuman: 131,
      uniqueReviewCards: 118,
      reviewScanRate: 0.0983,
      positiveReviews: 84,
      supportIndex: 0.07,
      supportIndexLow: 0.0569,
      supportIndexHigh: 0.0858,
      smallSample: false,
      complaintScans: 41,
      complaints: 33,
      complaintRate: 0.0275,
      netSupport: 0.0425,
      byReason: [{ reason: 'Опоздали с доставкой', count: 14 }],
      openComplaints: 2,
      medianFirstResponseMinutes: 38.5,
      previous: { from: '2026-02-01', to: '2026-02-28', supportIndex: 0.064, complaintRate: 0.031, netSupport: 0.033 },
      change: {
        supportIndex: 0.006,
        complaintRate: -0.0035,
        netSupport: 0.0095,
        significant: { supportIndex: false, complaintRate: false, netSupport: false },
      },
    },
  }),
});

metricsApi.openapi(supportIndexRoute, async (c) => {
  const { from, to, denominator, location, batch } = c.req.valid('query');
  const resolved = await resolveScope(c.env.DB, location ?? '', batch ?? '');
  let period: Period;
  if (from === undefined && to === undefined) {
    const today = dayOf(Date.now(), resolved.timeZone);
    period = { kind: '30d', from: addDays(today, -29), to: today };
  } else {
    const range = customRange(from ?? '', to ?? '');
    if ('error' in range) {
      const field = range.error === 'to' ? 'to' : 'from';
      const why = {
        from: 'from must be a date YYYY-MM-DD',
        to: 'to must be a date YYYY-MM-DD',
        order: 'from must not be after to',
        tooLong: 'the range may be at most 732 days',
        month: '',
      }[range.error];
      throw badRequest(why, field);
    }
    period = { kind: 'custom', ...range };
  }
  const report = await buildReport(c.env.DB, {
    period,
    scope: resolved.scope,
    granularity: defaultGranularity(period),
    withTables: false,
    timeZone: resolved.timeZone,
    denominator: denominator === undefined ? undefined : DENOMINATORS[denominator],
  });
  return c.json(reportJson(report, resolved.location?.slug ?? null, resolved.batch?.id ?? null));
});

/** Import answers: rejected rows carry an English message; nothing is stored if any row is invalid. */
function importResponse(c: Context<AppEnv>, report: ImportReport) {
  const en = reviewMessages.en.errors;
  const rejected = report.rejected.map((r) => ({
    line: r.line,
    field: r.field,
    reason: r.code === 'duplicate' ? 'duplicate' : r.code === 'countedByHand' ? 'countedByHand' : 'invalid',
    error:
      fill(en[r.code as keyof typeof en] ?? r.code, { field: r.field }) +
      (r.duplicateOf ? ` (repeats line ${r.duplicateOf})` : ''),
  }));
  if (report.overlaps) {
    const overlaps = report.overlaps.map((o) => ({
      id: o.id,
      location: o.locationName,
      from: o.from,
      date: o.day,
      positive: o.positive,
    }));
    const error =
      "nothing was stored: some days of this file already have a count entered by hand; send it again with ?overlap=replace (the file replaces those counts) or ?overlap=keep (the counts stay, the file's reviews of those days are skipped)";
    return c.json({ error, field: 'overlap', stored: [], rejected, overlaps }, 409);
  }
  if (!report.ok)
    return c.json(
      { error: 'nothing was stored: fix the rejected rows and send the file again', stored: [], rejected },
      422,
    );
  return c.json({ stored: report.stored, rejected }, report.stored.length > 0 ? 201 : 200);
}

async function readCsvBody(c: Context<AppEnv>): Promise<string> {
  const text = decodeCsvBytes(new Uint8Array(await c.req.arrayBuffer()));
  if (text === null)
    throw badRequest(
      'the CSV is neither UTF-8 nor Windows-1251 text: save it as CSV (UTF-8) and send it again',
      'body',
    );
  if (text.trim() === '') throw badRequest('the CSV body is empty', 'body');
  return text;
}

const isCsv = (c: Context<AppEnv>) => (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv');

/** A JSON object read as `readJson` does, unless the body is a CSV file, which the handler reads itself. */
const jsonUnlessCsv: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isCsv(c)) await readJson(c);
  await next();
};

/** JSON validated by `schema`, or a CSV file. */
const jsonOrCsvBody = <S extends z.ZodType>(schema: S) => ({
  required: false,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string().describe('A CSV file, one row per record') },
  },
});

/** The validated JSON body (a CSV body never reaches here: its branch answers first). */
function jsonOf<T extends object>(body: T | string): T {
  if (typeof body === 'string') throw badRequest('the body must be a JSON object', 'body');
  return body;
}

function jsonOrCsvRoute(doc: Parameters<typeof routeDoc>[0]) {
  const described = routeDoc(doc);
  return { ...described, middleware: [...(described.middleware as MiddlewareHandler<AppEnv>[]), jsonUnlessCsv] };
}

async function activeLocation(db: D1Database, slug: string) {
  const location = await getLocationBySlug(db, slug);
  if (!location || location.archivedAt !== null) throw new AppError(422, `no location with slug "${slug}"`, 'location');
  return location;
}

const reviewsRoute = createRoute({
  method: 'post',
  path: '/reviews',
  request: { body: jsonOrCsvBody(reviewCountRequestSchema) },
  ...jsonOrCsvRoute({
    permission: 'reviews',
    status: 201,
    summary: 'Record positive reviews: a count for a day or period, or a CSV of reviews',
    description:
      'JSON records one count. With `Content-Type: text/csv` (and `?location=<slug>` for rows without a location column) each row is one review: date, rating, platform, author, text, location (slug or name); headers may use common Russian or English names (Дата отзыва, Оценка, Звёзды, Точка…). Any invalid row: 422 and nothing stored. Duplicates are skipped and listed. Reviews on days that already have a count entered by hand: 409 and nothing stored, unless `?overlap=replace` (the file replaces those counts) or `?overlap=keep` (the rows of those days are skipped and listed).',
    example: {
      stored: [{ line: 2, location: 'demo', date: '2026-03-01', rating: 5, platform: 'yandex_maps' }],
      rejected: [{ line: 3, field: 'row', reason: 'duplicate', error: 'This review is already stored.' }],
    },
  }),
});

metricsApi.openapi(reviewsRoute, async (c) => {
  const actor = c.get('actor')!.label;
  if (isCsv(c)) {
    const overlap = c.req.query('overlap') ?? '';
    if (overlap !== '' && overlap !== 'replace' && overlap !== 'keep')
      throw badRequest('overlap must be replace or keep', 'overlap');
    return importResponse(
      c,
      await importReviews(
        c.env.DB,
        await readCsvBody(c),
        c.req.query('location') ?? null,
        actor,
        Date.now(),
        overlap === '' ? null : overlap,
      ),
    );
  }
  const parsed = { data: jsonOf(c.req.valid('json')) };
  const checked = validateReviewCount(parsed.data);
  if (!checked.ok)
    throw badRequest(
      reviewMessages.en.errors[checked.code as keyof typeof reviewMessages.en.errors] ?? checked.code,
      checked.field,
    );
  const location = await activeLocation(c.env.DB, parsed.data.location);
  const platform = parsed.data.platform ?? primaryPlatform(location.reviewLinks);
  const id = await insertReviewCount(c.env.DB, location.id, checked.value, actor, Date.now(), platform);
  const v = checked.value;
  return c.json(
    {
      stored: [
        {
          id,
          location: location.slug,
          from: v.from ?? v.day,
          date: v.day,
          positive: v.positive,
          total: v.total,
          averageRating: v.averageRating,
          platform,
        },
      ],
      rejected: [],
    },
    201,
  );
});

const ordersRoute = createRoute({
  method: 'post',
  path: '/orders',
  request: { body: jsonOrCsvBody(ordersCountRequestSchema) },
  ...jsonOrCsvRoute({
    permission: 'reviews',
    status: 201,
    summary: 'Record orders served per day (JSON for one day, or CSV: date, count, location)',
    example: { stored: [{ location: 'demo', date: '2026-03-01', count: 48 }], rejected: [] },
  }),
});

metricsApi.openapi(ordersRoute, async (c) => {
  const actor = c.get('actor')!.label;
  if (isCsv(c))
    return importResponse(
      c,
      await importOrders(c.env.DB, await readCsvBody(c), c.req.query('location') ?? null, actor, Date.now()),
    );
  const parsed = { data: jsonOf(c.req.valid('json')) };
  const checked = validateOrdersCount(parsed.data);
  if (!checked.ok)
    throw badRequest(
      reviewMessages.en.errors[checked.code as keyof typeof reviewMessages.en.errors] ?? checked.code,
      checked.field,
    );
  const location = await activeLocation(c.env.DB, parsed.data.location);
  await upsertOrdersCounts(
    c.env.DB,
    [{ locationId: location.id, day: checked.day, count: checked.count }],
    actor,
    Date.now(),
  );
  return c.json({ stored: [{ location: location.slug, date: checked.day, count: checked.count }], rejected: [] }, 201);
});
