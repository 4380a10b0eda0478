import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import type { MessageSeen } from '../../../src/core/types.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/db.ts';
import { writePending } from '../../../src/store/aggregateBuffer.ts';
import type { ClientDirectory } from '../../../src/store/directory.ts';
import { ingestWithDirectory } from '../../../src/store/ingest.ts';
import { listNorms, listNormsChanged } from '../../../src/store/queries.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 5, 22, 12);
const ME = 'me@mine.com';

// Property runs print their seed; FC_SEED=<n> replays one.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`norms changed properties: FC_SEED=${SEED}`);

const zones = ['UTC', 'America/New_York', 'Australia/Lord_Howe'];
const directory: ClientDirectory = {
  isOwnAddress: (address, account) => address === account,
  profileFor(address) {
    const domain = address.split('@')[1] ?? address;
    const n = Number(domain.replace(/\D/g, '')) || 0;
    return { key: `domain:${domain}`, name: domain, schedule: defaultSchedule(zones[n % zones.length]!), instantThresholdMs: 15 * MIN, tracked: true };
  },
};

let databases: ReplyPaceDb[] = [];
afterEach(async () => {
  for (const db of databases) await db.delete();
  databases = [];
});

const mail = fc.record({
  thread: fc.integer({ min: 0, max: 8 }),
  out: fc.boolean(),
  client: fc.integer({ min: 0, max: 5 }).map((n) => `c@client${n}.com`),
  minutesAgo: fc.integer({ min: 0, max: 150 * 24 * 60 }),
});
const toMessages = (batch: { thread: number; out: boolean; client: string; minutesAgo: number }[], prefix: string): MessageSeen[] =>
  batch.map((m, i) => ({
    id: `${prefix}${i}`,
    threadId: `t${m.thread}`,
    from: m.out ? ME : m.client,
    to: m.out ? [m.client] : [ME],
    at: NOW - m.minutesAgo * MIN,
  }));

describe('norms of the clients that changed, merged into a kept answer', () => {
  it('are exactly what a full read gives at the same time, whatever changed (new, changed and vanished clients)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mail, { maxLength: 30 }), fc.array(fc.array(mail, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }), async (before, batches) => {
        const db = openDatabase(`norms-changed-${Math.random()}`);
        databases.push(db);
        await ingestWithDirectory(db, 'gmail', ME, toMessages(before, 'a'), directory, NOW);
        let answer = await listNorms(db, NOW);
        for (const [b, batch] of batches.entries()) {
          const { changedClients } = await ingestWithDirectory(db, 'gmail', ME, toMessages(batch, `b${b}-`), directory, NOW);
          answer = await listNormsChanged(db, answer, changedClients, NOW);
          expect(answer).toEqual(await listNorms(db, NOW));
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('drops a client whose replies are all gone', async () => {
    const db = openDatabase(`norms-changed-${Math.random()}`);
    databases.push(db);
    const messages = toMessages([{ thread: 1, out: false, client: 'c@client1.com', minutesAgo: 600 }, { thread: 1, out: true, client: 'c@client1.com', minutesAgo: 500 }], 'x');
    await ingestWithDirectory(db, 'gmail', ME, messages, directory, NOW);
    const answer = await listNorms(db, NOW);
    expect(answer.map((n) => n.clientKey)).toEqual(['domain:client1.com']);
    await writePending(db);
    await db.aggregates.delete('domain:client1.com');
    expect(await listNormsChanged(db, answer, ['domain:client1.com'], NOW)).toEqual([]);
  });
});
