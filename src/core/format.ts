/**
 * Durations and shares as people read them in the card, the popup and reports. Plain English and
 * plain arithmetic: no date-fns `format` (its locale data would weigh on the content script).
 */

/** Weekday names by `Weekday` (0 = Sunday), in full and short, as the pages, reports and notes write them. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const SHORT_WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An exact-ish duration, truncated to its two largest units: "under 1 min", "2 min", "3 h 10 min",
 * "2 d 4 h". Truncated rather than rounded, so "2 min" never means 1 min 40 s. Negative or
 * non-finite input reads as "under 1 min": a clock that ran backwards took no time.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return 'under 1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
}

/**
 * A rounded duration for a sentence: "about 3 hours", "about 45 minutes", "about an hour".
 * `kind` goes before the unit ("about 3 working hours"). Working time is never put in days: a
 * "working day" means different lengths to different people.
 */
export function formatApproxDuration(ms: number, kind: '' | 'working' = ''): string {
  const adjective = kind ? `${kind} ` : '';
  if (!Number.isFinite(ms) || ms < MINUTE) return `under a ${adjective}minute`;
  if (ms < 55 * MINUTE) {
    // Under ten minutes to the minute, above that to five: "about 45 minutes", not "about 43".
    const step = ms < 10 * MINUTE ? 1 : 5;
    const minutes = Math.max(1, Math.round(ms / MINUTE / step) * step);
    return minutes === 1 ? `about a ${adjective}minute` : `about ${minutes} ${adjective}minutes`;
  }
  if (kind === 'working' || ms < 36 * HOUR) {
    const hours = ms < 10 * HOUR ? Math.round((ms / HOUR) * 2) / 2 : Math.round(ms / HOUR);
    if (hours === 1) return kind ? `about one ${adjective}hour` : 'about an hour';
    return `about ${hours} ${adjective}hours`;
  }
  const days = Math.round(ms / DAY);
  return `about ${days} ${adjective}days`;
}

/** A share (0..1) as a whole percentage: "42%"; "<1%" and ">99%" keep rare events visible. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const clamped = Math.min(1, Math.max(0, share));
  if (clamped > 0 && clamped < 0.005) return '<1%';
  if (clamped < 1 && clamped > 0.995) return '>99%';
  return `${Math.round(clamped * 100)}%`;
}
