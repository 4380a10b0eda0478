/**
 * Short human labels for instants: "Tomorrow 8:30 (their 9:30)", "Monday 9:00", "Today 16:15".
 * Intl.DateTimeFormat with explicit zones only (date-fns `format` would pull its locale data into
 * the content script). Formatters are cached: building one costs far more than using it.
 */
import { localDateKey } from './schedule.ts';
import type { Instant } from './types.ts';

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, kind: 'clock' | 'weekday' | 'weekdayShort' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'clock'
        ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'weekday'
          ? { weekday: 'long' }
          : kind === 'weekdayShort'
            ? { weekday: 'short' }
            : { weekday: 'short', day: 'numeric', month: 'short' };
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/** "8:30", "23:10": 24-hour clock time in `timeZone`, hour without a leading zero. */
export function clockIn(at: Instant, timeZone: string, locale = 'en-US'): string {
  let hour = '';
  let minute = '';
  for (const part of formatter(locale, timeZone, 'clock').formatToParts(at)) {
    if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return `${Number(hour)}:${minute}`;
}

/** The hour (0–23) of `at` in `timeZone`. */
export function hourIn(at: Instant, timeZone: string): number {
  for (const part of formatter('en-US', timeZone, 'clock').formatToParts(at)) {
    if (part.type === 'hour') return Number(part.value) % 24;
  }
  return 0;
}

/** "Monday", in `locale`, for `at` in `timeZone`. */
export function weekdayName(at: Instant, timeZone: string, locale = 'en-US'): string {
  return formatter(locale, timeZone, 'weekday').format(at);
}

/** A place name people recognise from an IANA zone: "Australia/Sydney" → "Sydney". */
export function placeOfZone(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** Whole calendar days from `now`'s date to `at`'s date, both read in `timeZone`. */
export function calendarDaysBetween(now: Instant, at: Instant, timeZone: string): number {
  return Math.round((Date.parse(localDateKey(at, timeZone)) - Date.parse(localDateKey(now, timeZone))) / DAY);
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
function relativeDay(days: 0 | 1, locale: string): string {
  let cached = relativeFormatters.get(locale);
  if (!cached) {
    cached = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, cached);
  }
  return capitalised(cached.format(days, 'day'));
}

/**
 * A suggested send time as the user reads it, in the user's own zone: "Today 16:15",
 * "Tomorrow 8:30", "Friday 9:00", "Wed, May 14 9:00". When the client's clock shows something
 * else, their time follows in brackets: "Tomorrow 8:30 (their 9:00)", or with their weekday when
 * their date differs: "Sunday 23:00 (their Mon 9:00)".
 */
export function suggestionLabel(
  at: Instant,
  now: Instant,
  userTimeZone: string,
  clientTimeZone: string,
  locale = 'en-US',
): string {
  const days = calendarDaysBetween(now, at, userTimeZone);
  const day =
    days === 0 || days === 1
      ? relativeDay(days, locale)
      : days > 1 && days < 7
        ? weekdayName(at, userTimeZone, locale)
        : formatter(locale, userTimeZone, 'date').format(at);
  const mine = `${day} ${clockIn(at, userTimeZone, locale)}`;
  if (clientTimeZone === userTimeZone) return mine;

  const theirs = clockIn(at, clientTimeZone, locale);
  const sameDate = localDateKey(at, clientTimeZone) === localDateKey(at, userTimeZone);
  if (sameDate && theirs === clockIn(at, userTimeZone, locale)) return mine;
  const theirDay = sameDate ? '' : `${formatter(locale, clientTimeZone, 'weekdayShort').format(at)} `;
  return `${mine} (their ${theirDay}${theirs})`;
}
