import type { Instant } from './types.ts';

/** One message of a thread as the pairing needs it: who wrote it relative to the user, and when. */
export interface ThreadMessage {
  id: string;
  at: Instant;
  /** 'in': written by someone else; 'out': written by the user. */
  direction: 'in' | 'out';
  /** The other party: the sender of an inbound message, the main recipient of an outbound one. */
  counterpart: string | null;
}

/** A user reply and the inbound message it is measured from. */
export interface ThreadReplyPair {
  replyId: string;
  inboundId: string;
  receivedAt: Instant;
  sentAt: Instant;
  /** Who the clock ran for: the sender of the inbound message. */
  counterpart: string;
}

/**
 * Pairs every outbound message with the EARLIEST inbound message since the user's previous
 * outbound in the same thread: a client who writes three times before hearing back has waited
 * since the first of them. Outbound messages with nothing waiting (follow-ups) make no pair.
 *
 * The result depends only on the set of messages, never on the order they were seen or on
 * duplicates, because the same thread is read from many tabs and many visits.
 */
export function buildReplyPairs(threadMessages: readonly ThreadMessage[]): ThreadReplyPair[] {
  const unique = new Map<string, ThreadMessage>();
  for (const message of threadMessages) {
    const known = unique.get(message.id);
    // Duplicates of one id should be identical; if they differ, keep a deterministic one.
    if (!known || compareMessages(message, known) < 0) unique.set(message.id, message);
  }
  const ordered = [...unique.values()].sort(compareMessages);

  const pairs: ThreadReplyPair[] = [];
  let waitingSince: ThreadMessage | null = null;
  for (const message of ordered) {
    if (message.direction === 'in') {
      if (!waitingSince && message.counterpart) waitingSince = message;
      continue;
    }
    if (waitingSince && waitingSince.counterpart) {
      pairs.push({
        replyId: message.id,
        inboundId: waitingSince.id,
        receivedAt: waitingSince.at,
        sentAt: message.at,
        counterpart: waitingSince.counterpart,
      });
    }
    waitingSince = null;
  }
  return pairs;
}

/** Time first; at the same instant an inbound message counts as arriving before the reply. */
function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.direction !== b.direction) return a.direction === 'in' ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ca = a.counterpart ?? '';
  const cb = b.counterpart ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}
