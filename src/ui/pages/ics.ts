/**
 * Holidays from an iCalendar (.ics) file, parsed with ical.js. Public-holiday calendars publish
 * all-day events, some spanning several days and some recurring yearly; every day they cover
 * within the window becomes a "YYYY-MM-DD" holiday. Timed events (meetings) are not days off and
 * are skipped, and counted so the user is told.
 */
import ICAL from 'ical.js';
import { IcsError } from './ics-error.ts';

export { IcsError };

export interface IcsHolidays {
  dates: string[];
  /** Human sentences: what was skipped and why. */
  notes: string[];
}

/** At most this many days are taken from one file: a runaway recurrence must not flood settings. */
export const MAX_ICS_DAYS = 1000;

/**
 * @param from, to  the window of dates kept ("YYYY-MM-DD", inclusive); recurring events are
 * expanded inside it.
 * @param expanding  told which recurring event is expanded next: some rules never return from
 * ical.js (kewisch/ical.js#1038), so this runs in a worker with a deadline (icsReader.ts) and a
 * timeout can name the event.
 */
export function holidaysFromIcs(text: string, from: string, to: string, expanding?: (what: string) => void): IcsHolidays {
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
      const rule = component.getFirstPropertyValue('rrule') as Rule | null;
      const what = `“${event.summary || 'an event'}” (${rule?.toString() ?? 'RDATE'})`;
      expanding?.(what);
      const first = dateKey(event.startDate);
      const iterator = event.iterator();
      for (let next = iterator.next(), guard = 0; next && guard < 5000; next = iterator.next(), guard++) {
        const start = dateKey(next);
        if (start > to) break;
        // ical.js turns some impossible dates into others (Feb 30 into Mar 1): every date must
        // be one the rule allows (the event's own start always is).
        if (rule && start !== first && !ruleAllows(rule, next, event.startDate)) {
          throw new IcsError(`The repeating event ${what} gives dates its own rule does not allow (such as ${start}). Nothing was imported.`);
        }
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

/** The parts of an RRULE this check reads (ical.js's Recur). */
interface Rule {
  freq: string;
  parts: Partial<Record<'BYMONTH' | 'BYMONTHDAY' | 'BYDAY' | 'BYYEARDAY' | 'BYWEEKNO', (number | string)[]>>;
  toString(): string;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * Whether `date` is one `rule` allows, by RFC 5545: its BYMONTH, BYMONTHDAY and BYDAY parts, and
 * what a rule without them takes from the start (a yearly rule its month and day, a monthly one its
 * day, a weekly one its weekday). BYYEARDAY and BYWEEKNO are not checked.
 */
function ruleAllows(rule: Rule, date: IcalDate, start: IcalDate): boolean {
  const { BYMONTH: months, BYMONTHDAY: monthDays, BYDAY: weekDays, BYYEARDAY: yearDays, BYWEEKNO: weeks } = rule.parts;
  const lastDay = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  const yearly = rule.freq === 'YEARLY';
  const byDayOrWeek = weekDays || yearDays || weeks;
  if (months ? !months.map(Number).includes(date.month) : yearly && !byDayOrWeek && !monthDays && date.month !== start.month) return false;
  if (monthDays) {
    if (!monthDays.map(Number).some((d) => d === date.day || d === date.day - lastDay - 1)) return false;
  } else if ((yearly || rule.freq === 'MONTHLY') && !byDayOrWeek && date.day !== start.day) return false;
  if (weekDays) {
    // "4TH" is the fourth Thursday of the month (in a monthly rule, or a yearly one by month).
    const inMonth = rule.freq === 'MONTHLY' || (yearly && months);
    const allowed = weekDays.some((value) => {
      const [, nth, day] = /^([+-]?\d+)?([A-Z]{2})$/.exec(String(value)) ?? [];
      if (day !== weekday) return false;
      const n = Number(nth ?? 0);
      if (!n || !inMonth) return true;
      return n > 0 ? Math.ceil(date.day / 7) === n : Math.ceil((lastDay - date.day + 1) / 7) === -n;
    });
    if (!allowed) return false;
  } else if (rule.freq === 'WEEKLY') {
    const startDay = WEEKDAYS[new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay()];
    if (weekday !== startDay) return false;
  }
  return true;
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
