/**
 * The meeting check: does a meeting being booked fall outside a client's working time (their hours,
 * weekend or holidays, in their zone), or outside the user's own hours? A 7:30 call teaches a
 * client exactly what a midnight reply does. Pure and synchronous: the calendar page runs it on
 * every change of the editor's times or guests, from policies the background prepared ahead.
 *
 * Rules:
 * - Only clients (mode 'account') and outside contacts under the defaults are checked; leads,
 *   clients set to off and anyone while quiet are never warned about; colleagues never reach here
 *   (buildMeetingPolicies leaves them out).
 * - A meeting is inside someone's time when the whole of [start, end) is their working time.
 *   The reason names the first moment that is not: holiday (that date is one of their holidays),
 *   weekend (their schedule has nothing that weekday), else outside-hours.
 * - The user's own hours count only when there is someone to warn about: a meeting at 7:00 the
 *   user's time teaches the client that the user is up at 7:00.
 * - Suggestions: up to three slots of the same length, in the future, inside the working time of
 *   the user and of every client checked, nearest to the meeting's own start, labelled as the nudge
 *   labels send times (DST-exact: every instant comes from the schedules' own resolution).
 * - All-day events are not checked. Anything the check cannot reason about (a schedule without
 *   working time, an unknown zone) lets the meeting be, as if ReplyPace were not installed.
 */
import { clockIn, placeOfZone, suggestionLabel, weekdayName } from './labels.ts';
import type { GuestPolicy, MeetingPolicies } from './meetingPolicy.ts';
import { localDateKey, weekdayIn, workingIntervals, workingTimeBetween } from './schedule.ts';
import type { Instant, NudgeReasonCode, WorkSchedule } from './types.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Suggested starts land on quarter hours, as meetings do. */
const SLOT_STEP_MS = 15 * MINUTE;
/** How far before and after the meeting's own start suggestions are looked for. */
const SEARCH_BEFORE_MS = 7 * DAY;
const SEARCH_AFTER_MS = 21 * DAY;
const MAX_SUGGESTIONS = 3;

export interface Meeting {
  start: Instant;
  end: Instant;
  allDay: boolean;
}

/** Why a meeting leaves a client's working time: the time reasons of a nudge, and only those. */
export const MEETING_REASON_CODES = ['outside-hours', 'weekend', 'holiday'] as const satisfies readonly NudgeReasonCode[];
export type MeetingReasonCode = (typeof MEETING_REASON_CODES)[number];

export interface MeetingFinding {
  clientKey: string;
  clientName: string;
  timeZone: string;
  reason: MeetingReasonCode;
  /** The meeting as their clock shows it: "Tue 7:30–8:00". */
  localTime: string;
  /** One plain sentence. */
  text: string;
}

export interface OwnFinding {
  reason: MeetingReasonCode;
  localTime: string;
  text: string;
}

export interface MeetingSlot {
  start: Instant;
  end: Instant;
  /** "Tomorrow 15:00 (their 9:00)", in the user's zone. */
  label: string;
}

export type MeetingVerdict =
  | { kind: 'fine'; why: 'no-clients' | 'inside' | 'all-day' | 'quiet' | 'cannot-decide' }
  | {
      kind: 'warn';
      /** One per client whose time the meeting leaves, in guest order. */
      findings: MeetingFinding[];
      /** Set when the meeting also leaves the user's own hours. */
      own: OwnFinding | null;
      /** Zero to three, ascending. */
      suggestions: MeetingSlot[];
    };

export function meetingCheck(meeting: Meeting, policies: MeetingPolicies, now: Instant): MeetingVerdict {
  if (meeting.allDay) return { kind: 'fine', why: 'all-day' };
  if (!(meeting.end > meeting.start)) return { kind: 'fine', why: 'cannot-decide' };
  const checked = policies.clients.filter((c) => c.mode === 'account' || c.mode === 'default');
  if (checked.length === 0) return { kind: 'fine', why: 'no-clients' };
  const awake = checked.filter((c) => c.quietUntil === null || c.quietUntil <= now);
  if (awake.length === 0) return { kind: 'fine', why: 'quiet' };
  try {
    return evaluate(meeting, policies, awake, now);
  } catch {
    return { kind: 'fine', why: 'cannot-decide' };
  }
}

function evaluate(meeting: Meeting, policies: MeetingPolicies, clients: GuestPolicy[], now: Instant): MeetingVerdict {
  const findings: MeetingFinding[] = [];
  for (const client of clients) {
    const reason = reasonOutside(client.schedule, meeting);
    if (!reason) continue;
    const zone = client.schedule.timeZone;
    const localTime = localSpan(meeting, zone);
    const place = zone === policies.userTimeZone ? '' : ` (${placeOfZone(zone)})`;
    findings.push({ clientKey: client.clientKey, clientName: client.clientName, timeZone: zone, reason, localTime, text: clientSentence(client.clientName + place, localTime, reason) });
  }
  const ownReason = reasonOutside(policies.own, meeting);
  const own: OwnFinding | null = ownReason
    ? { reason: ownReason, localTime: localSpan(meeting, policies.own.timeZone), text: ownSentence(localSpan(meeting, policies.own.timeZone), ownReason) }
    : null;
  if (findings.length === 0 && !own) return { kind: 'fine', why: 'inside' };

  const labelZone = findings[0]?.timeZone ?? clients[0]!.schedule.timeZone;
  const schedules = [policies.own, ...clients.map((c) => c.schedule)];
  const suggestions = suggestSlots(schedules, meeting, now).map((start) => ({
    start,
    end: start + (meeting.end - meeting.start),
    label: suggestionLabel(start, now, policies.userTimeZone, labelZone),
  }));
  return { kind: 'warn', findings, own, suggestions };
}

