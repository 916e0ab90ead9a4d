import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { getBatch } from '../../db/batches';
import { listVoidedCards, voidBatch, voidCard } from '../../db/cards';
import { scanCounts } from '../../db/scans';
import { firstIssue } from '../../domain/batch-request';
import { normalizeCardCode } from '../../domain/codes';
import { voidRequestSchema } from '../../domain/voiding';
import type { AppEnv } from '../../env';
import { AppError, badRequest } from '../../errors';
import { readJson } from './json';

/** Voiding cards and batches, and a batch's scan counts, for the CRM. */
export const cardsApi = new Hono<AppEnv>();

async function readReason(c: Context<AppEnv>): Promise<string> {
  const parsed = voidRequestSchema.safeParse(await readJson(c));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw badRequest(message, field);
  }
  return parsed.data.reason;
}

/** `POST /batches/<id>/void` `{"reason": "..."}`: voiding again answers the first record. */
cardsApi.post('/batches/:id/void', requirePermission('print'), async (c) => {
  const reason = await readReason(c);
  const record = await voidBatch(c.env.DB, c.req.param('id'), reason, c.get('actor')!.label, Date.now());
  if (!record) throw new AppError(404, 'no such batch', 'id');
  return c.json({ id: c.req.param('id'), voided: true, ...record });
});

/** `POST /cards/<code>/void` `{"reason": "..."}`; the code is read in any case. */
cardsApi.post('/cards/:code/void', requirePermission('print'), async (c) => {
  const code = normalizeCardCode(c.req.param('code'));
  const reason = await readReason(c);
  const card = code ? await voidCard(c.env.DB, code, reason, c.get('actor')!.label, Date.now()) : null;
  if (!card) throw new AppError(404, 'no such card', 'code');
  return c.json({ code: card.code, batchId: card.batchId, voided: true, voidedAt: card.voidedAt, reason: card.reason, voidedBy: card.voidedBy, byBatch: card.byBatch });
});

/** `GET /batches/<id>/scans[?from=&to=]` (unix ms): counts as on the batch page. */
cardsApi.get('/batches/:id/scans', requirePermission('dashboard'), async (c) => {
  const batch = await getBatch(c.env.DB, c.req.param('id'));
  if (!batch) throw new AppError(404, 'no such batch', 'id');
  const bound = (key: 'from' | 'to', fallback: number) => {
    const value = c.req.query(key);
    if (value === undefined) return fallback;
    if (!/^\d{1,15}$/.test(value)) throw badRequest(`${key} must be unix milliseconds`, key);
    return Number(value);
  };
  const from = bound('from', 0);
  const to = bound('to', Date.now() + 60_000);
  const [scans, voided] = await Promise.all([scanCounts(c.env.DB, { from, to, batchId: batch.id }), listVoidedCards(c.env.DB, batch.id)]);
  return c.json({
    batchId: batch.id,
    from,
    to,
    cards: { printed: batch.cardCount, voided: voided.length },
    scans,
  });
});
