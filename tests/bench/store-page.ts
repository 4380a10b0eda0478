/**
 * The store benchmark's in-page half: bundled by store.bench.ts with esbuild and run in headless
 * Chromium, so that ingestion and norms reads are measured against real IndexedDB.
 */
import { defaultSchedule } from '../../src/core/schedule.ts';
import type { MessageSeen } from '../../src/core/types.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { ClientDirectory } from '../../src/store/directory.ts';
import { ingestWithDirectory } from '../../src/store/ingest.ts';
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

async function timeIngest(name: string, messages: MessageSeen[], batchSize: number): Promise<number> {
  const db = openDatabase(name);
  await db.open();
  const directory = benchDirectory();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) {
    await ingestWithDirectory(db, 'gmail', ME, messages.slice(i, i + batchSize), directory, NOW);
  }
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

export interface StoreBenchResult {
  ingest100kMs: number;
  ingestThreadBatchesMs: number;
  threadBatchCount: number;
  normsReadMs: number[];
  clientsRead: number;
  messagesStored: number;
}

export async function runStoreBench(): Promise<StoreBenchResult> {
  const CLIENTS = 500;
  const first = makeMessages(100_000, CLIENTS, 0);
  // Bulk: batches of 1,000, as when a backlog of threads is read.
  const ingest100kMs = await timeIngest('bench-bulk', first, 1000);

  // Thread by thread (6 messages a batch), as a tab sends them while the user reads.
  const perThread = makeMessages(12_000, CLIENTS, 10_000_000);
  const ingestThreadBatchesMs = await timeIngest('bench-threads', perThread, 6);

  // Grow the bulk database to 200,000 messages, then read all clients' norms.
  const second = makeMessages(100_000, CLIENTS, 100_000);
  await timeIngest('bench-bulk', second, 1000);
  const db = openDatabase('bench-bulk');
  await db.open();
  const normsReadMs: number[] = [];
  let clientsRead = 0;
  for (let run = 0; run < 15; run++) {
    const started = performance.now();
    const norms = await listNorms(db, NOW);
    normsReadMs.push(performance.now() - started);
    clientsRead = norms.length;
  }
  const messagesStored = (await db.threads.toArray()).reduce((n, t) => n + t.messages.length, 0);
  db.close();
  return { ingest100kMs, ingestThreadBatchesMs, threadBatchCount: perThread.length, normsReadMs, clientsRead, messagesStored };
}

(globalThis as unknown as { runStoreBench: typeof runStoreBench }).runStoreBench = runStoreBench;
