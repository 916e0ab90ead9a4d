import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getLocationBySlug, listLocations, ownerTimeZone } from '../../db/locations';
import {
  deleteReviewCount,
  insertReviewCount,
  listOrdersCounts,
  listReviewCounts,
  upsertOrdersCounts,
} from '../../db/reviews';
import { ignoredMailsSince, listPendingMails } from '../../db/review-mails';
import { lastReceivedBySource, letCountStand, listCountOverlaps } from '../../db/reviews';
import { getGoogleState } from '../../db/google';
import { can } from '../../auth/roles';
import { getCustomersServedMode, setCustomersServedMode } from '../../db/support-index';
import { decodeCsvBytes, toCsv } from '../../domain/csv';
import { addDays, dayOf } from '../../domain/period';
import { validateOrdersCount, validateReviewCount } from '../../domain/review-import';
import { PLATFORMS, primaryPlatform } from '../../domain/review-links';
import type { AppEnv } from '../../env';
import { AppError, badRequest, notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import { importOrders, importReviews } from '../../services/review-import';
import { confirmReviewMail } from '../../services/review-mail';
import type { IncomingReviewsProps } from '../../views/review-inbox';
import { ReviewsPage, type ReviewsPageProps } from '../../views/reviews';

/** Where the owner records positive reviews and orders counts, by hand or from CSV. */
export const reviewRoutes = new Hono<AppEnv>();
reviewRoutes.use('*', requirePermission('reviews'));

const CURRENT = '/admin/reviews';

type Incoming = Pick<IncomingReviewsProps, 'asked' | 'failed'>;

async function showPage(
  c: Context<AppEnv>,
  extra: Pick<ReviewsPageProps, 'notice' | 'failed'>,
  status: 200 | 400 | 409 = 200,
  incoming: Incoming = {},
) {
  const now = Date.now();
  // The owner's days: "today" on the forms and the last 30 days of mails that were not reviews.
  const zone = await ownerTimeZone(c.env.DB);
  const [locations, mode, counts, orders, pending, lastReceived, ignoredMails, google, overlaps] = await Promise.all([
    listLocations(c.env.DB),
    getCustomersServedMode(c.env.DB),
    listReviewCounts(c.env.DB),
    listOrdersCounts(c.env.DB),
    listPendingMails(c.env.DB),
    lastReceivedBySource(c.env.DB),
    ignoredMailsSince(c.env.DB, addDays(dayOf(now, zone), -29)),
    can(c.get('actor')!.role, 'settings') ? getGoogleState(c.env.DB) : null,
    listCountOverlaps(c.env.DB),
  ]);
  const m = messages(c.get('locale')).reviews;
  c.status(status);
  return c.render(
    <ReviewsPage
      locale={c.get('locale')}
      locations={locations.filter((l) => l.archivedAt === null).map((l) => ({ slug: l.slug, name: l.name }))}
      mode={mode}
      counts={counts}
      orders={orders}
      today={dayOf(now, zone)}
      incoming={{
        pending,
        lastReceived,
        ignoredMails,
        now,
        overlaps,
        google: google ? { connected: google.refreshToken !== '', lastError: google.lastError } : undefined,
        ...incoming,
      }}
      {...extra}
    />,
    { title: m.title, current: CURRENT },
  );
}

async function formFields(c: Context<AppEnv>): Promise<{ values: Record<string, string>; file: File | null }> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, 600_000);
  return { values, file: body.file instanceof File && body.file.size > 0 ? body.file : null };
}

async function uploadText(file: File | null, pasted: string): Promise<string | null> {
  return file ? decodeCsvBytes(new Uint8Array(await file.arrayBuffer())) : pasted;
}

