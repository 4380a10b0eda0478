/**
 * Which clients need the user's attention, and what the coaching says to do about it. Pure rules
 * over one client's activity; the background gathers the activity, the popup, the badge and the
 * weekly review show the findings.
 *
 * - waiting: a message from the client has waited (in their working time) longer than
 *   max(waitingFactor × the user's usual reply time to them, the agreed target);
 * - silent: the user has not written to the client for much longer than the usual gap between the
 *   days they write (silenceFactor × the usual gap, and at least silenceMinDays);
 * - drift: the last 30 days against the 90 before, by the SAME trend rule as the popup's norms
 *   (norms.ts `trendFromMedians`), so the two never name a change differently;
 * - exceptions: "Send now" chosen on many nudges for one client in the last 30 days.
 *
 * Every threshold is a named setting (settings.ts `attention`) with its default and explanation
 * here, next to the rule that reads it.
 */
import { TZDate } from '@date-fns/tz';
import { formatApproxDuration } from './format.ts';
import { MIN_REPLIES, PRIOR_DAYS, RECENT_DAYS, TREND_FASTER, TREND_MIN_COUNT, TREND_SLOWER, shiftDateKey } from './norms.ts';
import { localDateKey, weekdayIn, workingTimeBetween } from './schedule.ts';
import type { ClientMode, Instant, NormsSummary, NudgeChoice, WorkSchedule } from './types.ts';

const DAY = 86_400_000;

export interface AttentionSettings {
  /** A waiting message is flagged after this many times the usual reply time (and never before the target). */
  waitingFactor: number;
  /** Waiting messages older than this many days are treated as closed (often a "thanks" that needs no answer). */
  waitingLookbackDays: number;
  /** Silence is flagged after this many times the usual gap between the days the user writes to the client. */
  silenceFactor: number;
  /** Silence shorter than this many days is never flagged, however regular the client. */
  silenceMinDays: number;
  /**
   * Replies needed before the findings (waiting, silence, drift) judge a client's rhythm (quiet
   * clients and new ones are left alone). The norms status and the nudge keep the fixed floor
   * MIN_REPLIES (norms.ts explains who decides what); this is the default.
   */
  minReplies: number;
  /** "Send now" overrides in 30 days for one client that mean urgent has become normal. */
  overridesPerMonth: number;
  /** Weekly review reminder: off unless the user turns it on. */
  weeklyReview: boolean;
  /** Show the reminder as a system notification (asks for the notifications permission when turned on). */
  weeklyReviewNotify: boolean;
  /** Day of the reminder, 0 = Sunday … 6 = Saturday, in the user's own time zone. */
  weeklyReviewDay: number;
  /** Hour of the reminder (0–23), in the user's own time zone. */
  weeklyReviewHour: number;
}

export const DEFAULT_ATTENTION: Readonly<AttentionSettings> = Object.freeze({
  waitingFactor: 3,
  waitingLookbackDays: 14,
  silenceFactor: 3,
  silenceMinDays: 14,
  minReplies: MIN_REPLIES,
  overridesPerMonth: 5,
  weeklyReview: false,
  weeklyReviewNotify: false,
  weeklyReviewDay: 1,
  weeklyReviewHour: 9,
});

/** Bounds the settings schema enforces, and the options page offers. */
export const ATTENTION_LIMITS = {
  waitingFactor: { min: 1, max: 20 },
  waitingLookbackDays: { min: 1, max: 90 },
  silenceFactor: { min: 1, max: 20 },
  silenceMinDays: { min: 1, max: 365 },
  minReplies: { min: 1, max: 100 },
  overridesPerMonth: { min: 1, max: 100 },
  weeklyReviewDay: { min: 0, max: 6 },
  weeklyReviewHour: { min: 0, max: 23 },
} as const;

export interface AttentionFieldText {
  label: string;
  /** Shown next to the field: what it does and why the default is what it is. */
  description: string;
}

