/**
 * Google Calendar behind the calendar contract: reads the event editor's times, zone and guests
 * through language-free hooks (selectors.ts) and types new times into it as a person would.
 *
 * Not read: the quick-create dialog (no public evidence of guest hooks in it; a meeting with
 * guests is finished in the full editor, where it is checked) and the event-specific zone a user
 * may pick under "Time zone" (no language-free hook is known): times are read in the Calendar's
 * own zone (#xTimezone), or the browser's when the page does not show it.
 */
import { wallMinutesIn, wallTimeToInstant, localDateKey, isValidTimeZone } from '../../core/schedule.ts';
import type { Instant } from '../../core/types.ts';
import type { CalendarSite, MeetingReading } from '../calendar-contract.ts';
import { SelectorMissingError } from '../contract.ts';
import { clockTextLike, dateKeyOfCompact, dateText, parseClockText, typeIntoField } from '../calendar/typed-fields.ts';
import { matchChain } from '../shared/selector-chain.ts';
import { googleCalendarSelectors as sel } from './selectors.ts';

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function input(root: ParentNode, chain: readonly string[], what: string): HTMLInputElement {
  const found = matchChain<HTMLInputElement>(root, chain);
  if (!found) throw new SelectorMissingError(what);
  return found.element;
}

/** "YYYY-MM-DD" of a date field, from its language-free data-date. */
function dateOf(field: HTMLInputElement, what: string): string {
  const key = dateKeyOfCompact(field.getAttribute('data-date'));
  if (!key) throw new SelectorMissingError(`${what} (data-date)`);
  return key;
}

/** Minutes after midnight of a time field: its container's data-ical first (language-free), then its shown value. */
function minutesOf(field: HTMLInputElement, what: string): number {
  const ical = /^T(\d{2})(\d{2})\d{2}$/.exec(field.closest(sel.icalTime)?.getAttribute('data-ical') ?? '');
  if (ical) return Number(ical[1]) * 60 + Number(ical[2]);
  const minutes = parseClockText(field.getAttribute('data-initial-value') ?? field.value);
  if (minutes === null) throw new SelectorMissingError(`${what} (a time that can be read)`);
  return minutes;
}

