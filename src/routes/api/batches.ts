import { getTemplate, DEFAULT_TEMPLATE_ID } from '../../pdf/templates';
import { getLocationBySlug } from '../../db/locations';
import { batchRequestSchema } from '../../domain/batch-request';
import { AppError } from '../../errors';
import { batchInputOf, createBatch, printingOrigin, renderStoredBatch } from '../../services/printing';
import { loadDesignInput, refuseCutTexts } from '../../services/card-design';
import { markHandedOut } from '../../services/hand-out';
import { apiApp, createRoute, jsonBody, pathParams, routeDoc } from './openapi';

export const batchesApi = apiApp();

const createBatchRoute = createRoute({
  method: 'post',
  path: '/',
  request: { body: jsonBody(batchRequestSchema) },
  ...routeDoc({
    permission: 'print',
    body: 'json',
    status: 201,
    summary: 'Create a batch of postcards',
    description:
      'With `orders`, one card per order (the count may be omitted); an order may be a plain ref or `{"ref", "date"}`, and its card counts as a customer served on that date (plain refs: the print day). ' +
      "Without orders, the cards count as customers served evenly over `handOut` (default: the location's `handOutDays` from the print day, in its time zone): N cards over D days give each day floor(N/D), the first N mod D days one more. " +
      'Answers with every card code, the window and the PDF link.',
    example: {
      id: 'b_7K3M9Q',
      pdfUrl: '/api/v1/batches/b_7K3M9Q/pdf',
      handOut: { from: '2026-12-07', to: '2026-12-13' },
      cards: [
        {
          code: '7K3M9Q2XWD',
          reviewUrl: 'HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD',
          complaintUrl: 'HTTPS://Q.EXAMPLE.RU/C/7K3M9Q2XWD',
          order: 'A-1001',
        },
      ],
    },
  }),
});

batchesApi.openapi(createBatchRoute, async (c) => {
  const request = c.req.valid('json');
  const location = await getLocationBySlug(c.env.DB, request.location);
  if (!location || location.archivedAt !== null)
    throw new AppError(422, `no location with slug "${request.location}"`, 'location');
  if (location.reviewLinks.length === 0) throw new AppError(422, 'this location has no review link yet', 'location');
  const templateId = request.template ?? DEFAULT_TEMPLATE_ID;
  if (!getTemplate(templateId)) throw new AppError(422, `unknown template "${templateId}"`, 'template');

  // Refused (503) before anything is stored when no trustworthy origin is configured.
  const origin = printingOrigin(c.env, c.req.url);
  // A text that would print cut is refused (422) before anything is stored.
  refuseCutTexts(await loadDesignInput(c.env.DB, location, request.format, templateId), origin);
  const batch = await createBatch(
    c.env.DB,
    origin,
    batchInputOf(request, location, templateId, c.get('actor')!.label),
    Date.now(),
  );
  return c.json(
    { id: batch.id, pdfUrl: `/api/v1/batches/${batch.id}/pdf`, handOut: batch.handOut, cards: batch.cards },
    201,
  );
});

/** "All handed out": the window ends today and customers served follow (services/hand-out.ts). */
const handedOutRoute = createRoute({
  method: 'post',
  path: '/{id}/handed-out',
  request: { params: pathParams('id') },
  ...routeDoc({
    permission: 'print',
    body: 'optional',
    summary: 'All cards of a batch handed out',
    description:
      "Ends the hand-out window today (in the location's time zone) and spreads the cards over the shorter window, so customers served move to the days they were really served. No body needed. A batch printed for orders answers 409.",
    example: { id: 'b_7K3M9Q', handOut: { from: '2026-12-07', to: '2026-12-09' }, endedAt: 1765280000000 },
  }),
});

batchesApi.openapi(handedOutRoute, async (c) => {
  const batch = await markHandedOut(c.env.DB, c.req.param('id'), c.get('actor')!.label, Date.now());
  return c.json({ id: batch.id, handOut: batch.handOut, endedAt: batch.handOutEndedAt });
});

const pdfRoute = createRoute({
  method: 'get',
  path: '/{id}/pdf',
  request: { params: pathParams('id') },
  ...routeDoc({ permission: 'print', summary: 'The print-ready PDF of a batch', responseType: 'application/pdf' }),
});

batchesApi.openapi(pdfRoute, async (c) => {
  const rendered = await renderStoredBatch(c.env.DB, printingOrigin(c.env, c.req.url), c.req.param('id'));
  if (!rendered) throw new AppError(404, 'no such batch', 'id');
  return pdfResponse(rendered.pdf, rendered.batch.id);
});

export function pdfResponse(pdf: Uint8Array, batchId: string): Response {
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="cards-${batchId}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
