/**
 * Working schedules: when is someone at work, when do they start next, and how much working time
 * lies between two instants.
 *
 * Semantics, in one place:
 * - A range belongs to the calendar day it STARTS on, in the schedule's zone; a holiday removes the
 *   ranges that start on it (a night shift that began the evening before still runs into it).
 * - `end <= start` runs past midnight into the next day ("22:00"–"06:00"; "09:00"–"09:00" is 24 h).
 *   "24:00" is allowed as an end only.
 * - Wall times are resolved in the schedule's zone to the FIRST instant whose wall clock reads that
 *   time or later. So a wall time inside a spring-forward gap resolves to the first instant after
 *   the gap (02:30 on a New York spring-forward night is 03:00 EDT), and one inside a fall-back
 *   overlap resolves to the earlier of its two instants (01:30 on a New York fall-back night is
 *   01:30 EDT). A range's length follows the real instants: 01:00–05:00 on a spring-forward night
 *   lasts 3 h, on a fall-back night 5 h.
 * - Overlapping or touching ranges are one stretch of working time: a "working start" is an instant
 *   where working time begins after non-working time.
 * - Time zone offsets come from @date-fns/tz (which reads the platform's Intl zone data); this file
 *   never adds or subtracts an offset it computed itself.
 */
import { TZDateMini as TZDate } from '@date-fns/tz';
import type { Instant, TimeRange, Weekday, WorkSchedule } from './types.ts';
import { offsetMinutes, uncachedOffsetMinutes } from './zoneOffset.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far ahead a search for working time goes before it gives up (a little over two years). */
export const SEARCH_HORIZON_DAYS = 732;

/** Thrown when a schedule has no working time at all, or none within the search horizon. */
export class NoWorkingTimeError extends Error {
  override name = 'NoWorkingTimeError';
  constructor(detail: string) {
    super(`This schedule has no working time: ${detail}.`);
  }
}

/** Mon–Fri 09:00–17:00 in the given zone, no holidays: what everyone gets before any setup. */
export function defaultSchedule(timeZone: string): WorkSchedule {
  const workday = (): TimeRange[] => [{ start: '09:00', end: '17:00' }];
  return { timeZone, week: [[], workday(), workday(), workday(), workday(), workday(), []], holidays: [] };
}

/** Some weekday has a working range. (Holidays are finite dates, so they never remove all of it.) */
export function hasWorkingTime(schedule: WorkSchedule): boolean {
  return compile(schedule).hasWeeklyTime;
}

/** The calendar date of `at` in `timeZone`, as "YYYY-MM-DD". */
export function localDateKey(at: Instant, timeZone: string): string {
  return dayNumberToKey(localDayNumber(at, timeZone));
}

/** `text` is a real calendar date written "YYYY-MM-DD" (2026-02-30 is not). */
export function isDateKey(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(text);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === text;
}

/** The weekday of `at` in `timeZone` (0 = Sunday). */
export function weekdayIn(at: Instant, timeZone: string): Weekday {
  return weekdayOfDay(localDayNumber(at, timeZone));
}

export function isWorkingTime(schedule: WorkSchedule, at: Instant): boolean {
  const compiled = compile(schedule);
  const today = localDayNumber(at, compiled.zone);
  for (let day = today - 1; day <= today; day++) {
    for (const [start, end] of dayIntervals(compiled, day)) {
      if (start <= at && at < end) return true;
    }
  }
  return false;
}

/**
 * The start of the next stretch of working time strictly after `after`. If `after` is inside
 * working time, that is the start of the NEXT stretch, not the current one.
 */
export function nextWorkingStart(schedule: WorkSchedule, after: Instant): Instant {
  const compiled = requireWorkingTime(schedule);
  let found: Instant | null = null;
  const lastDay = localDayNumber(after, compiled.zone) + SEARCH_HORIZON_DAYS;
  forEachPiece(
    compiled,
    after,
    (start, _end, startsStretch) => {
      if (startsStretch && start > after) {
        found = start;
        return true;
      }
      return false;
    },
    lastDay,
  );
  if (found === null) throw horizonError(compiled, after);
  return found;
}

