/**
 * The expectations note: a short, client-facing paragraph the user pastes into an onboarding mail
 * ("How we'll work together: I reply within 4 working hours, Monday to Friday 8:30–17:30 Sydney
 * time; …"). Setting expectations early and in writing is what the product is for; the note is
 * generated from the same schedule and target that drive the nudges, so the promise and the
 * behaviour cannot drift apart. The user edits the text afterwards; this only writes a first draft.
 */
import type { TimeRange, WorkSchedule } from './types.ts';
import { WEEKDAY_NAMES } from './format.ts';

export interface ExpectationsInput {
  schedule: WorkSchedule;
  /** The promised response time, in working minutes. */
  responseTargetMinutes: number;
  /** Whom to greet ("Hi Acme team,"); omitted when empty. */
  clientName?: string;
  /** What to do when it cannot wait ("call me on 0400 123 456"); omitted when empty. */
  urgentContact?: string;
  /** The user's name to sign with; omitted when empty. */
  signature?: string;
}

/** Monday first: the order people read a working week in. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export function expectationsNote(input: ExpectationsInput): string {
  const hours = describeWeek(input.schedule.week);
  const zone = zoneLabel(input.schedule.timeZone);
  const promise = `I reply within ${describeTarget(input.responseTargetMinutes)}`;
  const lines: string[] = [];
  const name = input.clientName?.trim();
  if (name) lines.push(`Hi ${name},`, '');
  lines.push(
    hours
      ? `How we'll work together: ${promise}, ${hours} ${zone}.`
      : `How we'll work together: ${promise}.`,
  );
  lines.push(
    input.schedule.holidays.length > 0
      ? 'Messages that arrive outside those hours, on weekends or on holidays, are answered on my next working day.'
      : 'Messages that arrive outside those hours are answered on my next working day.',
  );
  const urgent = input.urgentContact?.trim();
  if (urgent) lines.push(`For urgent matters, ${urgent.replace(/[.;,\s]+$/, '')}.`);
  const signature = input.signature?.trim();
  if (signature) lines.push('', signature);
  return lines.join('\n');
}

/**
 * "Monday to Friday 8:30–17:30", "Monday to Thursday 9:00–17:00 and Friday 9:00–13:00",
 * "Monday, Wednesday and Friday 9:00–12:00 and 13:00–17:00". Empty when no day has hours.
 */
export function describeWeek(week: readonly (readonly TimeRange[])[]): string {
  // Days with the same ranges are named together; groups follow the week from Monday.
  const groups: { ranges: string; days: number[] }[] = [];
  for (const day of WEEK_ORDER) {
    const ranges = week[day] ?? [];
    if (ranges.length === 0) continue;
    const text = describeRanges(ranges);
    const group = groups.find((g) => g.ranges === text);
    if (group) group.days.push(day);
    else groups.push({ ranges: text, days: [day] });
  }
  return joinWords(groups.map((g) => `${describeDays(g.days)} ${g.ranges}`));
}

function describeRanges(ranges: readonly TimeRange[]): string {
  const sorted = [...ranges].sort((a, b) => a.start.localeCompare(b.start));
  return joinWords(sorted.map((r) => `${shortTime(r.start)}–${shortTime(r.end)}`));
}

/** Consecutive runs of three or more read as "Monday to Friday"; the rest are listed. */
function describeDays(days: readonly number[]): string {
  const positions = days.map((d) => WEEK_ORDER.indexOf(d as (typeof WEEK_ORDER)[number]));
  const runs: number[][] = [];
  for (const position of positions) {
    const run = runs.at(-1);
    if (run && run.at(-1) === position - 1) run.push(position);
    else runs.push([position]);
  }
  const parts: string[] = [];
  for (const run of runs) {
    const names = run.map((p) => WEEKDAY_NAMES[WEEK_ORDER[p]!]);
    if (run.length >= 3) parts.push(`${names[0]} to ${names.at(-1)}`);
    else parts.push(...names);
  }
  return joinWords(parts);
}

/** "08:30" → "8:30"; "24:00" stays, so a day that runs to midnight reads as such. */
function shortTime(hhmm: string): string {
  return hhmm.replace(/^0(\d)/, '$1');
}

/** "Australia/Sydney" → "Sydney time"; "America/Argentina/Buenos_Aires" → "Buenos Aires time". */
export function zoneLabel(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const city = timeZone.split('/').at(-1) ?? timeZone;
  return `${city.replace(/_/g, ' ')} time`;
}

/** Working minutes as words a client reads easily: "30 working minutes", "4 working hours", "2½ working hours". */
export function describeTarget(minutes: number): string {
  const whole = Math.max(1, Math.round(minutes));
  if (whole < 60) return `${whole} working ${whole === 1 ? 'minute' : 'minutes'}`;
  if (whole % 60 === 0) {
    const hours = whole / 60;
    return `${hours} working ${hours === 1 ? 'hour' : 'hours'}`;
  }
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (rest === 30) return `${hours}½ working hours`;
  return `${hours} h ${rest} min of working time`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
