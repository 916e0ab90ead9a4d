import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  decodeHours,
  formatDayText,
  isOpenAt,
  parseClock,
  parseDayIntervals,
  parseDayText,
  weekdayOf,
  workingMinutesBetween,
  type WeeklyHours,
  type WorkingSchedule,
} from '../../src/domain/working-time';
import { localMoment } from '../../src/domain/time';

const day = (from: string, to: string): [number, number] => [parseClock(from)!, parseClock(to)!];
const weekdays9to18: WeeklyHours = {
  mon: [day('09:00', '18:00')],
  tue: [day('09:00', '18:00')],
  wed: [day('09:00', '18:00')],
  thu: [day('09:00', '18:00')],
  fri: [day('09:00', '18:00')],
  sat: [],
  sun: [],
};
const moscow: WorkingSchedule = { hours: weekdays9to18, holidays: [], timeZone: 'Europe/Moscow' };
/** A Moscow wall-clock time (UTC+3 all year) as a moment. */
const msk = (iso: string) => Date.parse(`${iso}:00+03:00`);

describe('working hours: parsing', () => {
  it('reads clock times, 24:00 as an end, and refuses nonsense', () => {
    expect(parseClock('09:00')).toBe(540);
    expect(parseClock('9:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:30')).toBeNull();
    expect(parseClock('12:60')).toBeNull();
    expect(parseClock('noon')).toBeNull();
  });

  it('reads a day as typed on the form, several intervals a day, and writes it back', () => {
    const parsed = parseDayText('14:00-18:00, 09:00–13:00');
    expect(parsed).toEqual({
      ok: true,
      intervals: [
        [540, 780],
        [840, 1080],
      ],
    });
    expect(formatDayText(parsed.ok ? parsed.intervals : [])).toBe('09:00–13:00, 14:00–18:00');
    expect(parseDayText('')).toEqual({ ok: true, intervals: [] });
  });

  it('refuses overlapping, reversed and malformed intervals', () => {
    expect(parseDayText('09:00-13:00, 12:00-18:00')).toEqual({ ok: false, problem: 'hoursOverlap' });
    expect(parseDayIntervals([['18:00', '09:00']])).toEqual({ ok: false, problem: 'hoursInvalid' });
    expect(parseDayText('с девяти до шести')).toEqual({ ok: false, problem: 'hoursInvalid' });
  });

  it('names weekdays of local days', () => {
    expect(weekdayOf('2026-12-02')).toBe('wed');
    expect(weekdayOf('2026-12-06')).toBe('sun');
    expect(weekdayOf('2026-12-07')).toBe('mon');
  });

  it('reads stored hours; hours with no open time at all mean always open', () => {
    expect(decodeHours(null)).toBeNull();
    expect(decodeHours(JSON.stringify({ mon: [], tue: [] }))).toBeNull();
    expect(decodeHours(JSON.stringify({ mon: [[540, 1080]] }))?.mon).toEqual([[540, 1080]]);
  });
});

