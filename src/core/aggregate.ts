import { PRIOR_DAYS, RECENT_DAYS, trendFromMedians, WEEKS_IN_SERIES } from './norms.ts';
import { isWorkingTime, localDateKey, workingTimeBetween } from './schedule.ts';
import type { Instant, NormsSummary, NormsTrend, WorkSchedule } from './types.ts';

/**
 * A per-client running summary of reply delays, updated on every write so that reading the norms
 * of hundreds of clients never scans their history.
 *
 * Delays go into log-spaced buckets (each 10% wider than the one before, from 1 s up), so a
 * median or 90th percentile read from the buckets is within about 5% of the exact value. Zero has
 * its own bucket: a reply written outside working hours to a message that also arrived outside
 * them took no working time at all, and that is common.
 *
 * Plain data made of typed arrays, stored as is in IndexedDB: the browser copies a typed array
 * in one block, so reading 500 clients' aggregates stays cheap.
 */
export interface ClientAggregate {
  clientKey: string;
  count: number;
  instantCount: number;
  afterHoursCount: number;
  /** Working-time delays: replies per bucket (index = bucketOf(delay)). */
  working: Uint32Array;
  /** Wall-clock delays, same buckets. */
  wall: Uint32Array;
  /**
   * Working-time delays per local day of the reply, as [day, bucket, count] triples sorted by day
   * then bucket; day = days since 1970-01-01 of the calendar date in the client's zone. Only recent
   * days are kept (DAY_RETENTION), for the trend and the weekly series.
   */
  days: Int32Array;
}

/** One reply as the aggregate counts it. */
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
export const MAX_BUCKET = 200;
const BUCKETS = MAX_BUCKET + 1;
const DAY_MS = 86_400_000;
/** The trend needs 30 + 90 days, the weekly series 8 weeks; keep a little more for late reads. */
export const DAY_RETENTION = 130;
/** Pruning runs only once the series is this much longer than kept, so it is rare. */
const PRUNE_SLACK_DAYS = 30;
const WEEKS = WEEKS_IN_SERIES;

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
  return {
    clientKey,
    count: 0,
    instantCount: 0,
    afterHoursCount: 0,
    working: new Uint32Array(BUCKETS),
    wall: new Uint32Array(BUCKETS),
    days: new Int32Array(0),
  };
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

/** bucketValue of every bucket, worked out once. */
const BUCKET_VALUES = Float64Array.from({ length: BUCKETS }, (_, i) => bucketValue(i));

/** A histogram of the given delays, in the aggregate's buckets. */
export function histogramOf(delaysMs: readonly number[]): Uint32Array {
  const histogram = new Uint32Array(BUCKETS);
  for (const delay of delaysMs) histogram[bucketOf(delay)]! += 1;
  return histogram;
}

/**
 * Adds one reply to the aggregate (sign +1) or takes it out again (sign −1): re-pairing a thread
 * replaces its pairs, so the store removes the old samples and adds the new ones. Adding then
 * removing the same sample gives back an identical aggregate. Mutates and returns `agg`.
 */
export function addSample(agg: ClientAggregate, sample: AggregateSample, sign: 1 | -1 = 1): ClientAggregate {
  agg.count = Math.max(0, agg.count + sign);
  if (sample.instant) agg.instantCount = Math.max(0, agg.instantCount + sign);
  if (sample.afterHours) agg.afterHoursCount = Math.max(0, agg.afterHoursCount + sign);
  const workingBucket = bucketOf(sample.workingMs);
  bump(agg.working, workingBucket, sign);
  bump(agg.wall, bucketOf(sample.wallMs), sign);
  agg.days = bumpDay(agg.days, dayNumber(sample.day), workingBucket, sign);
  return agg;
}

function bump(histogram: Uint32Array, bucket: number, sign: 1 | -1): void {
  histogram[bucket] = Math.max(0, histogram[bucket]! + sign);
}

/** The day series with one reply added or removed; kept sorted so that equal content is equal data. */
function bumpDay(days: Int32Array, day: number, bucket: number, sign: 1 | -1): Int32Array {
  let at = 0;
  while (at < days.length && (days[at]! < day || (days[at] === day && days[at + 1]! < bucket))) at += 3;
  if (at < days.length && days[at] === day && days[at + 1] === bucket) {
    const next = days[at + 2]! + sign;
    if (next > 0) {
      days[at + 2] = next;
      return days;
    }
    const shorter = new Int32Array(days.length - 3);
    shorter.set(days.subarray(0, at));
    shorter.set(days.subarray(at + 3), at);
    return shorter;
  }
  // A removal for a day already pruned has nothing left to take out of the series.
  if (sign < 0) return days;
  const longer = new Int32Array(days.length + 3);
  longer.set(days.subarray(0, at));
  longer.set([day, bucket, 1], at);
  longer.set(days.subarray(at), at + 3);
  return pruneDays(longer);
}

