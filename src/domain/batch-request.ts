import { z } from 'zod';
import { CARD_FORMATS } from './postcard-layout';

export const MAX_CARDS_PER_BATCH = 1000;
export const MAX_ORDER_REF_LENGTH = 40;

/**
 * What a print asks for, from the print page or the API. With `orders` the count may be
 * omitted (one card per order); given both, they must agree.
 */
export const batchRequestSchema = z
  .object({
    location: z.string({ error: 'location is required: the slug of a location' }).trim().min(1, 'location is required').max(40),
    count: z
      .number({ error: 'count must be a whole number from 1 to 1000' })
      .int('count must be a whole number from 1 to 1000')
      .min(1, 'count must be at least 1')
      .max(MAX_CARDS_PER_BATCH, `count must be at most ${MAX_CARDS_PER_BATCH} a request`)
      .optional(),
    format: z
      .enum(CARD_FORMATS, { error: `format must be one of ${CARD_FORMATS.map((f) => `"${f}"`).join(', ')}` })
      .default('a4-4up')
      .describe('a4-4up: four cards on an A4 sheet (office printer); a6: one A6 a page; a6-print: A6 with 3 mm bleed, TrimBox/BleedBox and CMYK for a print shop; roll-80 / roll-58: one strip a card for 80 or 58 mm receipt printers, black only'),
    template: z.string({ error: 'template must be a string' }).max(40).optional(),
    orders: z
      .array(
        z
          .string({ error: 'orders must be strings' })
          .trim()
          .min(1, 'an order ref must not be empty')
          .max(MAX_ORDER_REF_LENGTH, `an order ref must be at most ${MAX_ORDER_REF_LENGTH} characters`),
        { error: 'orders must be an array of strings' },
      )
      .min(1, 'orders must not be empty')
      .max(MAX_CARDS_PER_BATCH, `at most ${MAX_CARDS_PER_BATCH} orders a request`)
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.count === undefined && value.orders === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'count is required unless orders are given' });
    }
    if (value.count !== undefined && value.orders !== undefined && value.count !== value.orders.length) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'count must equal the number of orders' });
    }
  });

export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** The first problem as `{ field, message }`, for a 400 that names the field. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.filter((p) => typeof p === 'string').join('.') || 'body';
  return { field, message: issue?.message ?? 'invalid request' };
}
