import { isDay } from './period';
import { addDays, dayCount } from './time';

/**
 * When a batch's cards count as customers served: over its hand-out window, not on its print day.
 *
 * The rule (fixed, so the figures can be recomputed from the batch alone): N cards over D days
 * give every day floor(N / D) cards and the first N mod D days one card more, in card order.
 * 70 cards over 7 days are 10 a day; 10 cards over 3 days are 4, 3 and 3. A window of one day is
 * the print-day rule of before. Cards printed for orders count on their order's day instead.
 */

/** The longest hand-out window, and how far before or after the print day it may start. */
export const MAX_HAND_OUT_DAYS = 60;
const MAX_HAND_OUT_START_DAYS = 30;
/** How far an order's date may lie from the print day. */
export const MAX_ORDER_DAY_DISTANCE = 60;

export interface HandOutWindow {
  from: string;
  to: string;
}

/** The served day of each card, in card order, for `count` cards over the window. */
export function servedDays(count: number, window: HandOutWindow): string[] {
  const days = dayCount(window.from, window.to);
  const base = Math.floor(count / days);
  const extra = count % days;
  const out: string[] = [];
  for (let d = 0; d < days && out.length < count; d++) {
    const day = addDays(window.from, d);
    for (let i = 0; i < base + (d < extra ? 1 : 0); i++) out.push(day);
  }
  return out;
}

/** The default window: the location's usual hand-out days, starting on the print day. */
export function defaultWindow(printDay: string, handOutDays: number): HandOutWindow {
  return { from: printDay, to: addDays(printDay, Math.max(1, handOutDays) - 1) };
}

export type WindowError = 'from' | 'to' | 'order' | 'tooLong' | 'start';

/** Checks a window asked for on `printDay`; the error names what is wrong. */
export function checkWindow(window: { from: string; to: string }, printDay: string): WindowError | null {
  if (!isDay(window.from)) return 'from';
  if (!isDay(window.to)) return 'to';
  if (window.from > window.to) return 'order';
  if (dayCount(window.from, window.to) > MAX_HAND_OUT_DAYS) return 'tooLong';
  const start = dayCount(printDay, window.from) - 1;
  if (Math.abs(start) > MAX_HAND_OUT_START_DAYS) return 'start';
  return null;
}

/**
 * The window after staff say "all handed out" on `today`: it ends today (or stays as it is when it
 * has ended already); a window not begun yet becomes today alone.
 */
export function endedWindow(window: HandOutWindow, today: string): HandOutWindow {
  if (window.to <= today) return window;
  if (window.from > today) return { from: today, to: today };
  return { from: window.from, to: today };
}
