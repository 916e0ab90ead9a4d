import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/** Unit, D1 and HTTP tests, all inside workerd with a fresh D1 per test file. */
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
      },
    }),
  ],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/http/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
  },
}));
