/**
 * The nudge decision, taken at the moment of sending from `now` and the policy snapshot the
 * background pushed ahead of time. Pure and synchronous: nothing here waits, and the common cases
 * (colleague, lead, paused, a reply in working hours with no message waiting) return after a
 * couple of comparisons.
 *
 * Rules:
 * - Never nudged: colleagues, leads, clients set to off, and anyone while nudges are quiet.
 * - Reasons, all that apply, in this order: holiday (today, in the client's zone, is one of their
 *   holidays), weekend (their schedule has no range on this weekday), outside-hours (otherwise not
 *   their working time), too-fast (less than the minimum reply delay since their message),
 *   faster-than-norm (at least MIN_REPLIES past replies (norms.ts), their median working delay is known, and this reply
 *   comes within an hour of their message having used less than a quarter of that median in
 *   working time: the pace this reply would teach them is far from the one they are used to).
 * - Fail open: whatever the decision cannot reason about (no snapshot, no working time in the
 *   schedule, an unknown zone, any exception) lets the send go through.
 */
import { formatApproxDuration, formatDuration } from './format.ts';
import { clockIn, hourIn, placeOfZone, suggestionLabel, weekdayName } from './labels.ts';
import { MIN_REPLIES } from './norms.ts';
import { addWorkingTime, isWorkingTime, localDateKey, nextWorkingStart, weekdayIn, workingTimeBetween } from './schedule.ts';
import type { Decision, Instant, NudgeReason, PolicySnapshot, SendSuggestion, WorkSchedule } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A reply using less than this share of the client's median working delay is much faster. */
export const FASTER_THAN_NORM_SHARE = 0.25;
/** …but only while it is still close to their message in wall-clock terms. */
export const FASTER_THAN_NORM_WITHIN_MS = HOUR;
/** Suggestions land on whole five minutes: "9:05", not "9:03". */
const ROUND_TO_MS = 5 * MINUTE;
const MAX_SUGGESTIONS = 3;

export function decide(now: Instant, snapshot: PolicySnapshot | null | undefined): Decision {
  if (!snapshot) return { kind: 'send', why: 'no-counterpart' };
  const { mode } = snapshot;
  if (mode === 'colleague' || mode === 'lead' || mode === 'off') return { kind: 'send', why: mode };
  if (snapshot.quietUntil !== null && snapshot.quietUntil > now) return { kind: 'send', why: 'quiet' };
  try {
    return evaluate(now, snapshot);
  } catch {
    return { kind: 'send', why: 'cannot-decide' };
  }
}

function evaluate(now: Instant, snapshot: PolicySnapshot): Decision {
  const { schedule, lastInboundAt } = snapshot;
  const working = isWorkingTime(schedule, now);
  // Clocks disagree by a few seconds at times; a message "from the future" arrived just now.
  const sinceInbound = lastInboundAt === null ? null : Math.max(0, now - lastInboundAt);
  if (working && sinceInbound === null) return { kind: 'send', why: 'fine' };

  const reasons: NudgeReason[] = [];
  if (!working) reasons.push(timeReason(now, snapshot));

  const minDelayMs = snapshot.minReplyDelayMinutes * MINUTE;
  const tooFast = sinceInbound !== null && sinceInbound < minDelayMs;
  if (tooFast) {
    reasons.push({
      code: 'too-fast',
      text: `A reply ${elapsedPhrase(sinceInbound)} after ${snapshot.clientName}'s message teaches them to expect instant answers.`,
    });
  }

  const normMs = usableNorm(snapshot);
  const fasterThanNorm =
    sinceInbound !== null &&
    lastInboundAt !== null &&
    normMs !== null &&
    sinceInbound < FASTER_THAN_NORM_WITHIN_MS &&
    workingTimeBetween(schedule, lastInboundAt, now) < FASTER_THAN_NORM_SHARE * normMs;
  if (fasterThanNorm) {
    reasons.push({
      code: 'faster-than-norm',
      text: `${snapshot.clientName} usually hears back in ${formatApproxDuration(normMs, 'working')}. A reply ${elapsedPhrase(sinceInbound)} after their message teaches them to expect that.`,
    });
  }

  if (reasons.length === 0) return { kind: 'send', why: 'fine' };
  const suggestions = suggest(now, snapshot, working, tooFast || fasterThanNorm);
  if (suggestions.length === 0) return { kind: 'send', why: 'cannot-decide' };
  return { kind: 'nudge', reasons, headline: headlineOf(reasons), suggestions };
}

/** The client's median working delay, when there are enough replies for it to mean something. */
function usableNorm(snapshot: PolicySnapshot): number | null {
  const norms = snapshot.norms;
  if (!norms || norms.count < MIN_REPLIES || norms.medianWorkingMs === null) return null;
  return norms.medianWorkingMs >= MINUTE ? norms.medianWorkingMs : null;
}

