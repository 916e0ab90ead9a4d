import { Hono, type Context } from 'hono';
import { DEFAULT_TEMPLATE_ID, getTemplate, TEMPLATES } from '../../pdf/templates';
import { requirePermission } from '../../auth/middleware';
import { listBatches } from '../../db/batches';
import { getLocationBySlug, listLocations } from '../../db/locations';
import {
  batchRequestSchema,
  MAX_CARDS_PER_BATCH,
  MAX_ORDER_REF_LENGTH,
  parseOrderLines,
} from '../../domain/batch-request';
import { lastPrintLocation, rememberPrintLocation } from '../../db/print-choices';
import type { AppEnv } from '../../env';
import { AppError, notFound } from '../../errors';
import { markHandedOut } from '../../services/hand-out';
import { batchInputOf, createBatch, publicOrigin, renderStoredBatch } from '../../services/printing';
import {
  PreviewBlock,
  PrintPage,
  type PrintErrorDetails,
  type PrintFieldError,
  type PrintFormValues,
  type PrintPreview,
} from '../../views/print';
import { loadDesignInput, previewPdf, previewSvg, textFit } from '../../services/card-design';
import { CARD_FORMATS, type CardFormat } from '../../domain/postcard-layout';
import type { LocationWithLinks } from '../../domain/locations';
import { PREVIEW_SCRIPT } from '../../views/print-preview-script';
import { pdfResponse } from '../api/batches';
import { batchVoidingRoutes, justVoidedFromQuery, showBatch } from './batch-voiding';
import { messages } from '../../i18n';
import { renderFragment } from '../../views/renderer';

export const printRoutes = new Hono<AppEnv>();
printRoutes.use('*', requirePermission('print'));

const CURRENT = '/admin/print';

/** The sample card for a choice on the form; null when the location is unknown. */
async function buildPreview(
  c: Context<AppEnv>,
  values: Pick<PrintFormValues, 'location' | 'template' | 'format'>,
  locations?: LocationWithLinks[],
): Promise<PrintPreview | null> {
  const all = locations ?? (await listLocations(c.env.DB));
  const usable = all.filter((l) => l.archivedAt === null);
  const location = usable.find((l) => l.slug === values.location) ?? usable[0];
  if (!location) return null;
  const templateId = getTemplate(values.template) ? values.template : DEFAULT_TEMPLATE_ID;
  const format = (CARD_FORMATS as readonly string[]).includes(values.format) ? (values.format as CardFormat) : 'a4-4up';
  const origin = publicOrigin(c.env, c.req.url) ?? 'https://q.example.ru';
  const input = await loadDesignInput(c.env.DB, location, format, templateId);
  const title = `${location.name} · ${getTemplate(templateId)!.name[c.get('locale')]} · ${format}`;
  const svg = previewSvg(input, origin, title);
  const query = new URLSearchParams({ location: location.slug, template: templateId, format });
  return { ...svg, problems: textFit(input, origin), pdfHref: `/admin/print/preview.pdf?${query}` };
}

/** The line (from 1) of the box on which the `index`-th non-empty order stands. */
function orderLineOf(text: string, index: number): number {
  let seen = -1;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) if (lines[i]!.trim() !== '' && ++seen === index) return i + 1;
  return index + 1;
}

async function showForm(
  c: Context<AppEnv>,
  values: PrintFormValues,
  errors: Partial<Record<keyof PrintFormValues, PrintFieldError>>,
  status: 200 | 400 | 503 = 200,
  errorDetails: PrintErrorDetails = {},
) {
  const t = messages(c.get('locale'));
  const [locations, batches] = await Promise.all([listLocations(c.env.DB), listBatches(c.env.DB, 20)]);
  const preview = await buildPreview(c, values, locations);
  c.status(status);
  return c.render(
    <PrintPage
      locale={c.get('locale')}
      locations={locations}
      templates={TEMPLATES}
      values={values}
      errors={errors}
      errorDetails={errorDetails}
      batches={batches}
      unavailable={publicOrigin(c.env, c.req.url) === null}
      preview={preview}
    />,
    { title: t.admin.print.title, current: CURRENT },
  );
}

const previewValues = (c: Context<AppEnv>) => ({
  location: c.req.query('location') ?? '',
  template: c.req.query('template') ?? '',
  format: c.req.query('format') ?? '',
});

/** The preview block alone, for the page's script (the page works without it). */
printRoutes.get('/preview', async (c) => {
  const preview = await buildPreview(c, previewValues(c));
  if (!preview) throw notFound('no such location');
  return renderFragment(c, <PreviewBlock preview={preview} />);
});

printRoutes.get('/preview.pdf', async (c) => {
  const values = previewValues(c);
  const location = await getLocationBySlug(c.env.DB, values.location);
  if (!location || location.archivedAt !== null) throw notFound('no such location');
  const templateId = getTemplate(values.template) ? values.template : DEFAULT_TEMPLATE_ID;
  const format = (CARD_FORMATS as readonly string[]).includes(values.format) ? (values.format as CardFormat) : 'a4-4up';
  const pdf = await previewPdf(
    await loadDesignInput(c.env.DB, location, format, templateId),
    publicOrigin(c.env, c.req.url) ?? 'https://q.example.ru',
  );
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="preview.pdf"',
      'cache-control': 'private, no-store',
    },
  });
});

printRoutes.get('/preview.js', (c) => {
  c.header('content-type', 'text/javascript; charset=utf-8');
  c.header('cache-control', 'private, max-age=300');
  return c.body(PREVIEW_SCRIPT);
});

