import { describe, expect, it } from 'vitest';
import { holidaysFromIcs, IcsError } from '../../../src/ui/pages/ics.ts';

const calendar = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (uid: string, ...lines: string[]) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');

describe('holidaysFromIcs', () => {
  it('takes every day of all-day events, with DTEND exclusive', () => {
    const text = calendar(
      event('1', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Christmas'),
      event('2', 'DTSTART;VALUE=DATE:20260126', 'SUMMARY:Australia Day'),
    );
    expect(holidaysFromIcs(text, '2026-01-01', '2027-12-31')).toEqual({ dates: ['2026-01-26', '2026-12-25', '2026-12-26'], notes: [] });
  });

  it('expands yearly recurrences inside the window only', () => {
    const text = calendar(event('1', 'DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'));
    expect(holidaysFromIcs(text, '2025-06-01', '2028-06-01').dates).toEqual(['2026-01-01', '2027-01-01', '2028-01-01']);
  });

  it('skips timed events and says so', () => {
    const text = calendar(event('1', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:Meeting'), event('2', 'DTSTART;VALUE=DATE:20260310'));
    expect(holidaysFromIcs(text, '2026-01-01', '2026-12-31')).toEqual({
      dates: ['2026-03-10'],
      notes: ['1 timed event was skipped: only all-day events count as days off.'],
    });
  });

  it('refuses a file that is not a calendar with a reason', () => {
    expect(() => holidaysFromIcs('hello', '2026-01-01', '2026-12-31')).toThrow(IcsError);
    expect(() => holidaysFromIcs('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob\r\nEND:VCARD', '2026-01-01', '2026-12-31')).toThrow(/no calendar/);
  });
});

describe('recurring events are checked against their own rule', () => {
  it('refuses a rule that ical.js expands into dates it does not allow (Feb 30 becomes Mar 1 or 2), naming the event and its rule', () => {
    const text = calendar(event('1', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day party'));
    expect(() => holidaysFromIcs(text, '2024-01-01', '2027-12-31')).toThrow(IcsError);
    expect(() => holidaysFromIcs(text, '2024-01-01', '2027-12-31')).toThrow(/“Leap day party”.*FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30.*Nothing was imported/);
  });

  it('keeps the dates of rules that hold: the last day of the month, weekdays, a leap day', () => {
    const text = calendar(
      event('1', 'DTSTART;VALUE=DATE:20260131', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', 'SUMMARY:Month end'),
      event('2', 'DTSTART;VALUE=DATE:20261126', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'SUMMARY:Thanksgiving'),
      event('3', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'SUMMARY:Leap day'),
    );
    expect(holidaysFromIcs(text, '2026-01-01', '2028-12-31').dates).toEqual([
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-11-26', '2027-11-25', '2028-02-29', '2028-11-23',
    ]);
  });

  it('says which recurring event it is about to expand (so a worker that never returns can name it)', () => {
    const text = calendar(event('1', 'DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'));
    const expanding: string[] = [];
    holidaysFromIcs(text, '2025-06-01', '2026-06-01', (what) => expanding.push(what));
    expect(expanding).toEqual(['“New Year” (FREQ=YEARLY)']);
  });
});
