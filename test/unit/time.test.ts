import { describe, expect, it } from 'vitest';
import { dayOf, dayStart, parsePeriod } from '../../src/domain/period';
import { canonicalTimeZone, localDay, localDayStart, offsetSecondsAt, zoneTransitions } from '../../src/domain/time';

const H = 3_600_000;

describe('time zones', () => {
  it('know the offsets of Russia’s zones', () => {
    const at = Date.UTC(2026, 11, 2, 12);
    expect(offsetSecondsAt('Europe/Moscow', at)).toBe(3 * 3600);
    expect(offsetSecondsAt('Asia/Novosibirsk', at)).toBe(7 * 3600);
    expect(offsetSecondsAt('Asia/Vladivostok', at)).toBe(10 * 3600);
    expect(offsetSecondsAt('Europe/Kaliningrad', at)).toBe(2 * 3600);
  });

  it('cut days at local midnight: 23:30 in Novosibirsk is still that day, 00:30 in Vladivostok is the next', () => {
    // 23:30 on 2 December in Novosibirsk is 16:30 UTC.
    const lateNovosibirsk = Date.UTC(2026, 11, 2, 16, 30);
    expect(localDay(lateNovosibirsk, 'Asia/Novosibirsk')).toBe('2026-12-02');
    expect(localDay(lateNovosibirsk + H, 'Asia/Novosibirsk')).toBe('2026-12-03');
    // 00:30 on 3 December in Vladivostok is 14:30 UTC on the 2nd, 17:30 in Moscow on the 2nd.
    const earlyVladivostok = Date.UTC(2026, 11, 2, 14, 30);
    expect(localDay(earlyVladivostok, 'Asia/Vladivostok')).toBe('2026-12-03');
    expect(localDay(earlyVladivostok, 'Europe/Moscow')).toBe('2026-12-02');
    expect(dayOf(earlyVladivostok, 'Asia/Vladivostok')).toBe('2026-12-03');
  });

  it('start a local day at its midnight, DST days included', () => {
    expect(localDayStart('2026-12-03', 'Asia/Vladivostok')).toBe(Date.UTC(2026, 11, 2, 14));
    expect(dayStart('2026-12-03', 'Asia/Novosibirsk')).toBe(Date.UTC(2026, 11, 2, 17));
    expect(localDayStart('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(localDayStart('2026-10-25', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 24, 22));
  });

  it('take "today" from the zone for periods', () => {
    // 20:00 UTC on 31 December: already 1 January in Vladivostok, still 31 December in Moscow.
    const now = Date.UTC(2026, 11, 31, 20);
    expect(parsePeriod({ period: 'month' }, now, 'Asia/Vladivostok').period).toMatchObject({
      month: '2027-01',
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(parsePeriod({ period: 'month' }, now, 'Europe/Moscow').period).toMatchObject({
      month: '2026-12',
      to: '2026-12-31',
    });
  });

  it('list a zone’s history as transitions, to the second', () => {
    const moscow = zoneTransitions('Europe/Moscow');
    // Moscow: summer time until 2011, UTC+4 from March 2011, UTC+3 from 26 October 2014.
    const last = moscow[moscow.length - 1]!;
    expect(last).toEqual({ startsAt: Date.UTC(2014, 9, 25, 22), offsetSeconds: 10800 });
    expect(moscow[moscow.length - 2]).toEqual({ startsAt: Date.UTC(2011, 2, 26, 23), offsetSeconds: 14400 });
    expect(zoneTransitions('Asia/Vladivostok').at(-1)!.offsetSeconds).toBe(36000);
    const berlin = zoneTransitions('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(berlin.map((t) => t.offsetSeconds)).toEqual([3600, 7200, 3600]);
    expect(berlin[1]!.startsAt).toBe(Date.UTC(2026, 2, 29, 1));
  });

  it('accept IANA names only, in their canonical spelling', () => {
    expect(canonicalTimeZone('Asia/Novosibirsk')).toBe('Asia/Novosibirsk');
    expect(canonicalTimeZone('asia/novosibirsk')).toBe('Asia/Novosibirsk');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone("'; DROP TABLE x")).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