/** The stretches of working time inside [from, to), merged, ascending, clipped to the window. */
export function workingIntervals(schedule: WorkSchedule, from: Instant, to: Instant): Array<[Instant, Instant]> {
  if (!(to > from)) return [];
  const compiled = compile(schedule);
  const result: Array<[Instant, Instant]> = [];
  forEachPiece(
    compiled,
    from,
    (start, end) => {
      if (start >= to) return true;
      const clippedStart = Math.max(start, from);
      const clippedEnd = Math.min(end, to);
      if (clippedEnd <= clippedStart) return false;
      const last = result[result.length - 1];
      if (last && last[1] === clippedStart) last[1] = clippedEnd;
      else result.push([clippedStart, clippedEnd]);
      return false;
    },
    localDayNumber(to, compiled.zone),
  );
  return result;
}

/** Milliseconds of working time in [from, to); 0 when `to <= from`. */
export function workingTimeBetween(schedule: WorkSchedule, from: Instant, to: Instant): number {
  let total = 0;
  for (const [start, end] of workingIntervals(schedule, from, to)) total += end - start;
  return total;
}

/**
 * The earliest instant at which `ms` of working time has elapsed since `from` (`from` itself when
 * `ms <= 0`). If the last bit of working time ends a stretch, the result is that stretch's end.
 */
export function addWorkingTime(schedule: WorkSchedule, from: Instant, ms: number): Instant {
  if (!(ms > 0)) return from;
  const compiled = requireWorkingTime(schedule);
  let remaining = ms;
  let result: Instant | null = null;
  forEachPiece(compiled, from, (start, end) => {
    if (end <= from) return false;
    const usableStart = Math.max(start, from);
    if (end - usableStart >= remaining) {
      result = usableStart + remaining;
      return true;
    }
    remaining -= end - usableStart;
    return false;
  });
  if (result === null) throw horizonError(compiled, from);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** A range as minutes after the start of the day it starts on; `end` may pass 1440 (next day). */
interface MinuteRange {
  start: number;
  end: number;
}

interface CompiledSchedule {
  zone: string;
  week: MinuteRange[][];
  holidays: Set<string>;
  hasWeeklyTime: boolean;
  /** Working intervals per local day number, memoised: schedules are immutable plain data. */
  days: Map<number, Array<[Instant, Instant]>>;
}

const compiledSchedules = new WeakMap<WorkSchedule, CompiledSchedule>();
const MAX_CACHED_DAYS = 4000;

function compile(schedule: WorkSchedule): CompiledSchedule {
  const known = compiledSchedules.get(schedule);
  if (known) return known;
  if (!isValidTimeZone(schedule.timeZone)) {
    throw new RangeError(`'${schedule.timeZone}' is not a known time zone`);
  }
  if (schedule.week.length !== 7) {
    throw new RangeError(`a schedule needs 7 weekdays, got ${schedule.week.length}`);
  }
  const week = schedule.week.map((ranges) => ranges.map(compileRange));
  const compiled: CompiledSchedule = {
    zone: schedule.timeZone,
    week,
    holidays: new Set(schedule.holidays),
    hasWeeklyTime: week.some((ranges) => ranges.length > 0),
    days: new Map(),
  };
  compiledSchedules.set(schedule, compiled);
  return compiled;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes after midnight for "HH:mm" ("24:00" only when `allow24` is set); null if malformed. */
export function parseWallTime(text: string, allow24: boolean): number | null {
  const match = HH_MM.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || (minutes === 1440 && !allow24)) return null;
  return minutes;
}

function compileRange(range: TimeRange): MinuteRange {
  const start = parseWallTime(range.start, false);
  const end = parseWallTime(range.end, true);
  if (start === null || end === null) {
    throw new RangeError(`'${range.start}'–'${range.end}' is not a working range in HH:mm`);
  }
  return { start, end: end <= start ? end + 1440 : end };
}

const validZones = new Map<string, boolean>();

export function isValidTimeZone(timeZone: string): boolean {
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      valid = timeZone.length > 0;
    } catch {
      valid = false;
    }
    validZones.set(timeZone, valid);
  }
  return valid;
}

