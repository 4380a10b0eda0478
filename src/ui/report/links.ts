/**
 * How a report page's URL reads: `report.html?client=<key>&period=4w|quarter|custom&from=YYYY-MM-DD&to=YYYY-MM-DD`
 * for one client, `report.html` alone for the weekly review of every client. (What the report and
 * review ask of the background is in ui/pages/api.ts, with every other page's requests.)
 */
import type { PeriodKind } from '../../core/report.ts';

export interface ReportParams {
  /** Null: the review of every client. */
  clientKey: string | null;
  period: PeriodKind;
  from: string | null;
  to: string | null;
}

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

export function reportSearch(params: ReportParams): string {
  const query = new URLSearchParams();
  if (params.clientKey) query.set('client', params.clientKey);
  query.set('period', params.period);
  if (params.period === 'custom') {
    if (params.from) query.set('from', params.from);
    if (params.to) query.set('to', params.to);
  }
  return `?${query.toString()}`;
}

/** The report page for one client, relative to the extension's root. */
export function reportHref(clientKey: string, period: PeriodKind = '4w'): string {
  return `report.html${reportSearch({ clientKey, period, from: null, to: null })}`;
}
