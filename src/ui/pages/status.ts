/**
 * Ranking the popup's clients by what needs attention. The status rules themselves live in
 * core/clientStatus.ts, shared with the toolbar badge.
 */
import type { AttentionFinding } from '../../core/attention.ts';
import { needsAttention, normsStatus, type NormsStatus, type NormsStatusKind } from '../../core/clientStatus.ts';
import type { ClientMode, NormsSummary } from '../../core/types.ts';

export { MIN_REPLIES, normsStatus, type NormsStatus, type NormsStatusKind } from '../../core/clientStatus.ts';

/** Attention first: a broken promise, then habits that raise expectations, then change. */
const ATTENTION_ORDER: Record<NormsStatusKind, number> = {
  'too-slow': 0,
  'too-fast': 1,
  drifting: 2,
  'on-track': 3,
  'not-enough-data': 4,
};

export { FINDING_LABELS } from './findingLabels.ts';

export interface RankedRow<T> {
  item: T;
  status: NormsStatus;
  findings: AttentionFinding[];
  attention: boolean;
}

interface Rankable {
  name: string;
  summary: NormsSummary;
  mode?: ClientMode | 'default';
}

/** The same order as localeCompare, with the collator built once rather than per comparison. */
const byName = new Intl.Collator().compare;

/**
 * Sorted by attention: clients with findings first (the most pressing finding first), then by
 * norms status, then by how much mail is involved, then by name. Stable and deterministic.
 */
export function rankByAttention<T extends Rankable>(
  items: readonly T[],
  targetMsOf: (item: T) => number,
  findingsOf: (item: T) => AttentionFinding[] = () => [],
): RankedRow<T>[] {
  return items
    .map((item) => {
      const targetMs = targetMsOf(item);
      const findings = findingsOf(item);
      const norms = item.summary.count > 0 ? item.summary : null;
      return { item, status: normsStatus(item.summary, targetMs), findings, attention: needsAttention({ mode: item.mode ?? 'default', norms, targetMs }, findings) };
    })
    .sort(
      (a, b) =>
        (b.findings[0]?.weight ?? 0) - (a.findings[0]?.weight ?? 0) ||
        ATTENTION_ORDER[a.status.kind] - ATTENTION_ORDER[b.status.kind] ||
        b.item.summary.count - a.item.summary.count ||
        byName(a.item.name, b.item.name),
    );
}
