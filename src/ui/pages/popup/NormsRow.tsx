import { Component } from 'preact';
import { useState } from 'preact/hooks';
import { formatDuration, formatShare } from '../../../core/format.ts';
import type { AttentionFinding } from '../../../core/attention.ts';
import type { NormsSummary } from '../../../core/types.ts';
import { reportHref } from '../../report/links.ts';
import { Sparkline } from '../Sparkline.tsx';
import { FINDING_LABELS, type NormsStatus } from '../status.ts';

export interface NormsRowData {
  clientKey: string;
  name: string;
  /** False for a frequent correspondent that is not set up as a client yet. */
  isClient: boolean;
  targetMs: number;
  summary: NormsSummary;
  status: NormsStatus;
  /** Neglect, drift and exception findings, most pressing first (empty until they load). */
  findings: AttentionFinding[];
  /** Counted in the popup's "N need attention" (core/clientStatus.ts, the badge's rule too). */
  needsAttention: boolean;
}

const dash = '–';

interface NormsRowProps {
  row: NormsRowData;
  onMakeClient?: (clientKey: string) => void;
}

/** What a row shows, as one string; worked out once per row object. */
const shownAs = new WeakMap<NormsRowData, string>();
function signature(row: NormsRowData): string {
  let text = shownAs.get(row);
  if (text === undefined) {
    text = JSON.stringify(row);
    shownAs.set(row, text);
  }
  return text;
}

/**
 * One client at a glance. Drawn again only when what it shows changed: fresh figures replacing
 * the popup's last view are most often the same figures, and redrawing 25 unchanged rows would
 * cost a noticeable part of the popup's opening. (`onMakeClient` always does the same thing.)
 */
export class NormsRow extends Component<NormsRowProps> {
  override shouldComponentUpdate(next: NormsRowProps): boolean {
    return next.row !== this.props.row && signature(next.row) !== signature(this.props.row);
  }

  override render() {
    return <NormsRowView {...this.props} />;
  }
}

/** The wall-clock figures and the reason sit behind "Details". */
function NormsRowView({ row, onMakeClient }: NormsRowProps) {
  const [open, setOpen] = useState(false);
  const { summary, status, findings } = row;
  const top = findings[0];
  const detailsId = `details-${row.clientKey.replace(/[^a-z0-9]/gi, '-')}`;
  const wall = summary.medianWallMs === null ? null : `Wall-clock: ${formatDuration(summary.medianWallMs)} typical`;
  return (
    <li class="norms-row" data-status={status.kind} data-attention={row.needsAttention ? 'yes' : 'no'}>
      <div class="norms-head">
        <span class="norms-name" title={row.name}>
          {row.name}
        </span>
        {top ? <span class={`status finding ${top.kind}`}>{FINDING_LABELS[top.kind]}</span> : <span class={`status ${status.kind}`}>{status.label}</span>}
      </div>
      {findings.length > 0 && (
        <div class="findings">
          {findings.map((finding) => (
            <p key={finding.kind} class="finding-text">
              {finding.text}
            </p>
          ))}
          {/* The findings of one client often share a suggestion: say each one once. */}
          {[...new Set(findings.map((f) => f.suggestion))].map((suggestion) => (
            <p key={suggestion} class="finding-suggestion">
              {suggestion}
            </p>
          ))}
        </div>
      )}
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
        <a class="report-link" href={reportHref(row.clientKey)} target="_blank" rel="noopener">
          Report<span class="visually-hidden"> for {row.name}</span>
        </a>
      </div>
      {open && (
        <div id={detailsId} class="norms-details">
          <p>
            {status.label}: {status.reason}
          </p>
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
