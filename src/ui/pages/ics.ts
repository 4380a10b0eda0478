/**
 * Holidays from an iCalendar (.ics) file, parsed with ical.js. Public-holiday calendars publish
 * all-day events, some spanning several days and some recurring yearly; every day they cover
 * within the window becomes a "YYYY-MM-DD" holiday. Timed events (meetings) are not days off and
 * are skipped, and counted so the user is told.
 */
import ICAL from 'ical.js';

export interface IcsHolidays {
  dates: string[];
  /** Human sentences: what was skipped and why. */
  notes: string[];
}

export class IcsError extends Error {
  override name = 'IcsError';
}

/** At most this many days are taken from one file: a runaway recurrence must not flood settings. */
export const MAX_ICS_DAYS = 1000;

/**
 * @param from, to  the window of dates kept ("YYYY-MM-DD", inclusive); recurring events are
 * expanded inside it.
 */
export function holidaysFromIcs(text: string, from: string, to: string): IcsHolidays {
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new IcsError(`This is not an iCalendar file (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (root.name !== 'vcalendar') throw new IcsError('This file has no calendar in it (no BEGIN:VCALENDAR).');
  const events = root.getAllSubcomponents('vevent');
  const dates = new Set<string>();
  let timed = 0;
  let capped = false;
  const add = (date: string) => {
    if (date < from || date > to) return;
    if (dates.size >= MAX_ICS_DAYS) capped = true;
    else dates.add(date);
  };

  for (const component of events) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    if (!event.startDate.isDate) {
      timed++;
      continue;
    }
    const days = spanDays(event.startDate, event.endDate);
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(), guard = 0; next && guard < 5000; next = iterator.next(), guard++) {
        const start = dateKey(next);
        if (start > to) break;
        for (let offset = 0; offset < days; offset++) add(shiftKey(start, offset));
      }
    } else {
      const start = dateKey(event.startDate);
      for (let offset = 0; offset < days; offset++) add(shiftKey(start, offset));
    }
  }

  const notes: string[] = [];
  if (events.length === 0) notes.push('The calendar has no events.');
  if (timed > 0) notes.push(`${timed} timed ${timed === 1 ? 'event was' : 'events were'} skipped: only all-day events count as days off.`);
  if (capped) notes.push(`Only the first ${MAX_ICS_DAYS} days were taken.`);
  return { dates: [...dates].sort(), notes };
}

interface IcalDate {
  year: number;
  month: number;
  day: number;
}

function dateKey(time: IcalDate): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** All-day DTEND is exclusive; a missing or non-advancing end means one day. Capped at a month. */
function spanDays(start: IcalDate, end: IcalDate | null | undefined): number {
  if (!end) return 1;
  const ms = Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day);
  return Math.min(31, Math.max(1, Math.round(ms / 86_400_000)));
}

function shiftKey(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