function timeReason(now: Instant, snapshot: PolicySnapshot): NudgeReason {
  const { schedule, clientName, userTimeZone } = snapshot;
  const zone = schedule.timeZone;
  const place = zone === userTimeZone ? '' : ` (${placeOfZone(zone)})`;
  const clock = clockIn(now, zone);
  if (schedule.holidays.includes(localDateKey(now, zone))) {
    return {
      code: 'holiday',
      text: `It's a holiday for ${clientName}${place}: a reply now tells them you work on their days off.`,
    };
  }
  const weekday = weekdayIn(now, zone);
  if ((schedule.week[weekday] ?? []).length === 0) {
    const weekend = weekday === 0 || weekday === 6;
    return {
      code: 'weekend',
      text: `It's ${weekdayName(now, zone)} ${clock} for ${clientName}${place}: a reply now tells them you work ${weekend ? 'weekends' : 'on their days off'}.`,
    };
  }
  const hour = hourIn(now, zone);
  const night = hour >= 21 || hour < 6;
  return {
    code: 'outside-hours',
    text: `It's ${clock} for ${clientName}${place}: a reply now tells them you work ${night ? 'at night' : 'outside their working hours'}.`,
  };
}

/**
 * The sentence the card leads with: the hour when it is outside their time (the most visible
 * lesson), else their usual pace when it is known (the most concrete), else the bare speed.
 */
function headlineOf(reasons: readonly NudgeReason[]): string {
  const byCode = (code: NudgeReason['code']) => reasons.find((reason) => reason.code === code);
  const lead = reasons.find((reason) => reason.code !== 'too-fast' && reason.code !== 'faster-than-norm');
  return (lead ?? byCode('faster-than-norm') ?? byCode('too-fast') ?? (reasons[0] as NudgeReason)).text;
}

function elapsedPhrase(ms: number): string {
  if (ms < MINUTE) return 'under a minute';
  if (ms < HOUR) {
    const minutes = Math.floor(ms / MINUTE);
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  return formatDuration(ms);
}

/**
 * One to three send times, ascending, each in the future and inside the client's working time:
 * - outside working time: the start of their next working stretch;
 * - when the reply is early: the earliest working moment once the minimum delay has passed, and
 *   one at the client's usual pace (their median working delay, or half the agreed target when
 *   there are too few replies; never beyond the target);
 * - always: the start of their next working day.
 */
function suggest(now: Instant, snapshot: PolicySnapshot, working: boolean, early: boolean): SendSuggestion[] {
  const { schedule, lastInboundAt } = snapshot;
  const candidates: Instant[] = [];
  const consider = (compute: () => Instant | null) => {
    try {
      const at = compute();
      if (at !== null && at > now) candidates.push(at);
    } catch {
      // A candidate that cannot be computed (no working time ahead) is simply not offered.
    }
  };

  if (!working) consider(() => nextWorkingStart(schedule, now));
  if (early && lastInboundAt !== null) {
    const minDelayMs = snapshot.minReplyDelayMinutes * MINUTE;
    consider(() => workingAtOrAfter(schedule, Math.max(now, lastInboundAt + minDelayMs)));
    const targetMs = snapshot.responseTargetMinutes * MINUTE;
    const paceMs = Math.min(usableNorm(snapshot) ?? targetMs / 2, targetMs);
    if (paceMs > 0) consider(() => workingAtOrAfter(schedule, addWorkingTime(schedule, lastInboundAt, paceMs)));
  }
  consider(() => nextWorkingDayStart(schedule, now));

  const rounded = new Set<Instant>();
  for (const at of candidates) {
    const snapped = roundUpInWorkingTime(schedule, at);
    if (snapped > now) rounded.add(snapped);
  }
  return [...rounded]
    .sort((a, b) => a - b)
    .slice(0, MAX_SUGGESTIONS)
    .map((at) => ({ at, label: suggestionLabel(at, now, snapshot.userTimeZone, schedule.timeZone) }));
}

/** `at` itself when it is working time, else the next working start. */
function workingAtOrAfter(schedule: WorkSchedule, at: Instant): Instant {
  return isWorkingTime(schedule, at) ? at : nextWorkingStart(schedule, at);
}

/** The first working start on a later calendar day (client's zone) than `now`. */
function nextWorkingDayStart(schedule: WorkSchedule, now: Instant): Instant | null {
  const today = localDateKey(now, schedule.timeZone);
  let at = nextWorkingStart(schedule, now);
  // A day holds few ranges; the bound only guards against a malformed schedule.
  for (let step = 0; step < 50 && localDateKey(at, schedule.timeZone) === today; step++) {
    at = nextWorkingStart(schedule, at);
  }
  return localDateKey(at, schedule.timeZone) === today ? null : at;
}

/** Up to whole five minutes, unless that would leave working time (then `at` as it is). */
function roundUpInWorkingTime(schedule: WorkSchedule, at: Instant): Instant {
  // Every zone in use today is offset by whole quarter hours, so five-minute steps of epoch time
  // are five-minute steps of every wall clock.
  const up = Math.ceil(at / ROUND_TO_MS) * ROUND_TO_MS;
  return up === at || isWorkingTime(schedule, up) ? up : at;
}
