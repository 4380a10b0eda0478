/**
 * The period a client review report covers: the last 4 weeks, the last quarter, or custom dates,
 * read in the client's zone, and its label ("March 19 – April 15, 2026").
 */
import { TZDate } from '@date-fns/tz';
import { shiftDateKey } from './norms.ts';
import { isDateKey, localDateKey } from './schedule.ts';
import type { Instant } from './types.ts';

const DAY = 86_400_000;

export type PeriodKind = '4w' | 'quarter' | 'custom';

export interface ReportPeriod {
  kind: PeriodKind;
  /** First instant counted: midnight starting `fromKey` in the client's zone. */
  from: Instant;
  /** First instant no longer counted (never later than the moment the report was made). */
  to: Instant;
  /** First and last calendar day, inclusive, in the client's zone. */
  fromKey: string;
  toKey: string;
  /** "March 19 – April 15, 2026". */
  label: string;
}

/** The longest custom period: two years is plenty for a review, and bounds the work. */
export const MAX_PERIOD_DAYS = 731;
const PERIOD_DAYS: Record<Exclude<PeriodKind, 'custom'>, number> = { '4w': 28, quarter: 91 };

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; error: string };

/**
 * Last 4 weeks (28 days up to and including today), last quarter (13 weeks), or custom dates
 * ("YYYY-MM-DD", inclusive), all read in the client's `timeZone`.
 */
export function resolvePeriod(kind: PeriodKind, now: Instant, timeZone: string, custom: { from?: string | null; to?: string | null } = {}): PeriodResult {
  const today = localDateKey(now, timeZone);
  let fromKey: string;
  let toKey: string;
  if (kind === 'custom') {
    if (!custom.from || !isDateKey(custom.from)) return { ok: false, error: 'Choose a start date for the custom period.' };
    if (!custom.to || !isDateKey(custom.to)) return { ok: false, error: 'Choose an end date for the custom period.' };
    fromKey = custom.from;
    toKey = custom.to < today ? custom.to : today;
    if (fromKey > toKey) return { ok: false, error: custom.from > today ? 'The period starts in the future.' : 'The period ends before it starts.' };
    if (daysBetweenKeys(fromKey, toKey) + 1 > MAX_PERIOD_DAYS) return { ok: false, error: `A report covers at most ${MAX_PERIOD_DAYS} days.` };
  } else {
    toKey = today;
    fromKey = shiftDateKey(today, -(PERIOD_DAYS[kind] - 1));
  }
  const from = startOfDay(fromKey, timeZone);
  const to = Math.min(now, startOfDay(shiftDateKey(toKey, 1), timeZone));
  return { ok: true, period: { kind, from, to, fromKey, toKey, label: periodLabel(fromKey, toKey) } };
}

function startOfDay(dateKey: string, timeZone: string): Instant {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, timeZone).getTime();
}

function daysBetweenKeys(fromKey: string, toKey: string): number {
  return Math.round((Date.parse(toKey) - Date.parse(fromKey)) / DAY);
}

const monthDay = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
const monthDayYear = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "March 19 – April 15, 2026"; "December 20, 2025 – January 16, 2026"; "April 15, 2026". */
export function periodLabel(fromKey: string, toKey: string): string {
  const from = Date.parse(fromKey);
  const to = Date.parse(toKey);
  if (fromKey === toKey) return monthDayYear.format(to);
  const sameYear = fromKey.slice(0, 4) === toKey.slice(0, 4);
  return `${(sameYear ? monthDay : monthDayYear).format(from)} – ${monthDayYear.format(to)}`;
}
