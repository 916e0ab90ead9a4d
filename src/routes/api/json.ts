import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { AppError, badRequest } from '../../errors';

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body with a size limit; a clear 4xx for anything that is not a JSON object. */
export async function readJson(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError(415, 'send the body as JSON with Content-Type: application/json', 'body');
  }
  if (Number(c.req.header('content-length') ?? 0) > MAX_JSON_BYTES) {
    throw new AppError(413, `the body must be under ${MAX_JSON_BYTES} bytes`, 'body');
  }
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError(413, `the body must be under ${MAX_JSON_BYTES} bytes`, 'body');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON', 'body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the body must be a JSON object', 'body');
  return body as Record<string, unknown>;
}

/** For actions whose body is optional: none at all, or a JSON object read as `readJson` does. */
export async function readOptionalJson(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_JSON_BYTES) return readJson(c);
  // Hono keeps the text it read, so readJson reads the same body again.
  if ((await c.req.text()).trim() === '') return {};
  return readJson(c);
}
