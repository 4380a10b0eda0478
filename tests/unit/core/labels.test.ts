import { describe, expect, it } from 'vitest';
import { clockIn, placeOfZone, suggestionLabel } from '../../../src/core/labels.ts';

const at = (iso: string): number => Date.parse(iso);

describe('suggestionLabel', () => {
  const now = at('2024-05-06T10:00:00Z'); // Monday

  it('names the day relative to today in the user zone', () => {
    expect(suggestionLabel(at('2024-05-06T16:15:00Z'), now, 'UTC', 'UTC')).toBe('Today 16:15');
    expect(suggestionLabel(at('2024-05-07T08:30:00Z'), now, 'UTC', 'UTC')).toBe('Tomorrow 8:30');
    expect(suggestionLabel(at('2024-05-10T09:00:00Z'), now, 'UTC', 'UTC')).toBe('Friday 9:00');
    expect(suggestionLabel(at('2024-05-16T09:00:00Z'), now, 'UTC', 'UTC')).toBe('Thu, May 16 9:00');
  });

  it("adds the client's clock when it differs, with their weekday when their date differs", () => {
    // Sydney is +10 in May: 23:00Z Monday is Tuesday 9:00 there; London (BST) reads Tuesday 0:00.
    expect(suggestionLabel(at('2024-05-06T23:00:00Z'), now, 'Europe/London', 'Australia/Sydney')).toBe(
      'Tomorrow 0:00 (their 9:00)',
    );
    // New York reads Monday 19:00 while Sydney reads Tuesday 9:00.
    expect(suggestionLabel(at('2024-05-06T23:00:00Z'), now, 'America/New_York', 'Australia/Sydney')).toBe(
      'Today 19:00 (their Tue 9:00)',
    );
    // Two zones showing the same clock need no bracket.
    expect(suggestionLabel(at('2024-05-07T08:30:00Z'), now, 'Europe/Paris', 'Europe/Berlin')).toBe('Tomorrow 10:30');
  });

  it('uses the relative words and weekday names of the locale', () => {
    expect(suggestionLabel(at('2024-05-07T08:30:00Z'), now, 'UTC', 'UTC', 'de-DE')).toBe('Morgen 8:30');
    expect(suggestionLabel(at('2024-05-09T08:30:00Z'), now, 'UTC', 'UTC', 'fr-FR')).toBe('jeudi 8:30');
  });

  it('reads today in the user zone, not in UTC', () => {
    // 03:00Z Tuesday is still Monday 23:00 in New York.
    const mondayEvening = at('2024-05-07T01:00:00Z');
    expect(suggestionLabel(at('2024-05-07T03:00:00Z'), mondayEvening, 'America/New_York', 'America/New_York')).toBe(
      'Today 23:00',
    );
  });
});

describe('clock and place helpers', () => {
  it('reads a 24-hour clock without a leading zero, at midnight too', () => {
    expect(clockIn(at('2024-05-06T00:05:00Z'), 'UTC')).toBe('0:05');
    expect(clockIn(at('2024-05-06T23:10:00Z'), 'UTC')).toBe('23:10');
    expect(clockIn(at('2024-05-06T00:00:00Z'), 'Asia/Kathmandu')).toBe('5:45');
  });

  it('turns a zone into a place name', () => {
    expect(placeOfZone('Australia/Sydney')).toBe('Sydney');
    expect(placeOfZone('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(placeOfZone('UTC')).toBe('UTC');
  });
});
