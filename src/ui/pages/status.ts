/**
 * Which clients need attention, and why, in words. Pure: the popup and its tests share it.
 *
 * The rules, in the order they are checked (the first that applies wins):
 * - fewer than MIN_REPLIES replies: "not enough data yet" (a median of three says nothing);
 * - typical working-time reply slower than the agreed target: "slower than promised";
 * - replies mostly instant, far under the target, or often after hours: "training them too fast",
 *   because that is the expectation the client learns;
 * - the last 30 days differ clearly from the 90 before: "drifting";
 * - otherwise "on track".
 */
import type { NormsSummary } from '../../core/types.ts';

export type NormsStatusKind = 'too-slow' | 'too-fast' | 'drifting' | 'on-track' | 'not-enough-data';

export interface NormsStatus {
  kind: NormsStatusKind;
  label: string;
  /** One sentence saying why, for the row's details and its accessible description. */
  reason: string;
}

export const MIN_REPLIES = 5;
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

/** Attention first: a broken promise, then habits that raise expectations, then change. */
const ATTENTION_ORDER: Record<NormsStatusKind, number> = {
  'too-slow': 0,
  'too-fast': 1,
  drifting: 2,
  'on-track': 3,
  'not-enough-data': 4,
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

export interface RankedRow<T> {
  item: T;
  status: NormsStatus;
}

/** Sorted by attention, then by how much mail is involved, then by name. Stable and deterministic. */
export function rankByAttention<T extends { name: string; summary: NormsSummary }>(
  items: readonly T[],
  targetMsOf: (item: T) => number,
): RankedRow<T>[] {
  return items
    .map((item) => ({ item, status: normsStatus(item.summary, targetMsOf(item)) }))
    .sort(
      (a, b) =>
        ATTENTION_ORDER[a.status.kind] - ATTENTION_ORDER[b.status.kind] ||
        b.item.summary.count - a.item.summary.count ||
        a.item.name.localeCompare(b.item.name),
    );
}
