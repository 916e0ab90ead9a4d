import { endHandOut, getBatch, listCards } from '../db/batches';
import type { Batch } from '../domain/batches';
import { checkWindow, endedWindow, servedDays, type HandOutWindow, type WindowError } from '../domain/hand-out';
import { localDay } from '../domain/time';
import { AppError, badRequest } from '../errors';

const WINDOW_MESSAGES: Record<WindowError, string> = {
  from: 'handOut.from must be a real date YYYY-MM-DD',
  to: 'handOut.to must be a real date YYYY-MM-DD',
  order: 'handOut.from must not be after handOut.to',
  tooLong: 'a hand-out window may be at most 60 days',
  start: 'a hand-out window must start within 30 days of the print day',
};

/** Refuses a window the location cannot use on its print day (400 naming the field). */
export function assertWindow(window: HandOutWindow, timeZone: string, now: number): void {
  const problem = checkWindow(window, localDay(now, timeZone));
  if (problem)
    throw badRequest(WINDOW_MESSAGES[problem], problem === 'to' || problem === 'order' ? 'handOut.to' : 'handOut.from');
}

/**
 * "All handed out": the batch's window ends today (in its location's zone) and its cards are
 * spread over the shorter window, so customers served move to the days they were really served.
 * A batch printed for orders has no window to end.
 */
export async function markHandedOut(db: D1Database, batchId: string, by: string, now: number): Promise<Batch> {
  const batch = await getBatch(db, batchId);
  if (!batch) throw new AppError(404, 'no such batch', 'id');
  if (batch.forOrders)
    throw new AppError(409, "cards printed for orders count on their order's day: there is no window to end", 'id');
  const today = localDay(now, batch.locationTimeZone);
  const window = endedWindow(batch.handOut, today);
  if (window.from === batch.handOut.from && window.to === batch.handOut.to) return batch;
  const cards = await listCards(db, batchId);
  const days = servedDays(cards.length, window);
  await endHandOut(
    db,
    batchId,
    window,
    cards.map((card, i) => ({ code: card.code, servedDay: days[i]! })),
    by,
    now,
  );
  return { ...batch, handOut: window, handOutEndedAt: now };
}
