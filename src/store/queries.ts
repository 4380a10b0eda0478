/** Reads and small writes the background answers requests with. */
import { summarizeAggregate } from '../core/aggregate.ts';
import type { ClientNorms, Instant, NudgeOutcome } from '../core/types.ts';
import type { ReplyPaceDb, StoredMessage, StoredPair } from './db.ts';
import { META_SETTINGS_REVISION, raiseRevision } from './revision.ts';
import { aggregatesState, dropPendingInTurn, inTurn, readAggregates, readAllAggregatesInTurn } from './aggregateBuffer.ts';
import { keepSnapshot, snapshotNormsInTurn } from './normsSnapshot.ts';

export type { ClientNorms };

/**
 * Every client's norms, read from the aggregates alone (never from the message history): from the
 * norms snapshot while it holds (normsSnapshot.ts), else from every aggregate, kept as the next
 * snapshot.
 */
export function listNorms(db: ReplyPaceDb, now: Instant): Promise<ClientNorms[]> {
  return inTurn(db, async () => {
    const kept = await snapshotNormsInTurn(db, now);
    if (kept) return kept;
    const { generation } = aggregatesState(db);
    const aggregates = await readAllAggregatesInTurn(db);
    const norms = aggregates.map((a) => ({ clientKey: a.clientKey, name: a.name, timeZone: a.timeZone, summary: summarizeAggregate(a, now, a.timeZone) }));
    keepSnapshot(db, now, norms, generation);
    return norms;
  });
}

/**
 * `answer` (what listNorms gave at `now`) with the clients in `changed` read again: what listNorms
 * would give at `now` when only those clients' aggregates changed since. Reads their aggregates
 * alone, so the background can keep its answer up to date after new mail without reading 500.
 */
export async function listNormsChanged(db: ReplyPaceDb, answer: readonly ClientNorms[], changed: readonly string[], now: Instant): Promise<ClientNorms[]> {
  const keys = [...new Set(changed)];
  const aggregates = await readAggregates(db, keys);
  const fresh = new Map<string, ClientNorms>();
  aggregates.forEach((a) => {
    if (a && a.count > 0) fresh.set(a.clientKey, { clientKey: a.clientKey, name: a.name, timeZone: a.timeZone, summary: summarizeAggregate(a, now, a.timeZone) });
  });
  const gone = new Set(keys);
  // listNorms lists clients in key order (IndexedDB compares strings by code unit, as `<` does).
  return [...answer.filter((n) => !gone.has(n.clientKey)), ...fresh.values()].sort((a, b) => (a.clientKey < b.clientKey ? -1 : a.clientKey > b.clientKey ? 1 : 0));
}

/** One client's norms, for a policy snapshot; null before the first reply. */
export async function normsFor(db: ReplyPaceDb, clientKey: string, now: Instant): Promise<ClientNorms | null> {
  const [aggregate] = await readAggregates(db, [clientKey]);
  if (!aggregate || aggregate.count === 0) return null;
  return { clientKey, name: aggregate.name, timeZone: aggregate.timeZone, summary: summarizeAggregate(aggregate, now, aggregate.timeZone) };
}

/**
 * The client's latest message in a thread that the user has not answered yet (nothing sent by
 * the user after it); null when the user wrote last or the thread is unknown.
 */
export async function lastUnansweredInbound(db: ReplyPaceDb, threadId: string): Promise<StoredMessage | null> {
  const thread = await db.threads.get(threadId);
  if (!thread) return null;
  let latestIn: StoredMessage | null = null;
  // Messages are kept in time order; at the same instant a reply counts as answering (as in pairs.ts).
  for (const message of thread.messages) latestIn = message.direction === 'out' ? null : message;
  return latestIn;
}

/** A client's replies sent in [from, to), oldest first: for reports. */
export async function pairsForClient(db: ReplyPaceDb, clientKey: string, from: Instant, to: Instant): Promise<StoredPair[]> {
  const threads = await db.threads.where('clientKeys').equals(clientKey).toArray();
  return threads
    .flatMap((t) => t.pairs)
    .filter((p) => p.clientKey === clientKey && p.sentAt >= from && p.sentAt < to)
    .sort((a, b) => a.sentAt - b.sentAt);
}

export async function recordOutcome(db: ReplyPaceDb, outcome: NudgeOutcome): Promise<void> {
  await db.outcomes.add({ ...outcome, reasons: [...outcome.reasons] });
}

/**
 * Forgets everything: learned mail metadata, outcomes, aggregates and settings. The settings
 * revision alone goes on, raised: the pages then know that whatever they drew is gone.
 */
export async function eraseAll(db: ReplyPaceDb): Promise<void> {
  await inTurn(db, async () => {
    // What was not written yet goes with the rest.
    dropPendingInTurn(db);
    await db.transaction('rw', db.tables, async () => {
      const revision = await db.meta.get(META_SETTINGS_REVISION);
      await Promise.all(db.tables.map((table) => table.clear()));
      if (revision) await db.meta.put(revision);
      await raiseRevision(db);
    });
  });
}
