/**
 * Whether a client needs the user's attention, decided in one place so the popup's count and the
 * toolbar badge always name the same clients. Two sources feed it:
 * - the norms status (how the user's replies compare with the promise), checked in this order,
 *   the first that applies winning:
 *   fewer than MIN_REPLIES replies (norms.ts, the fixed floor): "not enough data yet";
 *   typical working-time reply slower than the agreed target: "slower than promised";
 *   replies mostly instant, far under the target, or often after hours: "training them too fast",
 *   because that is the expectation the client learns;
 *   the last 30 days differ clearly from the 90 before: "drifting"; otherwise "on track";
 * - the attention findings of attention.ts (waiting, silence, drift, "Send now" exceptions).
 */
import type { AttentionFinding } from './attention.ts';
import { MIN_REPLIES } from './norms.ts';
import type { ClientMode, NormsSummary } from './types.ts';

export { MIN_REPLIES };

export type NormsStatusKind = 'too-slow' | 'too-fast' | 'drifting' | 'on-track' | 'not-enough-data';

export interface NormsStatus {
  kind: NormsStatusKind;
  label: string;
  /** One sentence saying why, for the row's details and its accessible description. */
  reason: string;
}

/** A typical reply under a quarter of the promised time teaches the client to expect that instead. */
export const FAST_FRACTION_OF_TARGET = 0.25;
export const INSTANT_SHARE_LIMIT = 0.4;
export const AFTER_HOURS_SHARE_LIMIT = 0.3;

const LABELS: Record<NormsStatusKind, string> = {
  'too-slow': 'Slower than promised',
  'too-fast': 'Training them too fast',
  drifting: 'Drifting',
  'on-track': 'On track',
  'not-enough-data': 'Not enough data yet',
};

export function normsStatus(summary: NormsSummary, targetMs: number): NormsStatus {
  const make = (kind: NormsStatusKind, reason: string): NormsStatus => ({ kind, label: LABELS[kind], reason });
  const median = summary.medianWorkingMs;
  if (summary.count < MIN_REPLIES || median === null) {
    const more = MIN_REPLIES - summary.count;
    return make(
      'not-enough-data',
      more > 0 ? `${more} more ${more === 1 ? 'reply' : 'replies'} before ReplyPace can tell a habit.` : 'No reply could be measured yet.',
    );
  }
  if (median > targetMs) return make('too-slow', 'Your typical reply takes longer than the time you promised.');
  if ((summary.instantShare ?? 0) >= INSTANT_SHARE_LIMIT) {
    return make('too-fast', 'Many replies go out almost instantly: this client learns to expect that every time.');
  }
  if ((summary.afterHoursShare ?? 0) >= AFTER_HOURS_SHARE_LIMIT) {
    return make('too-fast', 'Many replies go out outside their working hours: this client learns you are always on.');
  }
  if (median < targetMs * FAST_FRACTION_OF_TARGET) {
    return make('too-fast', 'Your typical reply is far quicker than you promised: the promise is becoming the exception.');
  }
  if (summary.trend.direction === 'faster' || summary.trend.direction === 'slower') {
    return make('drifting', `Over the last 30 days you have been replying ${summary.trend.direction} than before.`);
  }
  return make('on-track', 'Your replies match what you agreed with this client.');
}

/** What "needs attention" is decided from, for one client. */
export interface AttentionSubject {
  mode: ClientMode | 'default';
  /** Null before the first measured reply. */
  norms: NormsSummary | null;
  targetMs: number;
}

/**
 * True when the client needs attention: any attention finding, or a norms status that breaks or
 * bends the promise. Clients set to "off" never do; for a lead, fast replies are the point.
 */
export function needsAttention(subject: AttentionSubject, findings: readonly AttentionFinding[]): boolean {
  if (subject.mode === 'off') return false;
  if (findings.length > 0) return true;
  if (!subject.norms) return false;
  const kind = normsStatus(subject.norms, subject.targetMs).kind;
  if (subject.mode === 'lead' && (kind === 'too-fast' || (kind === 'drifting' && subject.norms.trend.direction === 'faster'))) return false;
  return kind === 'too-slow' || kind === 'too-fast' || kind === 'drifting';
}

/**
 * The keys of every client needing attention, for the badge: `subjects` are all clients with
 * activity, `withFindings` those attention.ts flagged (a client may appear in either or both).
 */
export function clientKeysNeedingAttention(
  subjects: readonly (AttentionSubject & { clientKey: string })[],
  withFindings: readonly { clientKey: string; findings: readonly AttentionFinding[] }[],
): string[] {
  const findingsByKey = new Map(withFindings.map((c) => [c.clientKey, c.findings]));
  const keys = new Set<string>();
  for (const subject of subjects) {
    if (needsAttention(subject, findingsByKey.get(subject.clientKey) ?? [])) keys.add(subject.clientKey);
  }
  // Findings only exist for clients that are not off (attention.ts skips them), so they count as they are.
  for (const [key, findings] of findingsByKey) if (findings.length > 0) keys.add(key);
  return [...keys].sort();
}
