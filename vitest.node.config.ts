import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Loads *.ttf as an ArrayBuffer, the way wrangler's Data rule bundles them for workerd. */
export const ttfAsArrayBuffer: Plugin = {
  name: 'ttf-as-arraybuffer',
  enforce: 'pre',
  load(id) {
    if (!id.endsWith('.ttf')) return null;
    const base64 = readFileSync(id).toString('base64');
    return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0)).buffer;`;
  },
};

/**
 * Tests that need no Workers runtime, in Node: pure unit tests (test/unit, no D1, no migrations),
 * PDF checks that need real tools (poppler-utils, zbar-tools), the deploy script and the import
 * boundaries: `npx vitest run -c vitest.node.config.ts`. What the runtime itself does (WebCrypto's
 * PBKDF2 limit, PDFs drawn in workerd) stays covered by the HTTP tests in workerd.
 */
export default defineConfig({
  plugins: [ttfAsArrayBuffer],
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/pdf/**/*.node.test.ts',
      'test/deploy/**/*.node.test.ts',
      'test/architecture/**/*.node.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