/** Labels and explanations for the options page, one per setting. */
export const ATTENTION_FIELDS: Readonly<Record<keyof AttentionSettings, AttentionFieldText>> = {
  waitingFactor: {
    label: 'Waiting too long: times your usual reply',
    description:
      'A client’s message counts as neglected when it has waited, in their working hours, this many times longer than you usually take to answer them, and longer than the response time you agreed. Default 3: a slow day is normal, three times your own pace is not.',
  },
  waitingLookbackDays: {
    label: 'Waiting messages older than (days) are closed',
    description:
      'ReplyPace cannot read mail, so a last “thanks!” looks like a message waiting for an answer. Messages left unanswered for longer than this many days are treated as closed. Default 14.',
  },
  silenceFactor: {
    label: 'Silence: times your usual gap',
    description:
      'A client counts as not hearing from you when your last mail to them is this many times older than the usual gap between the days you write to them. Default 3.',
  },
  silenceMinDays: {
    label: 'Silence: never before (days)',
    description:
      'However regularly you write to a client, a silence shorter than this is never flagged: a week off is not neglect. Default 14 days.',
  },
  minReplies: {
    label: 'Replies before a client is judged',
    description:
      `Drift and neglect are only judged once you have replied to a client this many times: a handful of replies says nothing about a rhythm. Default ${MIN_REPLIES}.`,
  },
  overridesPerMonth: {
    label: '“Send now” overrides per month',
    description:
      'Choosing “Send now” on this many nudges for one client within 30 days means urgent has become normal for them: time to agree new hours or a new target, or to push back. Default 5.',
  },
  weeklyReview: {
    label: 'Weekly review reminder',
    description: 'Once a week, open a summary of every client: who drifted, who waits, where the exceptions pile up. Off by default.',
  },
  weeklyReviewNotify: {
    label: 'Remind me with a notification',
    description: 'Show the weekly reminder as a system notification instead of opening the summary in a background tab. Asks your browser for permission when you turn it on.',
  },
  weeklyReviewDay: {
    label: 'Review day',
    description: 'The day of the weekly reminder, in your own time zone. Default Monday.',
  },
  weeklyReviewHour: {
    label: 'Review hour',
    description: 'The hour of the weekly reminder (0–23), in your own time zone. Default 9.',
  },
};

/**
 * Drift is not a setting of its own: it is the popup's trend rule, so the popup, the badge and the
 * report always agree on which clients drift.
 */
export const DRIFT_RULE_TEXT =
  `Drift compares your typical reply time over the last ${RECENT_DAYS} days with the ${PRIOR_DAYS} days before, ` +
  `once each period has at least ${TREND_MIN_COUNT} replies: under ${Math.round(TREND_FASTER * 100)}% of before is markedly faster ` +
  `(the client’s expectation is rising), over ${Math.round(TREND_SLOWER * 100)}% is markedly slower (the promise is slipping).`;

