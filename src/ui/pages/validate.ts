/**
 * Field checks for the forms, pure so they run as the user types and in tests. Each returns the
 * message shown next to the field, or null. The background checks everything again with the
 * settings schema; these exist so that a person learns what is wrong before pressing Save.
 */
import { isValidTimeZone, parseWallTime } from '../../core/schedule.ts';
import type { TimeRange } from '../../core/types.ts';

export function timeZoneError(zone: string): string | null {
  if (!zone.trim()) return 'Choose a time zone.';
  return isValidTimeZone(zone) && supportedZones().includes(zone) ? null : `“${zone}” is not a known time zone. Pick one from the list.`;
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows, plus UTC (not always listed). */
export function supportedZones(): string[] {
  if (!zones) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set([...listed, 'UTC'])].sort();
  }
  return zones;
}

export function rangeError(range: TimeRange): string | null {
  const start = parseWallTime(range.start, false);
  const end = parseWallTime(range.end, true);
  if (start === null) return 'Enter a start time, like 09:00.';
  if (end === null) return 'Enter an end time, like 17:00.';
  return null;
}

/** Notes that are not errors: a range that crosses midnight or lasts all day. */
export function rangeHint(range: TimeRange): string | null {
  const start = parseWallTime(range.start, false);
  const end = parseWallTime(range.end, true);
  if (start === null || end === null) return null;
  if (start === end) return 'Same start and end: 24 hours.';
  if (end < start && end !== 0) return 'Ends the next morning.';
  return null;
}

const ADDRESS = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Splits on commas, semicolons, spaces and new lines; lower-cases; drops duplicates. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((part) => part.trim().toLowerCase()).filter(Boolean))];
}

export function addressListError(text: string): string | null {
  const bad = splitList(text).filter((a) => !ADDRESS.test(a));
  if (bad.length === 0) return null;
  return bad.length === 1 ? `“${bad[0]}” is not an email address.` : `These are not email addresses: ${bad.join(', ')}.`;
}

export function domainListError(text: string): string | null {
  const items = splitList(text).map((d) => d.replace(/^@/, ''));
  const bad = items.filter((d) => !DOMAIN.test(d));
  if (bad.length === 0) return null;
  return bad.length === 1 ? `“${bad[0]}” is not a domain like acme.com.` : `These are not domains like acme.com: ${bad.join(', ')}.`;
}

export function domainList(text: string): string[] {
  return splitList(text).map((d) => d.replace(/^@/, ''));
}

/** A number field in a given unit; empty is an error unless `optional`. */
export function numberError(text: string, min: number, max: number, unit: string, optional = false): string | null {
  const trimmed = text.trim();
  if (!trimmed) return optional ? null : `Enter a number of ${unit}.`;
  const value = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(value)) return `Enter a number of ${unit}, like ${min === 0 ? 15 : min}.`;
  if (value < min || value > max) return `Enter between ${min} and ${max} ${unit}.`;
  return null;
}

/** A number field bounded by one of core's LIMITS: the forms refuse exactly what the settings schema refuses. */
export function limitError(text: string, limit: { readonly min: number; readonly max: number }, unit: string, optional = false): string | null {
  return numberError(text, limit.min, limit.max, unit, optional);
}

export function parseNumber(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function holidayError(date: string): string | null {
  const match = ISO_DATE.exec(date);
  if (!match) return 'Enter a date.';
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return `${date} is not a calendar date.`;
  return null;
}

export function clientNameError(name: string, otherNames: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give this client a name.';
  if (trimmed.length > 120) return 'Keep the name under 120 characters.';
  if (otherNames.some((n) => n.trim().toLowerCase() === trimmed.toLowerCase())) return 'Another client already has this name.';
  return null;
}
