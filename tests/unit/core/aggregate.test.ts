import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeNorms } from '../../../src/core/norms.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import {
  addSample,
  bucketOf,
  bucketValue,
  emptyAggregate,
  histogramOf,
  percentileOf,
  sampleFromPair,
  summarizeAggregate,
  type AggregateSample,
} from '../../../src/core/aggregate.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Wednesday 2026-06-17 12:00 UTC.
const NOW = Date.UTC(2026, 5, 17, 12);

function sample(workingMs: number, day: string, extra: Partial<AggregateSample> = {}): AggregateSample {
  return { workingMs, wallMs: workingMs, instant: false, afterHours: false, day, ...extra };
}

function dayKey(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

describe('histogram buckets', () => {
  it('represent every delay within 5% (zero exactly, anything up to a second as about a second)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1001, max: 400 * DAY }), (delay) => {
        expect(Math.abs(bucketValue(bucketOf(delay)) - delay) / delay).toBeLessThan(0.05);
      }),
    );
    expect(bucketValue(bucketOf(0))).toBe(0);
    expect(bucketValue(bucketOf(500))).toBeLessThanOrEqual(1000);
  });

  it('read a median between two far-apart replies the way an exact median does', () => {
    const histogram = histogramOf([MIN, 10 * HOUR]);
    const exact = (MIN + 10 * HOUR) / 2;
    expect(Math.abs((percentileOf(histogram, 0.5) ?? 0) - exact) / exact).toBeLessThan(0.05);
  });
});

