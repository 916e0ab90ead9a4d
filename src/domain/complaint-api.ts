import { z } from 'zod';
import { COMPENSATION_KINDS, COMPLAINT_STATUSES } from './complaints';
import { normaliseReply, REPLY_CHARS } from './complaint-reply';
import { parseMoment } from './time';

/** The filters' moments are read by domain/time.ts; the API's complaint routes take it from here with the schemas. */
export { parseMoment };

const moment = (name: string) =>
  z
    .string()
    .refine(
      (v) => parseMoment(v, 'start') !== null,
      `${name} must be a day (2026-11-23), an ISO date-time with a zone, or unix milliseconds`,
    )
    .optional();

/** `GET /api/v1/complaints` query parameters. */
export const complaintQuerySchema = z.object({
  status: z
    .enum(COMPLAINT_STATUSES, { error: 'status must be "open", "contacted" or "resolved"' })
    .optional()
    .describe('open, contacted or resolved'),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(200, 'reason must be at most 200 characters')
    .optional()
    .describe('a reason label, or a reason id'),
  location: z
    .string()
    .trim()
    .min(1)
    .max(40, 'location must be a slug or an id')
    .optional()
    .describe('a location slug or id'),
  from: moment('from').describe('created at or after: a day (Moscow time), an ISO date-time, or unix ms'),
  to: moment('to').describe('created before: a day (inclusive, Moscow time), an ISO date-time, or unix ms'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 500')
    .refine((v) => Number(v) >= 1 && Number(v) <= 500, 'limit must be a whole number from 1 to 500')
    .optional()
    .describe('1 to 500, default 100; newest first'),
});

/** `PATCH /api/v1/complaints/<id>` body: a status, a note, a public reply, or several. */
export const complaintPatchSchema = z
  .strictObject(
    {
      status: z.enum(COMPLAINT_STATUSES, { error: 'status must be "open", "contacted" or "resolved"' }).optional(),
      note: z
        .string({ error: 'note must be a string' })
        .trim()
        .min(1, 'note must not be empty')
        .max(2000, 'note must be at most 2000 characters')
        .optional(),
      compensation: z
        .strictObject(
          {
            kind: z.enum(COMPENSATION_KINDS, {
              error: `compensation.kind must be one of ${COMPENSATION_KINDS.join(', ')}`,
            }),
            amount: z
              .number({ error: 'compensation.amount must be a number' })
              .min(0, 'compensation.amount must not be negative')
              .max(10_000_000, 'compensation.amount is too large')
              .nullable()
              .optional(),
          },
          { error: 'compensation must be an object {kind, amount}' },
        )
        .optional(),
      reply: z
        .string({ error: 'reply must be a string or null' })
        .transform(normaliseReply)
        .refine((v) => [...v].length <= REPLY_CHARS, `reply must be at most ${REPLY_CHARS} characters`)
        .nullable()
        .optional()
        .describe(
          `the public reply the card's holder sees on its complaint page (at most ${REPLY_CHARS} characters); "" or null removes it`,
        ),
    },
    { error: 'the body must be a JSON object with status, note and/or reply' },
  )
  .refine((b) => b.status !== undefined || b.note !== undefined || b.reply !== undefined, {
    message: 'give a status, a note or a reply',
    path: ['status'],
  })
  .refine((b) => b.compensation === undefined || b.status === 'resolved', {
    message: 'compensation goes with status "resolved"',
    path: ['compensation'],
  });

export type ComplaintPatch = z.infer<typeof complaintPatchSchema>;
