import { describe, expect, it } from 'vitest';
import { dailyVisitorKey, utcDay, visitorKey } from '../../src/domain/visitor';

const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1';
const NOON = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('visitor key', () => {
  it('is 16 hex characters and the same for one phone on one day', async () => {
    const key = await dailyVisitorKey('secret', utcDay(NOON));
    const a = await visitorKey(key, '203.0.113.7', UA);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    const again = await visitorKey(await dailyVisitorKey('secret', utcDay(NOON + 3 * 3600_000)), '203.0.113.7', UA);
    expect(again).toBe(a);
  });

  it('differs by IP, by user agent, by day and by secret', async () => {
    const key = await dailyVisitorKey('secret', '2026-11-23');
    const base = await visitorKey(key, '203.0.113.7', UA);
    expect(await visitorKey(key, '203.0.113.8', UA)).not.toBe(base);
    expect(await visitorKey(key, '203.0.113.7', `${UA} x`)).not.toBe(base);
    expect(await visitorKey(await dailyVisitorKey('secret', '2026-11-24'), '203.0.113.7', UA)).not.toBe(base);
    expect(await visitorKey(await dailyVisitorKey('other', '2026-11-23'), '203.0.113.7', UA)).not.toBe(base);
  });

  it('does not confuse the IP/user agent boundary', async () => {
    const key = await dailyVisitorKey('secret', '2026-11-23');
    expect(await visitorKey(key, '1.2.3.4', '5 UA')).not.toBe(await visitorKey(key, '1.2.3.4 5', 'UA'));
  });

  it('never contains the IP', async () => {
    const key = await dailyVisitorKey('secret', '2026-11-23');
    expect(await visitorKey(key, '10.0.0.1', UA)).not.toContain('10.0.0.1');
  });

  it('rotates at midnight UTC', () => {
    expect(utcDay(Date.UTC(2026, 10, 23, 23, 59, 59, 999))).toBe('2026-11-23');
    expect(utcDay(Date.UTC(2026, 10, 24, 0, 0, 0))).toBe('2026-11-24');
  });
});
