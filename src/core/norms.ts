/**
 * Exact reply-time norms of one client from its reply pairs. The popup reads running aggregates
 * (aggregate.ts) instead; this is the reference they are checked against, and what reports use.
 */
import { isWorkingTime, localDateKey, workingTimeBetween } from './schedule.ts';
import type { Instant, NormsSummary, NormsTrend, ReplyPair, WeeklyNorm, WorkSchedule } from './types.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const DEFAULT_INSTANT_THRESHOLD_MS = 15 * MINUTE;
export const WEEKS_IN_SERIES = 8;
export const RECENT_DAYS = 30;
export const PRIOR_DAYS = 90;
/**
 * Enough replies to judge a client's habit: below this many measured replies a median says
 * nothing (three quick answers are not a rhythm). Who decides what:
 * - this fixed floor decides whether the norms themselves are read: the popup's norms status
 *   ("Not enough data yet", clientStatus.ts) and the nudge's "faster than usual" reason
 *   (decide.ts), so a client is never nudged against a habit the popup says it cannot see yet;
 * - the user's `attention.minReplies` (attention.ts, default this same floor) decides only when
 *   the coaching findings (waiting, silence, drift) start, because how soon to be warned is a
 *   matter of taste; it never changes what the norms status or the nudge say.
 */
export const MIN_REPLIES = 5;
/** Fewer replies than this in either trend window and the trend is 'unknown'. */
export const TREND_MIN_COUNT = 3;
/** recent/prior below this is 'faster', above TREND_SLOWER 'slower', in between 'steady'. */
export const TREND_FASTER = 0.67;
export const TREND_SLOWER = 1.5;

export interface NormsOptions {
  /** A reply sooner than this (wall clock) counts as instant. */
  instantThresholdMs?: number;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending `sortedValues`, interpolating linearly between the two
 * closest ranks: rank = p·(n−1), so p = 0.5 of [1, 2, 3, 4] is 2.5 and p = 0.9 of 1..10 is 9.1
 * (the "R-7" / spreadsheet PERCENTILE.INC definition). Null when there are no values.
 */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  const n = sortedValues.length;
  if (n === 0) return null;
  const rank = Math.min(1, Math.max(0, p)) * (n - 1);
  const lower = Math.floor(rank);
  const low = sortedValues[lower] as number;
  const high = sortedValues[Math.min(n - 1, lower + 1)] as number;
  return low + (high - low) * (rank - lower);
}

interface MeasuredPair {
  sentAt: Instant;
  workingMs: number;
  wallMs: number;
}

/**
 * Norms over all `pairs` (pairs whose reply precedes the message are ignored as corrupt), in the
 * client's `schedule`. The weekly series covers the 8 Monday-start weeks (client's zone) ending
 * with the week of `now`; the trend compares replies sent in the last 30 days with the 90 before.
 */
export function computeNorms(
  pairs: readonly ReplyPair[],
  schedule: WorkSchedule,
  now: Instant,
  { instantThresholdMs = DEFAULT_INSTANT_THRESHOLD_MS }: NormsOptions = {},
): NormsSummary {
  const measured: MeasuredPair[] = [];
  let instantCount = 0;
  let afterHoursCount = 0;
  for (const pair of pairs) {
    const wallMs = pair.sentAt - pair.receivedAt;
    if (!(wallMs >= 0)) continue;
    measured.push({ sentAt: pair.sentAt, wallMs, workingMs: workingTimeBetween(schedule, pair.receivedAt, pair.sentAt) });
    if (wallMs < instantThresholdMs) instantCount++;
    if (!isWorkingTime(schedule, pair.sentAt)) afterHoursCount++;
  }
  const count = measured.length;
  const working = ascending(measured.map((m) => m.workingMs));
  const wall = ascending(measured.map((m) => m.wallMs));
  return {
    count,
    medianWorkingMs: percentile(working, 0.5),
    p90WorkingMs: percentile(working, 0.9),
    medianWallMs: percentile(wall, 0.5),
    p90WallMs: percentile(wall, 0.9),
    instantShare: count > 0 ? instantCount / count : null,
    afterHoursShare: count > 0 ? afterHoursCount / count : null,
    weekly: weeklySeries(measured, schedule.timeZone, now),
    trend: trendOf(measured, now),
  };
}

