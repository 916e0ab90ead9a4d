import { z } from 'zod';
import { isDay } from './period';
import { CARD_FORMATS } from './postcard-layout';

export const MAX_CARDS_PER_BATCH = 1000;
export const MAX_ORDER_REF_LENGTH = 40;

const orderRef = z
  .string({ error: 'an order ref must be a string' })
  .trim()
  .min(1, 'an order ref must not be empty')
  .max(MAX_ORDER_REF_LENGTH, `an order ref must be at most ${MAX_ORDER_REF_LENGTH} characters`);

const day = (what: string) =>
  z.string({ error: `${what} must be a date YYYY-MM-DD` }).refine(isDay, `${what} must be a real date YYYY-MM-DD`);

/**
 * What a print asks for, from the print page or the API. With `orders` the count may be
 * omitted (one card per order); given both, they must agree. `handOut` is the window the cards
 * are handed out over (see domain/hand-out.ts); orders carry their own day instead.
 */
export const batchRequestSchema = z
  .object({
    location: z
      .string({ error: 'location is required: the slug of a location' })
      .trim()
      .min(1, 'location is required')
      .max(40),
    count: z
      .number({ error: 'count must be a whole number from 1 to 1000' })
      .int('count must be a whole number from 1 to 1000')
      .min(1, 'count must be at least 1')
      .max(MAX_CARDS_PER_BATCH, `count must be at most ${MAX_CARDS_PER_BATCH} a request`)
      .optional(),
    format: z
      .enum(CARD_FORMATS, { error: `format must be one of ${CARD_FORMATS.map((f) => `"${f}"`).join(', ')}` })
      .default('a4-4up')
      .describe(
        'a4-4up: four cards on an A4 sheet (office printer); a6: one A6 a page; a6-print: A6 with 3 mm bleed, TrimBox/BleedBox and CMYK for a print shop; roll-80 / roll-58: one strip a card for 80 or 58 mm receipt printers, black only',
      ),
    template: z.string({ error: 'template must be a string' }).max(40).optional(),
    orders: z
      .array(
        z.union(
          [
            orderRef,
            z.object(
              { ref: orderRef, date: day('an order date').optional() },
              { error: 'an order is a ref or {"ref", "date"}' },
            ),
          ],
          {
            error: 'orders must be refs, or objects {"ref": "A-1001", "date": "YYYY-MM-DD"}',
          },
        ),
        { error: 'orders must be an array of refs or {"ref", "date"} objects' },
      )
      .min(1, 'orders must not be empty')
      .max(MAX_CARDS_PER_BATCH, `at most ${MAX_CARDS_PER_BATCH} orders a request`)
      .optional(),
    handOut: z
      .object(
        { from: day('handOut.from'), to: day('handOut.to') },
        { error: 'handOut must be {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}' },
      )
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.handOut !== undefined && value.orders !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['handOut'],
        message: "cards printed for orders count on their order's day: give each order a date instead of handOut",
      });
    }
    if (value.count === undefined && value.orders === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'count is required unless orders are given' });
    }
    if (value.count !== undefined && value.orders !== undefined && value.count !== value.orders.length) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'count must equal the number of orders' });
    }
  });

export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** A card printed for an order; without a date it counts on the print day. */
export interface OrderInput {
  ref: string;
  date: string | null;
}

/** The request's orders, plain refs and objects alike, as `{ref, date}`. */
export function orderInputs(request: BatchRequest): OrderInput[] | null {
  return (
    request.orders?.map((o) =>
      typeof o === 'string' ? { ref: o, date: null } : { ref: o.ref, date: o.date ?? null },
    ) ?? null
  );
}

/**
 * The print page's orders box: one order a line, optionally followed by its date
 * ("A-1001 2026-12-01", "A-1001; 2026-12-01", or a tab between, as pasted from a spreadsheet).
 */
export function parseOrderLines(text: string): (string | { ref: string; date: string })[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)[\s,;]+(\d{4}-\d{2}-\d{2})$/.exec(line);
      return m && m[1]!.trim() ? { ref: m[1]!.trim(), date: m[2]! } : line;
    });
}
