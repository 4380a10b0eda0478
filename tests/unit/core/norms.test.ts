import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeNorms, mondayOf, percentile } from '../../../src/core/norms.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import type { ReplyPair, WorkSchedule } from '../../../src/core/types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);
const pair = (received: string, sent: string): ReplyPair => ({ clientKey: 'domain:acme.com', receivedAt: at(received), sentAt: at(sent) });
/** Working time equals wall-clock time: isolates the statistics from the calendar. */
const always: WorkSchedule = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), holidays: [] };

describe('percentile (linear interpolation between closest ranks, rank = p·(n−1))', () => {
  it('matches hand-computed values', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([3, 9], 1)).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('lies between the smallest and largest value and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const value = percentile(sorted, p) as number;
        expect(value).toBeGreaterThanOrEqual(sorted[0]!);
        expect(value).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
        expect(percentile(sorted, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(value);
      }),
    );
  });
});

describe('computeNorms', () => {
  const utcOffice = defaultSchedule('UTC');
  const now = at('2024-06-14T12:00:00Z'); // Friday
  const pairs = [
    pair('2024-06-10T10:00:00Z', '2024-06-10T10:05:00Z'), // 5 min, instant
    pair('2024-06-10T10:00:00Z', '2024-06-10T12:00:00Z'), // 2 h
    pair('2024-06-10T16:00:00Z', '2024-06-11T10:00:00Z'), // wall 18 h, working 1 h + 1 h
    pair('2024-06-07T16:30:00Z', '2024-06-08T11:00:00Z'), // wall 18.5 h, working 30 min, sent Saturday
    pair('2024-06-11T20:00:00Z', '2024-06-11T20:10:00Z'), // 10 min at night: instant, after hours, 0 working
  ];

  it('computes count, medians, p90s and shares by hand-checked numbers', () => {
    const norms = computeNorms(pairs, utcOffice, now);
    expect(norms.count).toBe(5);
    // working: [0, 5 min, 30 min, 2 h, 2 h]
    expect(norms.medianWorkingMs).toBe(30 * MIN);
    expect(norms.p90WorkingMs).toBe(2 * HOUR);
    // wall: [5 min, 10 min, 2 h, 18 h, 18.5 h]; p90 rank 3.6 → 18 h + 0.6 × 30 min
    expect(norms.medianWallMs).toBe(2 * HOUR);
    expect(norms.p90WallMs).toBe(18 * HOUR + 18 * MIN);
    expect(norms.instantShare).toBe(0.4);
    expect(norms.afterHoursShare).toBe(0.4);
  });

  it('honours another instant threshold', () => {
    expect(computeNorms(pairs, utcOffice, now, { instantThresholdMs: 3 * HOUR }).instantShare).toBe(0.6);
  });

  it('builds 8 Monday-start weeks ending with the week of now, empty weeks included', () => {
    const { weekly } = computeNorms(pairs, utcOffice, now);
    expect(weekly.map((w) => w.weekStart)).toEqual([
      '2024-04-22', '2024-04-29', '2024-05-06', '2024-05-13', '2024-05-20', '2024-05-27', '2024-06-03', '2024-06-10',
    ]);
    expect(weekly[7]).toEqual({ weekStart: '2024-06-10', count: 4, medianWorkingMs: 62.5 * MIN });
    expect(weekly[6]).toEqual({ weekStart: '2024-06-03', count: 1, medianWorkingMs: 30 * MIN });
    expect(weekly.slice(0, 6).every((w) => w.count === 0 && w.medianWorkingMs === null)).toBe(true);
  });

  it("assigns replies to weeks in the client's zone", () => {
    // Sunday 20:00Z is already Monday 08:00 in Auckland (+12 in June).
    const auckland = defaultSchedule('Pacific/Auckland');
    const { weekly } = computeNorms([pair('2024-06-09T19:00:00Z', '2024-06-09T20:00:00Z')], auckland, now);
    expect(weekly[7]).toMatchObject({ weekStart: '2024-06-10', count: 1 });
    const london = computeNorms([pair('2024-06-09T19:00:00Z', '2024-06-09T20:00:00Z')], defaultSchedule('Europe/London'), now);
    expect(london.weekly[6]).toMatchObject({ weekStart: '2024-06-03', count: 1 });
  });

  it('is empty but well-formed without pairs, and ignores replies before their message', () => {
    const empty = computeNorms([pair('2024-06-10T10:00:00Z', '2024-06-10T09:00:00Z')], utcOffice, now);
    expect(empty).toMatchObject({
      count: 0,
      medianWorkingMs: null,
      p90WallMs: null,
      instantShare: null,
      afterHoursShare: null,
      trend: { direction: 'unknown', ratio: null, recentCount: 0, priorCount: 0 },
    });
    expect(empty.weekly).toHaveLength(8);
  });
});

describe('trend: the last 30 days against the 90 before', () => {
  const now = at('2024-06-30T12:00:00Z');
  const replies = (daysAgo: number[], delayMs: number) =>
    daysAgo.map((d) => ({ clientKey: 'k', receivedAt: now - d * DAY - delayMs, sentAt: now - d * DAY }));

  it('faster when the recent median is under 0.67 × the prior one', () => {
    const trend = computeNorms([...replies([1, 5, 29], HOUR), ...replies([31, 60, 119], 3 * HOUR)], always, now).trend;
    expect(trend).toEqual({
      recentMedianWorkingMs: HOUR,
      priorMedianWorkingMs: 3 * HOUR,
      recentCount: 3,
      priorCount: 3,
      ratio: 1 / 3,
      direction: 'faster',
    });
  });

  it('slower above 1.5 ×, steady in between', () => {
    expect(computeNorms([...replies([1, 2, 3], 4 * HOUR), ...replies([40, 50, 60], 2 * HOUR)], always, now).trend.direction).toBe('slower');
    expect(computeNorms([...replies([1, 2, 3], 2.8 * HOUR), ...replies([40, 50, 60], 2 * HOUR)], always, now).trend.direction).toBe('steady');
  });

  it('unknown with fewer than 3 replies in a window; replies older than 120 days do not count', () => {
    const trend = computeNorms([...replies([1, 2, 3], HOUR), ...replies([40, 50, 121, 200], 3 * HOUR)], always, now).trend;
    expect(trend.priorCount).toBe(2);
    expect(trend.direction).toBe('unknown');
    expect(trend.ratio).toBeNull();
  });

  it('a prior median of zero working time gives no ratio but still a direction', () => {
    const office = defaultSchedule('UTC');
    // Prior replies: Sunday messages answered on the same Sunday, so zero working time.
    const prior = ['2024-05-05', '2024-05-12', '2024-05-19'].map((sunday) => pair(`${sunday}T14:00:00Z`, `${sunday}T14:10:00Z`));
    const recent = [1, 2, 3].map(() => pair('2024-06-27T10:00:00Z', '2024-06-27T12:00:00Z'));
    const trend = computeNorms([...prior, ...recent], office, now).trend;
    expect(trend.priorMedianWorkingMs).toBe(0);
    expect(trend.ratio).toBeNull();
    expect(trend.direction).toBe('slower');
  });
});

describe('mondayOf', () => {
  it('finds the Monday of the week, across month and year ends', () => {
    expect(mondayOf('2024-06-10')).toBe('2024-06-10');
    expect(mondayOf('2024-06-16')).toBe('2024-06-10');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
  });
});