reviewRoutes.get('/', (c) => {
  const m = messages(c.get('locale')).reviews;
  const q = c.req.query();
  const notice =
    q.saved === 'count'
      ? m.count.saved
      : q.saved === 'deleted'
        ? m.count.deleted
        : q.saved === 'mode'
          ? m.customers.saved
          : q.saved === 'orders'
            ? m.orders.saved
            : q.imported !== undefined
              ? fill(m.import.done, { stored: Number(q.imported) || 0, duplicates: Number(q.duplicates) || 0 }) +
                (q.lines ? ' ' + fill(m.import.duplicateLines, { lines: q.lines.slice(0, 300) }) : '') +
                (Number(q.byHand) > 0 ? ' ' + fill(m.import.keptByHand, { n: Number(q.byHand) }) : '')
              : q.ordersImported !== undefined
                ? fill(m.orders.done, { stored: Number(q.ordersImported) || 0 })
                : q.saved === 'confirmed'
                  ? messages(c.get('locale')).reviewInbox.pending.confirmed
                  : q.saved === 'dismissed'
                    ? messages(c.get('locale')).reviewInbox.pending.dismissed
                    : q.saved === 'keptForm'
                      ? messages(c.get('locale')).reviewInbox.overlaps.keptForm
                      : q.saved === 'keptIngested'
                        ? messages(c.get('locale')).reviewInbox.overlaps.keptIngested
                        : undefined;
  // A Telegram button opens the page on its review; the verdict is still one tap (a POST) here.
  return showPage(c, { notice }, 200, { asked: q.confirm?.slice(0, 40) });
});

reviewRoutes.post('/count', async (c) => {
  const { values } = await formFields(c);
  const location = values.location ? await getLocationBySlug(c.env.DB, values.location) : null;
  const checked = validateReviewCount(values);
  const errors: Record<string, string> = {};
  if (!location || location.archivedAt !== null) errors.location = 'location';
  if (!checked.ok) errors[checked.field] = checked.code;
  // Empty: the location's primary platform (none when it has no review link).
  const platform = values.platform
    ? (PLATFORMS as readonly string[]).includes(values.platform)
      ? values.platform
      : undefined
    : location
      ? primaryPlatform(location.reviewLinks)
      : null;
  if (platform === undefined) errors.platform = 'platform';
  if (!location || !checked.ok || errors.location || platform === undefined)
    return showPage(c, { failed: { form: 'count', values, errors } }, 400);
  await insertReviewCount(c.env.DB, location.id, checked.value, c.get('actor')!.label, Date.now(), platform);
  return c.redirect(`${CURRENT}?saved=count`, 303);
});

reviewRoutes.post('/count/:id/delete', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || !(await deleteReviewCount(c.env.DB, id))) throw notFound('no such entry');
  return c.redirect(`${CURRENT}?saved=deleted`, 303);
});

reviewRoutes.post('/import', async (c) => {
  const { values, file } = await formFields(c);
  const text = await uploadText(file, values.csv ?? '');
  const keep = { location: values.location ?? '', csv: file ? '' : (values.csv ?? '') };
  if (text === null)
    return showPage(c, { failed: { form: 'import', values: keep, errors: { file: 'encoding' } } }, 400);
  if (text.trim() === '')
    return showPage(c, { failed: { form: 'import', values: keep, errors: { file: 'noFile' } } }, 400);
  const overlap = values.overlap === 'replace' || values.overlap === 'keep' ? values.overlap : null;
  const report = await importReviews(
    c.env.DB,
    text,
    values.location || null,
    c.get('actor')!.label,
    Date.now(),
    overlap,
  );
  // The choice form carries the file's text back, so the owner does not pick the file again.
  if (report.overlaps)
    return showPage(c, { failed: { form: 'import', values: { ...keep, csv: text }, errors: {}, report } }, 409);
  if (!report.ok) return showPage(c, { failed: { form: 'import', values: keep, errors: {}, report } }, 400);
  const duplicates = report.rejected.filter((r) => r.code === 'duplicate');
  const byHand = report.rejected.length - duplicates.length;
  const lines = duplicates
    .map((r) => r.line)
    .slice(0, 50)
    .join(', ');
  return c.redirect(
    `${CURRENT}?imported=${report.stored.length}&duplicates=${duplicates.length}${byHand ? `&byHand=${byHand}` : ''}${lines ? `&lines=${encodeURIComponent(lines)}` : ''}`,
    303,
  );
});

