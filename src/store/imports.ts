/**
 * Writing and undoing a history import. Each is ONE IndexedDB transaction: a closed tab, a
 * stopped background or an error part-way leaves the database as it was.
 *
 * Imported messages merge with what live reading stored: the same Gmail message is the same id in
 * the same thread, stored once. Only the messages an import adds carry its id, so undoing it
 * removes exactly those, and the threads' pairs and the clients' aggregates are worked out again.
 */
import type { ImportThread } from '../core/history/preview.ts';
import type { Instant } from '../core/types.ts';
import { lastAtOf, type ImportRecord, type ReplyPaceDb, type StoredMessage, type StoredPair, type ThreadRecord } from './db.ts';
import type { ClientDirectory } from './directory.ts';
import { applyPairChanges, withPairs } from './ingest.ts';
import { inTurnWithPendingWritten } from './aggregateBuffer.ts';
import { raiseRevision } from './revision.ts';

export interface ImportToWrite {
  importId: string;
  fileKey: string;
  label: string;
  account: string;
  createdAt: Instant;
  dateRange: { from: Instant; to: Instant } | null;
  threads: readonly ImportThread[];
}

export interface ImportWritten {
  record: ImportRecord;
  /** Messages already stored (from live reading or another import): kept as they were. */
  known: number;
  /** Earlier imports of the same files that this one replaced. */
  replaced: string[];
  changedClients: string[];
}

function byTime(a: StoredMessage, b: StoredMessage): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Takes the messages of the given imports out of the threads, re-pairs them and updates the
 * aggregates; threads left empty are deleted. Runs inside the caller's transaction. `adding`
 * then puts the new import's messages in, in the same pass.
 */
async function rewriteThreads(
  db: ReplyPaceDb,
  directory: ClientDirectory,
  threadIds: readonly string[],
  removing: ReadonlySet<string>,
  adding: { importId: string; account: string; threads: Map<string, ImportThread> } | null,
): Promise<{ changedClients: string[]; added: number; known: number; pairs: number; clientKeys: Set<string>; written: string[] }> {
  const stored = await db.threads.bulkGet([...threadIds]);
  const changes: Array<{ before: StoredPair[]; thread: ThreadRecord }> = [];
  const emptied: string[] = [];
  let added = 0;
  let known = 0;
  let pairs = 0;
  const clientKeys = new Set<string>();
  const written: string[] = [];
  threadIds.forEach((threadId, i) => {
    const existing = stored[i];
    const kept = (existing?.messages ?? []).filter((m) => m.importId === undefined || !removing.has(m.importId));
    const incoming = adding?.threads.get(threadId);
    let messages = kept;
    if (incoming && adding) {
      const ids = new Set(kept.map((m) => m.id));
      const fresh: StoredMessage[] = [];
      for (const m of incoming.messages) {
        if (ids.has(m.id)) {
          known++;
          continue;
        }
        ids.add(m.id);
        const first = m.counterparts[0];
        fresh.push({
          id: m.id,
          direction: m.direction,
          counterparts: m.counterparts,
          clientKey: first ? directory.profileFor(first, adding.account).key : null,
          at: m.at,
          importId: adding.importId,
          ...(m.offset === null ? {} : { offset: m.offset }),
        });
      }
      added += fresh.length;
      messages = fresh.length > 0 ? [...kept, ...fresh].sort(byTime) : kept;
    }
    if (existing && messages.length === existing.messages.length && !incoming) return;
    if (messages.length === 0) {
      if (existing) {
        emptied.push(threadId);
        changes.push({ before: existing.pairs, thread: { ...existing, messages: [], pairs: [], clientKeys: [] } });
      }
      return;
    }
    const base: ThreadRecord = existing ?? {
      threadId,
      site: incoming?.site ?? 'import',
      account: adding?.account ?? '',
      messages: [],
      pairs: [],
      clientKeys: [],
      lastAt: 0,
    };
    const thread = withPairs({ ...base, messages, lastAt: lastAtOf(messages) }, directory);
    if (incoming) {
      written.push(threadId);
      const ownMessages = new Set(messages.filter((m) => m.importId === adding?.importId).map((m) => m.id));
      for (const pair of thread.pairs) {
        if (ownMessages.has(pair.replyId) || ownMessages.has(pair.inboundId)) {
          pairs++;
          clientKeys.add(pair.clientKey);
        }
      }
    }
    changes.push({ before: existing?.pairs ?? [], thread });
  });
  const changedClients = await applyPairChanges(db, changes, directory);
  const kept = changes.map((c) => c.thread).filter((t) => t.messages.length > 0);
  await Promise.all([kept.length > 0 ? db.threads.bulkPut(kept) : null, emptied.length > 0 ? db.threads.bulkDelete(emptied) : null]);
  return { changedClients, added, known, pairs, clientKeys, written };
}

/**
 * Writes an import in one transaction. Earlier imports of the same files are taken out first, in
 * the same transaction: importing the same file again replaces it.
 */
export async function writeImport(db: ReplyPaceDb, input: ImportToWrite, directory: ClientDirectory): Promise<ImportWritten> {
  // In turn with the aggregates' other uses, the pending ones written first (aggregateBuffer.ts).
  return inTurnWithPendingWritten(db, () =>
    db.transaction('rw', [db.threads, db.aggregates, db.imports, db.meta], async () => {
      const previous = await db.imports.where('fileKey').equals(input.fileKey).toArray();
      const replaced = previous.map((p) => p.importId);
      const incoming = new Map(input.threads.map((t) => [t.threadId, t]));
      const threadIds = [...new Set([...incoming.keys(), ...previous.flatMap((p) => p.threadIds)])];
      const result = await rewriteThreads(db, directory, threadIds, new Set(replaced), { importId: input.importId, account: input.account, threads: incoming });
      const record: ImportRecord = {
        importId: input.importId,
        fileKey: input.fileKey,
        label: input.label,
        createdAt: input.createdAt,
        account: input.account,
        threadIds: result.written,
        messages: result.added,
        pairs: result.pairs,
        clientKeys: [...result.clientKeys].sort(),
        dateRange: input.dateRange,
      };
      if (replaced.length > 0) await db.imports.bulkDelete(replaced);
      await db.imports.put(record);
      await raiseRevision(db);
      return { record, known: result.known, replaced, changedClients: result.changedClients };
    }),
  );
}

/** Removes exactly what an import added, in one transaction. False when there is no such import. */
export async function undoImport(db: ReplyPaceDb, importId: string, directory: ClientDirectory): Promise<{ undone: boolean; changedClients: string[] }> {
  // In turn with the aggregates' other uses, the pending ones written first (aggregateBuffer.ts).
  return inTurnWithPendingWritten(db, () =>
    db.transaction('rw', [db.threads, db.aggregates, db.imports, db.meta], async () => {
      const record = await db.imports.get(importId);
      if (!record) return { undone: false, changedClients: [] };
      const result = await rewriteThreads(db, directory, record.threadIds, new Set([importId]), null);
      await db.imports.delete(importId);
      await raiseRevision(db);
      return { undone: true, changedClients: result.changedClients };
    }),
  );
}

/** Every import, newest first. */
export async function listImports(db: ReplyPaceDb): Promise<ImportRecord[]> {
  const records = await db.imports.toArray();
  return records.sort((a, b) => b.createdAt - a.createdAt);
}