/** Fills in defaults for an absent settings object or absent fields. */
export function resolveAttentionSettings(partial: Partial<AttentionSettings> | undefined | null): AttentionSettings {
  return { ...DEFAULT_ATTENTION, ...(partial ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Input and findings

/** One client's activity, as the background reads it from the store. */
export interface ClientActivity {
  clientKey: string;
  name: string;
  mode: ClientMode | 'default';
  schedule: WorkSchedule;
  responseTargetMinutes: number;
  /** The client's reply norms over their whole history (null before the first reply). */
  norms: NormsSummary | null;
  /** Per thread still waiting for the user: the earliest client message since the user last wrote there. */
  waitingSince: readonly Instant[];
  /** Every message the user sent to the client (any order). */
  outboundAt: readonly Instant[];
  /** The nudge outcomes recorded for the client (any order). */
  outcomes: readonly { at: Instant; choice: NudgeChoice }[];
}

export type AttentionKind = 'waiting' | 'silent' | 'drift-faster' | 'drift-slower' | 'exceptions';

export interface AttentionFinding {
  kind: AttentionKind;
  /** One sentence saying what was found, with the numbers. */
  text: string;
  /** What the coaching suggests doing about it. */
  suggestion: string;
  /** How far past its own threshold (1 = just at it): orders clients in the review. */
  weight: number;
}

export interface ClientAttention {
  clientKey: string;
  name: string;
  findings: AttentionFinding[];
}

/** The attention findings for every client, as the popup, the badge and the weekly review show them. */
export interface AttentionReport {
  computedAt: Instant;
  /** Clients with at least one finding, the most pressing first. */
  clients: ClientAttention[];
  /** Keys of every client needing attention (findings or norms status): what the badge counts. */
  needingAttention: string[];
  /** Meetings booked in the last seven days, per client: how many, and how many outside their time. */
  meetingsThisWeek?: { clientKey: string; name: string; booked: number; outside: number }[];
}

/** The coaching's three honest ways out of neglect. */
export const NEGLECT_SUGGESTION = 'Fix it today, reassign the account to someone who has the time, or have the honest conversation about what you can promise.';
const FASTER_SUGGESTION =
  'The client is learning to expect this pace. Go back to the rhythm you agreed (schedule the replies that can wait), or agree a faster target you can keep.';
const SLOWER_SUGGESTION = `The promise is slipping. ${NEGLECT_SUGGESTION}`;
const EXCEPTIONS_SUGGESTION =
  'Urgent has become normal for this client. Agree hours or a target that fit how you really work with them, or push back on what is not urgent.';

/** History of outbound days looked at for the usual gap. */
export const SILENCE_HISTORY_DAYS = 180;
/** Fewer gaps than this between writing days and a client has no usual gap yet. */
export const SILENCE_MIN_GAPS = 3;
/** The window overrides are counted in. */
export const OVERRIDE_WINDOW_DAYS = 30;

/** What needs attention for one client, most pressing first; empty when all is well. */
export function detectAttention(activity: ClientActivity, settings: AttentionSettings, now: Instant): AttentionFinding[] {
  if (activity.mode === 'off') return [];
  const findings: AttentionFinding[] = [];
  const established = (activity.norms?.count ?? 0) >= settings.minReplies;
  if (established) {
    const waiting = waitingFinding(activity, settings, now);
    if (waiting) findings.push(waiting);
    const silent = silenceFinding(activity, settings, now);
    if (silent) findings.push(silent);
    // A lead is meant to get fast replies: faster is no drift there.
    const drift = driftFinding(activity);
    if (drift && !(activity.mode === 'lead' && drift.kind === 'drift-faster')) findings.push(drift);
  }
  const exceptions = exceptionsFinding(activity, settings, now);
  if (exceptions) findings.push(exceptions);
  return findings.sort((a, b) => b.weight - a.weight);
}

/** Every client with at least one finding, the most pressing first (then by name). */
export function clientsNeedingAttention(
  activities: readonly ClientActivity[],
  settings: AttentionSettings,
  now: Instant,
): ClientAttention[] {
  return activities
    .map((activity) => ({ clientKey: activity.clientKey, name: activity.name, findings: detectAttention(activity, settings, now) }))
    .filter((client) => client.findings.length > 0)
    .sort((a, b) => (b.findings[0]?.weight ?? 0) - (a.findings[0]?.weight ?? 0) || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// The rules

function waitingFinding(activity: ClientActivity, settings: AttentionSettings, now: Instant): AttentionFinding | null {
  const usual = activity.norms?.medianWorkingMs;
  if (usual === null || usual === undefined) return null;
  const targetMs = activity.responseTargetMinutes * 60_000;
  const limitMs = Math.max(settings.waitingFactor * usual, targetMs);
  const closedBefore = now - settings.waitingLookbackDays * DAY;
  let oldest: Instant | null = null;
  let overdue = 0;
  let longestMs = 0;
  for (const since of activity.waitingSince) {
    if (since < closedBefore || since > now) continue;
    const waitedMs = workingTimeBetween(activity.schedule, since, now);
    if (waitedMs <= limitMs) continue;
    overdue++;
    if (waitedMs > longestMs) {
      longestMs = waitedMs;
      oldest = since;
    }
  }
  if (overdue === 0 || oldest === null) return null;
  const count = overdue === 1 ? 'A message from them has' : `${overdue} messages from them have`;
  return {
    kind: 'waiting',
    text:
      `${count} waited ${formatApproxDuration(longestMs, 'working')} for your answer; ` +
      `you usually reply in ${formatApproxDuration(usual, 'working')} and promised ${formatApproxDuration(targetMs, 'working')}.`,
    suggestion: NEGLECT_SUGGESTION,
    // Neglect of a waiting client is the most urgent kind of finding.
    weight: 2 + longestMs / limitMs,
  };
}

/** Median gap, in days, between the calendar days (client's zone) on which the user wrote to the client. */
export function usualGapDays(outboundAt: readonly Instant[], timeZone: string, now: Instant): number | null {
  const since = now - SILENCE_HISTORY_DAYS * DAY;
  const days = [...new Set(outboundAt.filter((at) => at > since && at <= now).map((at) => Date.parse(localDateKey(at, timeZone)) / DAY))].sort(
    (a, b) => a - b,
  );
  if (days.length - 1 < SILENCE_MIN_GAPS) return null;
  const gaps = days.slice(1).map((day, index) => day - (days[index] as number)).sort((a, b) => a - b);
  const middle = gaps.length / 2;
  return gaps.length % 2 === 1 ? (gaps[Math.floor(middle)] as number) : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
}

function silenceFinding(activity: ClientActivity, settings: AttentionSettings, now: Instant): AttentionFinding | null {
  const gap = usualGapDays(activity.outboundAt, activity.schedule.timeZone, now);
  if (gap === null) return null;
  const last = Math.max(...activity.outboundAt.filter((at) => at <= now));
  const silentDays = (now - last) / DAY;
  const limitDays = Math.max(settings.silenceFactor * gap, settings.silenceMinDays);
  if (silentDays <= limitDays) return null;
  return {
    kind: 'silent',
    text: `They have not heard from you for ${Math.floor(silentDays)} days; you usually write every ${formatDays(gap)}.`,
    suggestion: NEGLECT_SUGGESTION,
    weight: 1.5 + silentDays / limitDays,
  };
}

function driftFinding(activity: ClientActivity): AttentionFinding | null {
  const trend = activity.norms?.trend;
  if (!trend || (trend.direction !== 'faster' && trend.direction !== 'slower')) return null;
  const recent = trend.recentMedianWorkingMs ?? 0;
  const prior = trend.priorMedianWorkingMs ?? 0;
  const span = `${formatApproxDuration(recent, 'working')} in the last ${RECENT_DAYS} days against ${formatApproxDuration(prior, 'working')} in the ${PRIOR_DAYS} before`;
  if (trend.direction === 'faster') {
    return {
      kind: 'drift-faster',
      text: `Your replies got markedly faster: typically ${span}.`,
      suggestion: FASTER_SUGGESTION,
      weight: 1 + (trend.ratio !== null && trend.ratio > 0 ? TREND_FASTER / trend.ratio : 1),
    };
  }
  return {
    kind: 'drift-slower',
    text: `Your replies got markedly slower: typically ${span}.`,
    suggestion: SLOWER_SUGGESTION,
    weight: 1 + (trend.ratio !== null ? trend.ratio / TREND_SLOWER : 1),
  };
}

function exceptionsFinding(activity: ClientActivity, settings: AttentionSettings, now: Instant): AttentionFinding | null {
  const since = now - OVERRIDE_WINDOW_DAYS * DAY;
  const recent = activity.outcomes.filter((o) => o.at > since && o.at <= now);
  const overrides = recent.filter((o) => o.choice === 'sent-anyway').length;
  if (overrides < settings.overridesPerMonth) return null;
  return {
    kind: 'exceptions',
    text: `You chose “Send now” on ${overrides} of ${recent.length} nudges for them in the last ${OVERRIDE_WINDOW_DAYS} days.`,
    suggestion: EXCEPTIONS_SUGGESTION,
    weight: 1 + overrides / settings.overridesPerMonth / 2,
  };
}

function formatDays(days: number): string {
  if (days <= 1) return 'day';
  if (days === 7) return 'week';
  const rounded = Math.round(days * 2) / 2;
  return `${rounded} days`;
}

// ---------------------------------------------------------------------------------------------
// Weekly review

/** A reminder missed by more than this (the browser was closed) is skipped, not shown late. */
export const REVIEW_GRACE_MS = DAY;

/** The latest weekly review time (`weekday` at `hour`:00 in `timeZone`) at or before `now`. */
export function latestReviewSlot(now: Instant, weekday: number, hour: number, timeZone: string): Instant {
  const today = localDateKey(now, timeZone);
  const back = (weekdayIn(now, timeZone) - weekday + 7) % 7;
  const slotAt = (dateKey: string) => {
    const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
    return new TZDate(year, month - 1, day, hour, 0, 0, timeZone).getTime();
  };
  const candidate = shiftDateKey(today, -back);
  const at = slotAt(candidate);
  return at <= now ? at : slotAt(shiftDateKey(candidate, -7));
}

/** The slot to remind for now, or null: reminders off, already shown for this slot, or missed by more than a day. */
export function dueReviewSlot(settings: AttentionSettings, lastShownAt: Instant | null, now: Instant, timeZone: string): Instant | null {
  if (!settings.weeklyReview) return null;
  const slot = latestReviewSlot(now, settings.weeklyReviewDay, settings.weeklyReviewHour, timeZone);
  if (lastShownAt !== null && lastShownAt >= slot) return null;
  return now - slot <= REVIEW_GRACE_MS ? slot : null;
}
