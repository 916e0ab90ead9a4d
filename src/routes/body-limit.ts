import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { messages } from '../i18n';

/** No form or API call needs more than 1 MB; larger bodies are refused before anything parses them. */
const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(c: Context<AppEnv>): AppError {
  const isApi = new URL(c.req.url).pathname.startsWith('/api/');
  return new AppError(413, isApi ? 'the body must be under 1 MB' : messages(c.get('locale')).common.tooLarge, 'body');
}

/**
 * Refuses a body over 1 MB with a 413: at once by its Content-Length, or, for a chunked body,
 * once the bytes read pass the limit. The rest of a chunked body is read and dropped before
 * answering: answering while it still streams makes workerd drop the connection ("Network
 * connection lost"), which `wrangler dev` takes as fatal and exits. (Hono's own bodyLimit stops
 * reading and keeps the stream locked, so it cannot be drained afterwards.)
 */
export const bodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();
  const length = c.req.header('content-length');
  if (length !== undefined && !c.req.raw.headers.has('transfer-encoding')) {
    if (Number(length) > MAX_BODY_BYTES) throw tooLarge(c);
    return next();
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      while (!(await reader.read()).done) {
        // dropped unread: only the end of the stream matters
      }
      throw tooLarge(c);
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  c.req.raw = new Request(c.req.raw, { body: whole });
  return next();
});