function ascending(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

function medianWorking(pairs: readonly MeasuredPair[]): number | null {
  return percentile(ascending(pairs.map((m) => m.workingMs)), 0.5);
}

/** Replies sent in (now − 30 d, now] against those sent in (now − 120 d, now − 30 d]. */
function trendOf(measured: readonly MeasuredPair[], now: Instant): NormsTrend {
  const recentFrom = now - RECENT_DAYS * DAY;
  const priorFrom = recentFrom - PRIOR_DAYS * DAY;
  const recent = measured.filter((m) => m.sentAt > recentFrom && m.sentAt <= now);
  const prior = measured.filter((m) => m.sentAt > priorFrom && m.sentAt <= recentFrom);
  return trendFromMedians(medianWorking(recent), recent.length, medianWorking(prior), prior.length);
}

/**
 * The trend rule, shared so every reader of norms names a change the same way. With a prior median
 * of zero (every earlier reply fell outside working time) there is no ratio, but any recent working
 * delay is still 'slower'.
 */
export function trendFromMedians(
  recentMedianWorkingMs: number | null,
  recentCount: number,
  priorMedianWorkingMs: number | null,
  priorCount: number,
): NormsTrend {
  const enough = recentCount >= TREND_MIN_COUNT && priorCount >= TREND_MIN_COUNT;
  let ratio: number | null = null;
  let direction: NormsTrend['direction'] = 'unknown';
  if (enough && recentMedianWorkingMs !== null && priorMedianWorkingMs !== null) {
    if (priorMedianWorkingMs > 0) {
      ratio = recentMedianWorkingMs / priorMedianWorkingMs;
      direction = ratio < TREND_FASTER ? 'faster' : ratio > TREND_SLOWER ? 'slower' : 'steady';
    } else {
      direction = recentMedianWorkingMs > 0 ? 'slower' : 'steady';
    }
  }
  return { recentMedianWorkingMs, priorMedianWorkingMs, recentCount, priorCount, ratio, direction };
}

/** "YYYY-MM-DD" of the Monday starting the week that contains `dateKey`. */
export function mondayOf(dateKey: string): string {
  const day = Date.parse(dateKey);
  const weekday = new Date(day).getUTCDay();
  return shiftDateKey(dateKey, -((weekday + 6) % 7));
}

/** Calendar arithmetic on "YYYY-MM-DD" keys (no zone involved: a date is a date). */
export function shiftDateKey(dateKey: string, days: number): string {
  return new Date(Date.parse(dateKey) + days * DAY).toISOString().slice(0, 10);
}

function weeklySeries(measured: readonly MeasuredPair[], timeZone: string, now: Instant): WeeklyNorm[] {
  const thisWeek = mondayOf(localDateKey(now, timeZone));
  const oldest = shiftDateKey(thisWeek, -7 * (WEEKS_IN_SERIES - 1));
  const byWeek = new Map<string, MeasuredPair[]>();
  for (const m of measured) {
    if (m.sentAt > now) continue;
    const week = mondayOf(localDateKey(m.sentAt, timeZone));
    if (week < oldest) continue;
    const list = byWeek.get(week) ?? [];
    list.push(m);
    byWeek.set(week, list);
  }
  const weeks: WeeklyNorm[] = [];
  for (let i = WEEKS_IN_SERIES - 1; i >= 0; i--) {
    const weekStart = shiftDateKey(thisWeek, -7 * i);
    const list = byWeek.get(weekStart) ?? [];
    weeks.push({ weekStart, count: list.length, medianWorkingMs: medianWorking(list) });
  }
  return weeks;
}
