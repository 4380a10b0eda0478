import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TZDate, tzScan } from '@date-fns/tz';
import { forgetOffsets, offsetMinutes, uncachedOffsetMinutes } from '../../../src/core/zoneOffset.ts';
import { localDateKey, wallMinutesIn, weekdayIn } from '../../../src/core/schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

// Property runs print their seed; FC_SEED=<n> replays one.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`zone offset properties: FC_SEED=${SEED}`);
/** CPU-bound (Intl formatting): on a shared two-core machine a run can take several seconds. */
const PROPERTY_TIMEOUT_MS = 60_000;

const ALL_ZONES = Intl.supportedValuesOf('timeZone');
/** DST with odd offsets and odd shifts: half-hour DST (Lord Howe), 45-minute offsets (Chatham),
 * negative DST (Dublin), DST suspended for Ramadan (Casablanca), a two-hour shift (Troll), and
 * southern-hemisphere rules (Santiago, Sydney). */
const TRICKY_ZONES = [
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Europe/Dublin',
  'Africa/Casablanca',
  'Antarctica/Troll',
  'America/Santiago',
  'Australia/Sydney',
  'America/New_York',
  'Europe/London',
  'Asia/Tehran',
];

/** Every offset change of the tricky zones between 2000 and 2035, to the hour (tzScan's precision). */
const TRANSITIONS: Array<{ zone: string; at: number }> = TRICKY_ZONES.flatMap((zone) =>
  tzScan(zone, { start: new Date('2000-01-01T00:00:00Z'), end: new Date('2035-01-01T00:00:00Z') }).map((change) => ({ zone, at: +change.date })),
);

/** What schedule.ts read before the cache: the wall clock of a TZDate. */
function tzDateWallReading(at: number, zone: string): number {
  const local = new TZDate(at, zone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds());
}

const anyZone = fc.constantFrom(...ALL_ZONES);
/** 1850 to 2150: local mean times with seconds in their offsets, and far-future rules. */
const anyInstant = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2150, 0, 1) });
/** Within two hours of an offset change, to the millisecond. */
const nearTransition = fc
  .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
  .map(([transition, delta]) => ({ zone: transition.zone, at: transition.at + delta }));
const zonedInstant = fc.oneof(fc.record({ zone: anyZone, at: anyInstant }), nearTransition);

describe('zone offsets remembered per hour', () => {
  it('finds offset changes to check against in every tricky zone', () => {
    for (const zone of TRICKY_ZONES.filter((z) => !['Asia/Kathmandu'].includes(z))) {
      expect(TRANSITIONS.some((t) => t.zone === zone), zone).toBe(true);
    }
  });

  it('gives exactly tzOffset’s answer, whatever was remembered before (any zone, 1850–2150, around DST changes)', () => {
    fc.assert(
      fc.property(fc.array(zonedInstant, { minLength: 1, maxLength: 40 }), fc.boolean(), (cases, forgetFirst) => {
        if (forgetFirst) forgetOffsets();
        for (const { zone, at } of cases) expect(offsetMinutes(zone, at), `${zone} ${new Date(at).toISOString()}`).toBe(uncachedOffsetMinutes(zone, at));
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('answers every millisecond of a changing hour on its own side of the change', () => {
    // Lord Howe moves its clocks by 30 minutes at 02:00 local: 2024-04-06 15:00 UTC, mid-way
    // through no UTC hour boundary of its own, and the hour around it must not be remembered whole.
    forgetOffsets();
    const change = TRANSITIONS.find((t) => t.zone === 'Australia/Lord_Howe' && t.at > Date.UTC(2024, 3, 1) && t.at < Date.UTC(2024, 3, 30))!;
    expect(change).toBeDefined();
    for (let at = change.at - 2 * HOUR; at <= change.at + HOUR; at += 7 * MIN + 13) {
      expect(offsetMinutes('Australia/Lord_Howe', at)).toBe(uncachedOffsetMinutes('Australia/Lord_Howe', at));
    }
    expect(new Set([-2 * HOUR, HOUR].map((d) => offsetMinutes('Australia/Lord_Howe', change.at + d))).size).toBe(2);
  });

  it('keeps the schedule’s wall clock exactly what a TZDate reads (dates, weekdays, minutes)', () => {
    fc.assert(
      fc.property(zonedInstant, ({ zone, at }) => {
        const reading = tzDateWallReading(at, zone);
        expect(localDateKey(at, zone)).toBe(new Date(Math.floor(reading / (24 * HOUR)) * 24 * HOUR).toISOString().slice(0, 10));
        expect(weekdayIn(at, zone)).toBe(new Date(reading).getUTCDay());
        expect(wallMinutesIn(at, zone)).toBe(Math.floor((reading % (24 * HOUR)) / MIN));
      }),
      { seed: SEED, numRuns: 400 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('still refuses a zone that does not exist', () => {
    expect(uncachedOffsetMinutes('Mars/Olympus_Mons', 0)).toBeNaN();
    expect(offsetMinutes('Mars/Olympus_Mons', 0)).toBeNaN();
    expect(() => localDateKey(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
