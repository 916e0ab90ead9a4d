import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewScan, ScanMessage } from '../../src/db/scans';
import type { Bindings } from '../../src/env';
import worker from '../../src/index';
import { ORIGIN } from '../helpers';
import { eventually, PHONE_UA, printBatch, REVIEW_URL, scansEventually, scansOf } from '../scans-helpers';

const countOf = async (code: string) => (await scansOf(code)).length;

/** A request through the Worker with the given bindings, waiting for its `waitUntil` work. */
async function fetchWith(bindings: Bindings, path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(new URL(path, ORIGIN), { redirect: 'manual', headers: { 'user-agent': PHONE_UA } }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

// Its own file: it takes this file's scans table away for a moment.
describe('scans through the queue', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are stored exactly once when the first delivery fails', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    const errors = vi.spyOn(console, 'error');
    await env.DB.exec('ALTER TABLE scans RENAME TO scans_away');
    try {
      const res = await fetchWith(env as Bindings, `/r/${code}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(REVIEW_URL);
      // The consumer's first attempt meets no table and hands the batch back to the queue.
      const retried = await eventually(
        async () => errors.mock.calls.some((call) => call[0] === 'scan batch not stored, will be retried'),
        (seen) => seen,
        10_000,
      );
      expect(retried).toBe(true);
    } finally {
      await env.DB.exec('ALTER TABLE scans_away RENAME TO scans');
    }
    // The queue redelivers after the first retry delay, 10 s.
    const rows = await eventually(
      () => scansOf(code),
      (stored) => stored.length >= 1,
      20_000,
    );
    expect(rows).toHaveLength(1);
    // Nothing was counted as lost, and no later delivery adds a second row.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await countOf(code)).toBe(1);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM scan_log_failures').first<{ n: number }>()).toEqual({
      n: 0,
    });
  }, 30_000);

  it('never counts a redelivered scan twice', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    await fetchWith(env as Bindings, `/r/${code}`);
    const [stored] = await scansEventually(code, 1);
    // The queue delivers at least once: the same event again, alone and twice in one batch
    // (as single-scan messages, the form older senders used; in a group it is the same insert).
    const again: NewScan = {
      eventId: stored!.event_id,
      cardCode: code,
      locationId: stored!.location_id,
      batchId: stored!.batch_id,
      kind: 'review',
      createdAt: stored!.created_at,
      device: 'mobile',
      country: null,
      isBot: false,
      visitor: stored!.visitor,
    };
    await env.SCANS!.send(again);
    await env.SCANS!.sendBatch([{ body: again }, { body: again }]);
    await env.SCANS!.send({ scans: [again, again] });
    // A fresh scan sent after them proves the consumer has been through the repeats.
    await fetchWith(env as Bindings, `/r/${code}`);
    await scansEventually(code, 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await countOf(code)).toBe(2);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM scan_log_failures').first<{ n: number }>()).toEqual({
      n: 0,
    });
  }, 20_000);

  it('leave an isolate together: scans arriving at once travel in one message, at most 100 a message', async () => {
    const { codes } = await printBatch(3);
    const sends: number[] = [];
    const queue = env.SCANS!;
    const recording = {
      send: (body: { scans: NewScan[] }) => {
        sends.push(body.scans.length);
        return queue.send(body);
      },
      sendBatch: () => Promise.reject(new Error('not used')),
    } as unknown as Queue<ScanMessage>;
    const bindings = { ...(env as Bindings), SCANS: recording };

    const paths = Array.from({ length: 150 }, (_, i) => `/r/${codes[i % 3]}`);
    const responses = await Promise.all(paths.map((path) => fetchWith(bindings, path)));
    expect(responses.every((res) => res.status === 302)).toBe(true);
    expect(sends.reduce((a, b) => a + b, 0)).toBe(150);
    expect(Math.max(...sends)).toBeLessThanOrEqual(100);
    expect(sends.length).toBeLessThanOrEqual(3);
    for (const code of codes) expect(await scansEventually(code, 50)).toHaveLength(50);
  }, 20_000);

  it('are written straight to D1 when the queue is not bound', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    const res = await fetchWith({ ...(env as Bindings), SCANS: undefined }, `/r/${code}`);
    expect(res.status).toBe(302);
    // waitOnExecutionContext has waited for the write itself: no queue, no delay.
    const rows = await scansOf(code);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'review', device: 'mobile', is_bot: 0 });
  });

  it('are written straight to D1 when the queue refuses them, and the refusal is logged', async () => {
    const { codes } = await printBatch(1);
    const code = codes[0]!;
    const errors = vi.spyOn(console, 'error');
    // The binding's own failure: what Queue.sendBatch does when the queue is over its limits or down.
    const refuse = () => Promise.reject(new Error('Queue send failed: service unavailable'));
    const refusing = { send: refuse, sendBatch: refuse } as unknown as Queue<ScanMessage>;
    const res = await fetchWith({ ...(env as Bindings), SCANS: refusing }, `/r/${code}`);
    expect(res.status).toBe(302);
    expect(await countOf(code)).toBe(1);
    expect(errors).toHaveBeenCalledWith('scan queue send failed, writing directly', 1, expect.any(Error));
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM scan_log_failures').first<{ n: number }>()).toEqual({
      n: 0,
    });
  });
});
