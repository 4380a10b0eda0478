/**
 * What a client review report is made from (one client's replies, nudge outcomes and meetings over
 * a period), and the one measure of each reply that the report's figures and the CSV both read,
 * so the page and the spreadsheet can never count a reply differently.
 */
import type { AttentionSettings } from './attention.ts';
import type { KeyRules } from './clients.ts';
import type { MeetingReasonCode } from './meeting.ts';
import type { ReportPeriod } from './report-period.ts';
import { isWorkingTime, workingTimeBetween } from './schedule.ts';
import type { Instant, NudgeChoice, NudgeReasonCode, WorkSchedule } from './types.ts';

const MINUTE = 60_000;

export interface ReportOutcome {
  at: Instant;
  choice: NudgeChoice;
  reasons: readonly NudgeReasonCode[];
  scheduledFor: Instant | null;
}

/** A meeting booked with the client (calendar): when it was booked, when it starts, and why it
 * left their working time (null: it did not). */
export interface ReportMeeting {
  at: Instant;
  start: Instant;
  reason: MeetingReasonCode | null;
}

export interface ReportInput {
  clientName: string;
  schedule: WorkSchedule;
  /** Agreed response target, in working minutes. */
  responseTargetMinutes: number;
  instantThresholdMinutes: number;
  /** Replies to the client (history before the period may be included: the trend reads it). */
  pairs: readonly { receivedAt: Instant; sentAt: Instant }[];
  outcomes: readonly ReportOutcome[];
  period: ReportPeriod;
  /** The attention threshold for "Send now" overrides per 30 days (settings.attention). */
  overridesPerMonth: number;
  /** Meetings booked with the client (absent: none known). */
  meetings?: readonly ReportMeeting[];
}

/** What the background answers a report page with: the client's rules and their activity. */
export interface ReportData extends KeyRules {
  attention: AttentionSettings;
  /** Replies sent in [from − 120 days, to): the period, and the history its end-of-period trend reads. */
  pairs: { receivedAt: Instant; sentAt: Instant }[];
  /** Nudge outcomes in [from, to). */
  outcomes: ReportOutcome[];
  /** Meetings booked with the client in [from, to) (calendar; absent from older answers). */
  meetings?: ReportMeeting[];
}

/** One reply sent in the period, measured against the client's rules. */
export interface MeasuredReply {
  receivedAt: Instant;
  sentAt: Instant;
  /** The delay in the client's working time, and on the wall clock. */
  workingMs: number;
  wallMs: number;
  /** Within the agreed target (working time, inclusive). */
  withinTarget: boolean;
  /** Sooner than the instant threshold (wall clock). */
  instant: boolean;
  /** Sent outside the client's working time. */
  afterHours: boolean;
}

/**
 * The replies sent in the period, in input order, each measured. Replies sent before the period
 * (kept for the trend), at or after its end, or "before" their message (a clock error) are left out.
 */
export function measureReplies(input: ReportInput): MeasuredReply[] {
  const { schedule, period } = input;
  const targetMs = input.responseTargetMinutes * MINUTE;
  const instantMs = input.instantThresholdMinutes * MINUTE;
  const replies: MeasuredReply[] = [];
  for (const { receivedAt, sentAt } of input.pairs) {
    if (sentAt < period.from || sentAt >= period.to || sentAt < receivedAt) continue;
    const workingMs = workingTimeBetween(schedule, receivedAt, sentAt);
    const wallMs = sentAt - receivedAt;
    replies.push({ receivedAt, sentAt, workingMs, wallMs, withinTarget: workingMs <= targetMs, instant: wallMs < instantMs, afterHours: !isWorkingTime(schedule, sentAt) });
  }
  return replies;
}