/** A file to start from: the Excel form the import reads, with the owner's first location. */
reviewRoutes.get('/sample.csv', async (c) => {
  const kind = c.req.query('kind') ?? 'reviews';
  if (kind !== 'reviews' && kind !== 'orders') throw badRequest('kind must be reviews or orders', 'kind');
  const location = (await listLocations(c.env.DB)).find((l) => l.archivedAt === null)?.name ?? 'Пекарня на Ленина';
  const rows =
    kind === 'reviews'
      ? [
          ['Дата отзыва', 'Оценка', 'Площадка', 'Автор', 'Текст', 'Точка'],
          ['01.03.2026', '5', 'Яндекс Карты', 'Анна', 'Всё быстро, спасибо!', location],
          ['02.03.2026', '4', '2ГИС', '', '', location],
        ]
      : [
          ['Дата', 'Кол-во заказов', 'Точка'],
          ['01.03.2026', '48', location],
          ['02.03.2026', '52', location],
        ];
  return c.body('\uFEFF' + toCsv(rows, { separator: ';' }), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${kind}-sample.csv"`,
    'cache-control': 'private, no-store',
  });
});

reviewRoutes.post('/orders', async (c) => {
  const { values } = await formFields(c);
  const location = values.location ? await getLocationBySlug(c.env.DB, values.location) : null;
  const checked = validateOrdersCount(values);
  const errors: Record<string, string> = {};
  if (!location || location.archivedAt !== null) errors.location = 'location';
  if (!checked.ok) errors[checked.field] = checked.code;
  if (!location || !checked.ok || errors.location)
    return showPage(c, { failed: { form: 'orders', values, errors } }, 400);
  await upsertOrdersCounts(
    c.env.DB,
    [{ locationId: location.id, day: checked.day, count: checked.count }],
    c.get('actor')!.label,
    Date.now(),
  );
  return c.redirect(`${CURRENT}?saved=orders`, 303);
});

reviewRoutes.post('/orders/import', async (c) => {
  const { values, file } = await formFields(c);
  const text = await uploadText(file, values.csv ?? '');
  const keep = { location: values.location ?? '', csv: file ? '' : (values.csv ?? '') };
  if (text === null)
    return showPage(c, { failed: { form: 'ordersImport', values: keep, errors: { file: 'encoding' } } }, 400);
  if (text.trim() === '')
    return showPage(c, { failed: { form: 'ordersImport', values: keep, errors: { file: 'noFile' } } }, 400);
  const report = await importOrders(c.env.DB, text, values.location || null, c.get('actor')!.label, Date.now());
  if (!report.ok) return showPage(c, { failed: { form: 'ordersImport', values: keep, errors: {}, report } }, 400);
  return c.redirect(`${CURRENT}?ordersImported=${report.stored.length}`, 303);
});

reviewRoutes.post('/mode', async (c) => {
  const { values } = await formFields(c);
  if (values.mode !== 'cardsHandedOut' && values.mode !== 'ordersCount') {
    return showPage(c, { failed: { form: 'mode', values, errors: { mode: 'mode' } } }, 400);
  }
  await setCustomersServedMode(c.env.DB, values.mode, Date.now());
  return c.redirect(`${CURRENT}?saved=mode`, 303);
});

reviewRoutes.post('/pending/:id', async (c) => {
  const { values } = await formFields(c);
  const verdict = values.verdict;
  if (verdict !== 'positive' && verdict !== 'negative' && verdict !== 'not_review') return showPage(c, {}, 400);
  const id = c.req.param('id');
  try {
    await confirmReviewMail(c.env.DB, id, verdict, values.location || null, c.get('actor')!.label, Date.now());
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 404) throw error;
    if (error.status === 409) return showPage(c, { notice: messages(c.get('locale')).reviewInbox.errors.gone }, 409);
    return showPage(c, {}, 400, { failed: { id, error: 'location' } });
  }
  return c.redirect(`${CURRENT}?saved=${verdict === 'not_review' ? 'dismissed' : 'confirmed'}#pending`, 303);
});

/** One review counted once: the owner picks the quick-form count or the reviews that arrived. */
reviewRoutes.post('/count/:id/stand', async (c) => {
  const id = Number(c.req.param('id'));
  const { values } = await formFields(c);
  if (values.keep !== 'form' && values.keep !== 'ingested') return showPage(c, {}, 400);
  if (!Number.isInteger(id)) throw notFound('no such entry');
  const done = values.keep === 'form' ? await letCountStand(c.env.DB, id) : await deleteReviewCount(c.env.DB, id);
  if (!done) throw notFound('no such entry');
  return c.redirect(`${CURRENT}?saved=${values.keep === 'form' ? 'keptForm' : 'keptIngested'}`, 303);
});