function requireWorkingTime(schedule: WorkSchedule): CompiledSchedule {
  const compiled = compile(schedule);
  if (!compiled.hasWeeklyTime) throw new NoWorkingTimeError('every day of the week is empty');
  return compiled;
}

function horizonError(compiled: CompiledSchedule, from: Instant): NoWorkingTimeError {
  return new NoWorkingTimeError(
    `no stretch of working time starts in the ${SEARCH_HORIZON_DAYS} days after ${localDateKey(from, compiled.zone)} (every working day a holiday, or working time that never pauses)`,
  );
}

/**
 * Calls `visit` with the working time from the local day before `from` on, as ascending pieces that
 * never overlap (ranges that overlap are cut where the earlier one ends), until `visit` returns
 * true, `lastDay` is passed, or no working time has appeared for SEARCH_HORIZON_DAYS days.
 * `startsStretch` is false when the piece continues working time without a break.
 */
function forEachPiece(
  compiled: CompiledSchedule,
  from: Instant,
  visit: (start: Instant, end: Instant, startsStretch: boolean) => boolean,
  lastDay = Number.POSITIVE_INFINITY,
): void {
  let coveredUntil = Number.NEGATIVE_INFINITY;
  let quietDays = 0;
  for (let day = localDayNumber(from, compiled.zone) - 1; day <= lastDay; day++) {
    const intervals = dayIntervals(compiled, day);
    if (intervals.length === 0) {
      if (++quietDays > SEARCH_HORIZON_DAYS) return;
      continue;
    }
    quietDays = 0;
    for (const [start, end] of intervals) {
      if (end <= coveredUntil) continue;
      const startsStretch = start > coveredUntil;
      const pieceStart = startsStretch ? start : coveredUntil;
      coveredUntil = end;
      if (visit(pieceStart, end, startsStretch)) return;
    }
  }
}

/** The working intervals of the ranges that start on one local day, ascending by start. */
function dayIntervals(compiled: CompiledSchedule, day: number): Array<[Instant, Instant]> {
  const cached = compiled.days.get(day);
  if (cached) return cached;
  const ranges = compiled.week[weekdayOfDay(day)] ?? [];
  const intervals: Array<[Instant, Instant]> = [];
  if (ranges.length > 0 && !compiled.holidays.has(dayNumberToKey(day))) {
    for (const range of ranges) {
      const start = resolveWallTime(compiled.zone, day * DAY + range.start * MINUTE);
      const end = resolveWallTime(compiled.zone, day * DAY + range.end * MINUTE);
      // Empty when the whole range fell into a spring-forward gap.
      if (end > start) intervals.push([start, end]);
    }
    intervals.sort((a, b) => a[0] - b[0]);
  }
  if (compiled.days.size >= MAX_CACHED_DAYS) compiled.days.clear();
  compiled.days.set(day, intervals);
  return intervals;
}

/**
 * A wall-clock reading as a number: the epoch milliseconds at which a UTC clock would show the same
 * calendar date and time. Used only to compare and step wall readings, never as an instant.
 */
type WallReading = number;

/** Local calendar day of `at` in `zone`, counted in days since 1970-01-01. */
function localDayNumber(at: Instant, zone: string): number {
  return Math.floor(wallReading(at, zone) / DAY);
}

/**
 * The instant shifted by the zone's offset, to the whole second: exactly the wall clock a TZDate of
 * `at` in `zone` reads (TZDate shifts by the offset rounded to seconds), without building one.
 */
function wallReading(at: Instant, zone: string): WallReading {
  // This runs for every reply measured, and an import measures tens of thousands at once: no TZDate
  // is built and no seven fields read, and the offset comes from zoneOffset.ts's per-hour memory.
  const reading = at - Math.round(-offsetMinutes(zone, at) * 60) * SECOND;
  if (!Number.isFinite(reading) || Math.abs(reading) > MAX_DATE_MS) throw new RangeError(`cannot read the time in '${zone}'`);
  return reading;
}

