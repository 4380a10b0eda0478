/**
 * The store benchmark's in-page half: bundled by store.bench.ts with esbuild and run in headless
 * Chromium, so that ingestion, rebuilds and norms reads are measured against real IndexedDB.
 *
 * Each is measured beside its baseline, what IndexedDB alone costs for the same data, in the same
 * page: the thread records the ingestion ended up storing, written raw in the same batches (no
 * reads, no pairing, no aggregates); the aggregates read raw (no summarising); every thread read and
 * written back raw (no re-pairing).
 */
import { defaultSchedule } from '../../src/core/schedule.ts';
import type { MessageSeen } from '../../src/core/types.ts';
import { openDatabase, type ReplyPaceDb, type ThreadRecord } from '../../src/store/db.ts';
import type { ClientDirectory } from '../../src/store/directory.ts';
import { inTurn, META_NORMS_SNAPSHOT, writePending } from '../../src/store/aggregateBuffer.ts';
import { ingestWithDirectory, rebuildWithDirectory } from '../../src/store/ingest.ts';
import { listNorms } from '../../src/store/queries.ts';

const HOUR = 3_600_000;
const ME = 'me@mine.com';
const NOW = Date.UTC(2026, 5, 15, 12);

/** Each outside domain is a client working Mon–Fri 9–17 in one of a few zones. */
function benchDirectory(): ClientDirectory {
  const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'];
  const schedules = zones.map((zone) => defaultSchedule(zone));
  const cache = new Map<string, ReturnType<ClientDirectory['profileFor']>>();
  return {
    isOwnAddress: (address, account) => address === account,
    profileFor(address, _account) {
      const domain = address.slice(address.indexOf('@') + 1);
      let profile = cache.get(domain);
      if (!profile) {
        const n = Number(domain.replace(/\D/g, '')) || 0;
        profile = { key: `domain:${domain}`, name: domain, schedule: schedules[n % schedules.length]!, instantThresholdMs: 15 * 60_000, tracked: true };
        cache.set(domain, profile);
      }
      return profile;
    },
  };
}

/**
 * Deterministic mail: threads of 6 alternating messages (client, user, …) spread over the 180
 * days before NOW, cycling through `clients` clients.
 */
function makeMessages(count: number, clients: number, offset: number): MessageSeen[] {
  const messages: MessageSeen[] = [];
  let seed = 12345 + offset;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0, t = 0; i < count; t++) {
    const thread = offset + t;
    const client = `c${thread % clients}@client${thread % clients}.example`;
    // Threads start 2 to 180 days ago and last at most two days, so none is dated in the future.
    let at = NOW - (2 * 24 + Math.floor(random() * 178 * 24)) * HOUR;
    for (let k = 0; k < 6 && i < count; k++, i++) {
      const mine = k % 2 === 1;
      messages.push({
        id: (offset + i).toString(16).padStart(16, '0'),
        threadId: `thread-${thread}`,
        from: mine ? ME : client,
        to: mine ? [client] : [ME],
        at,
      });
      at += Math.floor(random() * 8 * HOUR) + 60_000;
    }
  }
  return messages;
}

async function timeIngest(name: string, messages: MessageSeen[], batchSize: number, options: { fresh?: boolean } = {}): Promise<number> {
  const db = openDatabase(name);
  if (options.fresh) await db.delete();
  await db.open();
  const directory = benchDirectory();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) {
    await ingestWithDirectory(db, 'gmail', ME, messages.slice(i, i + batchSize), directory, NOW);
  }
  // Until the last aggregates are stored too (ingestion writes them behind the threads).
  await writePending(db);
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

/** A request or transaction settled, as a promise. */
function settled(target: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in target) {
      target.oncomplete = () => resolve();
      target.onabort = target.onerror = () => reject(target.error);
    } else {
      target.onsuccess = () => resolve();
      target.onerror = () => reject(target.error);
    }
  });
}

/** An empty database with the store's schema (same object stores, same indexes), opened raw. */
async function emptyRawDatabase(name: string): Promise<IDBDatabase> {
  const db = openDatabase(name);
  await db.delete();
  await db.open();
  return db.backendDB();
}

/** Every stored thread record, by id, read raw. */
async function storedThreads(name: string): Promise<Map<string, ThreadRecord>> {
  const db = openDatabase(name);
  await db.open();
  const request = db.backendDB().transaction('threads').objectStore('threads').getAll();
  await settled(request);
  db.close();
  return new Map((request.result as ThreadRecord[]).map((t) => [t.threadId, t]));
}

/**
 * The ingestion's baseline: the thread records it stored, put raw in the same batches (one
 * transaction per batch of messages, each thread the batch touched written once), into an empty
 * database with the same schema. No reads, no pairing, no aggregates.
 */
async function timeRawWrite(name: string, messages: MessageSeen[], batchSize: number, records: Map<string, ThreadRecord>): Promise<number> {
  const batches: ThreadRecord[][] = [];
  for (let i = 0; i < messages.length; i += batchSize) {
    const ids = new Set(messages.slice(i, i + batchSize).map((m) => m.threadId));
    batches.push([...ids].map((id) => records.get(id)!));
  }
  const idb = await emptyRawDatabase(name);
  const started = performance.now();
  for (const batch of batches) {
    const tx = idb.transaction('threads', 'readwrite');
    const store = tx.objectStore('threads');
    for (const record of batch) store.put(record);
    await settled(tx);
  }
  const elapsed = performance.now() - started;
  idb.close();
  return elapsed;
}

