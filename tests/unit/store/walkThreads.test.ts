import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import type { MessageSeen } from '../../../src/core/types.ts';
import { openDatabase, type ReplyPaceDb, type ThreadRecord } from '../../../src/store/db.ts';
import type { ClientDirectory } from '../../../src/store/directory.ts';
import { ingestWithDirectory, rebuildWithDirectory } from '../../../src/store/ingest.ts';
import { forEachThreadChunk } from '../../../src/store/walkThreads.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const MONDAY_9 = Date.UTC(2026, 5, 15, 9);
const NOW = MONDAY_9 + 7 * 24 * HOUR;
const ME = 'me@mine.com';

// Property runs print their seed; FC_SEED=<n> replays one.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`thread walk properties: FC_SEED=${SEED}`);

function directory(zone = 'UTC', grouped = false): ClientDirectory {
  const schedule = defaultSchedule(zone);
  return {
    isOwnAddress: (address, account) => address === account,
    profileFor(address) {
      const domain = address.split('@')[1] ?? address;
      const key = grouped ? 'client:everyone' : `domain:${domain}`;
      return { key, name: grouped ? 'Everyone' : domain, schedule, instantThresholdMs: 15 * MIN, tracked: true };
    },
  };
}

let databases: ReplyPaceDb[] = [];
function freshDb(): ReplyPaceDb {
  const db = openDatabase(`replypace-walk-${databases.length}-${Math.random()}`);
  databases.push(db);
  return db;
}
afterEach(async () => {
  for (const db of databases) await db.delete();
  databases = [];
});

/** `count` threads of one client message and one reply each, with ids that sort as strings do. */
async function storeThreads(db: ReplyPaceDb, count: number): Promise<string[]> {
  const messages: MessageSeen[] = [];
  for (let i = 0; i < count; i++) {
    const client = `c@client${i % 4}.com`;
    messages.push({ id: `in-${i}`, threadId: `t-${i}`, from: client, to: [ME], at: MONDAY_9 + i * MIN }, { id: `out-${i}`, threadId: `t-${i}`, from: ME, to: [client], at: MONDAY_9 + i * MIN + HOUR });
  }
  await ingestWithDirectory(db, 'gmail', ME, messages, directory(), NOW);
  return messages.filter((_, i) => i % 2 === 0).map((m) => m.threadId).sort();
}

describe('forEachThreadChunk', () => {
  it('visits every thread once, in key order, never more than a chunk at a time', async () => {
    const db = freshDb();
    const ids = await storeThreads(db, 23);
    for (const size of [1, 3, 23, 5, 100]) {
      const seen: string[] = [];
      const sizes: number[] = [];
      await forEachThreadChunk(db, (threads) => {
        sizes.push(threads.length);
        seen.push(...threads.map((t) => t.threadId));
      }, size);
      expect(seen, `chunks of ${size}`).toEqual(ids);
      expect(Math.max(...sizes), `chunks of ${size}`).toBeLessThanOrEqual(size);
      expect(sizes.length, `chunks of ${size}`).toBe(Math.ceil(23 / size));
    }
  });

  it('is not disturbed by the visitor writing its threads back, changed, inside one transaction', async () => {
    const db = freshDb();
    const ids = await storeThreads(db, 11);
    const seen: string[] = [];
    await db.transaction('rw', db.threads, () =>
      forEachThreadChunk(db, async (threads) => {
        seen.push(...threads.map((t) => t.threadId));
        await db.threads.bulkPut(threads.map((t): ThreadRecord => ({ ...t, lastAt: 1 })));
      }, 4),
    );
    expect(seen).toEqual(ids);
    expect((await db.threads.toArray()).every((t) => t.lastAt === 1)).toBe(true);
  });

  it('visits nothing in an empty store, and refuses a chunk of no threads', async () => {
    const db = freshDb();
    let visits = 0;
    await forEachThreadChunk(db, () => void (visits += 1), 3);
    expect(visits).toBe(0);
    await expect(forEachThreadChunk(db, () => undefined, 0)).rejects.toThrow(RangeError);
  });
});

describe('rebuild walking the threads in chunks', () => {
  it('gives exactly the threads and aggregates of a rebuild that reads every thread at once', async () => {
    const message = fc.record({
      thread: fc.integer({ min: 0, max: 12 }),
      out: fc.boolean(),
      client: fc.constantFrom('bob@acme.com', 'ann@beta.io', 'cy@gamma.org'),
      at: fc.integer({ min: 0, max: 200 * 24 * 60 }).map((m) => NOW - m * MIN),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('UTC', 'America/New_York', 'Australia/Lord_Howe'), async (raw, chunk, zone) => {
        const messages = raw.map((m, i): MessageSeen => (m.out ? { id: `m${i}`, threadId: `t${m.thread}`, from: ME, to: [m.client], at: m.at } : { id: `m${i}`, threadId: `t${m.thread}`, from: m.client, to: [ME], at: m.at }));
        const [chunked, whole] = [freshDb(), freshDb()];
        for (const db of [chunked, whole]) await ingestWithDirectory(db, 'gmail', ME, messages, directory(), NOW);
        // New rules (another zone, every client as one): every pair and aggregate changes.
        await rebuildWithDirectory(chunked, directory(zone, true), { chunkSize: chunk });
        await rebuildWithDirectory(whole, directory(zone, true), { chunkSize: 1_000_000 });
        expect(await chunked.threads.toArray()).toEqual(await whole.threads.toArray());
        expect(await chunked.aggregates.toArray()).toEqual(await whole.aggregates.toArray());
        expect((await chunked.aggregates.toArray()).map((a) => a.clientKey)).toEqual((await chunked.threads.toArray()).some((t) => t.pairs.length > 0) ? ['client:everyone'] : []);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