/** Null when all of [start, end) is working time in `schedule`; else why the first moment is not. */
export function reasonOutside(schedule: WorkSchedule, meeting: Pick<Meeting, 'start' | 'end'>): MeetingReasonCode | null {
  const intervals = workingIntervals(schedule, meeting.start, meeting.end);
  let covered = 0;
  for (const [from, to] of intervals) covered += to - from;
  if (covered === meeting.end - meeting.start) return null;
  const first = intervals[0];
  const outsideAt = !first || first[0] > meeting.start ? meeting.start : first[1];
  const zone = schedule.timeZone;
  if (schedule.holidays.includes(localDateKey(outsideAt, zone))) return 'holiday';
  if ((schedule.week[weekdayIn(outsideAt, zone)] ?? []).length === 0) return 'weekend';
  return 'outside-hours';
}

/** "Tue 7:30–8:00"; a meeting that ends on a later date reads "Tue 23:30–Wed 0:30". */
function localSpan(meeting: Meeting, zone: string): string {
  const startDay = weekdayName(meeting.start, zone).slice(0, 3);
  const sameDay = localDateKey(meeting.start, zone) === localDateKey(meeting.end - 1, zone);
  const endDay = sameDay ? '' : `${weekdayName(meeting.end, zone).slice(0, 3)} `;
  return `${startDay} ${clockIn(meeting.start, zone)}–${endDay}${clockIn(meeting.end, zone)}`;
}

function clientSentence(who: string, localTime: string, reason: MeetingReasonCode): string {
  switch (reason) {
    case 'holiday':
      return `For ${who} this is ${localTime}, on one of their holidays: a meeting then teaches them you expect them on their days off.`;
    case 'weekend':
      return `For ${who} this is ${localTime}, on their weekend: a meeting then teaches them you work on their days off.`;
    case 'outside-hours':
      return `For ${who} this is ${localTime}, outside their working hours: a meeting then teaches them you are available at that hour.`;
  }
}

function ownSentence(localTime: string, reason: MeetingReasonCode): string {
  const when = reason === 'outside-hours' ? 'outside your own hours' : reason === 'weekend' ? 'on your weekend' : 'on one of your holidays';
  return `For you this is ${localTime}, ${when}: a meeting then teaches them you are available then.`;
}

/**
 * Starts, nearest to the meeting's own first, of slots of the meeting's length that lie in the
 * working time of every schedule, in the future. Two candidates per common stretch: its first and
 * its last quarter hour that still fit the meeting.
 */
function suggestSlots(schedules: readonly WorkSchedule[], meeting: Meeting, now: Instant): Instant[] {
  const length = meeting.end - meeting.start;
  const from = Math.max(now, meeting.start - SEARCH_BEFORE_MS);
  const to = Math.max(from, meeting.start) + SEARCH_AFTER_MS;
  let common: Array<[Instant, Instant]> = [[from, to]];
  for (const schedule of schedules) {
    common = intersect(common, workingIntervals(schedule, from, to));
    if (common.length === 0) return [];
  }
  const candidates = new Set<Instant>();
  for (const [a, b] of common) {
    const first = Math.ceil(a / SLOT_STEP_MS) * SLOT_STEP_MS;
    const last = Math.floor((b - length) / SLOT_STEP_MS) * SLOT_STEP_MS;
    for (const start of [first, last]) {
      if (start >= a && start + length <= b && start > now && start !== meeting.start) candidates.add(start);
    }
  }
  return [...candidates]
    .sort((x, y) => Math.abs(x - meeting.start) - Math.abs(y - meeting.start) || x - y)
    .slice(0, MAX_SUGGESTIONS)
    .filter((start) => schedules.every((s) => workingTimeBetween(s, start, start + length) === length))
    .sort((x, y) => x - y);
}

/** The overlap of two ascending lists of disjoint intervals. */
function intersect(a: ReadonlyArray<[Instant, Instant]>, b: ReadonlyArray<[Instant, Instant]>): Array<[Instant, Instant]> {
  const result: Array<[Instant, Instant]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [a0, a1] = a[i]!;
    const [b0, b1] = b[j]!;
    const start = Math.max(a0, b0);
    const end = Math.min(a1, b1);
    if (end > start) result.push([start, end]);
    if (a1 < b1) i++;
    else j++;
  }
  return result;
}
