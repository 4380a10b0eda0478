/**
 * The client review report's figures: from one client's reply pairs, nudge outcomes and schedule
 * over a period, everything the report page draws (counts, percentiles, histogram, heat map,
 * trend), with the words of report-words.ts.
 */
import { describeTarget, describeWeek, zoneLabel } from './expectations.ts';
import type { MeetingReasonCode } from './meeting.ts';
import { computeNorms, percentile } from './norms.ts';
import type { ReportPeriod } from './report-period.ts';
import { measureReplies, type MeasuredReply, type ReportInput } from './report-replies.ts';
import { notesFor, summaryParagraph } from './report-words.ts';
import { parseWallTime, weekdayIn } from './schedule.ts';
import type { NormsTrend, NudgeReasonCode, WorkSchedule } from './types.ts';
import { SHORT_WEEKDAY_NAMES } from './format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface HistogramBin {
  label: string;
  /** Working-time delays in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  count: number;
  /** Every delay in this bin is within the target. */
  withinTarget: boolean;
}

export interface HeatCell {
  count: number;
  /** The hour overlaps the client's working hours on that weekday. */
  working: boolean;
}

export interface HeatRow {
  /** "Mon" … "Sun". */
  label: string;
  hours: HeatCell[];
}

export interface ReportModel {
  clientName: string;
  period: ReportPeriod;
  timeZone: string;
  /** "Monday to Friday 9:00–17:00 London time". */
  hoursText: string;
  targetMs: number;
  /** "4 working hours". */
  targetText: string;
  replies: number;
  withinTarget: number;
  medianWorkingMs: number | null;
  p90WorkingMs: number | null;
  medianWallMs: number | null;
  instant: number;
  afterHours: number;
  histogram: { bins: HistogramBin[]; max: number; /** Index + fraction of the bin the target falls in, for a marker. */ targetPosition: number };
  /** Monday first; hours 0–23 in the client's zone. */
  heatmap: { rows: HeatRow[]; max: number };
  nudges: number;
  /** Nudges answered by scheduling the send, and of those, how many were about their off-hours. */
  scheduled: number;
  afterHoursAvoided: number;
  /** "Send now" chosen on a nudge, by reason. */
  overrides: number;
  overridesByReason: Partial<Record<NudgeReasonCode, number>>;
  /** Meetings booked with the client in the period, and those outside their working time, by reason. */
  meetings: number;
  meetingsOutside: number;
  meetingsOutsideByReason: Partial<Record<MeetingReasonCode, number>>;
  /** Replies sent in the last 30 days of the period against the 90 before (the popup's trend rule). */
  trend: NormsTrend;
  /** One paragraph, first person, to paste to the client. */
  summary: string;
  /** For the user only: what to look at before the review. */
  notes: string[];
}

