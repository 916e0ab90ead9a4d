import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { experimental_readRawConfig } from 'wrangler';
import { defineConfig } from 'vitest/config';

/**
 * The queue consumers of wrangler.toml as they are, except that a batch is handed over at once
 * instead of after up to `max_batch_timeout` seconds: a test that logs a scan waits milliseconds
 * for it, not a second. Retries, their delays and the dead-letter queues stay as configured.
 */
function queueConsumersWithoutBatchWait() {
  const { rawConfig } = experimental_readRawConfig({ config: './wrangler.toml' });
  return Object.fromEntries(
    (rawConfig.queues?.consumers ?? []).map((consumer) => [
      consumer.queue,
      {
        maxBatchSize: consumer.max_batch_size,
        maxBatchTimeout: 0,
        maxRetries: consumer.max_retries,
        retryDelay: consumer.retry_delay,
        deadLetterQueue: consumer.dead_letter_queue,
      },
    ]),
  );
}

/**
 * D1 and HTTP tests inside workerd, with a fresh D1 per test file. Pure unit tests (test/unit) run in
 * Node (vitest.node.config.ts): they need neither the runtime nor the migrations.
 */
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          APP_ENV: 'test',
          APP_SECRET: 'test-secret-key-0123456789',
          // Production requires it (printing refuses without one); tests that need it empty override it.
          PUBLIC_ORIGIN: 'https://q.si.test',
        },
        queueConsumers: queueConsumersWithoutBatchWait(),
      },
    }),
  ],
  test: {
    include: ['test/db/**/*.test.ts', 'test/http/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
  },
}));
