/**
 * The report's CSV: one row per reply and per nudge in the period, measured as the report page
 * measures them (report-replies.ts `measureReplies`).
 */
import { measureReplies, type ReportInput } from './report-replies.ts';
import type { Instant, NudgeChoice } from './types.ts';

const MINUTE = 60_000;

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
  const blank = { received_at: '', sent_at: '', wall_minutes: '', working_minutes: '', within_target: '', instant: '', after_hours: '', nudge_at: '', nudge_choice: '', nudge_reasons: '', scheduled_for: '' } as const;
  const yes = (value: boolean) => (value ? 'yes' : 'no') as 'yes' | 'no';
  const rows: { at: Instant; row: ReportCsvRow }[] = [];
  for (const reply of measureReplies(input)) {
    rows.push({
      at: reply.sentAt,
      row: {
        ...blank,
        record: 'reply',
        time_zone: zone,
        received_at: localStamp(reply.receivedAt, zone),
        sent_at: localStamp(reply.sentAt, zone),
        wall_minutes: Math.round(reply.wallMs / MINUTE),
        working_minutes: Math.round(reply.workingMs / MINUTE),
        within_target: yes(reply.withinTarget),
        instant: yes(reply.instant),
        after_hours: yes(reply.afterHours),
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
