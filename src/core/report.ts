/**
 * The client review report: from one client's reply pairs, nudge outcomes and schedule over a
 * period, everything the report page draws and the text the user pastes to the client.
 *
 * The coaching says: measure the results against the expectations you set, and review them with
 * the client regularly. So the report is written to be shared: the summary paragraph speaks to the
 * client in the first person and holds only facts; what is for the user alone (drift, "Send now"
 * overrides) goes into `notes`.
 */
import { TZDate } from '@date-fns/tz';
import { describeTarget, describeWeek, zoneLabel } from './expectations.ts';
import { formatApproxDuration, formatShare } from './format.ts';
import { computeNorms, percentile, shiftDateKey } from './norms.ts';
import { isWorkingTime, localDateKey, parseWallTime, weekdayIn, workingTimeBetween } from './schedule.ts';
import type { Instant, NormsTrend, NudgeChoice, NudgeReasonCode, WorkSchedule } from './types.ts';
import type { MeetingReasonCode } from './meeting.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Periods

export type PeriodKind = '4w' | 'quarter' | 'custom';

export interface ReportPeriod {
  kind: PeriodKind;
  /** First instant counted: midnight starting `fromKey` in the client's zone. */
  from: Instant;
  /** First instant no longer counted (never later than the moment the report was made). */
  to: Instant;
  /** First and last calendar day, inclusive, in the client's zone. */
  fromKey: string;
  toKey: string;
  /** "March 19 – April 15, 2026". */
  label: string;
}

/** The longest custom period: two years is plenty for a review, and bounds the work. */
export const MAX_PERIOD_DAYS = 731;
const PERIOD_DAYS: Record<Exclude<PeriodKind, 'custom'>, number> = { '4w': 28, quarter: 91 };

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; error: string };

/**
 * Last 4 weeks (28 days up to and including today), last quarter (13 weeks), or custom dates
 * ("YYYY-MM-DD", inclusive), all read in the client's `timeZone`.
 */
export function resolvePeriod(kind: PeriodKind, now: Instant, timeZone: string, custom: { from?: string | null; to?: string | null } = {}): PeriodResult {
  const today = localDateKey(now, timeZone);
  let fromKey: string;
  let toKey: string;
  if (kind === 'custom') {
    if (!custom.from || !isDateKey(custom.from)) return { ok: false, error: 'Choose a start date for the custom period.' };
    if (!custom.to || !isDateKey(custom.to)) return { ok: false, error: 'Choose an end date for the custom period.' };
    fromKey = custom.from;
    toKey = custom.to < today ? custom.to : today;
    if (fromKey > toKey) return { ok: false, error: custom.from > today ? 'The period starts in the future.' : 'The period ends before it starts.' };
    if (daysBetweenKeys(fromKey, toKey) + 1 > MAX_PERIOD_DAYS) return { ok: false, error: `A report covers at most ${MAX_PERIOD_DAYS} days.` };
  } else {
    toKey = today;
    fromKey = shiftDateKey(today, -(PERIOD_DAYS[kind] - 1));
  }
  const from = startOfDay(fromKey, timeZone);
  const to = Math.min(now, startOfDay(shiftDateKey(toKey, 1), timeZone));
  return { ok: true, period: { kind, from, to, fromKey, toKey, label: periodLabel(fromKey, toKey) } };
}

function startOfDay(dateKey: string, timeZone: string): Instant {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, timeZone).getTime();
}

function daysBetweenKeys(fromKey: string, toKey: string): number {
  return Math.round((Date.parse(toKey) - Date.parse(fromKey)) / DAY);
}

function isDateKey(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(text);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === text;
}

const monthDay = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
const monthDayYear = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "March 19 – April 15, 2026"; "December 20, 2025 – January 16, 2026"; "April 15, 2026". */
export function periodLabel(fromKey: string, toKey: string): string {
  const from = Date.parse(fromKey);
  const to = Date.parse(toKey);
  if (fromKey === toKey) return monthDayYear.format(to);
  const sameYear = fromKey.slice(0, 4) === toKey.slice(0, 4);
  return `${(sameYear ? monthDay : monthDayYear).format(from)} – ${monthDayYear.format(to)}`;
}

// ---------------------------------------------------------------------------------------------
// Input and model

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
const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const OFF_HOURS_REASONS: ReadonlySet<NudgeReasonCode> = new Set(['outside-hours', 'weekend', 'holiday']);

