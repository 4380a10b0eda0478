import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { googleCalendarSite } from '../../../../src/sites/google-calendar/site.ts';
import { SelectorMissingError } from '../../../../src/sites/contract.ts';
import { clockTextLike, dateKeyOfCompact, parseClockText } from '../../../../src/sites/calendar/typed-fields.ts';
import { usDateKey } from '../../../../src/sites/outlook-calendar/site.ts';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'calendar');

function load(html: string, url = 'https://calendar.google.com/calendar/u/0/r/eventedit/abc123'): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}
const fixture = (name: string, url?: string) => load(readFileSync(resolve(FIXTURES, name), 'utf8'), url);

describe('Google Calendar editor (reconstructed fixtures)', () => {
  it('reads the 2020 hooks: dates, 12-hour times, Calendar zone, data-email guests, account; DST-exact', () => {
    const doc = fixture('2020-01-eventedit-zoom-hooks.html');
    const editor = googleCalendarSite.findEditor(doc);
    expect(editor).not.toBeNull();
    const meeting = googleCalendarSite.readMeeting(editor!);
    // 1:30 Berlin (CET) on the spring-forward night; 3:30 is CEST: one hour apart.
    expect(new Date(meeting.start).toISOString()).toBe('2025-03-30T00:30:00.000Z');
    expect(new Date(meeting.end).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(meeting).toMatchObject({ allDay: false, timeZone: 'Europe/Berlin', account: 'sam@northwind.example' });
    expect(meeting.guests).toEqual(['sam@northwind.example', 'jana.novak@acme-corp.com', 'kim@northwind.example']);
    expect(googleCalendarSite.saveButton(editor!)?.id).toBe('xSaveBu');
    expect(googleCalendarSite.noteAnchor(editor!)?.className).toBe('when');
  });

  it('reads the 2024 hooks: data-ical first, hovercard guests (deduplicated, non-addresses dropped), the earlier 1:30 of a fall-back night', () => {
    const doc = fixture('2024-eventedit-hovercard.html');
    const meeting = googleCalendarSite.readMeeting(googleCalendarSite.findEditor(doc)!);
    expect(new Date(meeting.start).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(new Date(meeting.end).toISOString()).toBe('2024-11-03T07:30:00.000Z');
    expect(meeting.guests).toEqual(['sam@northwind.example', 'tom@initech-labs.com']);
    expect(meeting.timeZone).toBe('America/New_York');
  });

  it('reads all-day from either hook', () => {
    const older = fixture('2020-01-eventedit-zoom-hooks.html');
    older.querySelector('#xAlDaCbx')!.setAttribute('aria-checked', 'true');
    expect(googleCalendarSite.readMeeting(googleCalendarSite.findEditor(older)!).allDay).toBe(true);
    const newer = fixture('2024-eventedit-hovercard.html');
    (newer.querySelector('#xAlDaCbx input') as HTMLInputElement).checked = true;
    expect(googleCalendarSite.readMeeting(googleCalendarSite.findEditor(newer)!).allDay).toBe(true);
  });

  it('is not the editor on other views or routes, and a time it cannot read is an error, not a guess', () => {
    const week = fixture('2020-01-eventedit-zoom-hooks.html', 'https://calendar.google.com/calendar/u/0/r/week');
    expect(googleCalendarSite.findEditor(week)).toBeNull();
    const other = fixture('2020-01-eventedit-zoom-hooks.html');
    other.body.setAttribute('data-viewfamily', 'EVENT');
    expect(googleCalendarSite.findEditor(other)).toBeNull();
    const korean = fixture('2020-01-eventedit-zoom-hooks.html');
    korean.querySelector('#xStTiIn')!.setAttribute('data-initial-value', '오전 1:30');
    expect(() => googleCalendarSite.readMeeting(googleCalendarSite.findEditor(korean)!)).toThrow(SelectorMissingError);
    const noDate = fixture('2020-01-eventedit-zoom-hooks.html');
    noDate.querySelector('#xEnDaIn')!.removeAttribute('data-date');
    expect(() => googleCalendarSite.readMeeting(googleCalendarSite.findEditor(noDate)!)).toThrow(SelectorMissingError);
  });
});

describe('typed fields', () => {
  it.each([
    ['7:30am', 450], ['7:30 PM', 1170], ['12:00am', 0], ['12:15pm', 735], ['7:30 p.m.', 1170], ['19:30', 1170], ['07.30', 450], ['7pm', 1140],
  ])('%s is %i minutes', (text, minutes) => expect(parseClockText(text)).toBe(minutes));

  it.each(['', '7', '25:00', '13:00pm', '오후 7:30', '7:30 Uhr', 'noon'])('%s is not read', (text) => expect(parseClockText(text)).toBeNull());

  it('writes a time the way the field does', () => {
    expect(clockTextLike(900, '7:30am')).toBe('3:00pm');
    expect(clockTextLike(540, '7:30 PM')).toBe('9:00 AM');
    expect(clockTextLike(0, '1:00pm')).toBe('12:00am');
    expect(clockTextLike(540, '19:30')).toBe('9:00');
    expect(clockTextLike(540, '07:30')).toBe('09:00');
  });

  it('reads compact and US dates', () => {
    expect(dateKeyOfCompact('20250303')).toBe('2025-03-03');
    expect(dateKeyOfCompact('2025-03-03')).toBeNull();
    expect(usDateKey('Fri 3/14/2025')).toBe('2025-03-14');
    expect(usDateKey('14/3/2025')).toBeNull();
  });
});