describe('working time: due times', () => {
  it('a complaint at 22:07 with opening at 09:00 is due at 10:00 the next morning', () => {
    expect(addWorkingMinutes(moscow, msk('2026-12-02T22:07'), 60)).toBe(msk('2026-12-03T10:00'));
  });

  it('within the hours the clock simply runs: 14:40 → 15:40', () => {
    expect(addWorkingMinutes(moscow, msk('2026-12-02T14:40'), 60)).toBe(msk('2026-12-02T15:40'));
  });

  it('carries what is left over the night: 17:30 → 09:30 next day', () => {
    expect(addWorkingMinutes(moscow, msk('2026-12-02T17:30'), 60)).toBe(msk('2026-12-03T09:30'));
  });

  it('skips the weekend: Friday 17:45 → Monday 09:45, Saturday noon → Monday 10:00', () => {
    expect(addWorkingMinutes(moscow, msk('2026-12-04T17:45'), 60)).toBe(msk('2026-12-07T09:45'));
    expect(addWorkingMinutes(moscow, msk('2026-12-05T12:00'), 60)).toBe(msk('2026-12-07T10:00'));
  });

  it('skips holidays: New Year days off push the due time to 9 January', () => {
    const holidays = [
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
    ];
    const schedule: WorkingSchedule = {
      ...moscow,
      hours: { ...weekdays9to18, sat: [day('10:00', '16:00')] },
      holidays,
    };
    // 30 December (Wednesday) 17:50: ten minutes that day, the rest on Saturday 9 January.
    expect(addWorkingMinutes(schedule, msk('2026-12-30T17:50'), 60)).toBe(msk('2027-01-09T10:50'));
  });

  it('jumps the lunch break between two intervals of one day', () => {
    const lunch: WorkingSchedule = {
      ...moscow,
      hours: { ...weekdays9to18, wed: [day('09:00', '13:00'), day('14:00', '18:00')] },
    };
    expect(addWorkingMinutes(lunch, msk('2026-12-02T12:30'), 60)).toBe(msk('2026-12-02T14:30'));
    expect(addWorkingMinutes(lunch, msk('2026-12-02T13:20'), 60)).toBe(msk('2026-12-02T15:00'));
  });

  it('works in the location’s zone: 22:07 in Novosibirsk is due at 10:00 Novosibirsk time (06:00 Moscow)', () => {
    const nsk: WorkingSchedule = { ...moscow, timeZone: 'Asia/Novosibirsk' };
    const at = Date.parse('2026-12-02T22:07:00+07:00');
    expect(addWorkingMinutes(nsk, at, 60)).toBe(Date.parse('2026-12-03T10:00:00+07:00'));
    // The same moment is 18:07 in Moscow: a Moscow location is closed too, due at 10:00 Moscow time.
    expect(addWorkingMinutes(moscow, at, 60)).toBe(msk('2026-12-03T10:00'));
  });

  it('follows a zone with summer time: Berlin 09:00 is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const berlin: WorkingSchedule = { ...moscow, timeZone: 'Europe/Berlin' };
    expect(localMoment('2026-12-03', 540, 'Europe/Berlin')).toBe(Date.UTC(2026, 11, 3, 8));
    expect(addWorkingMinutes(berlin, Date.UTC(2026, 6, 1, 20), 60)).toBe(Date.UTC(2026, 6, 2, 8));
  });

  it('always open: the target after the moment; never open: no due time', () => {
    expect(
      addWorkingMinutes({ hours: null, holidays: [], timeZone: 'Europe/Moscow' }, msk('2026-12-02T22:07'), 60),
    ).toBe(msk('2026-12-02T23:07'));
    const allHolidays = Array.from({ length: 420 }, (_, i) =>
      new Date(Date.UTC(2026, 11, 2) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(addWorkingMinutes({ ...moscow, holidays: allHolidays }, msk('2026-12-02T10:00'), 60)).toBeNull();
  });

  it('an around-the-clock day (00:00–24:00) runs over midnight into the next one', () => {
    const open24: WorkingSchedule = {
      ...moscow,
      hours: { ...weekdays9to18, wed: [day('00:00', '24:00')], thu: [day('00:00', '24:00')] },
    };
    expect(addWorkingMinutes(open24, msk('2026-12-02T23:30'), 60)).toBe(msk('2026-12-03T00:30'));
  });
});

describe('working time: minutes between', () => {
  it('counts only open time: answered at 09:20 after a 22:07 complaint is 20 working minutes', () => {
    expect(workingMinutesBetween(moscow, msk('2026-12-02T22:07'), msk('2026-12-03T09:20'))).toBe(20);
  });

  it('over a weekend and a holiday', () => {
    const schedule = { ...moscow, holidays: ['2026-12-07'] };
    // Friday 17:00 → Tuesday 09:30: one hour on Friday, Monday is a holiday, half an hour on Tuesday.
    expect(workingMinutesBetween(schedule, msk('2026-12-04T17:00'), msk('2026-12-08T09:30'))).toBe(90);
  });

  it('is the raw figure when always open, and 0 for a reply before the complaint', () => {
    expect(
      workingMinutesBetween(
        { hours: null, holidays: [], timeZone: 'Europe/Moscow' },
        msk('2026-12-02T22:07'),
        msk('2026-12-03T09:20'),
      ),
    ).toBe(673);
    expect(workingMinutesBetween(moscow, msk('2026-12-03T09:20'), msk('2026-12-02T22:07'))).toBe(0);
  });

  it('agrees with the due time: the target in working minutes lies between a complaint and its due time', () => {
    for (const at of ['2026-12-02T22:07', '2026-12-04T17:45', '2026-12-05T12:00', '2026-12-02T14:40']) {
      const due = addWorkingMinutes(moscow, msk(at), 60)!;
      expect(workingMinutesBetween(moscow, msk(at), due)).toBe(60);
    }
  });

  it('tells whether the location is open now', () => {
    expect(isOpenAt(moscow, msk('2026-12-02T09:00'))).toBe(true);
    expect(isOpenAt(moscow, msk('2026-12-02T18:00'))).toBe(false);
    expect(isOpenAt(moscow, msk('2026-12-05T12:00'))).toBe(false);
  });
});
