import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { ttfAsArrayBuffer } from './vitest.node.config';

/**
 * Two projects in one run. `unit`: pure functions (test/unit) in Node, with no runtime to start and
 * no migrations to apply. `workers`: D1 and HTTP tests inside workerd with a fresh D1 per test file.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  return {
    test: {
      projects: [
        {
          plugins: [ttfAsArrayBuffer],
          test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  APP_ENV: 'test',
                  APP_SECRET: 'test-secret-key-0123456789',
                  // Production requires it (printing refuses without one); tests that need it empty override it.
                  PUBLIC_ORIGIN: 'https://q.si.test',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/db/**/*.test.ts', 'test/http/**/*.test.{ts,tsx}'],
            setupFiles: ['./test/setup.ts'],
          },
        },
      ],
    },
  };
});
