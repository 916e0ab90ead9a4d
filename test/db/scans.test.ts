import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertScans, scansInMessage, type NewScan } from '../../src/db/scans';
import { printBatch } from '../scans-helpers';

const scanOf = (code: string, locationId: number, batchId: string, i: number): NewScan => ({
  eventId: `ev-${code}-${i}`,
  cardCode: code,
  locationId,
  batchId,
  kind: 'review',
  createdAt: Date.now() - i,
  device: 'mobile',
  country: 'RU',
  isBot: i % 10 === 0,
  visitor: `v${i % 7}`,
});

describe('insertScans', () => {
  it('stores a large group in one call, each scan once, however often it is repeated', async () => {
    const { codes, locationId, batchId } = await printBatch(1);
    const scans = Array.from({ length: 1234 }, (_, i) => scanOf(codes[0]!, locationId, batchId, i));
    await insertScans(env.DB, scans);
    await insertScans(env.DB, scans.slice(0, 600)); // a redelivery
    const row = await env.DB.prepare('SELECT COUNT(*) AS n, SUM(is_bot) AS bots FROM scans WHERE card_code = ?1')
      .bind(codes[0])
      .first<{ n: number; bots: number }>();
    expect(row).toEqual({ n: 1234, bots: 124 });
  });

  it('reads both queue message forms: a group of scans and a single scan', () => {
    const one = scanOf('AAAAAAAAAA', 1, 'b', 1);
    expect(scansInMessage(one)).toEqual([one]);
    expect(scansInMessage({ scans: [one, one] })).toEqual([one, one]);
  });
});
