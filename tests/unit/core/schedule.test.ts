import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NoWorkingTimeError,
  addWorkingTime,
  defaultSchedule,
  hasWorkingTime,
  isWorkingTime,
  localDateKey,
  nextWorkingStart,
  weekdayIn,
  workingIntervals,
  workingTimeBetween,
} from '../../../src/core/schedule.ts';
import type { TimeRange, WorkSchedule } from '../../../src/core/types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string): number => Date.parse(iso);

/** A schedule whose every weekday has the same ranges. */
function everyDay(timeZone: string, ranges: TimeRange[], holidays: string[] = []): WorkSchedule {
  return { timeZone, week: Array.from({ length: 7 }, () => ranges.map((r) => ({ ...r }))), holidays };
}

/** A schedule with ranges on one weekday only. */
function oneDay(timeZone: string, weekday: number, ranges: TimeRange[], holidays: string[] = []): WorkSchedule {
  return { timeZone, week: Array.from({ length: 7 }, (_, d) => (d === weekday ? ranges : [])), holidays };
}

describe('default schedule: Mon–Fri 9:00–17:00', () => {
  const ny = defaultSchedule('America/New_York');

  it('is working time on a weekday afternoon and not at 17:00 or on Saturday', () => {
    expect(isWorkingTime(ny, at('2024-01-08T15:00:00Z'))).toBe(true); // Mon 10:00 EST
    expect(isWorkingTime(ny, at('2024-01-08T14:00:00Z'))).toBe(true); // Mon 09:00 EST, start included
    expect(isWorkingTime(ny, at('2024-01-08T22:00:00Z'))).toBe(false); // Mon 17:00 EST, end excluded
    expect(isWorkingTime(ny, at('2024-01-13T15:00:00Z'))).toBe(false); // Sat
  });

  it('sends a Friday-evening moment to Monday 9:00', () => {
    expect(nextWorkingStart(ny, at('2024-01-12T23:00:00Z'))).toBe(at('2024-01-15T14:00:00Z'));
  });

  it('from inside a working day, the next start is the next morning', () => {
    expect(nextWorkingStart(ny, at('2024-01-08T15:00:00Z'))).toBe(at('2024-01-09T14:00:00Z'));
    // exactly at a start counts as inside
    expect(nextWorkingStart(ny, at('2024-01-08T14:00:00Z'))).toBe(at('2024-01-09T14:00:00Z'));
  });

  it('counts 40 working hours in a whole week and 8 in a Friday-to-Monday span with one day', () => {
    expect(workingTimeBetween(ny, at('2024-01-07T00:00:00Z'), at('2024-01-14T00:00:00Z'))).toBe(40 * HOUR);
    // Fri 16:00 EST → Mon 10:00 EST: one hour on Friday, one on Monday.
    expect(workingTimeBetween(ny, at('2024-01-12T21:00:00Z'), at('2024-01-15T15:00:00Z'))).toBe(2 * HOUR);
  });

  it('adds working time across a weekend', () => {
    // Fri 16:00 EST + 3 working hours = Mon 11:00 EST
    expect(addWorkingTime(ny, at('2024-01-12T21:00:00Z'), 3 * HOUR)).toBe(at('2024-01-15T16:00:00Z'));
    // ending exactly at a stretch's end gives that end
    expect(addWorkingTime(ny, at('2024-01-12T21:00:00Z'), HOUR)).toBe(at('2024-01-12T22:00:00Z'));
    expect(addWorkingTime(ny, at('2024-01-13T21:00:00Z'), 0)).toBe(at('2024-01-13T21:00:00Z'));
  });

  it('lists clipped working intervals', () => {
    expect(workingIntervals(ny, at('2024-01-08T20:00:00Z'), at('2024-01-09T15:30:00Z'))).toEqual([
      [at('2024-01-08T20:00:00Z'), at('2024-01-08T22:00:00Z')],
      [at('2024-01-09T14:00:00Z'), at('2024-01-09T15:30:00Z')],
    ]);
    expect(workingIntervals(ny, at('2024-01-09T15:30:00Z'), at('2024-01-09T15:30:00Z'))).toEqual([]);
    expect(workingTimeBetween(ny, at('2024-01-10T00:00:00Z'), at('2024-01-09T00:00:00Z'))).toBe(0);
  });
});

