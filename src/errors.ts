import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An expected failure: thrown anywhere, turned into a response by the one `onError`
 * (JSON `{ error, field }` under /api, an HTML page elsewhere).
 */
export class AppError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
  ) {
    super(status, { message });
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, message, field);
export const notFound = (message: string) => new AppError(404, message);
