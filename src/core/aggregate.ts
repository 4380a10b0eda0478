import { isWorkingTime, localDateKey, workingTimeBetween } from './schedule.ts';
import type { Instant, NormsSummary, NormsTrend, WeeklyNorm, WorkSchedule } from './types.ts';

/**
 * A per-client running summary of reply delays, updated on every write so that reading the norms
 * of hundreds of clients never scans their history.
 *
 * Delays go into log-spaced buckets (each 10% wider than the one before, from 1 s up), so a
 * median or 90th percentile read from the buckets is within about 5% of the exact value. Zero has
 * its own bucket: a reply written outside working hours to a message that also arrived outside
 * them took no working time at all, and that is common.
 *
 * Plain data (no classes, no Maps) so that it can be stored as is in IndexedDB.
 */
export interface ClientAggregate {
  clientKey: string;
  count: number;
  instantCount: number;
  afterHoursCount: number;
  /** Working-time delays: bucket index → number of replies. */
  working: Histogram;
  /** Wall-clock delays. */
  wall: Histogram;
  /** Working-time delays per local day of the reply ("YYYY-MM-DD" in the client's zone), for the
   * trend and the weekly series. Only recent days are kept (see DAY_RETENTION). */
  days: Record<string, Histogram>;
}

/** Sparse histogram: bucket index (as an object key) → count. */
export type Histogram = Record<string, number>;

/** One reply as the aggregate counts it. The caller works out the schedule-dependent parts. */
export interface AggregateSample {
  workingMs: number;
  wallMs: number;
  instant: boolean;
  afterHours: boolean;
  /** Local calendar day of the reply in the client's zone, "YYYY-MM-DD". */
  day: string;
}

const BUCKET_RATIO = 1.1;
const BUCKET_BASE_MS = 1000;
const LOG_RATIO = Math.log(BUCKET_RATIO);
/** Beyond 1.1^200 s (about six years) every delay shares one bucket. */
const MAX_BUCKET = 200;
const DAY_MS = 86_400_000;
/** The trend needs 30 + 90 days, the weekly series 8 weeks; keep a little more for late reads. */
export const DAY_RETENTION = 130;
const RECENT_DAYS = 30;
const PRIOR_DAYS = 90;
const WEEKS = 8;
/** Fewer replies than this in either trend window and the trend is 'unknown'. */
export const TREND_MIN_COUNT = 3;
/** recent/prior below FASTER is 'faster', above SLOWER 'slower', else 'steady'. */
export const TREND_FASTER = 0.8;
export const TREND_SLOWER = 1.25;

/**
 * What one reply counts for in its client's schedule. A schedule with no working time at all
 * gives zero working time and counts every reply as after hours; it never throws.
 */
export function sampleFromPair(
  pair: { receivedAt: Instant; sentAt: Instant },
  schedule: WorkSchedule,
  instantThresholdMs: number,
): AggregateSample {
  const wallMs = Math.max(0, pair.sentAt - pair.receivedAt);
  return {
    workingMs: workingTimeBetween(schedule, pair.receivedAt, pair.sentAt),
    wallMs,
    instant: wallMs < instantThresholdMs,
    afterHours: !isWorkingTime(schedule, pair.sentAt),
    day: localDateKey(pair.sentAt, schedule.timeZone),
  };
}

export function emptyAggregate(clientKey: string): ClientAggregate {
  return { clientKey, count: 0, instantCount: 0, afterHoursCount: 0, working: {}, wall: {}, days: {} };
}

/** The bucket a delay falls in: 0 for no delay, then (1.1^(i-2), 1.1^(i-1)] seconds for i ≥ 1. */
export function bucketOf(delayMs: number): number {
  if (!(delayMs > 0)) return 0;
  if (delayMs <= BUCKET_BASE_MS) return 1;
  const index = 1 + Math.ceil(Math.log(delayMs / BUCKET_BASE_MS) / LOG_RATIO - 1e-9);
  return Math.min(index, MAX_BUCKET);
}

/** The value a bucket stands for: the geometric middle of its range (at most ~4.9% off). */
export function bucketValue(index: number): number {
  if (index <= 0) return 0;
  return BUCKET_BASE_MS * Math.pow(BUCKET_RATIO, index - 1.5);
}

/**
 * Adds one reply to the aggregate (sign +1) or takes it out again (sign −1): re-pairing a thread
 * replaces its pairs, so the store removes the old samples and adds the new ones. Mutates and
 * returns `agg`.
 */
export function addSample(agg: ClientAggregate, sample: AggregateSample, sign: 1 | -1 = 1): ClientAggregate {
  agg.count = Math.max(0, agg.count + sign);
  if (sample.instant) agg.instantCount = Math.max(0, agg.instantCount + sign);
  if (sample.afterHours) agg.afterHoursCount = Math.max(0, agg.afterHoursCount + sign);
  const workingBucket = bucketOf(sample.workingMs);
  bump(agg.working, workingBucket, sign);
  bump(agg.wall, bucketOf(sample.wallMs), sign);

  const day = agg.days[sample.day];
  if (day) {
    bump(day, workingBucket, sign);
    if (Object.keys(day).length === 0) delete agg.days[sample.day];
  } else if (sign > 0) {
    agg.days[sample.day] = { [workingBucket]: 1 };
    pruneDays(agg);
  }
  // A removal for a day already pruned has nothing left to take out of the day series.
  return agg;
}