/** Keeps the day series bounded: days older than DAY_RETENTION before the newest are dropped. */
function pruneDays(days: Int32Array): Int32Array {
  const newest = days[days.length - 3]!;
  if (newest - days[0]! <= DAY_RETENTION + PRUNE_SLACK_DAYS) return days;
  let from = 0;
  while (days[from]! < newest - DAY_RETENTION) from += 3;
  return days.slice(from);
}

/** The scratch histograms of summarizeAggregate (synchronous, so one set is enough). */
const scratch = {
  recent: new Uint32Array(BUCKETS),
  prior: new Uint32Array(BUCKETS),
  weeks: Array.from({ length: WEEKS }, () => new Uint32Array(BUCKETS)),
};

/** Reads the norms from the aggregate alone; `timeZone` is the client's, for days and weeks. */
export function summarizeAggregate(agg: ClientAggregate, now: Instant, timeZone: string): NormsSummary {
  const count = agg.count;
  const { today, recentStart, priorStart, firstMonday, weekStarts } = calendarFor(now, timeZone);

  // Scratch histograms, reused: listing 500 clients would otherwise allocate 5,000 of them.
  const { recent, prior, weeks } = scratch;
  recent.fill(0);
  prior.fill(0);
  for (const week of weeks) week.fill(0);
  const days = agg.days;
  for (let i = 0; i < days.length; i += 3) {
    const day = days[i]!;
    if (day > today || day <= priorStart) continue;
    const bucket = days[i + 1]!;
    const n = days[i + 2]!;
    (day > recentStart ? recent : prior)[bucket]! += n;
    if (day >= firstMonday) weeks[Math.floor((day - firstMonday) / 7)]![bucket]! += n;
  }

  return {
    count,
    medianWorkingMs: percentileOf(agg.working, 0.5),
    p90WorkingMs: percentileOf(agg.working, 0.9),
    medianWallMs: percentileOf(agg.wall, 0.5),
    p90WallMs: percentileOf(agg.wall, 0.9),
    instantShare: count > 0 ? agg.instantCount / count : null,
    afterHoursShare: count > 0 ? agg.afterHoursCount / count : null,
    weekly: weekStarts.map((weekStart, i) => {
      const count = total(weeks[i]!);
      return { weekStart, count, medianWorkingMs: quantileOf(weeks[i]!, 0.5, count) };
    }),
    trend: trendOf(recent, prior),
  };
}

interface Calendar {
  /** Day numbers (days since 1970-01-01) of local dates in the client's zone. */
  today: number;
  recentStart: number;
  priorStart: number;
  firstMonday: number;
  weekStarts: string[];
}

// Reading 500 clients asks the same few zones for the same `now`: remember the last answers.
const calendarCache = new Map<string, Calendar>();

function calendarFor(now: Instant, timeZone: string): Calendar {
  const cacheKey = `${now}|${timeZone}`;
  const cached = calendarCache.get(cacheKey);
  if (cached) return cached;
  const today = dayNumber(localDateKey(now, timeZone));
  // 1970-01-01 was a Thursday: day + 3 counts days since a Monday.
  const thisMonday = today - ((today + 3) % 7);
  const firstMonday = thisMonday - 7 * (WEEKS - 1);
  const calendar: Calendar = {
    today,
    recentStart: dayNumber(localDateKey(now - RECENT_DAYS * DAY_MS, timeZone)),
    priorStart: dayNumber(localDateKey(now - (RECENT_DAYS + PRIOR_DAYS) * DAY_MS, timeZone)),
    firstMonday,
    weekStarts: Array.from({ length: WEEKS }, (_, i) => dayKey(firstMonday + 7 * i)),
  };
  if (calendarCache.size > 64) calendarCache.clear();
  calendarCache.set(cacheKey, calendar);
  return calendar;
}

/** Same windows and rule as the exact norms (norms.ts), at day granularity in the client's zone. */
function trendOf(recent: Uint32Array, prior: Uint32Array): NormsTrend {
  const recentCount = total(recent);
  const priorCount = total(prior);
  return trendFromMedians(quantileOf(recent, 0.5, recentCount), recentCount, quantileOf(prior, 0.5, priorCount), priorCount);
}

function total(histogram: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < histogram.length; i++) n += histogram[i]!;
  return n;
}

/**
 * The p-quantile (0..1) with linear interpolation between closest ranks (rank = p·(n−1)), each
 * reply standing at its bucket's value. Null for an empty histogram.
 */
export function percentileOf(histogram: Uint32Array, p: number): number | null {
  return quantileOf(histogram, p, total(histogram));
}

/** percentileOf for a histogram whose total `n` is known: one walk finds both closest ranks. */
function quantileOf(histogram: Uint32Array, p: number, n: number): number | null {
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lower = Math.floor(rank);
  const upper = rank > lower ? lower + 1 : lower;
  let low = 0;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const before = seen;
    seen += histogram[i]!;
    if (lower >= before && lower < seen) low = BUCKET_VALUES[i]!;
    if (upper < seen) {
      const high = BUCKET_VALUES[i]!;
      return low + (high - low) * (rank - lower);
    }
  }
  return low;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (calendar arithmetic: no zone involved). */
function dayNumber(key: string): number {
  return Math.round(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / DAY_MS);
}

function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
