import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { MessageSeen } from '../../../src/core/types.ts';
import { ingestMessages, listNorms, openDatabase, rebuildAggregates, type ReplyPaceDb } from '../../../src/store/index.ts';
import { rebuildWithDirectory } from '../../../src/store/ingest.ts';
import { directoryFromSettings } from '../../../src/store/settings-directory.ts';

/**
 * Threads stored under an address the old Gmail reader took from a subject ("Fwd: invoice from
 * billing@acme-corp.com - sam@northwind.com - Gmail" gave billing@acme-corp.com as the account)
 * are repaired when the threads are rebuilt: moved to the user's account, directions recomputed.
 */
const HOUR = 3_600_000;
const MONDAY_9 = Date.UTC(2026, 5, 15, 9);
const NOW = MONDAY_9 + 3 * 24 * HOUR;
const SAM = 'sam@northwind.com';
const BILLING = 'billing@acme-corp.com';
const JANA = 'jana@acme-corp.com';

const settings = (addresses: string[] = []): Settings => ({ ...defaultSettings('UTC'), me: { addresses, ownDomains: [] } });

/** Threads read correctly under Sam's account: other clients, so that Sam's account is established. */
const everydayMail: MessageSeen[] = [1, 2, 3].flatMap((n) => [
  { id: `e${n}`, threadId: `t${n}`, from: `ann${n}@beta.io`, to: [SAM], at: MONDAY_9 + n * HOUR },
  { id: `f${n}`, threadId: `t${n}`, from: SAM, to: [`ann${n}@beta.io`], at: MONDAY_9 + n * HOUR + 600_000 },
]);

let db: ReplyPaceDb;
afterEach(async () => {
  await db?.delete();
});

const threadOf = async (id: string) => (await db.threads.get(id))!;
const acmeNorms = async () => (await listNorms(db, NOW)).find((n) => n.clientKey === 'domain:acme-corp.com');

describe('rebuilding repairs threads stored under an account read from a subject', () => {
  // Walking one thread at a time, the threads per account must still be counted over all of them first.
  it.each([
    ['in chunks of 500', {}],
    ['one thread per chunk', { chunkSize: 1 }],
  ])('a forwarded invoice (the subject names billing@, who never wrote): moved to Sam, Sam’s reply counted for Acme (%s)', async (_walk, walk) => {
    db = openDatabase(`repair-${Math.random()}`);
    await ingestMessages(db, 'gmail', SAM, everydayMail, settings(), NOW);
    // As the old reader stored it: Jana's forward and Sam's reply, both under billing@.
    await ingestMessages(db, 'gmail', BILLING, [
      { id: 'x1', threadId: 'tx', from: JANA, to: [SAM], at: MONDAY_9 },
      { id: 'x2', threadId: 'tx', from: SAM, to: [JANA], at: MONDAY_9 + 2 * HOUR },
    ], settings(), NOW);
    // The damage: Jana is billing@'s colleague (no pair learned), and Sam's reply reads as received.
    expect((await threadOf('tx')).messages.map((m) => m.direction)).toEqual(['in', 'in']);
    expect(await acmeNorms()).toBeUndefined();

    await rebuildWithDirectory(db, directoryFromSettings(settings()), walk);

    const thread = await threadOf('tx');
    expect(thread.account).toBe(SAM);
    expect(thread.messages.map((m) => [m.direction, m.counterparts])).toEqual([['in', [JANA]], ['out', [JANA]]]);
    expect((await acmeNorms())?.summary.count).toBe(1);
  });

  it('an invoice billing@ sent to Sam (billing@ is the sender of a message Sam received): directions flipped back', async () => {
    db = openDatabase(`repair-${Math.random()}`);
    await ingestMessages(db, 'gmail', SAM, everydayMail, settings(), NOW);
    await ingestMessages(db, 'gmail', BILLING, [
      { id: 'y1', threadId: 'ty', from: BILLING, to: [SAM], at: MONDAY_9 },
      { id: 'y2', threadId: 'ty', from: SAM, to: [BILLING], at: MONDAY_9 + HOUR },
    ], settings(), NOW);
    expect((await threadOf('ty')).messages.map((m) => m.direction)).toEqual(['out', 'in']);

    await rebuildAggregates(db, settings());

    const thread = await threadOf('ty');
    expect(thread.account).toBe(SAM);
    expect(thread.messages.map((m) => [m.direction, m.counterparts])).toEqual([['in', [BILLING]], ['out', [BILLING]]]);
    expect((await acmeNorms())?.summary.count).toBe(1);
  });

  it('leaves correct threads, and a second account the user lists as theirs, as they are', async () => {
    db = openDatabase(`repair-${Math.random()}`);
    const other = 'sam.private@gmail.com';
    await ingestMessages(db, 'gmail', SAM, everydayMail, settings([other]), NOW);
    // Sam's other account received a note from Sam's work account and answered it.
    await ingestMessages(db, 'gmail', other, [
      { id: 'z1', threadId: 'tz', from: SAM, to: [other], at: MONDAY_9 },
      { id: 'z2', threadId: 'tz', from: other, to: [SAM], at: MONDAY_9 + HOUR },
    ], settings([other]), NOW);
    const before = await db.threads.toArray();

    await rebuildAggregates(db, settings([other]));

    const after = await db.threads.toArray();
    expect(after.map((t) => [t.threadId, t.account, t.messages.map((m) => [m.direction, m.counterparts])])).toEqual(
      before.map((t) => [t.threadId, t.account, t.messages.map((m) => [m.direction, m.counterparts])]),
    );
  });
});
