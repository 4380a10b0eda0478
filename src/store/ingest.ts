/**
 * Writing what the mail pages saw: idempotent bulk ingestion, reply pairing per thread, and the
 * per-client aggregates kept up to date on every write.
 */
import { addSample, emptyAggregate, sampleFromPair, type AggregateSample } from '../core/aggregate.ts';
import { buildReplyPairs, type ThreadMessage } from '../core/pairs.ts';
import type { Instant, MessageSeen, SiteId } from '../core/types.ts';
import type { AggregateRecord, MessageRecord, PairRecord, ReplyPaceDb } from './db.ts';
import type { ClientDirectory } from './directory.ts';

/** A message dated further ahead than this is a misread time, not mail from the future. */
export const FUTURE_TOLERANCE_MS = 24 * 3600_000;
export const META_SKIPPED_FUTURE = 'skippedFutureTimes';

export interface IngestResult {
  /** Messages stored for the first time. */
  added: number;
  /** Messages already known (seen from another tab or an earlier visit). */
  known: number;
  /** Messages refused because their time cannot be right. */
  skipped: number;
  /** Clients whose aggregate changed. */
  changedClients: string[];
}

export async function ingestWithDirectory(
  db: ReplyPaceDb,
  site: SiteId,
  account: string,
  messages: readonly MessageSeen[],
  directory: ClientDirectory,
  now: Instant,
): Promise<IngestResult> {
  const accountAddress = account.toLowerCase();
  const batch = new Map<string, MessageSeen>();
  let skipped = 0;
  for (const message of messages) {
    if (!(message.at <= now + FUTURE_TOLERANCE_MS)) {
      skipped += 1;
      continue;
    }
    if (!batch.has(message.id)) batch.set(message.id, message);
  }
  const ids = [...batch.keys()];

  return db.transaction('rw', [db.messages, db.pairs, db.aggregates, db.meta], async () => {
    if (skipped > 0) await bumpMeta(db, META_SKIPPED_FUTURE, skipped);
    const existing = await db.messages.bulkGet(ids);
    const fresh: MessageRecord[] = [];
    ids.forEach((id, i) => {
      if (!existing[i]) fresh.push(toRecord(batch.get(id)!, site, accountAddress, directory));
    });
    if (fresh.length === 0) return { added: 0, known: ids.length, skipped, changedClients: [] };
    await db.messages.bulkPut(fresh);
    const changedClients = await repairThreads(db, [...new Set(fresh.map((m) => m.threadId))], directory);
    return { added: fresh.length, known: ids.length - fresh.length, skipped, changedClients };
  });
}

function toRecord(message: MessageSeen, site: SiteId, account: string, directory: ClientDirectory): MessageRecord {
  const from = message.from.toLowerCase();
  const outbound = directory.isOwnAddress(from, account);
  const counterparts = outbound
    ? [...new Set(message.to.map((a) => a.toLowerCase()))].filter((a) => !directory.isOwnAddress(a, account))
    : [from];
  const first = counterparts[0];
  return {
    id: message.id,
    threadId: message.threadId,
    direction: outbound ? 'out' : 'in',
    counterparts,
    clientKey: first ? directory.profileFor(first).key : null,
    at: message.at,
    account,
    site,
  };
}

function threadMessageOf(record: MessageRecord): ThreadMessage {
  return { id: record.id, at: record.at, direction: record.direction, counterpart: record.counterparts[0] ?? null };
}

/** The pairs a thread's messages make now, with what each counts for in its client's aggregate. */
function pairRecordsFor(threadId: string, records: MessageRecord[], directory: ClientDirectory): PairRecord[] {
  const result: PairRecord[] = [];
  for (const pair of buildReplyPairs(records.map(threadMessageOf))) {
    const profile = directory.profileFor(pair.counterpart);
    if (!profile.tracked) continue;
    result.push({
      ...pair,
      threadId,
      clientKey: profile.key,
      ...sampleFromPair(pair, profile.schedule, profile.instantThresholdMs),
    });
  }
  return result;
}

function sampleOf(pair: PairRecord): AggregateSample {
  return { workingMs: pair.workingMs, wallMs: pair.wallMs, instant: pair.instant, afterHours: pair.afterHours, day: pair.day };
}

function samePair(a: PairRecord, b: PairRecord): boolean {
  return (
    a.inboundId === b.inboundId &&
    a.clientKey === b.clientKey &&
    a.receivedAt === b.receivedAt &&
    a.sentAt === b.sentAt &&
    a.workingMs === b.workingMs &&
    a.wallMs === b.wallMs &&
    a.instant === b.instant &&
    a.afterHours === b.afterHours &&
    a.day === b.day
  );
}

