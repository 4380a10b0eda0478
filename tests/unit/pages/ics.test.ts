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
