/**
 * Writing what the mail pages saw: idempotent bulk ingestion, reply pairing per thread, and the
 * per-client aggregates kept up to date on every write.
 */
import { addSample, emptyAggregate, sampleFromPair, type AggregateSample } from '../core/aggregate.ts';
import { buildReplyPairs } from '../core/pairs.ts';
import type { Instant, MessageSeen, SiteId } from '../core/types.ts';
import { lastAtOf, type AggregateRecord, type ReplyPaceDb, type StoredMessage, type StoredPair, type ThreadRecord } from './db.ts';
import type { ClientDirectory } from './directory.ts';
import { forEachThreadChunk } from './walkThreads.ts';
import { inTurn, inTurnWithPendingWritten, markBehindInTransaction, META_AGGREGATES_BEHIND, readAggregatesInTurn, stagePending, writeAggregatesInTransaction } from './aggregateBuffer.ts';

/** A message dated further ahead than this is a misread time, not mail from the future. */
export const FUTURE_TOLERANCE_MS = 24 * 3600_000;
export const META_SKIPPED_FUTURE = 'skippedFutureTimes';
export const META_UNREADABLE_TIMES = 'unreadableTimes';

/** Counts messages a page reader skipped because their time, sender or thread could not be read (never guessed). */
export async function countUnreadableTimes(db: ReplyPaceDb, count: number): Promise<void> {
  if (count > 0) await db.transaction('rw', db.meta, () => bumpMeta(db, META_UNREADABLE_TIMES, count));
}

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
  const byThread = new Map<string, Map<string, MessageSeen>>();
  let skipped = 0;
  let incoming = 0;
  for (const message of messages) {
    if (!(message.at <= now + FUTURE_TOLERANCE_MS)) {
      skipped += 1;
      continue;
    }
    let thread = byThread.get(message.threadId);
    if (!thread) byThread.set(message.threadId, (thread = new Map()));
    if (!thread.has(message.id)) {
      thread.set(message.id, message);
      incoming += 1;
    }
  }
  const threadIds = [...byThread.keys()];

  // In turn with every other use of the aggregates; the threads are written here, the clients'
  // updated aggregates a moment later, together with the next batches' (aggregateBuffer.ts).
  return inTurn(db, async () => {
    let updated: AggregateRecord[] = [];
    const result = await db.transaction('rw', [db.threads, db.aggregates, db.meta], async (): Promise<IngestResult> => {
      if (skipped > 0) await bumpMeta(db, META_SKIPPED_FUTURE, skipped);
      // The aggregates of the clients writing in this batch are asked for together with the
      // threads: one round trip to IndexedDB instead of two (see updatedAggregates).
      const likelyClients = [...new Set([...byThread.values()].flatMap((thread) => [...thread.values()].map((m) => likelyClientKey(m, accountAddress, directory))))].filter(
        (key): key is string => key !== null,
      );
      const [stored, prefetched] = await Promise.all([db.threads.bulkGet(threadIds), readAggregatesInTurn(db, likelyClients)]);
      const knownAggregates = new Map<string, AggregateRecord | undefined>(likelyClients.map((key, i) => [key, prefetched[i]]));
      const changed: Array<{ before: StoredPair[]; thread: ThreadRecord }> = [];
      let added = 0;
      threadIds.forEach((threadId, i) => {
        const existing = stored[i];
        const known = new Set(existing?.messages.map((m) => m.id));
        const incoming = byThread.get(threadId)!;
        const fresh = [...incoming.values()]
          .filter((m) => !known.has(m.id))
          .map((m) => toStoredMessage(m, accountAddress, directory));
        // A message an import added and the page now shows is no longer the import's alone: undoing
        // the import must keep it.
        const confirmed = existing?.messages.some((m) => m.importId !== undefined && incoming.has(m.id)) ?? false;
        if (confirmed && fresh.length === 0) {
          changed.push({ before: existing!.pairs, thread: { ...existing!, messages: existing!.messages.map((m) => (incoming.has(m.id) ? withoutImport(m) : m)) } });
          return;
        }
        if (fresh.length === 0) return;
        added += fresh.length;
        const thread: ThreadRecord = existing
          ? { ...existing, messages: [...(confirmed ? existing.messages.map((m) => (incoming.has(m.id) ? withoutImport(m) : m)) : existing.messages), ...fresh] }
          : { threadId, site, account: accountAddress, messages: fresh, pairs: [], clientKeys: [], lastAt: 0 };
        thread.messages.sort(byTime);
        changed.push({ before: existing?.pairs ?? [], thread: withPairs(thread, directory) });
      });
      if (changed.length === 0) return { added: 0, known: incoming, skipped, changedClients: [] };
      const [aggregates] = await Promise.all([
        updatedAggregates(changed, directory, (keys) => readAggregatesInTurn(db, keys), knownAggregates),
        db.threads.bulkPut(changed.map((c) => c.thread)),
      ]);
      if (aggregates.length > 0) await markBehindInTransaction(db);
      updated = aggregates;
      return { added, known: incoming - added, skipped, changedClients: aggregates.map((a) => a.clientKey) };
    });
    // Only once the threads (and the mark) are stored: a batch that failed leaves nothing pending.
    if (updated.length > 0) stagePending(db, updated);
    return result;
  });
}

