import type { PDFContext, PDFOperator, PDFRef } from 'pdf-lib';

// pdf-lib deflates every content stream at save with pako, in JavaScript: for a sheet of four
// cards that is a third of the CPU, and most of the rest of a 1000-card batch. The runtime's own
// CompressionStream does the same deflate natively, so the renderer writes each page's operators
// as bytes, compresses them there (all pages at once) and registers ready FlateDecode streams.

const encoder = new TextEncoder();
const CHUNK_OPS = 4096;

/** The operators as pdf-lib would write them: one a line. */
export function contentBytes(ops: PDFOperator[]): Uint8Array {
  // Joined in chunks: one string per operator would be thousands of tiny allocations.
  let text = '';
  for (let i = 0; i < ops.length; i += CHUNK_OPS) text += `${ops.slice(i, i + CHUNK_OPS).join('\n')}\n`;
  return encoder.encode(text);
}

/** zlib-wrapped deflate (RFC 1950), what FlateDecode reads. */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** Registers a deflated stream with `dict` (plus its filter) and returns its reference. */
export async function registerDeflated(
  context: PDFContext,
  ops: PDFOperator[],
  dict: Record<string, unknown> = {},
): Promise<PDFRef> {
  const bytes = await deflate(contentBytes(ops));
  return context.register(context.stream(bytes, { ...dict, Filter: 'FlateDecode' } as never));
}