describe('local dates and weekdays', () => {
  it('reads the calendar date and weekday in the given zone', () => {
    const instant = at('2024-01-01T03:00:00Z');
    expect(localDateKey(instant, 'America/New_York')).toBe('2023-12-31');
    expect(weekdayIn(instant, 'America/New_York')).toBe(0);
    expect(localDateKey(instant, 'Asia/Kolkata')).toBe('2024-01-01');
    expect(weekdayIn(instant, 'Asia/Kolkata')).toBe(1);
    expect(localDateKey(at('2024-06-30T11:20:00Z'), 'Pacific/Chatham')).toBe('2024-07-01'); // 00:05 +12:45
  });
});

describe('daylight saving: America/New_York', () => {
  it('a 01:00–05:00 range lasts 3 h on the spring-forward night and 5 h on the fall-back night', () => {
    const spring = oneDay('America/New_York', 0, [{ start: '01:00', end: '05:00' }]);
    expect(workingTimeBetween(spring, at('2024-03-10T00:00:00Z'), at('2024-03-11T00:00:00Z'))).toBe(3 * HOUR);
    expect(workingTimeBetween(spring, at('2024-11-03T00:00:00Z'), at('2024-11-04T00:00:00Z'))).toBe(5 * HOUR);
  });

  it('a start inside the spring-forward gap resolves to the first instant after the gap', () => {
    const s = oneDay('America/New_York', 0, [{ start: '02:30', end: '06:00' }]);
    // 2024-03-10 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(nextWorkingStart(s, at('2024-03-10T05:00:00Z'))).toBe(at('2024-03-10T07:00:00Z'));
    expect(isWorkingTime(s, at('2024-03-10T06:59:59Z'))).toBe(false);
    expect(workingTimeBetween(s, at('2024-03-10T00:00:00Z'), at('2024-03-11T00:00:00Z'))).toBe(3 * HOUR);
  });

  it('a start inside the fall-back overlap resolves to the earlier instant', () => {
    const s = oneDay('America/New_York', 0, [{ start: '01:30', end: '03:00' }]);
    // 2024-11-03 01:30 EDT = 05:30Z (01:30 EST would be 06:30Z); 03:00 EST = 08:00Z.
    expect(nextWorkingStart(s, at('2024-11-03T00:00:00Z'))).toBe(at('2024-11-03T05:30:00Z'));
    expect(isWorkingTime(s, at('2024-11-03T05:45:00Z'))).toBe(true);
    // the second 01:15 (EST) is real time after the earlier 01:30, so it is inside the range
    expect(isWorkingTime(s, at('2024-11-03T06:15:00Z'))).toBe(true);
    expect(workingTimeBetween(s, at('2024-11-03T00:00:00Z'), at('2024-11-04T00:00:00Z'))).toBe(2.5 * HOUR);
  });

  it('a range entirely inside the gap is empty that night', () => {
    const s = oneDay('America/New_York', 0, [{ start: '02:10', end: '02:50' }]);
    expect(workingTimeBetween(s, at('2024-03-10T00:00:00Z'), at('2024-03-11T00:00:00Z'))).toBe(0);
    expect(workingTimeBetween(s, at('2024-03-17T00:00:00Z'), at('2024-03-18T00:00:00Z'))).toBe(40 * MIN);
    expect(nextWorkingStart(s, at('2024-03-10T00:00:00Z'))).toBe(at('2024-03-17T06:10:00Z'));
  });

  it('working days keep 9:00 local across the change', () => {
    const ny = defaultSchedule('America/New_York');
    expect(nextWorkingStart(ny, at('2024-03-09T12:00:00Z'))).toBe(at('2024-03-11T13:00:00Z')); // EDT
    expect(nextWorkingStart(ny, at('2024-11-02T12:00:00Z'))).toBe(at('2024-11-04T14:00:00Z')); // EST
  });
});

