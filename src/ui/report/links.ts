/**
 * How a report page's URL reads, apart from the rest of data.ts (which talks to the background):
 * the popup's first paint draws report links before anything else of the popup has loaded.
 */
import type { PeriodKind } from '../../core/report.ts';

export interface ReportParams {
  /** Null: the review of every client. */
  clientKey: string | null;
  period: PeriodKind;
  from: string | null;
  to: string | null;
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
