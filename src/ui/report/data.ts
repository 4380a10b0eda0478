/**
 * What the report and review pages ask of the background, and how their URL reads:
 * `report.html?client=<key>&period=4w|quarter|custom&from=YYYY-MM-DD&to=YYYY-MM-DD` for one client,
 * `report.html` alone for the review of every client.
 */
import { onNormsChanged, send } from '../../messaging/client.ts';
import type { PeriodKind } from '../../core/report.ts';
import type { Instant } from '../../core/types.ts';
import type { Settings } from '../../core/settings.ts';
import type { ReportParams } from './links.ts';

export { reportHref, reportSearch, type ReportParams } from './links.ts';

export type { AttentionReport, ClientNorms, Envelope, ReportData } from '../../messaging/protocol.ts';

/** A cold service worker may need to open the database first. */
const PAGE_TIMEOUT_MS = 8000;

export const reportApi = {
  reportData: (clientKey: string, from: Instant, to: Instant) => send({ type: 'reportData', clientKey, from, to }, { timeoutMs: PAGE_TIMEOUT_MS }),
  attention: () => send({ type: 'attention' }, { timeoutMs: 20_000 }),
  listNorms: () => send({ type: 'listNorms' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  getSettings: () => send({ type: 'getSettings' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  saveSettings: (settings: Settings) => send({ type: 'saveSettings', settings }, { timeoutMs: PAGE_TIMEOUT_MS }),
  onNormsChanged: (callback: () => void) => onNormsChanged(() => callback()),
};

export type ReportApi = typeof reportApi;

const PERIODS: readonly PeriodKind[] = ['4w', 'quarter', 'custom'];

export function parseReportParams(search: string): ReportParams {
  const params = new URLSearchParams(search);
  const period = params.get('period');
  const clientKey = params.get('client')?.trim();
  return {
    clientKey: clientKey ? clientKey : null,
    period: PERIODS.includes(period as PeriodKind) ? (period as PeriodKind) : '4w',
    from: params.get('from'),
    to: params.get('to'),
  };
}

/** The failure a person reads. */
export function failureText(envelope: { ok: false; code: string; error: string }): string {
  if (envelope.code === 'timeout' || envelope.code === 'unreachable') {
    return 'ReplyPace’s background did not answer. Try again in a moment, or reload the extension.';
  }
  return envelope.error;
}