describe('daylight saving: Europe/London', () => {
  it('spring forward: 01:30 resolves to 02:00 BST, and 01:00–03:00 lasts 1 h', () => {
    const s = oneDay('Europe/London', 0, [{ start: '01:30', end: '03:00' }]);
    expect(nextWorkingStart(s, at('2024-03-30T23:00:00Z'))).toBe(at('2024-03-31T01:00:00Z'));
    const t = oneDay('Europe/London', 0, [{ start: '01:00', end: '03:00' }]);
    expect(workingTimeBetween(t, at('2024-03-30T12:00:00Z'), at('2024-03-31T12:00:00Z'))).toBe(HOUR);
  });

  it('fall back: 01:30 is the earlier (BST) instant and 00:00–03:00 lasts 4 h', () => {
    const s = oneDay('Europe/London', 0, [{ start: '01:30', end: '02:00' }]);
    expect(nextWorkingStart(s, at('2024-10-26T23:00:00Z'))).toBe(at('2024-10-27T00:30:00Z'));
    // 01:30 BST → 02:00 GMT: 1.5 h of real time.
    expect(workingTimeBetween(s, at('2024-10-26T12:00:00Z'), at('2024-10-27T12:00:00Z'))).toBe(1.5 * HOUR);
    const t = oneDay('Europe/London', 0, [{ start: '00:00', end: '03:00' }]);
    expect(workingTimeBetween(t, at('2024-10-26T12:00:00Z'), at('2024-10-27T12:00:00Z'))).toBe(4 * HOUR);
  });
});

describe('daylight saving: Australia/Sydney (southern hemisphere)', () => {
  it('April fall back: 02:30 is the earlier (AEDT) instant', () => {
    const s = oneDay('Australia/Sydney', 0, [{ start: '02:30', end: '04:00' }]);
    // 2024-04-07 03:00 AEDT → 02:00 AEST; 02:30 AEDT = 2024-04-06T15:30Z, 04:00 AEST = 18:00Z.
    expect(nextWorkingStart(s, at('2024-04-06T12:00:00Z'))).toBe(at('2024-04-06T15:30:00Z'));
    expect(workingTimeBetween(s, at('2024-04-06T12:00:00Z'), at('2024-04-07T12:00:00Z'))).toBe(2.5 * HOUR);
  });

  it('October spring forward: 02:30 resolves to 03:00 AEDT', () => {
    const s = oneDay('Australia/Sydney', 0, [{ start: '02:30', end: '04:00' }]);
    // 2024-10-06 02:00 AEST → 03:00 AEDT = 2024-10-05T16:00Z; 04:00 AEDT = 17:00Z.
    expect(nextWorkingStart(s, at('2024-10-05T12:00:00Z'))).toBe(at('2024-10-05T16:00:00Z'));
    expect(workingTimeBetween(s, at('2024-10-05T12:00:00Z'), at('2024-10-06T12:00:00Z'))).toBe(HOUR);
  });

  it('Monday 9:00 is Sunday 23:00Z in winter (AEST) and 22:00Z in summer (AEDT)', () => {
    const syd = defaultSchedule('Australia/Sydney');
    expect(nextWorkingStart(syd, at('2024-07-06T00:00:00Z'))).toBe(at('2024-07-07T23:00:00Z')); // AEST +10
    expect(nextWorkingStart(syd, at('2024-01-06T00:00:00Z'))).toBe(at('2024-01-07T22:00:00Z')); // AEDT +11
  });
});

describe('fractional offsets', () => {
  it('Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45)', () => {
    expect(nextWorkingStart(defaultSchedule('Asia/Kolkata'), at('2024-01-07T00:00:00Z'))).toBe(at('2024-01-08T03:30:00Z'));
    expect(nextWorkingStart(defaultSchedule('Asia/Kathmandu'), at('2024-01-07T00:00:00Z'))).toBe(at('2024-01-08T03:15:00Z'));
    expect(isWorkingTime(defaultSchedule('Asia/Kathmandu'), at('2024-01-08T11:14:59Z'))).toBe(true);
    expect(isWorkingTime(defaultSchedule('Asia/Kathmandu'), at('2024-01-08T11:15:00Z'))).toBe(false);
  });

  it('Pacific/Chatham (+12:45 / +13:45), including its 02:45 changes', () => {
    const chatham = defaultSchedule('Pacific/Chatham');
    expect(nextWorkingStart(chatham, at('2024-07-06T00:00:00Z'))).toBe(at('2024-07-07T20:15:00Z')); // Mon 09:00 +12:45
    expect(nextWorkingStart(chatham, at('2024-01-06T00:00:00Z'))).toBe(at('2024-01-07T19:15:00Z')); // Mon 09:00 +13:45

    // 2024-09-29 02:45 +12:45 (14:00Z) jumps to 03:45 +13:45.
    const spring = oneDay('Pacific/Chatham', 0, [{ start: '02:00', end: '06:00' }]);
    expect(workingTimeBetween(spring, at('2024-09-28T00:00:00Z'), at('2024-09-29T00:00:00Z'))).toBe(3 * HOUR);
    const inGap = oneDay('Pacific/Chatham', 0, [{ start: '03:00', end: '06:00' }]);
    expect(nextWorkingStart(inGap, at('2024-09-28T00:00:00Z'))).toBe(at('2024-09-28T14:00:00Z'));

    // 2024-04-07 03:45 +13:45 (14:00Z) falls back to 02:45 +12:45; 03:00 first happens at 13:15Z.
    const autumn = oneDay('Pacific/Chatham', 0, [{ start: '03:00', end: '04:00' }]);
    expect(nextWorkingStart(autumn, at('2024-04-06T00:00:00Z'))).toBe(at('2024-04-06T13:15:00Z'));
    expect(workingTimeBetween(autumn, at('2024-04-06T00:00:00Z'), at('2024-04-07T00:00:00Z'))).toBe(2 * HOUR);
  });

  it('UTC', () => {
    const utc = defaultSchedule('UTC');
    expect(nextWorkingStart(utc, at('2024-03-10T12:00:00Z'))).toBe(at('2024-03-11T09:00:00Z'));
    expect(workingTimeBetween(utc, at('2024-03-04T00:00:00Z'), at('2024-03-11T00:00:00Z'))).toBe(40 * HOUR);
  });
});

