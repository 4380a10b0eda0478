/**
 * The JSON that `npm run history` prints (its format is a contract, documented in the README):
 * the import preview in plain, stable terms: ISO times, minutes, weekday names.
 */
import type { HistoryPreview } from '../core/history/preview.ts';
import type { FileReport } from './scan.ts';
import { SHORT_WEEKDAY_NAMES } from '../core/format.ts';

export const HISTORY_FORMAT = 'replypace-history';
export const HISTORY_FORMAT_VERSION = 1;

const iso = (at: number) => new Date(at).toISOString();
/** "UTC+01:00", "UTC-05:00" (ASCII, for machines). */
const offset = (minutes: number) => `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
const share = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

export function historyReport(preview: HistoryPreview, files: readonly FileReport[], generatedAt: number) {
  return {
    format: HISTORY_FORMAT,
    version: HISTORY_FORMAT_VERSION,
    generatedAt: iso(generatedAt),
    files: files.map((f) => ({ name: f.name, bytes: f.bytes, kind: f.kind, messages: f.messages, problem: f.problem, notes: f.notes })),
    ownAddresses: preview.ownAddresses,
    suggestedOwnAddresses: preview.suggestedOwnAddresses,
    dateRange: preview.dateRange ? { from: iso(preview.dateRange.from), to: iso(preview.dateRange.to) } : null,
    counts: {
      messagesRead: preview.messagesRead,
      messagesKept: preview.messagesKept,
      threads: preview.threads,
      conversations: preview.conversations,
      pairs: preview.pairs,
    },
    leftOut: preview.leftOut,
    clients: preview.clients.map((c) => ({
      key: c.key,
      name: c.name,
      domain: c.domain,
      addresses: c.addresses,
      replies: c.replies,
      typicalReplyWorkingMinutes: minutes(c.medianWorkingMs),
      typicalReplyMinutes: minutes(c.medianWallMs),
      p90ReplyWorkingMinutes: minutes(c.p90WorkingMs),
      instantShare: share(c.instantShare),
      afterHoursShare: share(c.afterHoursShare),
      inboundMessages: c.inboundMessages,
      proposal: c.pattern
        ? {
            timeZone: c.pattern.timeZone,
            offsets: c.pattern.offsets.map(offset),
            observesDst: c.pattern.observesDst,
            days: c.pattern.days.map((d) => SHORT_WEEKDAY_NAMES[d]),
            start: c.pattern.start,
            end: c.pattern.end,
            basis: c.pattern.basis,
            samples: c.pattern.samples,
            text: `${c.name} ${c.pattern.text}`,
          }
        : null,
      pairs: c.pairs.map((p) => ({ inboundAt: iso(p.inboundAt), replyAt: iso(p.replyAt), wallMinutes: minutes(p.replyAt - p.inboundAt) })),
    })),
  };
}

export type HistoryReport = ReturnType<typeof historyReport>;
