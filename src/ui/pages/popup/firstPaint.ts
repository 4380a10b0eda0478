/**
 * The popup's last view as HTML, for its very first paint: the same markup PopupView (and
 * NormsRow, PauseControl, Sparkline) renders for a last view, written without Preact so that it
 * is drawn before Preact and the rest of the popup have loaded. The popup then renders into the
 * same element, reusing these nodes (Preact diffs against the DOM it finds), and adds the event
 * handlers. tests/unit/pages/first-paint.test.tsx checks that the markup is exactly PopupView's
 * for any last view: change the two together.
 */
import { formatDuration, formatShare } from '../../../core/format.ts';
import type { NormsSummary } from '../../../core/types.ts';
import { FINDING_LABELS } from '../findingLabels.ts';
import { pausePresets, shortWhen } from '../pause.ts';
import { sparklineShape } from '../sparklineShape.ts';
import { reportHref } from '../../report/links.ts';
import { FIRST_ROWS, SEARCH_FROM_ROWS, WEEKLY_REVIEW_HREF } from './layout.ts';
import type { LastView } from './lastView.ts';
import type { NormsRowData } from './NormsRow.tsx';
import { timeOfDay } from './timeOfDay.ts';

const dash = '–';

function text(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string | number): string {
  return text(value).replace(/"/g, '&quot;');
}

/**
 * The markup of the popup showing `view` at `now`, as PopupView renders it before fresh figures
 * arrive; null when the view has no rows (the empty state is left to the popup itself).
 */
export function lastViewMarkup(view: LastView, now: number): string | null {
  if (view.rowCount === 0 || view.rows.length === 0) return null;
  const total = Math.max(view.rowCount, view.rows.length);
  const attention = view.attentionCount;
  return (
    '<main class="popup">' +
    '<header class="popup-header"><h1>ReplyPace</h1><button type="button" class="link">Options</button></header>' +
    pauseMarkup(view.pausedUntil, now) +
    '<section aria-labelledby="clients-title">' +
    `<div class="row list-head"><h2 id="clients-title">Your clients</h2><span class="muted">${attention > 0 ? `${attention} need attention` : 'Nothing needs attention'}</span></div>` +
    `<p class="muted small" role="status">${text(`Updating the figures from ${timeOfDay(view.savedAt, now)}…`)}</p>` +
    (view.rowCount >= SEARCH_FROM_ROWS
      ? '<div class="field"><label for="client-search" class="visually-hidden">Search clients</label><input id="client-search" type="search" placeholder="Search clients"></div>'
      : '') +
    '<p class="visually-hidden" role="status"></p>' +
    '<ul class="norms-list" aria-label="Clients, most in need of attention first">' +
    view.rows.slice(0, FIRST_ROWS).map(rowMarkup).join('') +
    '</ul>' +
    (total > FIRST_ROWS ? `<button type="button" class="show-all">Show all ${total} clients</button>` : '') +
    `<a class="review-link" href="${WEEKLY_REVIEW_HREF}" target="_blank" rel="noopener">Weekly review of all clients</a>` +
    '</section>' +
    '</main>'
  );
}

/** PauseControl while the settings are loading (its buttons disabled). */
function pauseMarkup(pausedUntil: number | null, now: number): string {
  if (pausedUntil !== null && pausedUntil > now) {
    return (
      '<div class="pause paused" role="group" aria-label="Pause">' +
      `<span><strong>Nudges paused</strong> until ${text(shortWhen(pausedUntil, now))}.</span>` +
      '<button type="button" disabled="">Resume nudges</button>' +
      '</div>'
    );
  }
  const options = pausePresets(now)
    .map((preset) => `<option value="${attribute(preset.id)}">${text(preset.label)}</option>`)
    .join('');
  return (
    '<div class="pause row" role="group" aria-label="Pause">' +
    '<label for="pause-for">No nudges</label>' +
    `<select id="pause-for">${options}</select>` +
    '<button type="button" disabled="">Pause</button>' +
    '</div>'
  );
}

/** NormsRow with its details closed. */
function rowMarkup(row: NormsRowData): string {
  const { summary, status, findings } = row;
  const top = findings[0];
  const detailsId = `details-${row.clientKey.replace(/[^a-z0-9]/gi, '-')}`;
  const wall = summary.medianWallMs === null ? null : `Wall-clock: ${formatDuration(summary.medianWallMs)} typical`;
  const name = text(row.name);
  const suggestions = [...new Set(findings.map((f) => f.suggestion))];
  return (
    `<li class="norms-row" data-status="${attribute(status.kind)}" data-attention="${row.needsAttention ? 'yes' : 'no'}">` +
    '<div class="norms-head">' +
    `<span class="norms-name" title="${attribute(row.name)}">${name}</span>` +
    (top
      ? `<span class="${attribute(`status finding ${top.kind}`)}">${text(FINDING_LABELS[top.kind])}</span>`
      : `<span class="${attribute(`status ${status.kind}`)}">${text(status.label)}</span>`) +
    '</div>' +
    (findings.length > 0
      ? '<div class="findings">' +
        findings.map((f) => `<p class="finding-text">${text(f.text)}</p>`).join('') +
        suggestions.map((s) => `<p class="finding-suggestion">${text(s)}</p>`).join('') +
        '</div>'
      : '') +
    '<div class="norms-figures">' +
    `<span${wall === null ? '' : ` title="${attribute(wall)}"`}><span class="muted">Typical </span><strong>${figure(summary.medianWorkingMs, formatDuration)}</strong></span>` +
    `<span><span class="muted">Target </span>${text(formatDuration(row.targetMs))}</span>` +
    `<span><span class="muted">Replies </span>${text(summary.count)}</span>` +
    '</div>' +
    '<div class="norms-figures">' +
    `<span><span class="muted">Instant </span>${figure(summary.instantShare, formatShare)}</span>` +
    `<span><span class="muted">After hours </span>${figure(summary.afterHoursShare, formatShare)}</span>` +
    sparklineMarkup(summary) +
    `<button type="button" class="link" aria-expanded="false" aria-controls="${attribute(detailsId)}">Details<span class="visually-hidden"> for ${name}</span></button>` +
    `<a class="report-link" href="${attribute(reportHref(row.clientKey))}" target="_blank" rel="noopener">Report<span class="visually-hidden"> for ${name}</span></a>` +
    '</div>' +
    '</li>'
  );
}

function figure(value: number | null, format: (value: number) => string): string {
  return text(value === null ? dash : format(value));
}

/** Sparkline at its default size. */
function sparklineMarkup(summary: NormsSummary): string {
  const width = 72;
  const height = 20;
  const { label, segments } = sparklineShape(summary.weekly, width, height);
  const lines = segments
    .map((points) => {
      if (points.length > 1) {
        return `<polyline points="${attribute(points.join(' '))}" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"></polyline>`;
      }
      const [x, y] = points[0]!.split(',');
      return `<circle cx="${attribute(x!)}" cy="${attribute(y!)}" r="2.4" fill="currentColor"></circle>`;
    })
    .join('');
  return (
    `<svg class="sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attribute(label)}">` +
    `<title>${text(label)}</title>` +
    `<line x1="0" y1="${height - 1}" x2="${width}" y2="${height - 1}" stroke="currentColor" stroke-opacity="0.2"></line>` +
    lines +
    '</svg>'
  );
}