describe('split shifts, overnight ranges, overlaps and holidays', () => {
  const split = everyDay('UTC', [
    { start: '14:00', end: '18:00' },
    { start: '09:00', end: '12:00' },
  ]);

  it('a split shift counts both parts, and the lunch break is not working time', () => {
    expect(workingTimeBetween(split, at('2024-05-01T00:00:00Z'), at('2024-05-02T00:00:00Z'))).toBe(7 * HOUR);
    expect(isWorkingTime(split, at('2024-05-01T12:30:00Z'))).toBe(false);
    expect(nextWorkingStart(split, at('2024-05-01T12:30:00Z'))).toBe(at('2024-05-01T14:00:00Z'));
    expect(nextWorkingStart(split, at('2024-05-01T10:00:00Z'))).toBe(at('2024-05-01T14:00:00Z'));
    expect(addWorkingTime(split, at('2024-05-01T11:00:00Z'), 2 * HOUR)).toBe(at('2024-05-01T15:00:00Z'));
  });

  it('an overnight range runs into the next day and belongs to the day it starts on', () => {
    const night = oneDay('Europe/Berlin', 1, [{ start: '22:00', end: '06:00' }]);
    // Monday 2024-05-06 22:00 CEST = 20:00Z until Tuesday 06:00 = 04:00Z.
    expect(isWorkingTime(night, at('2024-05-07T02:00:00Z'))).toBe(true);
    expect(isWorkingTime(night, at('2024-05-07T04:00:00Z'))).toBe(false);
    expect(nextWorkingStart(night, at('2024-05-06T10:00:00Z'))).toBe(at('2024-05-06T20:00:00Z'));
    // A Tuesday holiday keeps Monday night's shift; a Monday holiday removes it.
    const tuesdayOff = oneDay('Europe/Berlin', 1, [{ start: '22:00', end: '06:00' }], ['2024-05-07']);
    expect(isWorkingTime(tuesdayOff, at('2024-05-07T02:00:00Z'))).toBe(true);
    const mondayOff = oneDay('Europe/Berlin', 1, [{ start: '22:00', end: '06:00' }], ['2024-05-06']);
    expect(isWorkingTime(mondayOff, at('2024-05-07T02:00:00Z'))).toBe(false);
    expect(nextWorkingStart(mondayOff, at('2024-05-06T10:00:00Z'))).toBe(at('2024-05-13T20:00:00Z'));
  });

  it('"24:00" ends at midnight, and equal start and end make a 24-hour range', () => {
    const late = oneDay('UTC', 3, [{ start: '20:00', end: '24:00' }]);
    expect(workingTimeBetween(late, at('2024-05-01T00:00:00Z'), at('2024-05-03T00:00:00Z'))).toBe(4 * HOUR);
    expect(isWorkingTime(late, at('2024-05-02T00:00:00Z'))).toBe(false);
    const fullDay = oneDay('UTC', 3, [{ start: '09:00', end: '09:00' }]);
    expect(workingTimeBetween(fullDay, at('2024-05-01T00:00:00Z'), at('2024-05-03T00:00:00Z'))).toBe(24 * HOUR);
  });

  it('overlapping and touching ranges are one stretch, never counted twice', () => {
    const s = everyDay('UTC', [
      { start: '09:00', end: '17:00' },
      { start: '12:00', end: '20:00' },
      { start: '20:00', end: '21:00' },
    ]);
    expect(workingTimeBetween(s, at('2024-05-01T00:00:00Z'), at('2024-05-02T00:00:00Z'))).toBe(12 * HOUR);
    expect(nextWorkingStart(s, at('2024-05-01T10:00:00Z'))).toBe(at('2024-05-02T09:00:00Z'));
    expect(workingIntervals(s, at('2024-05-01T00:00:00Z'), at('2024-05-02T00:00:00Z'))).toEqual([
      [at('2024-05-01T09:00:00Z'), at('2024-05-01T21:00:00Z')],
    ]);
  });

  it('a holiday removes that day and the next start skips it', () => {
    const ny = { ...defaultSchedule('America/New_York'), holidays: ['2024-07-04', '2024-07-05'] };
    expect(isWorkingTime(ny, at('2024-07-04T15:00:00Z'))).toBe(false);
    expect(nextWorkingStart(ny, at('2024-07-03T22:00:00Z'))).toBe(at('2024-07-08T13:00:00Z'));
    expect(workingTimeBetween(ny, at('2024-07-01T00:00:00Z'), at('2024-07-08T00:00:00Z'))).toBe(24 * HOUR);
  });
});

