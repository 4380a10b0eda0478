/** Reads and small writes the background answers requests with. */
import { summarizeAggregate } from '../core/aggregate.ts';
import type { Instant, NormsSummary, NudgeOutcome } from '../core/types.ts';
import type { ReplyPaceDb, StoredMessage, StoredPair } from './db.ts';

/** One client's norms, as the popup lists them. */
export interface ClientNorms {
  clientKey: string;
  name: string;
  /** The client's zone the summary's days and weeks are read in. */
  timeZone: string;
  summary: NormsSummary;
}

/** Every client's norms, read from the aggregates alone (never from the message history). */
export async function listNorms(db: ReplyPaceDb, now: Instant): Promise<ClientNorms[]> {
  const aggregates = await db.aggregates.toArray();
  return aggregates
    .filter((a) => a.count > 0)
    .map((a) => ({ clientKey: a.clientKey, name: a.name, timeZone: a.timeZone, summary: summarizeAggregate(a, now, a.timeZone) }));
}

/** One client's norms, for a policy snapshot; null before the first reply. */
export async function normsFor(db: ReplyPaceDb, clientKey: string, now: Instant): Promise<ClientNorms | null> {
  const aggregate = await db.aggregates.get(clientKey);
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

const PAUSE_KEY = 'pausedUntil';
const SNOOZES_KEY = 'snoozedClients';

/** Nudges are off everywhere until this instant; null when not paused. */
export async function pausedUntil(db: ReplyPaceDb, now: Instant): Promise<Instant | null> {
  const row = await db.meta.get(PAUSE_KEY);
  return typeof row?.value === 'number' && row.value > now ? row.value : null;
}

export async function setPause(db: ReplyPaceDb, until: Instant | null): Promise<void> {
  if (until === null) await db.meta.delete(PAUSE_KEY);
  else await db.meta.put({ key: PAUSE_KEY, value: until });
}

/** "Not for this client today": nudges for one client are off until `until`. */
export async function snoozeClient(db: ReplyPaceDb, clientKey: string, until: Instant, now: Instant): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const snoozes = await readSnoozes(db);
    // Expired entries are dropped as new ones are written, so the row never grows without bound.
    const live = Object.fromEntries(Object.entries(snoozes).filter(([, at]) => at > now));
    live[clientKey] = Math.max(until, live[clientKey] ?? 0);
    await db.meta.put({ key: SNOOZES_KEY, value: live });
  });
}

export async function snoozedUntil(db: ReplyPaceDb, clientKey: string, now: Instant): Promise<Instant | null> {
  const until = (await readSnoozes(db))[clientKey];
  return until !== undefined && until > now ? until : null;
}

async function readSnoozes(db: ReplyPaceDb): Promise<Record<string, number>> {
  const row = await db.meta.get(SNOOZES_KEY);
  const value = row?.value;
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/** Forgets everything: learned mail metadata, outcomes, aggregates, settings, pauses. */
export async function eraseAll(db: ReplyPaceDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