function calendarZone(doc: Document): string {
  const shown = doc.querySelector(sel.calendarZone)?.textContent?.trim() ?? '';
  if (shown && isValidTimeZone(shown)) return shown;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function readGuests(editor: HTMLElement): string[] {
  const list = editor.ownerDocument.querySelector(sel.guestList);
  if (!list) throw new SelectorMissingError('the guest list');
  const match = matchChain(list.parentElement ?? list, sel.guests);
  if (!match) return [];
  const alternative = sel.guests[match.alternative]!;
  const attribute = alternative.includes('hovercard') ? 'data-hovercard-id' : 'data-email';
  const guests: string[] = [];
  for (const element of (list.parentElement ?? list).querySelectorAll(alternative)) {
    const address = (element.getAttribute(attribute) ?? '').trim().toLowerCase();
    if (ADDRESS.test(address) && !guests.includes(address)) guests.push(address);
  }
  return guests;
}

function isAllDay(editor: HTMLElement): boolean {
  const found = matchChain<HTMLElement>(editor.ownerDocument, sel.allDayInput);
  if (!found) return false;
  const element = found.element;
  // By tag, not instanceof: a saved page parsed elsewhere has other element classes.
  return element.tagName === 'INPUT' ? (element as HTMLInputElement).checked : element.getAttribute('aria-checked') === 'true';
}

export const googleCalendarSite: CalendarSite = {
  id: 'google-calendar',
  name: 'Google Calendar',

  findEditor(doc) {
    const body = doc.body;
    if (!body?.matches(sel.editorPage)) return null;
    const path = doc.location?.pathname ?? '';
    if (path && !sel.editorRoute.test(path)) return null;
    return matchChain(doc, sel.startDate) ? body : null;
  },

  readMeeting(editor): MeetingReading {
    const doc = editor.ownerDocument;
    const timeZone = calendarZone(doc);
    const allDay = isAllDay(editor);
    const startDay = dateOf(input(doc, sel.startDate, 'the start date'), 'the start date');
    const endDay = dateOf(input(doc, sel.endDate, 'the end date'), 'the end date');
    const start = allDay ? wallTimeToInstant(timeZone, startDay, 0) : wallTimeToInstant(timeZone, startDay, minutesOf(input(doc, sel.startTime, 'the start time'), 'the start time'));
    const end = allDay ? wallTimeToInstant(timeZone, endDay, 24 * 60) : wallTimeToInstant(timeZone, endDay, minutesOf(input(doc, sel.endTime, 'the end time'), 'the end time'));
    const account = doc.querySelector(sel.account)?.textContent?.trim().toLowerCase() ?? '';
    return { start, end, allDay, guests: readGuests(editor), timeZone, account: ADDRESS.test(account) ? account : null };
  },

  noteAnchor(editor) {
    // The row holding the time fields: the nearest ancestor of the start date that also holds the end time.
    const doc = editor.ownerDocument;
    const start = matchChain<HTMLElement>(doc, sel.startDate)?.element;
    const end = matchChain<HTMLElement>(doc, sel.endTime)?.element ?? matchChain<HTMLElement>(doc, sel.endDate)?.element;
    if (!start) return null;
    let row: HTMLElement | null = start.parentElement;
    while (row && end && !row.contains(end)) row = row.parentElement;
    return row && row !== doc.body ? row : start.parentElement;
  },

  saveButton(editor) {
    return matchChain<HTMLElement>(editor.ownerDocument, sel.save)?.element ?? null;
  },

  async setTimes(editor, start, end) {
    const doc = editor.ownerDocument;
    try {
      const { timeZone } = this.readMeeting(editor);
      const locale = doc.documentElement.lang || navigator.language || 'en-US';
      const set = (field: HTMLInputElement, text: string) => {
        if (field.value !== text) typeIntoField(field, text);
      };
      const startDate = input(doc, sel.startDate, 'the start date');
      const startKey = localDateKey(start, timeZone);
      if (startDate.getAttribute('data-date') !== startKey.replace(/-/g, '')) set(startDate, dateText(startKey, locale));
      const startTime = input(doc, sel.startTime, 'the start time');
      set(startTime, clockTextLike(wallMinutesIn(start, timeZone), startTime.getAttribute('data-initial-value') ?? startTime.value));
      // Calendar keeps the length when the start moves (gerbus 2024-11); the end is typed after, to be sure.
      const endDate = input(doc, sel.endDate, 'the end date');
      const endKey = localDateKey(end, timeZone);
      if (endDate.getAttribute('data-date') !== endKey.replace(/-/g, '')) set(endDate, dateText(endKey, locale));
      const endTime = input(doc, sel.endTime, 'the end time');
      set(endTime, clockTextLike(wallMinutesIn(end, timeZone), endTime.getAttribute('data-initial-value') ?? endTime.value));
      return await shows(() => this.readMeeting(editor), start, end, doc);
    } catch {
      return false;
    }
  },
};

/** Waits (for the page's own updates, at most a second) until the editor shows `start`–`end`. */
export function shows(read: () => { start: Instant; end: Instant }, start: Instant, end: Instant, doc: Document, timeoutMs = 1000): Promise<boolean> {
  const matches = () => {
    try {
      const now = read();
      return now.start === start && now.end === end;
    } catch {
      return false;
    }
  };
  if (matches()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!matches()) return;
      finish(true);
    });
    const timer = setTimeout(() => finish(matches()), timeoutMs);
    function finish(result: boolean) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(result);
    }
    observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-date', 'data-initial-value', 'data-ical', 'value'] });
  });
}
