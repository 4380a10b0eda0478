import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import type { MessageSeen, WorkSchedule } from '../../../src/core/types.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/db.ts';
import { writePending } from '../../../src/store/aggregateBuffer.ts';
import type { ClientDirectory, ClientProfile } from '../../../src/store/directory.ts';
import { ingestWithDirectory, META_SKIPPED_FUTURE, rebuildWithDirectory } from '../../../src/store/ingest.ts';
import { lastUnansweredInbound, listNorms, pairsForClient } from '../../../src/store/queries.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Monday 2026-06-15 09:00 UTC.
const MONDAY_9 = Date.UTC(2026, 5, 15, 9);
const NOW = MONDAY_9 + 7 * 24 * HOUR;
const ME = 'me@mine.com';

/** Every outside address is its own domain's client, on Mon–Fri 9–17 UTC, instant under 15 min. */
function directory(overrides: { schedule?: WorkSchedule; groupAll?: boolean } = {}): ClientDirectory {
  const schedule = overrides.schedule ?? defaultSchedule('UTC');
  return {
    isOwnAddress: (address, account) => address === account || address === 'me@alias.com',
    profileFor(address, _account): ClientProfile {
      const domain = address.split('@')[1] ?? address;
      const key = overrides.groupAll ? 'client:everyone' : `domain:${domain}`;
      return { key, name: overrides.groupAll ? 'Everyone' : domain, schedule, instantThresholdMs: 15 * MIN, tracked: domain !== 'mine.com' };
    },
  };
}

function inbound(id: string, threadId: string, at: number, from = 'bob@acme.com'): MessageSeen {
  return { id, threadId, from, to: [ME], at };
}
function outbound(id: string, threadId: string, at: number, to = 'bob@acme.com'): MessageSeen {
  return { id, threadId, from: ME, to: [to], at };
}

let databases: ReplyPaceDb[] = [];
let counter = 0;
function freshDb(): ReplyPaceDb {
  counter += 1;
  const db = openDatabase(`replypace-ingest-${counter}-${Math.random()}`);
  databases.push(db);
  return db;
}
afterEach(async () => {
  for (const db of databases) await db.delete();
  databases = [];
});

const allMessages = async (db: ReplyPaceDb) => (await db.threads.toArray()).flatMap((t) => t.messages);
const allPairs = async (db: ReplyPaceDb) => (await db.threads.toArray()).flatMap((t) => t.pairs);

const ingest = (db: ReplyPaceDb, messages: MessageSeen[], dir = directory()) => ingestWithDirectory(db, 'gmail', ME, messages, dir, NOW);

