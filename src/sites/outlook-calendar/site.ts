/**
 * Outlook on the web's calendar behind the calendar contract. Reconstructed: every hook in
 * selectors.ts is unverified, so this reads only what it can read without guessing (US-style
 * M/D/YYYY dates, times with a Latin AM/PM or 24-hour) and otherwise shows nothing.
 */
import { isValidTimeZone, localDateKey, wallMinutesIn, wallTimeToInstant } from '../../core/schedule.ts';
import type { CalendarSite, MeetingReading } from '../calendar-contract.ts';
import { SelectorMissingError } from '../contract.ts';
import { clockTextLike, parseClockText, typeIntoField } from '../calendar/typed-fields.ts';
import { shows } from '../google-calendar/site.ts';
import { matchChain } from '../shared/selector-chain.ts';
import { outlookCalendarSelectors as sel } from './selectors.ts';

const ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;

function field(root: ParentNode, chain: readonly string[], what: string): HTMLInputElement {
  const found = matchChain<HTMLInputElement>(root, chain);
  if (!found) throw new SelectorMissingError(what);
  return found.element;
}

/** "3/14/2025" or "Fri 3/14/2025" → "2025-03-14" (US order: the only one the public notes show). */
export function usDateKey(text: string): string | null {
  const match = /(?:^|\s)(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function usDateText(dateKey: string): string {
  const [year, month, day] = dateKey.split('-');
  return `${Number(month)}/${Number(day)}/${year}`;
}

function browserZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

export const outlookCalendarSite: CalendarSite = {
  id: 'outlook-calendar',
  name: 'Outlook calendar',

  findEditor(doc) {
    if (!sel.calendarRoute.test(doc.location?.pathname ?? '')) return null;
    const lang = doc.documentElement.lang;
    if (lang && !/^en(-US)?$/i.test(lang)) return null;
    return matchChain<HTMLElement>(doc, sel.form)?.element ?? null;
  },

  readMeeting(editor): MeetingReading {
    const timeZone = browserZone();
    const allDayField = matchChain<HTMLInputElement>(editor, sel.allDay)?.element;
    const allDay = allDayField ? allDayField.checked || allDayField.getAttribute('aria-checked') === 'true' : false;
    const startDay = usDateKey(field(editor, sel.startDate, 'the start date').value);
    const endDay = usDateKey(field(editor, sel.endDate, 'the end date').value);
    if (!startDay || !endDay) throw new SelectorMissingError('a date that can be read');
    const minutes = (chain: readonly string[], what: string) => {
      const value = parseClockText(field(editor, chain, what).value);
      if (value === null) throw new SelectorMissingError(`${what} (a time that can be read)`);
      return value;
    };
    const start = wallTimeToInstant(timeZone, startDay, allDay ? 0 : minutes(sel.startTime, 'the start time'));
    const end = wallTimeToInstant(timeZone, endDay, allDay ? 1440 : minutes(sel.endTime, 'the end time'));
    const guests: string[] = [];
    const match = matchChain(editor, sel.attendees);
    if (match) {
      for (const chip of editor.querySelectorAll(sel.attendees[match.alternative]!)) {
        const address = (chip.getAttribute('data-email') ?? ADDRESS.exec(chip.getAttribute('title') ?? '')?.[0] ?? '').toLowerCase();
        if (ADDRESS.test(address) && !guests.includes(address)) guests.push(address);
      }
    }
    return { start, end, allDay, guests, timeZone, account: null };
  },

  noteAnchor(editor) {
    const start = matchChain<HTMLElement>(editor, sel.startDate)?.element;
    const end = matchChain<HTMLElement>(editor, sel.endTime)?.element;
    let row = start?.parentElement ?? null;
    while (row && end && !row.contains(end) && row !== editor) row = row.parentElement;
    return row;
  },

  saveButton(editor) {
    return matchChain<HTMLElement>(editor, sel.save)?.element ?? null;
  },

  async setTimes(editor, start, end) {
    try {
      const zone = browserZone();
      const set = (chain: readonly string[], text: string) => {
        const input = field(editor, chain, 'a time field');
        if (input.value !== text) typeIntoField(input, text);
      };
      set(sel.startDate, usDateText(localDateKey(start, zone)));
      set(sel.startTime, clockTextLike(wallMinutesIn(start, zone), field(editor, sel.startTime, 'the start time').value));
      set(sel.endDate, usDateText(localDateKey(end, zone)));
      set(sel.endTime, clockTextLike(wallMinutesIn(end, zone), field(editor, sel.endTime, 'the end time').value));
      return await shows(() => this.readMeeting(editor), start, end, editor.ownerDocument);
    } catch {
      return false;
    }
  },
};
