import { Hono } from 'hono';
import { getTemplate, DEFAULT_TEMPLATE_ID } from '../../pdf/templates';
import { requirePermission } from '../../auth/middleware';
import { getLocationBySlug } from '../../db/locations';
import { batchRequestSchema, firstIssue } from '../../domain/batch-request';
import type { AppEnv } from '../../env';
import { AppError, badRequest } from '../../errors';
import { batchInputOf, createBatch, printingOrigin, renderStoredBatch } from '../../services/printing';
import { loadDesignInput, refuseCutTexts } from '../../services/card-design';
import { markHandedOut } from '../../services/hand-out';
import { readJson, readOptionalJson } from './json';

export const batchesApi = new Hono<AppEnv>();

batchesApi.post('/', requirePermission('print'), async (c) => {
  const parsed = batchRequestSchema.safeParse(await readJson(c));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw badRequest(message, field);
  }
  const request = parsed.data;
  const location = await getLocationBySlug(c.env.DB, request.location);
  if (!location || location.archivedAt !== null) throw new AppError(422, `no location with slug "${request.location}"`, 'location');
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
  return c.json({ id: batch.id, pdfUrl: `/api/v1/batches/${batch.id}/pdf`, handOut: batch.handOut, cards: batch.cards }, 201);
});

/** "All handed out": the window ends today and customers served follow (services/hand-out.ts). */
batchesApi.post('/:id/handed-out', requirePermission('print'), async (c) => {
  await readOptionalJson(c);
  const batch = await markHandedOut(c.env.DB, c.req.param('id'), c.get('actor')!.label, Date.now());
  return c.json({ id: batch.id, handOut: batch.handOut, endedAt: batch.handOutEndedAt });
});

batchesApi.get('/:id/pdf', requirePermission('print'), async (c) => {
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