describe('ingestMessages', () => {
  const thread = [inbound('a1', 't1', MONDAY_9), outbound('r1', 't1', MONDAY_9 + 2 * HOUR)];

  it('stores the same message seen from five tabs once, and counts the reply once', async () => {
    const db = freshDb();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => ingest(db, thread)));
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(2);
    expect(await allMessages(db)).toHaveLength(2);
    expect(await allPairs(db)).toHaveLength(1);
    const [norms] = await listNorms(db, NOW);
    expect(norms).toMatchObject({ clientKey: 'domain:acme.com', name: 'acme.com', summary: { count: 1 } });
    expect(norms!.summary.medianWorkingMs! / (2 * HOUR)).toBeCloseTo(1, 1);
  });

  it('tells the user\'s own messages (account or alias) from the client\'s and keeps metadata only', async () => {
    const db = freshDb();
    const withContent = { ...inbound('a1', 't1', MONDAY_9), subject: 'Renewal terms', body: 'Secret figures' } as MessageSeen;
    await ingest(db, [withContent, { ...outbound('r1', 't1', MONDAY_9 + HOUR), from: 'me@alias.com', to: ['bob@acme.com', ME] }]);
    const stored = await allMessages(db);
    expect(stored.map((m) => [m.id, m.direction, m.counterparts])).toEqual([
      ['a1', 'in', ['bob@acme.com']],
      ['r1', 'out', ['bob@acme.com']],
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/Renewal|Secret|subject|body/);
    expect(stored[0]).toMatchObject({ clientKey: 'domain:acme.com' });
    expect(await db.threads.get('t1')).toMatchObject({ site: 'gmail', account: ME });
  });

  it('re-pairs a thread when an earlier client message turns up later, replacing the old pair', async () => {
    const db = freshDb();
    await ingest(db, thread);
    // The client had also written an hour before: the wait started then.
    await ingest(db, [inbound('a0', 't1', MONDAY_9 - HOUR)]);
    const pairs = await allPairs(db);
    expect(pairs).toMatchObject([{ replyId: 'r1', inboundId: 'a0', wallMs: 3 * HOUR }]);
    const [norms] = await listNorms(db, NOW);
    expect(norms!.summary.count).toBe(1);
    expect(norms!.summary.medianWallMs! / (3 * HOUR)).toBeCloseTo(1, 1);
  });

  it('counts instant and after-hours replies in the client\'s schedule', async () => {
    const db = freshDb();
    const saturday = Date.UTC(2026, 5, 20, 22);
    await ingest(db, [
      inbound('a1', 't1', MONDAY_9), outbound('r1', 't1', MONDAY_9 + 5 * MIN),
      inbound('a2', 't2', saturday), outbound('r2', 't2', saturday + HOUR),
    ]);
    const [norms] = await listNorms(db, NOW);
    expect(norms!.summary).toMatchObject({ count: 2, instantShare: 0.5, afterHoursShare: 0.5 });
  });

  it('does not throw for a client whose schedule has no working time', async () => {
    const db = freshDb();
    const never: WorkSchedule = { timeZone: 'UTC', week: [[], [], [], [], [], [], []], holidays: [] };
    await ingest(db, thread, directory({ schedule: never }));
    expect(await allPairs(db)).toMatchObject([{ workingMs: 0, afterHours: true }]);
  });

  it('refuses messages dated in the future and counts them', async () => {
    const db = freshDb();
    const result = await ingest(db, [inbound('x', 't9', NOW + 30 * 24 * HOUR), ...thread]);
    expect(result).toMatchObject({ added: 2, skipped: 1 });
    expect(await db.meta.get(META_SKIPPED_FUTURE)).toMatchObject({ value: 1 });
  });

  it('learns nothing from colleagues', async () => {
    const db = freshDb();
    await ingest(db, [inbound('c1', 't1', MONDAY_9, 'pat@mine.com'), outbound('c2', 't1', MONDAY_9 + MIN, 'pat@mine.com')]);
    expect(await allMessages(db)).toHaveLength(2);
    expect(await listNorms(db, NOW)).toEqual([]);
  });

  it('reads norms from the aggregates alone, not from the history', async () => {
    const db = freshDb();
    await ingest(db, thread);
    const before = await listNorms(db, NOW);
    await db.threads.clear();
    expect(await listNorms(db, NOW)).toEqual(before);
  });

  it('gives the same pairs and aggregates however the messages arrive (batches, order, repeats)', async () => {
    const clients = ['bob@acme.com', 'ann@beta.io', 'cy@gamma.org'];
    const message = fc.record({
      thread: fc.integer({ min: 0, max: 3 }),
      out: fc.boolean(),
      client: fc.constantFrom(...clients),
      at: fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => MONDAY_9 - 7 * 24 * HOUR + m * MIN),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 25 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1 }), async (raw, cuts) => {
        const messages = raw.map((m, i) => (m.out ? outbound(`m${i}`, `t${m.thread}`, m.at, m.client) : inbound(`m${i}`, `t${m.thread}`, m.at, m.client)));
        const incremental = freshDb();
        // Reversed, cut into uneven batches, with a repeat of the first batch at the end.
        const reversed = [...messages].reverse();
        const batches: MessageSeen[][] = [];
        for (let i = 0, c = 0; i < reversed.length; c++) {
          const size = (cuts[c % cuts.length] ?? 0) + 1;
          batches.push(reversed.slice(i, i + size));
          i += size;
        }
        for (const batch of [...batches, batches[0]!]) await ingest(incremental, batch);
        const oneGo = freshDb();
        await ingest(oneGo, messages);
        await rebuildWithDirectory(oneGo, directory());

        const byKey = <T extends { clientKey?: string; replyId?: string; threadId?: string }>(rows: T[]) =>
          rows.sort((a, b) => String(a.replyId ?? a.threadId ?? a.clientKey).localeCompare(String(b.replyId ?? b.threadId ?? b.clientKey)));
        expect(byKey(await allPairs(incremental))).toEqual(byKey(await allPairs(oneGo)));
        expect(byKey(await incremental.threads.toArray())).toEqual(byKey(await oneGo.threads.toArray()));
        await Promise.all([writePending(incremental), writePending(oneGo)]);
        expect(byKey(await incremental.aggregates.toArray())).toEqual(byKey(await oneGo.aggregates.toArray()));
        await incremental.delete();
        await oneGo.delete();
      }),
      { numRuns: 40 },
    );
  });

  it('rebuilds aggregates under new client rules', async () => {
    const db = freshDb();
    await ingest(db, [...thread, inbound('b1', 't2', MONDAY_9, 'ann@beta.io'), outbound('b2', 't2', MONDAY_9 + HOUR, 'ann@beta.io')]);
    expect((await listNorms(db, NOW)).map((n) => n.clientKey).sort()).toEqual(['domain:acme.com', 'domain:beta.io']);
    await rebuildWithDirectory(db, directory({ groupAll: true }));
    const norms = await listNorms(db, NOW);
    expect(norms).toMatchObject([{ clientKey: 'client:everyone', name: 'Everyone', summary: { count: 2 } }]);
    expect(new Set((await allMessages(db)).map((m) => m.clientKey))).toEqual(new Set(['client:everyone']));
  });
});

