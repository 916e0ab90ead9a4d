import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callWith } from '../accounts-helpers';
import { eventually, PHONE_UA, printBatch, REVIEW_URL } from '../scans-helpers';

// Written straight to D1 (no queue): a queued scan is counted lost only after half an hour of
// retries and the dead-letter queue, which hardening-data.test.ts covers with fake deliveries.
const LOST_AFTER_MS = 5_000;
const call = (path: string, init: RequestInit) => callWith({ SCANS: undefined }, path, init);

// Its own file: it breaks this file's D1 on purpose.
describe('when D1 fails while a scan is logged', () => {
  afterEach(() => vi.restoreAllMocks());

  it('still redirects the customer, logs the failure and counts it', async () => {
    const { codes } = await printBatch(1);
    const errors = vi.spyOn(console, 'error');
    await env.DB.exec('DROP TABLE scans');

    const res = await call(`/r/${codes[0]}`, { headers: { 'user-agent': PHONE_UA } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(REVIEW_URL);

    const counted = await eventually(
      () =>
        env.DB.prepare('SELECT failures, last_error FROM scan_log_failures').first<{
          failures: number;
          last_error: string;
        }>(),
      (row) => row?.failures === 1,
      LOST_AFTER_MS,
    );
    expect(counted).toMatchObject({ failures: 1 });
    expect(counted!.last_error).toMatch(/no such table: scans/);
    expect(errors).toHaveBeenCalledWith('scan log failed', codes[0], 'review', expect.anything());

    // A second lost scan adds to the day's count.
    expect((await call(`/c/${codes[0]}`, { headers: { 'user-agent': PHONE_UA } })).status).toBe(200);
    const twice = await eventually(
      () => env.DB.prepare('SELECT failures FROM scan_log_failures').first<{ failures: number }>(),
      (row) => row?.failures === 2,
      LOST_AFTER_MS,
    );
    expect(twice!.failures).toBe(2);
  }, 40_000);
});
