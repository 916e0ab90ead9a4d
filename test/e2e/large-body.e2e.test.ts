import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

/** 2 MB sent in 64 KB chunks with no Content-Length, the way a streaming client uploads. */
function chunkedBody(bytes = 2 * 1024 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(64 * 1024).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

function postChunked(path: string, headers: Record<string, string>) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: chunkedBody(),
    duplex: 'half',
    redirect: 'manual',
  } as RequestInit);
}

describe('a chunked body over 1 MB against wrangler dev', () => {
  it('gets its 413, and the server keeps answering', async () => {
    for (let round = 0; round < 3; round++) {
      const form = await postChunked('/admin/login', {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseUrl,
      });
      expect(form.status).toBe(413);
      await form.arrayBuffer();
      const api = await postChunked('/api/v1/batches', {
        'content-type': 'application/json',
        authorization: 'Bearer demo-token',
      });
      expect(api.status).toBe(413);
      expect(await api.json()).toEqual({ error: 'the body must be under 1 MB', field: 'body' });
      // Before the fix wrangler dev exited here: the next request found no server.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const page = await fetch(`${baseUrl}/admin/login`);
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }
  });
});