interface MeasuredReply {
  receivedAt: Instant;
  sentAt: Instant;
  workingMs: number;
  wallMs: number;
}

export function buildReport(input: ReportInput): ReportModel {
  const { schedule, period } = input;
  const targetMs = input.responseTargetMinutes * MINUTE;
  const replies: MeasuredReply[] = [];
  for (const pair of input.pairs) {
    if (pair.sentAt < period.from || pair.sentAt >= period.to || pair.sentAt < pair.receivedAt) continue;
    replies.push({ ...pair, wallMs: pair.sentAt - pair.receivedAt, workingMs: workingTimeBetween(schedule, pair.receivedAt, pair.sentAt) });
  }
  const working = replies.map((r) => r.workingMs).sort((a, b) => a - b);
  const wall = replies.map((r) => r.wallMs).sort((a, b) => a - b);
  const instantMs = input.instantThresholdMinutes * MINUTE;

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
    withinTarget: replies.filter((r) => r.workingMs <= targetMs).length,
    medianWorkingMs: percentile(working, 0.5),
    p90WorkingMs: percentile(working, 0.9),
    medianWallMs: percentile(wall, 0.5),
    instant: replies.filter((r) => r.wallMs < instantMs).length,
    afterHours: replies.filter((r) => !isWorkingTime(schedule, r.sentAt)).length,
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
    label: SHORT_DAYS[weekday],
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

// ---------------------------------------------------------------------------------------------
// Words

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The paragraph for the client: first person, facts only, no blame and no promises the user did not make. */
function summaryParagraph(model: ReportModel): string {
  const sentences: string[] = [];
  sentences.push(`Review of my replies to ${model.clientName}, ${model.period.label}.`);
  if (model.replies === 0) {
    sentences.push(`I did not reply to any of your messages in this period, so there is no reply time to report.`);
    sentences.push(`We agreed on replies within ${model.targetText}, ${model.hoursText}.`);
    return sentences.join(' ');
  }
  sentences.push(model.replies === 1 ? 'I replied to you once.' : `I replied to you ${model.replies} times.`);
  const median = model.medianWorkingMs ?? 0;
  const within = `${model.withinTarget} of ${model.replies} (${formatShare(model.withinTarget / model.replies)})`;
  const typical = median <= model.targetMs ? `my typical reply took ${formatApproxDuration(median, 'working')}` : `my typical reply took ${formatApproxDuration(median, 'working')}, longer than agreed`;
  sentences.push(`We agreed on replies within ${model.targetText}; ${typical}, and ${within} came within that time.`);
  if (model.afterHours === 0) {
    sentences.push(`Every reply reached you within your working hours (${model.hoursText}).`);
  } else {
    sentences.push(`${plural(model.afterHours, 'reply', 'replies')} went out outside your working hours (${model.hoursText}).`);
  }
  if (model.afterHoursAvoided > 0) {
    sentences.push(
      `${plural(model.afterHoursAvoided, 'reply', 'replies')} I wrote outside those hours ${model.afterHoursAvoided === 1 ? 'was' : 'were'} scheduled to reach you when your working day started.`,
    );
  }
  return sentences.join(' ');
}

const REASON_WORDS: Record<NudgeReasonCode, string> = {
  'outside-hours': 'outside their hours',
  weekend: 'on their weekend',
  holiday: 'on their holiday',
  'too-fast': 'faster than the minimum delay',
  'faster-than-norm': 'faster than your usual pace',
};

function notesFor(model: ReportModel, overridesPerMonth: number): string[] {
  const notes: string[] = [];
  const { trend } = model;
  if (trend.direction === 'faster' || trend.direction === 'slower') {
    notes.push(
      `Drift: over the last 30 days your typical reply took ${formatApproxDuration(trend.recentMedianWorkingMs ?? 0, 'working')}, against ${formatApproxDuration(trend.priorMedianWorkingMs ?? 0, 'working')} in the 90 days before: ` +
        (trend.direction === 'faster' ? 'markedly faster, so the client’s expectation is rising.' : 'markedly slower, so the promise is slipping.'),
    );
  }
  if (model.overrides > 0) {
    const reasons = (Object.entries(model.overridesByReason) as [NudgeReasonCode, number][])
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${REASON_WORDS[reason]}`)
      .join(', ');
    const days = Math.max(1, (model.period.to - model.period.from) / DAY);
    const perMonth = (model.overrides / days) * 30;
    const verdict = perMonth >= overridesPerMonth ? ' That is urgent becoming normal: agree hours or a target that fit, or push back.' : '';
    notes.push(`You chose “Send now” on ${model.overrides} of ${model.nudges} nudges (${reasons}).${verdict}`);
  }
  if (model.meetingsOutside > 0) {
    const reasons = (Object.entries(model.meetingsOutsideByReason) as [MeetingReasonCode, number][])
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${REASON_WORDS[reason]}`)
      .join(', ');
    notes.push(
      `${model.meetingsOutside} of ${plural(model.meetings, 'meeting', 'meetings')} booked with ${model.clientName} fell outside their working time (${reasons}): a 7:30 call teaches them what a midnight reply does.`,
    );
  }
  if (model.replies > 0 && model.medianWorkingMs !== null && model.medianWorkingMs > model.targetMs) {
    notes.push(`Your typical reply is slower than the ${model.targetText} you promised: fix it, reassign the account, or have the honest conversation about a new target.`);
  }
  if (model.replies > 0 && model.instant / model.replies >= 0.4) {
    notes.push(`${formatShare(model.instant / model.replies)} of replies went out almost instantly: the client learns to expect that every time.`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// CSV rows

export interface ReportCsvRow {
  record: 'reply' | 'nudge';
  time_zone: string;
  received_at: string;
  sent_at: string;
  wall_minutes: number | '';
  working_minutes: number | '';
  within_target: 'yes' | 'no' | '';
  instant: 'yes' | 'no' | '';
  after_hours: 'yes' | 'no' | '';
  nudge_at: string;
  nudge_choice: NudgeChoice | '';
  nudge_reasons: string;
  scheduled_for: string;
}

/** One row per reply and per nudge in the period, times as "YYYY-MM-DD HH:mm" in the client's zone. */
export function reportCsvRows(input: ReportInput): ReportCsvRow[] {
  const { schedule, period } = input;
  const zone = schedule.timeZone;
  const targetMs = input.responseTargetMinutes * MINUTE;
  const blank = { received_at: '', sent_at: '', wall_minutes: '', working_minutes: '', within_target: '', instant: '', after_hours: '', nudge_at: '', nudge_choice: '', nudge_reasons: '', scheduled_for: '' } as const;
  const yes = (value: boolean) => (value ? 'yes' : 'no') as 'yes' | 'no';
  const rows: { at: Instant; row: ReportCsvRow }[] = [];
  for (const pair of input.pairs) {
    if (pair.sentAt < period.from || pair.sentAt >= period.to || pair.sentAt < pair.receivedAt) continue;
    const workingMs = workingTimeBetween(schedule, pair.receivedAt, pair.sentAt);
    const wallMs = pair.sentAt - pair.receivedAt;
    rows.push({
      at: pair.sentAt,
      row: {
        ...blank,
        record: 'reply',
        time_zone: zone,
        received_at: localStamp(pair.receivedAt, zone),
        sent_at: localStamp(pair.sentAt, zone),
        wall_minutes: Math.round(wallMs / MINUTE),
        working_minutes: Math.round(workingMs / MINUTE),
        within_target: yes(workingMs <= targetMs),
        instant: yes(wallMs < input.instantThresholdMinutes * MINUTE),
        after_hours: yes(!isWorkingTime(schedule, pair.sentAt)),
      },
    });
  }
  for (const outcome of input.outcomes) {
    if (outcome.at < period.from || outcome.at >= period.to) continue;
    rows.push({
      at: outcome.at,
      row: {
        ...blank,
        record: 'nudge',
        time_zone: zone,
        nudge_at: localStamp(outcome.at, zone),
        nudge_choice: outcome.choice,
        nudge_reasons: outcome.reasons.join(' '),
        scheduled_for: outcome.scheduledFor === null ? '' : localStamp(outcome.scheduledFor, zone),
      },
    });
  }
  return rows.sort((a, b) => a.at - b.at).map((r) => r.row);
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-18 09:05" in `timeZone`. */
export function localStamp(at: Instant, timeZone: string): string {
  let format = stampFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    stampFormats.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
