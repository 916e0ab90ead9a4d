import { z } from 'zod';
import { getBatch } from '../../db/batches';
import { listVoidedCards, voidBatch, voidCard } from '../../db/cards';
import { scanCounts } from '../../db/scans';
import { normalizeCardCode } from '../../domain/codes';
import { voidRequestSchema } from '../../domain/voiding';
import { AppError } from '../../errors';
import { apiApp, createRoute, jsonBody, pathParams, routeDoc } from './openapi';

/** Voiding cards and batches, and a batch's scan counts, for the CRM. */
export const cardsApi = apiApp();

const unixMs = (key: 'from' | 'to', fallback: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${key} must be unix milliseconds`)
    .optional()
    .describe(`unix milliseconds, default ${fallback}`);

export const scanCountsQuerySchema = z.object({ from: unixMs('from', '0'), to: unixMs('to', 'now') });

/** `POST /batches/<id>/void` `{"reason": "..."}`: voiding again answers the first record. */
cardsApi.openapi(
  createRoute({
    method: 'post',
    path: '/batches/{id}/void',
    request: { params: pathParams('id'), body: jsonBody(voidRequestSchema) },
    ...routeDoc({
      permission: 'print',
      body: 'json',
      summary: 'Void a whole batch',
      description:
        'Its cards stop counting as customers served and their QR codes show "card not found". Voiding again answers the first record.',
      example: {
        id: 'b_7K3M9Q',
        voided: true,
        voidedAt: 1763900000000,
        reason: 'lost in transit',
        voidedBy: 'api:Warehouse CRM',
      },
    }),
  }),
  async (c) => {
    const { reason } = c.req.valid('json');
    const record = await voidBatch(c.env.DB, c.req.param('id'), reason, c.get('actor')!.label, Date.now());
    if (!record) throw new AppError(404, 'no such batch', 'id');
    return c.json({ id: c.req.param('id'), voided: true, ...record });
  },
);

/** `POST /cards/<code>/void` `{"reason": "..."}`; the code is read in any case. */
cardsApi.openapi(
  createRoute({
    method: 'post',
    path: '/cards/{code}/void',
    request: { params: pathParams('code'), body: jsonBody(voidRequestSchema) },
    ...routeDoc({
      permission: 'print',
      body: 'json',
      summary: 'Void one card',
      description: 'The code is read in any case.',
      example: {
        code: '7K3M9Q2XWD',
        batchId: 'b_7K3M9Q',
        voided: true,
        voidedAt: 1763900000000,
        reason: 'misprinted',
        voidedBy: 'api:Warehouse CRM',
        byBatch: false,
      },
    }),
  }),
  async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    const { reason } = c.req.valid('json');
    const card = code ? await voidCard(c.env.DB, code, reason, c.get('actor')!.label, Date.now()) : null;
    if (!card) throw new AppError(404, 'no such card', 'code');
    return c.json({
      code: card.code,
      batchId: card.batchId,
      voided: true,
      voidedAt: card.voidedAt,
      reason: card.reason,
      voidedBy: card.voidedBy,
      byBatch: card.byBatch,
    });
  },
);

/** `GET /batches/<id>/scans[?from=&to=]` (unix ms): counts as on the batch page. */
cardsApi.openapi(
  createRoute({
    method: 'get',
    path: '/batches/{id}/scans',
    request: { params: pathParams('id'), query: scanCountsQuerySchema },
    ...routeDoc({
      permission: 'dashboard',
      summary: "A batch's scan counts",
      example: { batchId: 'b_7K3M9Q', from: 0, to: 1763900000000, cards: { printed: 100, voided: 2 }, scans: {} },
    }),
  }),
  async (c) => {
    const query = c.req.valid('query');
    const batch = await getBatch(c.env.DB, c.req.param('id'));
    if (!batch) throw new AppError(404, 'no such batch', 'id');
    const from = query.from === undefined ? 0 : Number(query.from);
    const to = query.to === undefined ? Date.now() + 60_000 : Number(query.to);
    const [scans, voided] = await Promise.all([
      scanCounts(c.env.DB, { from, to, batchId: batch.id }),
      listVoidedCards(c.env.DB, batch.id),
    ]);
    return c.json({ batchId: batch.id, from, to, cards: { printed: batch.cardCount, voided: voided.length }, scans });
  },
);