/** listNorms's baseline: every aggregate read raw, nothing summarised. */
async function timeRawAggregatesRead(db: ReplyPaceDb): Promise<number> {
  const started = performance.now();
  const request = db.backendDB().transaction('aggregates').objectStore('aggregates').getAll();
  await settled(request);
  if (!Array.isArray(request.result)) throw new Error('no aggregates read');
  return performance.now() - started;
}

/** The rebuild's baseline: every thread read and written back as it is, raw, in one transaction. */
async function timeRawRewrite(db: ReplyPaceDb): Promise<number> {
  const started = performance.now();
  const tx = db.backendDB().transaction('threads', 'readwrite');
  const store = tx.objectStore('threads');
  const request = store.getAll();
  await settled(request);
  for (const record of request.result as ThreadRecord[]) store.put(record);
  await settled(tx);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface StoreBenchResult {
  bulkMessages: number;
  /** One per round: ingestion and its raw baseline alternate, so a busy moment hits both. */
  ingestBulkMs: number[];
  rawWriteBulkMs: number[];
  ingestThreadBatchesMs: number[];
  rawWriteThreadBatchesMs: number[];
  threadBatchCount: number;
  normsReadMs: number[];
  /** listNorms answered from its snapshot (nothing changed since the read before). */
  normsSnapshotReadMs: number[];
  rawAggregatesReadMs: number[];
  clientsRead: number;
  messagesStored: number;
  threadsStored: number;
  /** The rebuild's baseline: every thread read and written back raw (median of 3). */
  rawRewriteMs: number;
}

/**
 * REPLYPACE_BENCH_STORE_MESSAGES and _ROUNDS (passed in by store.bench.ts) shrink the run while
 * developing.
 */
export async function runStoreBench(bulkMessages = 100_000, rounds = 3): Promise<StoreBenchResult> {
  const CLIENTS = 500;
  const first = makeMessages(bulkMessages, CLIENTS, 0);
  // Thread by thread (6 messages a batch), as a tab sends them while the user reads.
  const perThread = makeMessages(Math.round(bulkMessages * 0.12), CLIENTS, 10_000_000);
  const ingestBulkMs: number[] = [];
  const rawWriteBulkMs: number[] = [];
  const ingestThreadBatchesMs: number[] = [];
  const rawWriteThreadBatchesMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Bulk: batches of 1,000, as when a backlog of threads is read.
    ingestBulkMs.push(await timeIngest('bench-bulk', first, 1000, { fresh: true }));
    rawWriteBulkMs.push(await timeRawWrite('bench-raw', first, 1000, await storedThreads('bench-bulk')));
    ingestThreadBatchesMs.push(await timeIngest('bench-threads', perThread, 6, { fresh: true }));
    rawWriteThreadBatchesMs.push(await timeRawWrite('bench-raw', perThread, 6, await storedThreads('bench-threads')));
  }

  // Grow the bulk database to twice the messages, then read all clients' norms, alternating with
  // the raw read of their aggregates.
  const second = makeMessages(bulkMessages, CLIENTS, 10 * bulkMessages);
  await timeIngest('bench-bulk', second, 1000);
  const db = openDatabase('bench-bulk');
  await db.open();
  const normsReadMs: number[] = [];
  const normsSnapshotReadMs: number[] = [];
  const rawAggregatesReadMs: number[] = [];
  let clientsRead = 0;
  // Whatever listNorms queued after answering (keeping its snapshot) is done once a turn of its own has run.
  const settledTurn = () => inTurn(db, async () => undefined);
  for (let run = 0; run < 15; run++) {
    rawAggregatesReadMs.push(await timeRawAggregatesRead(db));
    // Every aggregate read and summarised: the snapshot deleted first (store/normsSnapshot.ts).
    await settledTurn();
    await db.meta.delete(META_NORMS_SNAPSHOT);
    let started = performance.now();
    const norms = await listNorms(db, NOW);
    normsReadMs.push(performance.now() - started);
    clientsRead = norms.length;
    // From the snapshot that read kept, as a background started again answers.
    await settledTurn();
    if (!(await db.meta.get(META_NORMS_SNAPSHOT))) throw new Error('listNorms kept no snapshot');
    started = performance.now();
    const kept = await listNorms(db, NOW);
    normsSnapshotReadMs.push(performance.now() - started);
    if (kept.length !== norms.length) throw new Error('the snapshot gave another list');
  }
  const threads = await storedThreads('bench-bulk');
  const messagesStored = [...threads.values()].reduce((n, t) => n + t.messages.length, 0);
  const threadsStored = threads.size;
  threads.clear();
  const rawRewriteMs = median([await timeRawRewrite(db), await timeRawRewrite(db), await timeRawRewrite(db)]);
  db.close();
  return {
    bulkMessages,
    ingestBulkMs,
    rawWriteBulkMs,
    ingestThreadBatchesMs,
    rawWriteThreadBatchesMs,
    threadBatchCount: perThread.length,
    normsReadMs,
    normsSnapshotReadMs,
    rawAggregatesReadMs,
    clientsRead,
    messagesStored,
    threadsStored,
    rawRewriteMs,
  };
}

/**
 * A settings change rebuilds every pair and aggregate: timed on the database runStoreBench filled.
 * Run on its own so that store.bench.ts can watch the heap while it runs. Returns milliseconds.
 */
export async function runRebuildBench(): Promise<number> {
  const db = openDatabase('bench-bulk');
  await db.open();
  const started = performance.now();
  await rebuildWithDirectory(db, benchDirectory());
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

Object.assign(globalThis, { runStoreBench, runRebuildBench });
