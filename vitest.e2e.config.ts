import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Node against a real `wrangler dev` (started once by the global setup,
 * with its own fresh local D1 and the demo data) driven by Debian's chromium.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['./test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server, one single-threaded workerd: files run one after another.
    fileParallelism: false,
  },
});
