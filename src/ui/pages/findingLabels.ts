/** The short labels of attention findings: a module of its own, as the popup's first paint draws them. */
import type { AttentionKind } from '../../core/attention.ts';

/** The short label a row shows for its most pressing finding. */
export const FINDING_LABELS: Record<AttentionKind, string> = {
  waiting: 'Waiting on you',
  silent: 'Not heard from you',
  exceptions: 'Urgent became normal',
  'drift-faster': 'Drifting faster',
  'drift-slower': 'Drifting slower',
};