describe('client aggregate', () => {
  it('summarises count, medians, instant and after-hours shares', () => {
    const agg = emptyAggregate('domain:acme.com');
    addSample(agg, sample(2 * MIN, '2026-06-17', { instant: true }));
    addSample(agg, sample(3 * HOUR, '2026-06-16', { afterHours: true }));
    addSample(agg, sample(5 * HOUR, '2026-06-15'));
    const summary = summarizeAggregate(agg, NOW, 'UTC');
    expect(summary.count).toBe(3);
    expect(summary.medianWorkingMs! / (3 * HOUR)).toBeCloseTo(1, 1);
    expect(summary.instantShare).toBeCloseTo(1 / 3);
    expect(summary.afterHoursShare).toBeCloseTo(1 / 3);
  });

  it('has no medians or shares before the first reply', () => {
    const summary = summarizeAggregate(emptyAggregate('x'), NOW, 'UTC');
    expect(summary).toMatchObject({ count: 0, medianWorkingMs: null, p90WallMs: null, instantShare: null, afterHoursShare: null });
    expect(summary.trend.direction).toBe('unknown');
  });

  it('removing a sample undoes adding it exactly (re-pairing a thread replaces its pairs)', () => {
    const arbitrarySample = fc.record({
      workingMs: fc.integer({ min: 0, max: 30 * DAY }),
      wallMs: fc.integer({ min: 0, max: 30 * DAY }),
      instant: fc.boolean(),
      afterHours: fc.boolean(),
      day: fc.integer({ min: 0, max: 120 }).map((d) => dayKey(NOW - d * DAY)),
    });
    fc.assert(
      fc.property(fc.array(arbitrarySample, { maxLength: 20 }), fc.array(arbitrarySample, { minLength: 1, maxLength: 5 }), (kept, replaced) => {
        const expected = emptyAggregate('c');
        for (const s of kept) addSample(expected, s);
        const actual = emptyAggregate('c');
        for (const s of [...replaced, ...kept]) addSample(actual, s);
        for (const s of replaced) addSample(actual, s, -1);
        expect(actual).toEqual(expected);
      }),
    );
  });

  it('shows a client being answered faster over the last 30 days than the 90 before', () => {
    const agg = emptyAggregate('c');
    for (let d = 35; d < 100; d += 10) addSample(agg, sample(4 * HOUR, dayKey(NOW - d * DAY)));
    for (let d = 1; d < 25; d += 5) addSample(agg, sample(10 * MIN, dayKey(NOW - d * DAY)));
    const { trend } = summarizeAggregate(agg, NOW, 'UTC');
    expect(trend.recentCount).toBe(5);
    expect(trend.priorCount).toBe(7);
    expect(trend.direction).toBe('faster');
    expect(trend.ratio!).toBeCloseTo(10 / 240, 2);
  });

  it('calls the trend unknown with too few replies in a window', () => {
    const agg = emptyAggregate('c');
    addSample(agg, sample(HOUR, dayKey(NOW - 40 * DAY)));
    for (let d = 1; d < 6; d++) addSample(agg, sample(HOUR, dayKey(NOW - d * DAY)));
    expect(summarizeAggregate(agg, NOW, 'UTC').trend).toMatchObject({ direction: 'unknown', ratio: null });
  });

  it('gives 8 weeks starting on Mondays, oldest first, in the client zone', () => {
    const agg = emptyAggregate('c');
    addSample(agg, sample(HOUR, '2026-06-15')); // Monday of this week
    addSample(agg, sample(3 * HOUR, '2026-06-14')); // Sunday: previous week
    addSample(agg, sample(2 * HOUR, '2026-04-26')); // Sunday, 8 weeks back: outside the series
    const { weekly } = summarizeAggregate(agg, NOW, 'UTC');
    expect(weekly.map((w) => w.weekStart)).toEqual([
      '2026-04-27', '2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25', '2026-06-01', '2026-06-08', '2026-06-15',
    ]);
    expect(weekly.map((w) => w.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(weekly[7]!.medianWorkingMs! / HOUR).toBeCloseTo(1, 1);
    expect(weekly[0]!.medianWorkingMs).toBeNull();
  });

  it('reads "today" in the client zone: late Wednesday UTC is already Thursday in Sydney', () => {
    const agg = emptyAggregate('c');
    const wednesdayLate = Date.UTC(2026, 5, 17, 20); // Thu 06:00 in Sydney
    addSample(agg, sample(HOUR, '2026-06-18'));
    expect(summarizeAggregate(agg, wednesdayLate, 'UTC').weekly[7]!.count).toBe(0);
    expect(summarizeAggregate(agg, wednesdayLate, 'Australia/Sydney').weekly[7]!.count).toBe(1);
  });

  it('keeps the day series bounded however long the history', () => {
    const agg = emptyAggregate('c');
    for (let d = 1000; d >= 0; d--) addSample(agg, sample(HOUR, dayKey(NOW - d * DAY)));
    expect(agg.days.length / 3).toBeLessThanOrEqual(161);
    expect(agg.count).toBe(1001);
    expect(summarizeAggregate(agg, NOW, 'UTC').trend.priorCount).toBe(90);
  });
});

describe('aggregate against the exact norms (computeNorms)', () => {
  // Bucket error is at most ~4.9%; allow 10% and a second (the bucket below one second).
  const close = (approx: number | null, exact: number | null) => {
    if (exact === null) return approx === null;
    return approx !== null && Math.abs(approx - exact) <= 0.1 * exact + 1000;
  };

  it('gives medians and 90th percentiles within the bucket error, and the same counts and shares', () => {
    const delay = fc.oneof(
      fc.integer({ min: 0, max: 20 * MIN }),
      fc.integer({ min: 20 * MIN, max: 2 * DAY }),
      fc.integer({ min: 2 * DAY, max: 40 * DAY }),
    );
    const pair = fc.record({ receivedAgo: fc.integer({ min: 0, max: 200 * DAY }), delay });
    const zone = fc.constantFrom('UTC', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'Pacific/Chatham');
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 60 }), zone, (raw, timeZone) => {
        const schedule = defaultSchedule(timeZone);
        const pairs = raw
          .map((p) => ({ clientKey: 'c', receivedAt: NOW - p.receivedAgo - p.delay, sentAt: NOW - p.receivedAgo }))
          .filter((p) => p.receivedAt >= 0);
        const agg = emptyAggregate('c');
        for (const p of pairs) addSample(agg, sampleFromPair(p, schedule, 15 * MIN));
        const approx = summarizeAggregate(agg, NOW, timeZone);
        const exact = computeNorms(pairs, schedule, NOW, { instantThresholdMs: 15 * MIN });

        expect(approx.count).toBe(exact.count);
        expect(approx.instantShare).toBeCloseTo(exact.instantShare!, 10);
        expect(approx.afterHoursShare).toBeCloseTo(exact.afterHoursShare!, 10);
        for (const key of ['medianWorkingMs', 'p90WorkingMs', 'medianWallMs', 'p90WallMs'] as const) {
          expect(close(approx[key], exact[key]), `${key}: ${approx[key]} vs ${exact[key]}`).toBe(true);
        }
        expect(approx.weekly.map((w) => [w.weekStart, w.count])).toEqual(exact.weekly.map((w) => [w.weekStart, w.count]));
        approx.weekly.forEach((w, i) => expect(close(w.medianWorkingMs, exact.weekly[i]!.medianWorkingMs)).toBe(true));
      }),
      { numRuns: 150 },
    );
  });
});
