import { localDay } from '../../domain/time';
import { Hono, type Context } from 'hono';
import { getBatch, listCards } from '../../db/batches';
import { batchVoidRecord, cardsInBatch, listVoidedCards, voidBatch, voidBatchCards } from '../../db/cards';
import { scanLogFailuresSince } from '../../db/health';
import { humanScansByCard, scanCounts } from '../../db/scans';
import { utcDay } from '../../domain/visitor';
import { MAX_CODES_PER_VOID, parseCardCodes, voidRequestSchema } from '../../domain/voiding';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import type { BatchScansView, VoidFormErrors, VoidFormValues } from '../../views/batch-voiding';
import { BatchPage } from '../../views/print';
import { TEMPLATES } from '../../pdf/templates';

/** Voiding on the batch page (mounted under /admin/print, behind the `print` permission). */
export const batchVoidingRoutes = new Hono<AppEnv>();

const WEEK_MS = 7 * 24 * 3600 * 1000;
const EMPTY_FORM: VoidFormValues = { codes: '', reason: '', selected: [], batchReason: '' };

/** The batch page with its cards, scan figures and void forms (re-rendered with errors on a failed submit). */
export async function showBatch(
  c: Context<AppEnv>,
  batchId: string,
  options: {
    justCreated?: boolean;
    justHandedOut?: boolean;
    justVoided?: BatchScansView['justVoided'];
    form?: VoidFormValues;
    errors?: VoidFormErrors;
    status?: 200 | 400;
  } = {},
) {
  const db = c.env.DB;
  const batch = await getBatch(db, batchId);
  if (!batch) throw notFound('no such batch');
  const now = Date.now();
  const [cards, counts, batchVoid, voidedCards, humanScans, failures] = await Promise.all([
    listCards(db, batch.id),
    scanCounts(db, { from: 0, to: now + 60_000, batchId: batch.id }),
    batchVoidRecord(db, batch.id),
    listVoidedCards(db, batch.id),
    humanScansByCard(db, batch.id),
    scanLogFailuresSince(db, utcDay(now - WEEK_MS)),
  ]);
  const view: BatchScansView = {
    timeZone: batch.locationTimeZone,
    counts,
    batchVoid,
    voidedCards,
    humanScans,
    failures,
    justVoided: options.justVoided ?? null,
    form: options.form ?? EMPTY_FORM,
    errors: options.errors ?? {},
  };
  const t = messages(c.get('locale'));
  c.status(options.status ?? 200);
  return c.render(
    <BatchPage
      locale={c.get('locale')}
      batch={batch}
      cards={cards}
      justCreated={options.justCreated ?? false}
      justHandedOut={options.justHandedOut ?? false}
      today={localDay(now, batch.locationTimeZone)}
      scans={view}
      templates={TEMPLATES}
    />,
    { title: fill(t.admin.print.batchTitle, { id: batch.id }), current: '/admin/print' },
  );
}

async function formFields(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  const text = (key: string) => {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  };
  const selected = ([] as unknown[])
    .concat(body.code ?? [])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, MAX_CODES_PER_VOID);
  return { text, selected };
}

batchVoidingRoutes.post('/batches/:id/void-cards', async (c) => {
  const batchId = c.req.param('id');
  const s = messages(c.get('locale')).scans.batch;
  const { text, selected } = await formFields(c);
  const form: VoidFormValues = {
    ...EMPTY_FORM,
    codes: text('codes').slice(0, 20_000),
    reason: text('reason').slice(0, 500),
    selected,
  };
  const errors: VoidFormErrors = {};

  const reason = voidRequestSchema.safeParse({ reason: form.reason });
  if (!reason.success) errors.reason = s.errors.reason;
  const typed = parseCardCodes(form.codes);
  const codes = [...new Set([...parseCardCodes(selected.join(' ')).codes, ...typed.codes])];
  if (codes.length === 0 && typed.invalid.length === 0) errors.codes = s.errors.codes;
  else if (codes.length > MAX_CODES_PER_VOID) errors.codes = s.errors.tooMany;
  else {
    const known = await cardsInBatch(c.env.DB, batchId, codes);
    const strangers = [...typed.invalid, ...codes.filter((code) => !known.has(code))];
    if (strangers.length > 0) errors.codes = fill(s.errors.notInBatch, { codes: strangers.slice(0, 10).join(', ') });
  }
  if (!reason.success || Object.keys(errors).length > 0) return showBatch(c, batchId, { form, errors, status: 400 });

  const voided = await voidBatchCards(c.env.DB, batchId, codes, reason.data.reason, c.get('actor')!.label, Date.now());
  return c.redirect(`/admin/print/batches/${encodeURIComponent(batchId)}?voided=${voided}`, 303);
});

batchVoidingRoutes.post('/batches/:id/void', async (c) => {
  const batchId = c.req.param('id');
  const { text } = await formFields(c);
  const batchReason = text('reason').slice(0, 500);
  const reason = voidRequestSchema.safeParse({ reason: batchReason });
  if (!reason.success) {
    const errors = { batchReason: messages(c.get('locale')).scans.batch.errors.reason };
    return showBatch(c, batchId, { form: { ...EMPTY_FORM, batchReason }, errors, status: 400 });
  }
  const record = await voidBatch(c.env.DB, batchId, reason.data.reason, c.get('actor')!.label, Date.now());
  if (!record) throw notFound('no such batch');
  return c.redirect(`/admin/print/batches/${encodeURIComponent(batchId)}?voided=batch`, 303);
});

/** `?voided=` after a redirect: a count of cards, or "batch". */
export function justVoidedFromQuery(value: string | undefined): BatchScansView['justVoided'] {
  if (value === 'batch') return 'batch';
  return value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : null;
}
