/**
 * The popup's last view as DOM nodes, for its very first paint: the same elements PopupView (and
 * NormsRow, PauseControl, Sparkline) renders for a last view, built without Preact so that they are
 * drawn before Preact and the rest of the popup have loaded. The popup then renders into the same
 * element, reusing these nodes (Preact diffs against the DOM it finds), and adds the event
 * handlers. Built with createElement and text nodes, never from HTML strings, so no name can turn
 * into markup. tests/unit/pages/first-paint.test.tsx checks that the result is exactly PopupView's
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
const SVG = 'http://www.w3.org/2000/svg';

type Child = Node | string | number | null | false;

/** An element with attributes (in PopupView's order) and children; strings become text nodes. */
function h(tag: string, attributes: Record<string, string | number> | null, ...children: Child[]): Element {
  return fill(document.createElement(tag), attributes, children);
}

function s(tag: string, attributes: Record<string, string | number> | null, ...children: Child[]): Element {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

function fill(element: Element, attributes: Record<string, string | number> | null, children: Child[]): Element {
  for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

/**
 * The popup showing `view` at `now`, as PopupView renders it before fresh figures arrive; null
 * when the view has no rows (the empty state is left to the popup itself).
 */
export function lastViewNodes(view: LastView, now: number): Element | null {
  if (view.rowCount === 0 || view.rows.length === 0) return null;
  const total = Math.max(view.rowCount, view.rows.length);
  const attention = view.attentionCount;
  return h(
    'main',
    { class: 'popup' },
    h('header', { class: 'popup-header' }, h('h1', null, 'ReplyPace'), h('button', { type: 'button', class: 'link' }, 'Options')),
    pauseNodes(view.pausedUntil, now),
    h(
      'section',
      { 'aria-labelledby': 'clients-title' },
      h(
        'div',
        { class: 'row list-head' },
        h('h2', { id: 'clients-title' }, 'Your clients'),
        h('span', { class: 'muted' }, attention > 0 ? `${attention} need attention` : 'Nothing needs attention'),
      ),
      h('p', { class: 'muted small', role: 'status' }, `Updating the figures from ${timeOfDay(view.savedAt, now)}…`),
      view.rowCount >= SEARCH_FROM_ROWS &&
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'client-search', class: 'visually-hidden' }, 'Search clients'),
          h('input', { id: 'client-search', type: 'search', placeholder: 'Search clients' }),
        ),
      // Text nodes as Preact makes them (an empty one here, " for " and the name apart below), so
      // that taking over the painted nodes changes none.
      h('p', { class: 'visually-hidden', role: 'status' }, ''),
      h('ul', { class: 'norms-list', 'aria-label': 'Clients, most in need of attention first' }, ...view.rows.slice(0, FIRST_ROWS).map(rowNode)),
      total > FIRST_ROWS && h('button', { type: 'button', class: 'show-all' }, `Show all ${total} clients`),
      h('a', { class: 'review-link', href: WEEKLY_REVIEW_HREF, target: '_blank', rel: 'noopener' }, 'Weekly review of all clients'),
    ),
  );
}

/** PauseControl while the settings are loading (its buttons disabled). */
function pauseNodes(pausedUntil: number | null, now: number): Element {
  if (pausedUntil !== null && pausedUntil > now) {
    return h(
      'div',
      { class: 'pause paused', role: 'group', 'aria-label': 'Pause' },
      h('span', null, h('strong', null, 'Nudges paused'), ` until ${shortWhen(pausedUntil, now)}.`),
      h('button', { type: 'button', disabled: '' }, 'Resume nudges'),
    );
  }
  return h(
    'div',
    { class: 'pause row', role: 'group', 'aria-label': 'Pause' },
    h('label', { for: 'pause-for' }, 'No nudges'),
    h('select', { id: 'pause-for' }, ...pausePresets(now).map((preset) => h('option', { value: preset.id }, preset.label))),
    h('button', { type: 'button', disabled: '' }, 'Pause'),
  );
}

/** NormsRow with its details closed. */
function rowNode(row: NormsRowData): Element {
  const { summary, status, findings } = row;
  const top = findings[0];
  const detailsId = `details-${row.clientKey.replace(/[^a-z0-9]/gi, '-')}`;
  const wall = summary.medianWallMs === null ? null : `Wall-clock: ${formatDuration(summary.medianWallMs)} typical`;
  const figure = (value: number | null, format: (value: number) => string) => (value === null ? dash : format(value));
  const label = (text: string) => h('span', { class: 'muted' }, text);
  return h(
    'li',
    { class: 'norms-row', 'data-status': status.kind, 'data-attention': row.needsAttention ? 'yes' : 'no' },
    h(
      'div',
      { class: 'norms-head' },
      h('span', { class: 'norms-name', title: row.name }, row.name),
      top ? h('span', { class: `status finding ${top.kind}` }, FINDING_LABELS[top.kind]) : h('span', { class: `status ${status.kind}` }, status.label),
    ),
    findings.length > 0 &&
      h(
        'div',
        { class: 'findings' },
        ...findings.map((finding) => h('p', { class: 'finding-text' }, finding.text)),
        // The findings of one client often share a suggestion: said once (as NormsRow does).
        ...[...new Set(findings.map((f) => f.suggestion))].map((suggestion) => h('p', { class: 'finding-suggestion' }, suggestion)),
      ),
    h(
      'div',
      { class: 'norms-figures' },
      h('span', wall === null ? null : { title: wall }, label('Typical '), h('strong', null, figure(summary.medianWorkingMs, formatDuration))),
      h('span', null, label('Target '), formatDuration(row.targetMs)),
      h('span', null, label('Replies '), summary.count),
    ),
    h(
      'div',
      { class: 'norms-figures' },
      h('span', null, label('Instant '), figure(summary.instantShare, formatShare)),
      h('span', null, label('After hours '), figure(summary.afterHoursShare, formatShare)),
      sparklineNode(summary),
      h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': detailsId }, 'Details', h('span', { class: 'visually-hidden' }, ' for ', row.name)),
      h('a', { class: 'report-link', href: reportHref(row.clientKey), target: '_blank', rel: 'noopener' }, 'Report', h('span', { class: 'visually-hidden' }, ' for ', row.name)),
    ),
  );
}

/** Sparkline at its default size. */
function sparklineNode(summary: NormsSummary): Element {
  const width = 72;
  const height = 20;
  const { label, segments } = sparklineShape(summary.weekly, width, height);
  return s(
    'svg',
    { class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    s('title', null, label),
    s('line', { x1: '0', y1: height - 1, x2: width, y2: height - 1, stroke: 'currentColor', 'stroke-opacity': '0.2' }),
    ...segments.map((points) => {
      if (points.length > 1) {
        return s('polyline', { points: points.join(' '), fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6', 'stroke-linejoin': 'round' });
      }
      const [x, y] = points[0]!.split(',');
      return s('circle', { cx: x!, cy: y!, r: '2.4', fill: 'currentColor' });
    }),
  );
}