function withoutImport(message: StoredMessage): StoredMessage {
  if (message.importId === undefined) return message;
  const { importId: _importId, ...rest } = message;
  return rest;
}

/** The client a new message's pair will most likely be counted for: the inbound sender's. */
function likelyClientKey(message: MessageSeen, account: string, directory: ClientDirectory): string | null {
  const from = message.from.toLowerCase();
  if (directory.isOwnAddress(from, account)) return null;
  return directory.profileFor(from, account).key;
}

function byTime(a: StoredMessage, b: StoredMessage): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function toStoredMessage(message: MessageSeen, account: string, directory: ClientDirectory): StoredMessage {
  const from = message.from.toLowerCase();
  const outbound = directory.isOwnAddress(from, account);
  const counterparts = outbound
    ? [...new Set(message.to.map((a) => a.toLowerCase()))].filter((a) => !directory.isOwnAddress(a, account))
    : [from];
  const first = counterparts[0];
  // Only what the norms need: no subject, no body, no other field of the page's message.
  return {
    id: message.id,
    direction: outbound ? 'out' : 'in',
    counterparts,
    clientKey: first ? directory.profileFor(first, account).key : null,
    at: message.at,
  };
}

/** The thread with its pairs worked out again from its messages. */
export function withPairs(thread: ThreadRecord, directory: ClientDirectory): ThreadRecord {
  const pairs: StoredPair[] = [];
  const threadMessages = thread.messages.map((m) => ({ id: m.id, at: m.at, direction: m.direction, counterpart: m.counterparts[0] ?? null }));
  for (const pair of buildReplyPairs(threadMessages)) {
    const profile = directory.profileFor(pair.counterpart, thread.account);
    if (!profile.tracked) continue;
    pairs.push({ ...pair, clientKey: profile.key, ...sampleFromPair(pair, profile.schedule, profile.instantThresholdMs) });
  }
  return { ...thread, pairs, clientKeys: [...new Set(pairs.map((p) => p.clientKey))], lastAt: lastAtOf(thread.messages) };
}

function sampleOf(pair: StoredPair): AggregateSample {
  return { workingMs: pair.workingMs, wallMs: pair.wallMs, instant: pair.instant, afterHours: pair.afterHours, day: pair.day };
}