/** Histogram edges in working time: finer where most replies fall, and at the usual targets. */
export const HISTOGRAM_EDGES_MS = [0, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 40 * HOUR, Number.POSITIVE_INFINITY] as const;
// Short enough that nine labels fit side by side under the bars.
const HISTOGRAM_LABELS = ['< 15 min', '15–30 min', '30–60 min', '1–2 h', '2–4 h', '4–8 h', '8–16 h', '16–40 h', '40 h +'] as const;
/** Monday first: the order people read a working week in. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const OFF_HOURS_REASONS: ReadonlySet<NudgeReasonCode> = new Set(['outside-hours', 'weekend', 'holiday']);

export function buildReport(input: ReportInput): ReportModel {
  const { schedule, period } = input;
  const targetMs = input.responseTargetMinutes * MINUTE;
  const replies = measureReplies(input);
  const working = replies.map((r) => r.workingMs).sort((a, b) => a - b);
  const wall = replies.map((r) => r.wallMs).sort((a, b) => a - b);

  const outcomes = input.outcomes.filter((o) => o.at >= period.from && o.at < period.to);
  const scheduledOutcomes = outcomes.filter((o) => o.choice === 'scheduled');
  const overrideOutcomes = outcomes.filter((o) => o.choice === 'sent-anyway');
  const overridesByReason: Partial<Record<NudgeReasonCode, number>> = {};
  for (const outcome of overrideOutcomes) {
    for (const reason of new Set(outcome.reasons)) overridesByReason[reason] = (overridesByReason[reason] ?? 0) + 1;
  }

  const meetings = (input.meetings ?? []).filter((m) => m.at >= period.from && m.at < period.to);
  const meetingsOutsideByReason: Partial<Record<MeetingReasonCode, number>> = {};
  for (const meeting of meetings) {
    if (meeting.reason) meetingsOutsideByReason[meeting.reason] = (meetingsOutsideByReason[meeting.reason] ?? 0) + 1;
  }

  const trend = computeNorms(
    input.pairs.filter((p) => p.sentAt < period.to).map((p) => ({ clientKey: '', ...p })),
    schedule,
    period.to - 1,
  ).trend;

  const model: ReportModel = {
    clientName: input.clientName,
    period,
    timeZone: schedule.timeZone,
    hoursText: hoursText(schedule),
    targetMs,
    targetText: describeTarget(input.responseTargetMinutes),
    replies: replies.length,
    withinTarget: replies.filter((r) => r.withinTarget).length,
    medianWorkingMs: percentile(working, 0.5),
    p90WorkingMs: percentile(working, 0.9),
    medianWallMs: percentile(wall, 0.5),
    instant: replies.filter((r) => r.instant).length,
    afterHours: replies.filter((r) => r.afterHours).length,
    histogram: histogramOf(working, targetMs),
    heatmap: heatmapOf(replies, schedule),
    nudges: outcomes.length,
    scheduled: scheduledOutcomes.length,
    afterHoursAvoided: scheduledOutcomes.filter((o) => o.reasons.some((r) => OFF_HOURS_REASONS.has(r))).length,
    overrides: overrideOutcomes.length,
    overridesByReason,
    meetings: meetings.length,
    meetingsOutside: meetings.filter((m) => m.reason !== null).length,
    meetingsOutsideByReason,
    trend,
    summary: '',
    notes: [],
  };
  model.summary = summaryParagraph(model);
  model.notes = notesFor(model, input.overridesPerMonth);
  return model;
}

function hoursText(schedule: WorkSchedule): string {
  const week = describeWeek(schedule.week);
  return week ? `${week} ${zoneLabel(schedule.timeZone)}` : `no working hours set (${zoneLabel(schedule.timeZone)})`;
}

function histogramOf(sortedWorkingMs: readonly number[], targetMs: number): ReportModel['histogram'] {
  const bins: HistogramBin[] = HISTOGRAM_LABELS.map((label, index) => {
    const fromMs = HISTOGRAM_EDGES_MS[index] as number;
    const toMs = HISTOGRAM_EDGES_MS[index + 1] as number;
    return { label, fromMs, toMs, count: 0, withinTarget: toMs <= targetMs };
  });
  for (const ms of sortedWorkingMs) {
    const bin = bins.find((b) => ms >= b.fromMs && ms < b.toMs);
    if (bin) bin.count++;
  }
  let targetPosition = bins.length;
  for (const [index, bin] of bins.entries()) {
    if (targetMs < bin.toMs) {
      targetPosition = Number.isFinite(bin.toMs) ? index + (targetMs - bin.fromMs) / (bin.toMs - bin.fromMs) : index + 0.5;
      break;
    }
  }
  return { bins, max: Math.max(0, ...bins.map((b) => b.count)), targetPosition };
}

function heatmapOf(replies: readonly MeasuredReply[], schedule: WorkSchedule): ReportModel['heatmap'] {
  const working = workingHourGrid(schedule);
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const hourFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: schedule.timeZone });
  for (const reply of replies) {
    const hour = Number(hourFormat.formatToParts(reply.sentAt).find((p) => p.type === 'hour')?.value ?? 0) % 24;
    (counts[weekdayIn(reply.sentAt, schedule.timeZone)] as number[])[hour]! += 1;
  }
  const rows = WEEK_ORDER.map((weekday) => ({
    label: SHORT_WEEKDAY_NAMES[weekday],
    hours: (counts[weekday] as number[]).map((count, hour) => ({ count, working: (working[weekday] as boolean[])[hour] as boolean })),
  }));
  return { rows, max: Math.max(0, ...counts.flat()) };
}

/** weekday → hour → the hour overlaps a working range (ranges past midnight spill into the next day). */
function workingHourGrid(schedule: WorkSchedule): boolean[][] {
  const grid = Array.from({ length: 7 }, () => new Array<boolean>(24).fill(false));
  schedule.week.forEach((ranges, weekday) => {
    for (const range of ranges) {
      const start = parseWallTime(range.start, false);
      let end = parseWallTime(range.end, true);
      if (start === null || end === null) continue;
      if (end <= start) end += 1440;
      for (let minute = Math.floor(start / 60) * 60; minute < end; minute += 60) {
        const day = (weekday + Math.floor(minute / 1440)) % 7;
        (grid[day] as boolean[])[Math.floor((minute % 1440) / 60)] = true;
      }
    }
  });
  return grid;
}
