import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// The Worker loads its back office (admin pages, /api/v1) through import() on first use; in the test
// runner that first import transforms the whole PDF stack (seconds), so it happens here, outside any
// test's timeout. Production pays it once per isolate, on the first admin or API request.
await import('../src/back-office');