function samePair(a: StoredPair, b: StoredPair): boolean {
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
 * Applies re-paired threads to the aggregates: pairs that changed or vanished are taken out with
 * exactly the sample they were added with, new ones are added. Runs inside the caller's
 * transaction, in turn with the other uses of the aggregates (aggregateBuffer.ts), and writes the
 * aggregates at once. Returns the clients whose aggregate changed.
 */
export async function applyPairChanges(db: ReplyPaceDb, changes: Array<{ before: StoredPair[]; thread: ThreadRecord }>, directory: ClientDirectory): Promise<string[]> {
  const all = await updatedAggregates(changes, directory, (keys) => readAggregatesInTurn(db, keys));
  // Issued together: IndexedDB runs them in order within the transaction without a round trip each.
  const emptied = all.filter((a) => a.count === 0).map((a) => a.clientKey);
  await writeAggregatesInTransaction(db, { put: all.filter((a) => a.count > 0), remove: emptied });
  return all.map((a) => a.clientKey);
}

/**
 * The aggregates of the clients whose pairs changed, updated (an emptied one has count 0). Those in
 * `knownAggregates` are taken from it, the others read with `read`; both are changed in place, so
 * they must be the caller's own copies.
 */
async function updatedAggregates(
  changes: Array<{ before: StoredPair[]; thread: ThreadRecord }>,
  directory: ClientDirectory,
  read: (keys: string[]) => Promise<Array<AggregateRecord | undefined>>,
  knownAggregates: Map<string, AggregateRecord | undefined> = new Map(),
): Promise<AggregateRecord[]> {
  const removed: StoredPair[] = [];
  const added: Array<StoredPair & { account: string }> = [];
  for (const { before, thread } of changes) {
    const old = new Map(before.map((p) => [p.replyId, p]));
    for (const pair of thread.pairs) {
      const previous = old.get(pair.replyId);
      old.delete(pair.replyId);
      if (previous && samePair(previous, pair)) continue;
      if (previous) removed.push(previous);
      added.push({ ...pair, account: thread.account });
    }
    removed.push(...old.values());
  }
  if (removed.length === 0 && added.length === 0) return [];

  const clientKeys = [...new Set([...removed, ...added].map((p) => p.clientKey))];
  const missing = clientKeys.filter((key) => !knownAggregates.has(key));
  const fetched = missing.length > 0 ? await read(missing) : [];
  missing.forEach((key, i) => knownAggregates.set(key, fetched[i]));
  const aggregates = new Map<string, AggregateRecord>();
  for (const key of clientKeys) aggregates.set(key, knownAggregates.get(key) ?? { ...emptyAggregate(key), name: key, timeZone: 'UTC' });
  for (const pair of removed) addSample(aggregates.get(pair.clientKey)!, sampleOf(pair), -1);
  for (const pair of added) {
    const aggregate = aggregates.get(pair.clientKey)!;
    addSample(aggregate, sampleOf(pair), 1);
    const profile = directory.profileFor(pair.counterpart, pair.account);
    aggregate.name = profile.name;
    aggregate.timeZone = profile.schedule.timeZone;
  }
  return [...aggregates.values()];
}

/**
 * The account a thread stored under the wrong one belongs to, or null when its account stands.
 * Until 2026-11 the Gmail reader took the first address of the page title, and a thread's title
 * starts with its subject ("Fwd: invoice from billing@acme-corp.com - sam@northwind.com - Gmail"):
 * the thread was then stored under an address of the subject, the client's domain counted as
 * colleagues, and the directions flipped. Such an account is refused when it is the sender of a
 * message the user received in that thread, or when it sent nothing there while one of the user's
 * own addresses wrote as if received. The user's own addresses are those listed in the settings and
 * any account holding more threads than the refused one; an address listed in the settings is never
 * refused (a second own account, listed there, stays as it is).
 */
function misreadAccountOwner(thread: ThreadRecord, threadsPerAccount: ReadonlyMap<string, number>, directory: ClientDirectory): string | null {
  const account = thread.account;
  if (directory.isOwnAddress(account, '')) return null;
  const held = threadsPerAccount.get(account) ?? 0;
  const isOwner = (address: string) => address !== account && (directory.isOwnAddress(address, '') || (threadsPerAccount.get(address) ?? 0) > held);
  const sent = thread.messages.filter((m) => m.direction === 'out');
  // The stored account "sent" a message to one of the user's own addresses: the user received it.
  const receivedBy = sent.flatMap((m) => m.counterparts).find(isOwner);
  if (receivedBy) return receivedBy;
  if (sent.length > 0) return null;
  return thread.messages.map((m) => m.counterparts[0] ?? '').find(isOwner) ?? null;
}

/**
 * The thread's messages read again under `account`. Senders are what the earlier reading kept (the
 * sender of a received message; the stored account for a sent one). Recipients of received messages
 * were not kept: the user's own message is taken as written to the thread's other parties.
 */
function rereadUnder(thread: ThreadRecord, account: string, directory: ClientDirectory): StoredMessage[] {
  const senderOf = (m: StoredMessage) => (m.direction === 'in' ? (m.counterparts[0] ?? null) : thread.account);
  const parties = [...new Set(thread.messages.map(senderOf))].filter((a): a is string => !!a && !directory.isOwnAddress(a, account));
  return thread.messages.map((m) => {
    const from = senderOf(m);
    if (from && !directory.isOwnAddress(from, account)) return { ...m, direction: 'in', counterparts: [from] };
    return { ...m, direction: 'out', counterparts: m.direction === 'out' ? m.counterparts.filter((a) => !directory.isOwnAddress(a, account)) : parties };
  });
}

/**
 * Rebuilds every pair and aggregate from the stored messages, for when settings change (client
 * rules decide which client a message belongs to; schedules decide working time). A thread stored
 * under a misread account is moved to its owner and its directions recomputed on the way. The
 * threads are walked in chunks (walkThreads.ts), twice: once to count each account's threads (what
 * the misread-account rule compares), then to rebuild; memory stays bounded however many there are.
 */
export function rebuildWithDirectory(db: ReplyPaceDb, directory: ClientDirectory, options: { chunkSize?: number } = {}): Promise<void> {
  return inTurnWithPendingWritten(db, () => rebuildInTurn(db, directory, options));
}

/**
 * rebuildWithDirectory, for a caller already in turn with the aggregates' other uses and with none
 * pending. Every aggregate is written, so a mark of aggregates left behind is cleared with them.
 */
export async function rebuildInTurn(db: ReplyPaceDb, directory: ClientDirectory, options: { chunkSize?: number } = {}): Promise<void> {
  await db.transaction('rw', [db.threads, db.aggregates, db.meta], async () => {
    const threadsPerAccount = new Map<string, number>();
    await forEachThreadChunk(db, (threads) => {
      for (const thread of threads) threadsPerAccount.set(thread.account, (threadsPerAccount.get(thread.account) ?? 0) + 1);
    }, options.chunkSize);
    const aggregates = new Map<string, AggregateRecord>();
    await forEachThreadChunk(db, async (chunk) => {
      // The account is not part of a thread's key, so moving a thread leaves the walk's order as it is.
      const threads = chunk.map((thread) => {
        const owner = misreadAccountOwner(thread, threadsPerAccount, directory);
        return owner ? { ...thread, account: owner, messages: rereadUnder(thread, owner, directory) } : thread;
      });
      const rebuilt = threads.map((thread) => {
        const messages = thread.messages.map((m) => {
          const first = m.counterparts[0];
          return { ...m, clientKey: first ? directory.profileFor(first, thread.account).key : null };
        });
        const next = withPairs({ ...thread, messages }, directory);
        for (const pair of next.pairs) {
          let aggregate = aggregates.get(pair.clientKey);
          if (!aggregate) {
            const profile = directory.profileFor(pair.counterpart, thread.account);
            aggregate = { ...emptyAggregate(pair.clientKey), name: profile.name, timeZone: profile.schedule.timeZone };
            aggregates.set(pair.clientKey, aggregate);
          }
          addSample(aggregate, sampleOf(pair));
        }
        return next;
      });
      await db.threads.bulkPut(rebuilt);
    }, options.chunkSize);
    await Promise.all([writeAggregatesInTransaction(db, { clear: true, put: [...aggregates.values()] }), db.meta.delete(META_AGGREGATES_BEHIND)]);
  });
}

export async function bumpMeta(db: ReplyPaceDb, key: string, by: number): Promise<void> {
  const current = await db.meta.get(key);
  await db.meta.put({ key, value: (typeof current?.value === 'number' ? current.value : 0) + by });
}
