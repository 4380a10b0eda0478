import { useState } from 'preact/hooks';
import { formatDuration, formatShare } from '../../../core/format.ts';
import type { NormsSummary } from '../../../core/types.ts';
import { Sparkline } from '../Sparkline.tsx';
import type { NormsStatus } from '../status.ts';

export interface NormsRowData {
  clientKey: string;
  name: string;
  /** False for a frequent correspondent that is not set up as a client yet. */
  isClient: boolean;
  targetMs: number;
  summary: NormsSummary;
  status: NormsStatus;
}

const dash = '–';

/** One client at a glance; the wall-clock figures and the reason sit behind "Details". */
export function NormsRow({ row, onMakeClient }: { row: NormsRowData; onMakeClient?: (clientKey: string) => void }) {
  const [open, setOpen] = useState(false);
  const { summary, status } = row;
  const detailsId = `details-${row.clientKey.replace(/[^a-z0-9]/gi, '-')}`;
  const wall = summary.medianWallMs === null ? null : `Wall-clock: ${formatDuration(summary.medianWallMs)} typical`;
  return (
    <li class="norms-row" data-status={status.kind}>
      <div class="norms-head">
        <span class="norms-name" title={row.name}>
          {row.name}
        </span>
        <span class={`status ${status.kind}`}>{status.label}</span>
      </div>
      <div class="norms-figures">
        <span title={wall ?? undefined}>
          <span class="muted">Typical </span>
          <strong>{summary.medianWorkingMs === null ? dash : formatDuration(summary.medianWorkingMs)}</strong>
        </span>
        <span>
          <span class="muted">Target </span>
          {formatDuration(row.targetMs)}
        </span>
        <span>
          <span class="muted">Replies </span>
          {summary.count}
        </span>
      </div>
      <div class="norms-figures">
        <span>
          <span class="muted">Instant </span>
          {summary.instantShare === null ? dash : formatShare(summary.instantShare)}
        </span>
        <span>
          <span class="muted">After hours </span>
          {summary.afterHoursShare === null ? dash : formatShare(summary.afterHoursShare)}
        </span>
        <Sparkline weeks={summary.weekly} />
        <button type="button" class="link" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          Details<span class="visually-hidden"> for {row.name}</span>
        </button>
      </div>
      {open && (
        <div id={detailsId} class="norms-details">
          <p>{status.reason}</p>
          <ul>
            <li>Typical reply in working time: {summary.medianWorkingMs === null ? dash : formatDuration(summary.medianWorkingMs)}; 9 in 10 within {summary.p90WorkingMs === null ? dash : formatDuration(summary.p90WorkingMs)}.</li>
            <li>Typical reply by the clock: {summary.medianWallMs === null ? dash : formatDuration(summary.medianWallMs)}; 9 in 10 within {summary.p90WallMs === null ? dash : formatDuration(summary.p90WallMs)}.</li>
            <li>{trendSentence(summary)}</li>
          </ul>
          {!row.isClient && (
            <p class="muted">
              Not set up as a client yet: your default hours and target apply.{' '}
              {onMakeClient && (
                <button type="button" onClick={() => onMakeClient(row.clientKey)}>
                  Make {row.name} a client
                </button>
              )}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

function trendSentence(summary: NormsSummary): string {
  const { trend } = summary;
  if (trend.direction === 'unknown' || trend.recentMedianWorkingMs === null || trend.priorMedianWorkingMs === null) {
    return 'Trend: not enough replies in the last four months to compare.';
  }
  const recent = formatDuration(trend.recentMedianWorkingMs);
  const prior = formatDuration(trend.priorMedianWorkingMs);
  if (trend.direction === 'steady') return `Trend: steady (${recent} in the last 30 days, ${prior} before).`;
  return `Trend: ${trend.direction} (${recent} in the last 30 days, ${prior} in the 90 before).`;
}