/**
 * Re-pairs the given threads from their stored messages and applies the difference to the
 * aggregates: old pairs that changed or vanished are taken out with exactly the sample they were
 * added with, new ones are added. Must run inside a transaction over messages, pairs, aggregates.
 */
export async function repairThreads(db: ReplyPaceDb, threadIds: string[], directory: ClientDirectory): Promise<string[]> {
  if (threadIds.length === 0) return [];
  const [messages, oldPairs] = await Promise.all([
    db.messages.where('threadId').anyOf(threadIds).toArray(),
    db.pairs.where('threadId').anyOf(threadIds).toArray(),
  ]);
  const byThread = new Map<string, MessageRecord[]>();
  for (const message of messages) {
    const list = byThread.get(message.threadId);
    if (list) list.push(message);
    else byThread.set(message.threadId, [message]);
  }
  const newPairs: PairRecord[] = [];
  for (const [threadId, records] of byThread) newPairs.push(...pairRecordsFor(threadId, records, directory));

  const oldById = new Map(oldPairs.map((p) => [p.replyId, p]));
  const newById = new Map(newPairs.map((p) => [p.replyId, p]));
  const removed: PairRecord[] = [];
  const added: PairRecord[] = [];
  for (const pair of newPairs) {
    const old = oldById.get(pair.replyId);
    if (old && samePair(old, pair)) continue;
    if (old) removed.push(old);
    added.push(pair);
  }
  for (const old of oldPairs) if (!newById.has(old.replyId)) removed.push(old);
  if (removed.length === 0 && added.length === 0) return [];

  const clientKeys = [...new Set([...removed, ...added].map((p) => p.clientKey))];
  const stored = await db.aggregates.bulkGet(clientKeys);
  const aggregates = new Map<string, AggregateRecord>();
  clientKeys.forEach((key, i) => {
    aggregates.set(key, stored[i] ?? { ...emptyAggregate(key), name: key, timeZone: 'UTC' });
  });
  for (const pair of removed) addSample(aggregates.get(pair.clientKey)!, sampleOf(pair), -1);
  for (const pair of added) {
    const aggregate = aggregates.get(pair.clientKey)!;
    addSample(aggregate, sampleOf(pair), 1);
    const profile = directory.profileFor(pair.counterpart);
    aggregate.name = profile.name;
    aggregate.timeZone = profile.schedule.timeZone;
  }

  const emptied = [...aggregates.values()].filter((a) => a.count === 0).map((a) => a.clientKey);
  await Promise.all([
    db.pairs.bulkDelete(removed.filter((p) => !newById.has(p.replyId)).map((p) => p.replyId)),
    db.pairs.bulkPut(added),
    db.aggregates.bulkPut([...aggregates.values()].filter((a) => a.count > 0)),
    db.aggregates.bulkDelete(emptied),
  ]);
  return clientKeys;
}

/**
 * Rebuilds every pair and aggregate from the stored messages, for when settings change (client
 * rules decide which client a message belongs to; schedules decide working time).
 */
export async function rebuildWithDirectory(db: ReplyPaceDb, directory: ClientDirectory): Promise<void> {
  await db.transaction('rw', [db.messages, db.pairs, db.aggregates], async () => {
    const messages = await db.messages.toArray();
    const byThread = new Map<string, MessageRecord[]>();
    const relabelled: MessageRecord[] = [];
    for (const message of messages) {
      const first = message.counterparts[0];
      const clientKey = first ? directory.profileFor(first).key : null;
      if (clientKey !== message.clientKey) relabelled.push({ ...message, clientKey });
      const list = byThread.get(message.threadId);
      if (list) list.push(message);
      else byThread.set(message.threadId, [message]);
    }
    const pairs: PairRecord[] = [];
    for (const [threadId, records] of byThread) pairs.push(...pairRecordsFor(threadId, records, directory));
    const aggregates = new Map<string, AggregateRecord>();
    for (const pair of pairs) {
      let aggregate = aggregates.get(pair.clientKey);
      if (!aggregate) {
        const profile = directory.profileFor(pair.counterpart);
        aggregate = { ...emptyAggregate(pair.clientKey), name: profile.name, timeZone: profile.schedule.timeZone };
        aggregates.set(pair.clientKey, aggregate);
      }
      addSample(aggregate, sampleOf(pair));
    }
    await db.messages.bulkPut(relabelled);
    await db.pairs.clear();
    await db.pairs.bulkPut(pairs);
    await db.aggregates.clear();
    await db.aggregates.bulkPut([...aggregates.values()]);
  });
}

async function bumpMeta(db: ReplyPaceDb, key: string, by: number): Promise<void> {
  const current = await db.meta.get(key);
  await db.meta.put({ key, value: (typeof current?.value === 'number' ? current.value : 0) + by });
}