function bump(histogram: Histogram, bucket: number, sign: 1 | -1): void {
  const next = (histogram[bucket] ?? 0) + sign;
  if (next > 0) histogram[bucket] = next;
  else delete histogram[bucket];
}

/** Keeps the day series bounded: days older than DAY_RETENTION before the newest are dropped. */
function pruneDays(agg: ClientAggregate): void {
  const keys = Object.keys(agg.days);
  // Amortised: prune only when the series has grown well past the retention.
  if (keys.length <= DAY_RETENTION + 30) return;
  const newest = keys.reduce((a, b) => (a > b ? a : b));
  const cutoff = shiftDay(newest, -DAY_RETENTION);
  for (const key of keys) if (key < cutoff) delete agg.days[key];
}

/** Reads the norms from the aggregate alone; `timeZone` is the client's, for days and weeks. */
export function summarizeAggregate(agg: ClientAggregate, now: Instant, timeZone: string): NormsSummary {
  const count = agg.count;
  const today = localDateKey(now, timeZone);
  const recentStart = localDateKey(now - RECENT_DAYS * DAY_MS, timeZone);
  const priorStart = localDateKey(now - (RECENT_DAYS + PRIOR_DAYS) * DAY_MS, timeZone);

  const recent: Histogram = {};
  const prior: Histogram = {};
  for (const [day, histogram] of Object.entries(agg.days)) {
    if (day > today) continue;
    if (day > recentStart) merge(recent, histogram);
    else if (day > priorStart) merge(prior, histogram);
  }

  return {
    count,
    medianWorkingMs: percentileOf(agg.working, 0.5),
    p90WorkingMs: percentileOf(agg.working, 0.9),
    medianWallMs: percentileOf(agg.wall, 0.5),
    p90WallMs: percentileOf(agg.wall, 0.9),
    instantShare: count > 0 ? agg.instantCount / count : null,
    afterHoursShare: count > 0 ? agg.afterHoursCount / count : null,
    weekly: weeklySeries(agg, today),
    trend: trendOf(recent, prior),
  };
}

function trendOf(recent: Histogram, prior: Histogram): NormsTrend {
  const recentCount = total(recent);
  const priorCount = total(prior);
  const recentMedianWorkingMs = percentileOf(recent, 0.5);
  const priorMedianWorkingMs = percentileOf(prior, 0.5);
  const enough = recentCount >= TREND_MIN_COUNT && priorCount >= TREND_MIN_COUNT;
  const ratio =
    enough && recentMedianWorkingMs !== null && priorMedianWorkingMs !== null && priorMedianWorkingMs > 0
      ? recentMedianWorkingMs / priorMedianWorkingMs
      : null;
  let direction: NormsTrend['direction'] = 'unknown';
  if (ratio !== null) direction = ratio < TREND_FASTER ? 'faster' : ratio > TREND_SLOWER ? 'slower' : 'steady';
  // A prior median of zero (every reply outside working time) has no ratio but still a direction.
  else if (enough) direction = (recentMedianWorkingMs ?? 0) > 0 ? 'slower' : 'steady';
  return { recentMedianWorkingMs, priorMedianWorkingMs, recentCount, priorCount, ratio, direction };
}

function weeklySeries(agg: ClientAggregate, today: string): WeeklyNorm[] {
  const thisWeek = mondayOf(today);
  const weeks: WeeklyNorm[] = [];
  const byWeek = new Map<string, Histogram>();
  const oldest = shiftDay(thisWeek, -7 * (WEEKS - 1));
  for (const [day, histogram] of Object.entries(agg.days)) {
    if (day < oldest || day > today) continue;
    const week = mondayOf(day);
    const bucket = byWeek.get(week) ?? {};
    merge(bucket, histogram);
    byWeek.set(week, bucket);
  }
  for (let i = WEEKS - 1; i >= 0; i--) {
    const weekStart = shiftDay(thisWeek, -7 * i);
    const histogram = byWeek.get(weekStart) ?? {};
    weeks.push({ weekStart, count: total(histogram), medianWorkingMs: percentileOf(histogram, 0.5) });
  }
  return weeks;
}

function merge(into: Histogram, from: Histogram): void {
  for (const [bucket, n] of Object.entries(from)) into[bucket] = (into[bucket] ?? 0) + n;
}

function total(histogram: Histogram): number {
  let n = 0;
  for (const count of Object.values(histogram)) n += count;
  return n;
}

/**
 * The p-quantile (0..1) with linear interpolation between closest ranks (rank = p·(n−1)), each
 * sample standing at its bucket's value. Null for an empty histogram.
 */
export function percentileOf(histogram: Histogram, p: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([bucket, n]) => [Number(bucket), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((sum, [, c]) => sum + c, 0);
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = valueAtRank(buckets, lower);
  const high = valueAtRank(buckets, upper);
  return low + (high - low) * (rank - lower);
}

function valueAtRank(buckets: ReadonlyArray<readonly [number, number]>, rank: number): number {
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (rank < seen) return bucketValue(bucket);
  }
  const last = buckets[buckets.length - 1];
  return last ? bucketValue(last[0]) : 0;
}

/** Calendar arithmetic on a "YYYY-MM-DD" key (no time zone involved: a date is a date). */
function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}
