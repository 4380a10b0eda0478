import type { Instant } from '../../core/types';

/**
 * The few zone conversions the picker needs, on Intl alone: date-fns would cost the content
 * script kilobytes it cannot spare.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = partsFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(key, formatter);
  }
  return formatter;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeOf(at: Instant, timeZone: string | undefined): WallTime {
  const wall: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') wall[part.type] = Number(part.value);
  }
  return {
    year: wall.year ?? 1970,
    month: wall.month ?? 1,
    day: wall.day ?? 1,
    hour: wall.hour ?? 0,
    minute: wall.minute ?? 0,
    second: wall.second ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(at: Instant, timeZone: string | undefined): number {
  const w = wallTimeOf(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value ("2025-05-06T14:30") for the instant, in the zone. */
export function toDateTimeInput(at: Instant, timeZone?: string): string {
  const w = wallTimeOf(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant a `datetime-local` value names in the zone, or null when the value is not a
 * complete date and time. A wall time skipped by a DST change resolves to the shifted hour.
 */
export function fromDateTimeInput(value: string, timeZone?: string): Instant | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!);
  if (Number.isNaN(guess)) return null;
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return second;
}

/** "Tue, May 6, 2:30 PM" in the user's language and zone. */
export function formatPickedTime(at: Instant, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}