describe('pairsForClient', () => {
  it('lists one client\'s replies in a time window, oldest first', async () => {
    const db = freshDb();
    await ingest(db, [
      inbound('a1', 't1', MONDAY_9), outbound('r1', 't1', MONDAY_9 + HOUR),
      inbound('a2', 't2', MONDAY_9 + 2 * HOUR), outbound('r2', 't2', MONDAY_9 + 3 * HOUR),
      inbound('b1', 't3', MONDAY_9, 'ann@beta.io'), outbound('s1', 't3', MONDAY_9 + HOUR, 'ann@beta.io'),
    ]);
    expect((await pairsForClient(db, 'domain:acme.com', 0, NOW)).map((p) => p.replyId)).toEqual(['r1', 'r2']);
    expect((await pairsForClient(db, 'domain:acme.com', MONDAY_9 + 2 * HOUR, NOW)).map((p) => p.replyId)).toEqual(['r2']);
  });
});

describe('lastUnansweredInbound', () => {
  it('is the client\'s latest message after the user\'s last reply, or null when the user wrote last', async () => {
    const db = freshDb();
    await ingest(db, [inbound('a1', 't1', MONDAY_9), outbound('r1', 't1', MONDAY_9 + HOUR), inbound('a2', 't1', MONDAY_9 + 2 * HOUR), inbound('a3', 't1', MONDAY_9 + 3 * HOUR)]);
    expect((await lastUnansweredInbound(db, 't1'))?.id).toBe('a3');
    await ingest(db, [outbound('r2', 't1', MONDAY_9 + 4 * HOUR)]);
    expect(await lastUnansweredInbound(db, 't1')).toBeNull();
    expect(await lastUnansweredInbound(db, 'unknown')).toBeNull();
  });
});