printRoutes.get('/', async (c) => {
  // The location asked for, else the one this person printed for last, else the first.
  const actor = c.get('actor')!;
  const location =
    c.req.query('location') || (actor.kind === 'user' ? await lastPrintLocation(c.env.DB, actor.id) : null) || '';
  return showForm(
    c,
    {
      location,
      template: DEFAULT_TEMPLATE_ID,
      format: 'a4-4up',
      count: '20',
      orders: '',
      handOutFrom: '',
      handOutTo: '',
    },
    {},
  );
});

printRoutes.post('/', async (c) => {
  const body = await c.req.parseBody();
  const field = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const values: PrintFormValues = {
    location: field('location'),
    template: field('template'),
    format: field('format'),
    count: field('count').trim(),
    orders: field('orders').slice(0, 60_000),
    handOutFrom: field('handOutFrom').trim(),
    handOutTo: field('handOutTo').trim(),
  };
  const orders = parseOrderLines(values.orders);
  // Too many refs or one too long: said with the figure or the line, before anything else.
  const tooLong = orders.findIndex((o) => (typeof o === 'string' ? o : o.ref).length > MAX_ORDER_REF_LENGTH);
  if (orders.length > MAX_CARDS_PER_BATCH)
    return showForm(c, values, { orders: 'ordersTooMany' }, 400, { orders: { count: orders.length } });
  if (tooLong >= 0)
    return showForm(c, values, { orders: 'orderTooLong' }, 400, {
      orders: { line: orderLineOf(values.orders, tooLong) },
    });
  // Empty dates: the location's usual window from today. One date given: a window of that day.
  const handOut =
    values.handOutFrom || values.handOutTo
      ? { from: values.handOutFrom || values.handOutTo, to: values.handOutTo || values.handOutFrom }
      : undefined;
  const parsed = batchRequestSchema.safeParse({
    location: values.location,
    template: values.template || undefined,
    format: values.format || undefined,
    // With order refs the count follows them: the field's default must not stand in the way.
    count:
      orders.length > 0
        ? undefined
        : values.count === ''
          ? undefined
          : /^\d+$/.test(values.count)
            ? Number(values.count)
            : NaN,
    orders: orders.length > 0 ? orders : undefined,
    handOut: orders.length > 0 ? undefined : handOut,
  });
  const errors: Partial<Record<keyof PrintFormValues, PrintFieldError>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path.map(String);
      if (first === 'handOut') errors[second === 'to' ? 'handOutTo' : 'handOutFrom'] ??= 'handOut';
      else {
        const key = String(first ?? 'count') as keyof PrintFormValues;
        errors[key] ??= key in values ? (key as PrintFieldError) : 'count';
      }
    }
    return showForm(c, values, errors, 400);
  }
  const request = parsed.data;
  const location = await getLocationBySlug(c.env.DB, request.location);
  const templateId = request.template ?? DEFAULT_TEMPLATE_ID;
  if (!location || location.archivedAt !== null) errors.location = 'location';
  else if (location.reviewLinks.length === 0) errors.location = 'noLink';
  if (!getTemplate(templateId)) errors.template = 'template';
  if (!location || Object.keys(errors).length > 0) return showForm(c, values, errors, 400);
  // No trustworthy origin for the QR codes: the form stays filled in and nothing is stored.
  const origin = publicOrigin(c.env, c.req.url);
  if (origin === null) return showForm(c, values, {}, 503);
  // A text that would print cut: the preview shows which, and nothing is stored.
  if (textFit(await loadDesignInput(c.env.DB, location, request.format, templateId), origin).length > 0) {
    return showForm(c, values, { template: 'cut' }, 400);
  }

  let batch;
  try {
    batch = await createBatch(
      c.env.DB,
      origin,
      batchInputOf(request, location, templateId, c.get('actor')!.label),
      Date.now(),
    );
  } catch (error) {
    // A window or an order date the location cannot use: said on the field, the form kept.
    if (error instanceof AppError && error.status === 400 && error.field?.startsWith('handOut')) {
      return showForm(c, values, { [error.field === 'handOut.to' ? 'handOutTo' : 'handOutFrom']: 'handOutRange' }, 400);
    }
    if (error instanceof AppError && error.status === 400 && error.field === 'orders')
      return showForm(c, values, { orders: 'orderDate' }, 400);
    throw error;
  }
  const actor = c.get('actor')!;
  if (actor.kind === 'user') await rememberPrintLocation(c.env.DB, actor.id, location.id, Date.now());
  return c.redirect(`/admin/print/batches/${batch.id}?created=1`, 303);
});

printRoutes.get('/batches/:id', (c) =>
  showBatch(c, c.req.param('id'), {
    justCreated: c.req.query('created') === '1',
    justVoided: justVoidedFromQuery(c.req.query('voided')),
    justHandedOut: c.req.query('handedOut') === '1',
  }),
);
printRoutes.route('/', batchVoidingRoutes);

printRoutes.post('/batches/:id/handed-out', async (c) => {
  const batch = await markHandedOut(c.env.DB, c.req.param('id'), c.get('actor')!.label, Date.now());
  return c.redirect(`/admin/print/batches/${batch.id}?handedOut=1`, 303);
});

printRoutes.get('/batches/:id/pdf', async (c) => {
  const origin = publicOrigin(c.env, c.req.url);
  if (origin === null) throw new AppError(503, messages(c.get('locale')).admin.print.noPublicOrigin);
  const rendered = await renderStoredBatch(c.env.DB, origin, c.req.param('id'));
  if (!rendered) throw notFound('no such batch');
  return pdfResponse(rendered.pdf, rendered.batch.id);
});