/** The largest epoch milliseconds a Date holds. */
const MAX_DATE_MS = 8.64e15;

function weekdayOfDay(day: number): Weekday {
  return new Date(day * DAY).getUTCDay() as Weekday;
}

function dayNumberToKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const resolvedWallTimes = new Map<string, Instant>();
const MAX_RESOLVED = 20_000;

/** The first instant whose wall clock in `zone` reads `wall` or later (see the file comment). */
function resolveWallTime(zone: string, wall: WallReading): Instant {
  const key = `${zone}|${wall}`;
  const known = resolvedWallTimes.get(key);
  if (known !== undefined) return known;

  const fields = new Date(wall);
  const guess = +new TZDate(
    fields.getUTCFullYear(),
    fields.getUTCMonth(),
    fields.getUTCDate(),
    fields.getUTCHours(),
    fields.getUTCMinutes(),
    zone,
  );
  // TZDate's own choice inside gaps and overlaps depends on the machine's zone, so it is trusted
  // only where no offset change is near; otherwise the transition is located and used explicitly.
  const resolved =
    wallReading(guess, zone) === wall && offsetAt(zone, guess - 3 * HOUR) === offsetAt(zone, guess + 3 * HOUR)
      ? guess
      : resolveNearTransition(zone, wall, guess);

  if (resolvedWallTimes.size >= MAX_RESOLVED) resolvedWallTimes.clear();
  resolvedWallTimes.set(key, resolved);
  return resolved;
}

function offsetAt(zone: string, at: Instant): number {
  return uncachedOffsetMinutes(zone, at);
}

function resolveNearTransition(zone: string, wall: WallReading, guess: Instant): Instant {
  let before = guess - 6 * HOUR;
  let after = guess + 6 * HOUR;
  const offsetBefore = offsetAt(zone, before);
  if (offsetBefore === offsetAt(zone, after)) {
    // The clock runs evenly around here: step by the difference in readings.
    return guess + (wall - wallReading(guess, zone));
  }
  // Binary search, to the second, for the first instant on the new offset.
  while (after - before > SECOND) {
    const middle = before + Math.floor((after - before) / (2 * SECOND)) * SECOND;
    if (offsetAt(zone, middle) === offsetBefore) before = middle;
    else after = middle;
  }
  const transition = after;
  // What the clock read just before the change, carried on to the change instant.
  const oldClockAtTransition = wallReading(transition - SECOND, zone) + SECOND;
  const newClockAtTransition = wallReading(transition, zone);
  // Before the change the clock runs evenly, so readings and instants differ by a constant.
  if (wall < oldClockAtTransition) return transition - (oldClockAtTransition - wall);
  if (wall >= newClockAtTransition) return transition + (wall - newClockAtTransition);
  return transition; // inside a spring-forward gap: the first instant after it
}

/** A calendar date: "YYYY-MM-DD", or its year, month (1–12) and day. */
export type WallDate = string | { year: number; month: number; day: number };

/**
 * The instant at which a wall clock in `timeZone` reads `minutes` (and `seconds`) after midnight
 * of `date`, resolved as working ranges are (a time in a spring-forward gap is the first instant
 * after it; one in a fall-back overlap the earlier instant); 1440 minutes is the next midnight.
 * Outlook's message and Schedule send times, and the calendar editors' times, are read this way.
 */
export function wallTimeToInstant(timeZone: string, date: WallDate, minutes: number, seconds = 0): Instant {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`'${timeZone}' is not a known time zone`);
  const midnight = typeof date === 'string' ? Date.parse(`${date}T00:00:00Z`) : Date.UTC(date.year, date.month - 1, date.day);
  if (Number.isNaN(midnight)) throw new RangeError(`'${typeof date === 'string' ? date : JSON.stringify(date)}' is not a date`);
  return resolveWallTime(timeZone, midnight + minutes * MINUTE + seconds * SECOND);
}

/** Minutes after local midnight of `at` in `timeZone` (0–1439). */
export function wallMinutesIn(at: Instant, timeZone: string): number {
  return Math.floor((wallReading(at, timeZone) % DAY) / MINUTE);
}
