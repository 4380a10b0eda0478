import { describe, expect, it } from 'vitest';
import { describeTarget, describeWeek, expectationsNote, zoneLabel } from '../../../src/core/expectations.ts';
import type { TimeRange, WorkSchedule } from '../../../src/core/types.ts';

const day = (start: string, end: string): TimeRange[] => [{ start, end }];
const weekdays = (ranges: TimeRange[]): TimeRange[][] => [[], ranges, ranges, ranges, ranges, ranges, []];

const sydney: WorkSchedule = { timeZone: 'Australia/Sydney', week: weekdays(day('08:30', '17:30')), holidays: [] };

describe('expectationsNote', () => {
  it('writes the promise, the hours and the zone in one sentence', () => {
    const note = expectationsNote({ schedule: sydney, responseTargetMinutes: 240, urgentContact: 'call me on 0400 123 456' });
    expect(note).toBe(
      "How we'll work together: I reply within 4 working hours, Monday to Friday 8:30–17:30 Sydney time.\n" +
        'Messages that arrive outside those hours are answered on my next working day.\n' +
        'For urgent matters, call me on 0400 123 456.',
    );
  });

  it('greets the client and signs when asked, and mentions holidays only when there are some', () => {
    const note = expectationsNote({
      schedule: { ...sydney, holidays: ['2026-12-25'] },
      responseTargetMinutes: 60,
      clientName: 'Acme team',
      signature: 'Dana',
    });
    expect(note.split('\n')[0]).toBe('Hi Acme team,');
    expect(note).toContain('within 1 working hour,');
    expect(note).toContain('on weekends or on holidays');
    expect(note.endsWith('\n\nDana')).toBe(true);
    expect(note).not.toContain('urgent');
  });

  it('does not invent hours for a schedule without any', () => {
    const note = expectationsNote({ schedule: { timeZone: 'UTC', week: [[], [], [], [], [], [], []], holidays: [] }, responseTargetMinutes: 120 });
    expect(note.split('\n')[0]).toBe("How we'll work together: I reply within 2 working hours.");
  });
});

describe('describeWeek', () => {
  it('groups days with the same hours and lists split shifts', () => {
    const split = [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }];
    const week = [[], split, split, split, split, day('09:00', '13:00'), []];
    expect(describeWeek(week)).toBe('Monday to Thursday 9:00–12:00 and 13:00–17:00 and Friday 9:00–13:00');
  });

  it('lists days that are not consecutive, and Sunday after Saturday', () => {
    const nine = day('09:00', '17:00');
    expect(describeWeek([[], nine, [], nine, [], nine, []])).toBe('Monday, Wednesday and Friday 9:00–17:00');
    expect(describeWeek([nine, [], [], [], [], [], nine])).toBe('Saturday and Sunday 9:00–17:00');
  });

  it('keeps night shifts and midnight ends readable', () => {
    expect(describeWeek([[], day('22:00', '06:00'), [], [], [], [], []])).toBe('Monday 22:00–6:00');
    expect(describeWeek([[], day('16:00', '24:00'), [], [], [], [], []])).toBe('Monday 16:00–24:00');
  });
});

describe('zoneLabel and describeTarget', () => {
  it('names a zone by its city', () => {
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(zoneLabel('UTC')).toBe('UTC');
  });

  it('speaks in working minutes and hours', () => {
    expect(describeTarget(30)).toBe('30 working minutes');
    expect(describeTarget(1)).toBe('1 working minute');
    expect(describeTarget(480)).toBe('8 working hours');
    expect(describeTarget(150)).toBe('2½ working hours');
    expect(describeTarget(100)).toBe('1 h 40 min of working time');
  });
});
