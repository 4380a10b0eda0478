/**
 * Gmail's legacy message id is a hex number whose value shifted right by 20 bits is the server's
 * receive time in epoch milliseconds (checked on real ids: 1547986a2fbf2cbf → 2016-05-04 02:09 UTC).
 * BigInt, because the id does not fit a double.
 */
import type { Instant } from '../../core/types.ts';

/** Gmail launched in 2004; anything before, or more than a day ahead, is not a time id. */
const EARLIEST = Date.UTC(2004, 0, 1);
const DAY = 86_400_000;

export function receivedAtFromLegacyId(legacyId: string, now: Instant = Date.now()): Instant | null {
  if (!/^[0-9a-f]{12,16}$/i.test(legacyId)) return null;
  const at = Number(BigInt(`0x${legacyId}`) >> 20n);
  return at >= EARLIEST && at <= now + DAY ? at : null;
}

/** "#msg-f:1775568780109575075" → "18a41665ecb473a3"; null for ids not yet assigned ("#msg-a:r…"). */
export function legacyIdFromMessageId(messageId: string): string | null {
  const match = /^#?msg-f:(\d{1,20})$/.exec(messageId);
  return match ? BigInt(match[1]!).toString(16) : null;
}

/** "thread-f:1775568780109575075" → hex; a hex legacy thread id passes through. */
export function legacyThreadId(value: string): string | null {
  const perm = /^#?thread-f:(\d{1,20})$/.exec(value);
  if (perm) return BigInt(perm[1]!).toString(16);
  return /^[0-9a-f]{8,16}$/i.test(value) ? value.toLowerCase() : null;
}

/** A legacy-format id for an instant (the demo mailbox and tests build messages with it). */
export function legacyIdAt(at: Instant, low20 = 0): string {
  return ((BigInt(at) << 20n) | BigInt(low20 & 0xfffff)).toString(16);
}
