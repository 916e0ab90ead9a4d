import { getBatchForPrint, insertBatch } from '../db/batches';
import type { Batch } from '../domain/batches';
import type { LocationWithLinks } from '../domain/locations';
import { orderInputs, type BatchRequest, type OrderInput } from '../domain/batch-request';
import { cardUrls, newCardCode } from '../domain/codes';
import { defaultWindow, MAX_ORDER_DAY_DISTANCE, servedDays, type HandOutWindow } from '../domain/hand-out';
import { assertWindow } from './hand-out';
import { dayCount, localDay } from '../domain/time';
import type { CardFormat } from '../pdf/render';
import { renderBatchPdf } from '../pdf/render';
import { randomToken } from '../auth/crypto';
import type { Bindings } from '../env';
import { AppError, badRequest } from '../errors';
import { loadDesignInput } from './card-design';
import { publicOrigin } from './public-origin';

export { publicOrigin };

interface PrintedCard {
  code: string;
  reviewUrl: string;
  complaintUrl: string;
  order?: string;
}

interface NewBatchInput {
  location: LocationWithLinks;
  format: CardFormat;
  templateId: string;
  count: number;
  orders: OrderInput[] | null;
  /** The hand-out window; the location's usual days from the print day when null. */
  handOut: HandOutWindow | null;
  createdBy: string;
}

/** A validated print request (page or API) as the batch to store: one card per order when orders are given. */
export function batchInputOf(
  request: BatchRequest,
  location: LocationWithLinks,
  templateId: string,
  createdBy: string,
): NewBatchInput {
  return {
    location,
    format: request.format,
    templateId,
    count: request.count ?? request.orders!.length,
    orders: orderInputs(request),
    handOut: request.handOut ?? null,
    createdBy,
  };
}

/**
 * When each card counts as handed out: for orders, on its order's day (or the print day); else
 * spread over the window (domain/hand-out.ts). Days are the location's local days.
 */
function planHandOut(
  input: Pick<NewBatchInput, 'location' | 'count' | 'orders' | 'handOut'>,
  now: number,
): { window: HandOutWindow; days: string[] } {
  const printDay = localDay(now, input.location.timeZone);
  if (input.orders) {
    const days = input.orders.map((o) => o.date ?? printDay);
    const sorted = [...days].sort();
    return { window: { from: sorted[0] ?? printDay, to: sorted[sorted.length - 1] ?? printDay }, days };
  }
  const window = input.handOut ?? defaultWindow(printDay, input.location.handOutDays);
  return { window, days: servedDays(input.count, window) };
}

/**
 * Records a print run and its cards. Codes carry 50 random bits, so a clash is next to
 * impossible; if one happens the primary key refuses it and the batch is drawn again.
 */
export async function createBatch(
  db: D1Database,
  origin: string,
  input: NewBatchInput,
  now: number,
): Promise<{ id: string; handOut: HandOutWindow; cards: PrintedCard[] }> {
  const id = randomToken(9);
  if (input.handOut) assertWindow(input.handOut, input.location.timeZone, now);
  if (input.orders) assertOrderDates(input.orders, input.location.timeZone, now);
  const plan = planHandOut(input, now);
  for (let attempt = 1; ; attempt++) {
    const cards = Array.from({ length: input.count }, (_, i) => ({
      code: newCardCode(),
      orderRef: input.orders?.[i]?.ref ?? null,
      servedDay: plan.days[i]!,
    }));
    try {
      await insertBatch(
        db,
        {
          id,
          locationId: input.location.id,
          template: input.templateId,
          format: input.format,
          createdBy: input.createdBy,
          handOut: plan.window,
          cards,
        },
        now,
      );
      return {
        id,
        handOut: plan.window,
        cards: cards.map((card) => ({
          code: card.code,
          ...cardUrls(origin, card.code),
          ...(card.orderRef === null ? {} : { order: card.orderRef }),
        })),
      };
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('UNIQUE')) throw error;
    }
  }
}

/** An order's date is a day its customer was served: within 60 days of the print day. */
function assertOrderDates(orders: OrderInput[], timeZone: string, now: number): void {
  const printDay = localDay(now, timeZone);
  const far = orders.findIndex(
    (o) => o.date !== null && Math.abs(dayCount(printDay, o.date) - 1) > MAX_ORDER_DAY_DISTANCE,
  );
  if (far >= 0)
    throw badRequest(
      `order ${orders[far]!.ref}: its date must be within ${MAX_ORDER_DAY_DISTANCE} days of today`,
      'orders',
    );
}

/** Draws a stored batch again, exactly as first printed (codes and order refs are stored). */
export async function renderStoredBatch(
  db: D1Database,
  origin: string,
  batchId: string,
): Promise<{ batch: Batch; pdf: Uint8Array } | null> {
  const stored = await getBatchForPrint(db, batchId);
  if (!stored) return null;
  const { batch, location, cards } = stored;
  const design = await loadDesignInput(db, location, batch.format, batch.template);
  const pdf = await renderBatchPdf({
    ...design,
    cards: cards.map((card) => ({ code: card.code, ...cardUrls(origin, card.code), orderRef: card.orderRef })),
  });
  return { batch, pdf };
}

/** The origin for printing; without one, printing refuses before anything is stored. */
export function printingOrigin(env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'APP_ENV'>, requestUrl: string): string {
  const origin = publicOrigin(env, requestUrl);
  if (origin === null) throw new AppError(503, 'PUBLIC_ORIGIN is not set', 'PUBLIC_ORIGIN');
  return origin;
}