describe('schedules without working time', () => {
  const empty: WorkSchedule = { timeZone: 'UTC', week: [[], [], [], [], [], [], []], holidays: [] };

  it('an empty week has no working time: queries answer, searches throw a clear error', () => {
    expect(hasWorkingTime(empty)).toBe(false);
    expect(hasWorkingTime(defaultSchedule('UTC'))).toBe(true);
    expect(isWorkingTime(empty, at('2024-05-01T10:00:00Z'))).toBe(false);
    expect(workingTimeBetween(empty, at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'))).toBe(0);
    expect(() => nextWorkingStart(empty, at('2024-05-01T10:00:00Z'))).toThrow(NoWorkingTimeError);
    expect(() => nextWorkingStart(empty, at('2024-05-01T10:00:00Z'))).toThrow(/every day of the week is empty/);
    expect(() => addWorkingTime(empty, at('2024-05-01T10:00:00Z'), HOUR)).toThrow(NoWorkingTimeError);
  });

  it('every working day a holiday for years: the search stops with an error instead of looping', () => {
    const holidays: string[] = [];
    for (let day = at('2024-01-01T00:00:00Z'); day < at('2027-12-31T00:00:00Z'); day += 24 * HOUR) {
      if (new Date(day).getUTCDay() === 1) holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const mondays = oneDay('UTC', 1, [{ start: '09:00', end: '17:00' }], holidays);
    expect(() => nextWorkingStart(mondays, at('2024-01-01T00:00:00Z'))).toThrow(/no stretch of working time starts/);
    expect(() => addWorkingTime(mondays, at('2024-01-01T00:00:00Z'), MIN)).toThrow(NoWorkingTimeError);
  });

  it('round-the-clock work has no next start, and says so', () => {
    const always = everyDay('UTC', [{ start: '00:00', end: '24:00' }]);
    expect(isWorkingTime(always, at('2024-05-01T03:00:00Z'))).toBe(true);
    expect(() => nextWorkingStart(always, at('2024-05-01T03:00:00Z'))).toThrow(NoWorkingTimeError);
    expect(addWorkingTime(always, at('2024-05-01T03:00:00Z'), 30 * HOUR)).toBe(at('2024-05-02T09:00:00Z'));
  });

  it('an unknown zone or a malformed range is a RangeError, not a wrong answer', () => {
    expect(() => isWorkingTime({ ...defaultSchedule('UTC'), timeZone: 'Mars/Base' }, 0)).toThrow(/Mars\/Base/);
    expect(() => isWorkingTime(everyDay('UTC', [{ start: '9:00', end: '17:00' }]), 0)).toThrow(RangeError);
    expect(() => isWorkingTime(everyDay('UTC', [{ start: '24:00', end: '17:00' }]), 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
];

/** Wall times on quarter hours, biased towards the small hours where DST changes happen. */
const wallTime = fc.oneof(
  fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
  fc.integer({ min: 4, max: 16 }).map((q) => q * 15),
);
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const rangeArb: fc.Arbitrary<TimeRange> = fc
  .tuple(wallTime.filter((m) => m < 1440), fc.oneof(wallTime, fc.constant(1440)))
  .map(([start, end]) => ({ start: hhmm(start), end: hhmm(end) }));

const START = at('2024-01-01T00:00:00Z');
const END = at('2025-12-31T00:00:00Z');
/** Instants near the 2024/2025 DST changes of the zones above, plus anywhere in two years. */
const TRANSITIONS = [
  '2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z',
  '2024-04-06T16:00:00Z', '2024-10-05T16:00:00Z', '2024-04-06T14:00:00Z', '2024-09-28T14:00:00Z',
  '2025-03-09T07:00:00Z', '2025-04-05T16:00:00Z',
].map(at);
const instantArb = fc.oneof(
  fc.integer({ min: START, max: END }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([t, m]) => t + m * MIN),
);

const scheduleArb: fc.Arbitrary<WorkSchedule> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.array(fc.array(rangeArb, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: 720 }), { maxLength: 5 }),
  })
  .map(({ timeZone, week, holidays }) => ({
    timeZone,
    week,
    holidays: holidays.map((d) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10)),
  }));
const workingScheduleArb = scheduleArb.filter(hasWorkingTime);

describe('properties', () => {
  it('nextWorkingStart(t) is after t, is working time, follows non-working time, and nothing new starts in between', () => {
    fc.assert(
      fc.property(workingScheduleArb, instantArb, (schedule, t) => {
        let next: number;
        try {
          next = nextWorkingStart(schedule, t);
        } catch (error) {
          // Only round-the-clock schedules have no next start.
          expect(error).toBeInstanceOf(NoWorkingTimeError);
          expect(workingTimeBetween(schedule, t, t + 8 * 24 * HOUR)).toBe(8 * 24 * HOUR);
          return;
        }
        expect(next).toBeGreaterThan(t);
        expect(isWorkingTime(schedule, next)).toBe(true);
        expect(isWorkingTime(schedule, next - 1)).toBe(false);
        // Between t and next there is at most the rest of the stretch t is in.
        const between = workingIntervals(schedule, t, next);
        expect(between.length).toBeLessThanOrEqual(1);
        if (between.length === 1) {
          expect(between[0]![0]).toBe(t);
          expect(isWorkingTime(schedule, t)).toBe(true);
        } else {
          expect(isWorkingTime(schedule, t)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('workingTimeBetween is additive, non-negative and at most the wall time', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, fc.integer({ min: 0, max: 5 * 24 * 60 }), fc.integer({ min: 0, max: 5 * 24 * 60 }), (schedule, a, d1, d2) => {
        const b = a + d1 * MIN;
        const c = b + d2 * MIN;
        const ab = workingTimeBetween(schedule, a, b);
        const bc = workingTimeBetween(schedule, b, c);
        const ac = workingTimeBetween(schedule, a, c);
        expect(ab + bc).toBe(ac);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ac).toBeLessThanOrEqual(c - a);
      }),
      { numRuns: 300 },
    );
  });

  it('isWorkingTime agrees with the intervals', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (schedule, t) => {
        expect(isWorkingTime(schedule, t)).toBe(workingTimeBetween(schedule, t, t + 1) === 1);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingTime inverts workingTimeBetween', () => {
    fc.assert(
      fc.property(workingScheduleArb, instantArb, fc.integer({ min: 0, max: 60 * HOUR }), (schedule, from, ms) => {
        const to = addWorkingTime(schedule, from, ms);
        expect(to).toBeGreaterThanOrEqual(from);
        expect(workingTimeBetween(schedule, from, to)).toBe(ms);
        // the earliest such instant: a moment earlier, less had elapsed
        if (ms > 0) expect(workingTimeBetween(schedule, from, to - 1)).toBe(ms - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingTime(from, workingTimeBetween(from, to)) lands at or before to, with no working time left', () => {
    fc.assert(
      fc.property(workingScheduleArb, instantArb, fc.integer({ min: 0, max: 4 * 24 * 60 }), (schedule, from, minutes) => {
        const to = from + minutes * MIN;
        const back = addWorkingTime(schedule, from, workingTimeBetween(schedule, from, to));
        expect(back).toBeLessThanOrEqual(to);
        expect(workingTimeBetween(schedule, back, to)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
