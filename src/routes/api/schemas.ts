import { z } from 'zod';

/**
 * The request schemas of `/api/v1`, in one place: each validates its route's input and is the very
 * object its part of the OpenAPI document is written from.
 */

export { batchRequestSchema } from '../../domain/batch-request';
export { complaintPatchSchema, complaintQuerySchema } from '../../domain/complaint-api';
export { locationCreateSchema, locationPatchSchema } from '../../domain/location-request';
export { voidRequestSchema } from '../../domain/voiding';

export const idParam = z.object({ id: z.string() });
export const codeParam = z.object({ code: z.string() });
export const slugParam = z.object({ slug: z.string() });
