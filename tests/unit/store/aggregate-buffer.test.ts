import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { META_AGGREGATES_BEHIND, writePending } from '../../../src/store/aggregateBuffer.ts';
import type { ReplyPaceDb } from '../../../src/store/db.ts';
import { ingestMessages, rebuildIfPending } from '../../../src/store/index.ts';
import { eraseAll, listNorms, normsFor } from '../../../src/store/queries.ts';
import { databasesForEachTest, ME, NOW, replies } from './replies.ts';

const open = databasesForEachTest();

function settings(): Settings {
  const s = defaultSettings('UTC');
  s.me.addresses = [ME];
  return s;
}

const counts = async (db: ReplyPaceDb) => (await listNorms(db, NOW)).map((n) => [n.clientKey, n.summary.count, n.summary.medianWorkingMs]);

describe('aggregates written behind the threads', () => {
  it('every read sees what ingestion changed at once, and the store holds the same once written', async () => {
    const name = `buffer-${Math.random()}`;
    const db = open(name);
    for (let i = 0; i < 60; i += 6) await ingestMessages(db, 'gmail', ME, replies(60).slice(i * 2, i * 2 + 12), settings(), NOW);
    const seenAtOnce = await counts(db);
    expect(seenAtOnce).toHaveLength(7);
    expect(seenAtOnce.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(60);
    expect((await normsFor(db, 'domain:client0.com', NOW))?.summary.count).toBe(9);

    // Written on their own shortly after the burst, with the mark cleared in the same transaction.
    await vi.waitFor(async () => expect(await db.aggregates.count()).toBe(7), { timeout: 5_000, interval: 20 });
    await vi.waitFor(async () => expect(await db.meta.get(META_AGGREGATES_BEHIND)).toBeUndefined(), { timeout: 5_000, interval: 20 });
    expect(await counts(db)).toEqual(seenAtOnce);
    // What another reader of the same database (a restarted background) finds.
    const again = open(name);
    expect(await counts(again)).toEqual(seenAtOnce);
  });

  it('a background that stopped before writing them leaves a mark, and the next start rebuilds every aggregate', async () => {
    const name = `buffer-${Math.random()}`;
    const stopped = open(name);
    await ingestMessages(stopped, 'gmail', ME, replies(30), settings(), NOW);
    // The background goes away at once (no task runs in between, so the pending write cannot have
    // started): its pending aggregates are never written.
    stopped.close();
    const oneGo = open(`buffer-reference-${Math.random()}`);
    await ingestMessages(oneGo, 'gmail', ME, replies(30), settings(), NOW);
    const expected = await counts(oneGo);

    const next = open(name);
    expect(await next.meta.get(META_AGGREGATES_BEHIND)).toBeDefined();
    expect(await counts(next)).not.toEqual(expected);
    // Mail read by the new background meanwhile does not clear the mark the old one left.
    await ingestMessages(next, 'gmail', ME, replies(5, { prefix: 'later' }), settings(), NOW);
    await writePending(next);
    expect(await next.meta.get(META_AGGREGATES_BEHIND)).toBeDefined();

    expect(await rebuildIfPending(next, settings())).toBe(true);
    expect(await next.meta.get(META_AGGREGATES_BEHIND)).toBeUndefined();
    const reference = open(`buffer-reference-${Math.random()}`);
    await ingestMessages(reference, 'gmail', ME, [...replies(30), ...replies(5, { prefix: 'later' })], settings(), NOW);
    expect(await counts(next)).toEqual(await counts(reference));
    // Nothing left to rebuild afterwards.
    expect(await rebuildIfPending(next, settings())).toBe(false);
  });

  it('a settings rebuild and an erase take the pending aggregates into account', async () => {
    const db = open(`buffer-${Math.random()}`);
    await ingestMessages(db, 'gmail', ME, replies(20), settings(), NOW);
    const before = await counts(db);
    // Nothing asked for a rebuild: the pending aggregates are written, not rebuilt.
    expect(await rebuildIfPending(db, settings())).toBe(false);
    expect(await db.aggregates.count()).toBe(7);
    expect(await counts(db)).toEqual(before);

    await ingestMessages(db, 'gmail', ME, replies(10, { prefix: 'more' }), settings(), NOW);
    await eraseAll(db);
    await writePending(db);
    expect(await db.aggregates.count()).toBe(0);
    expect(await counts(db)).toEqual([]);
  });

  it('a batch whose transaction fails leaves nothing pending and no mark', async () => {
    const db = open(`buffer-${Math.random()}`);
    const bulkPut = db.threads.bulkPut.bind(db.threads);
    db.threads.bulkPut = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.threads.bulkPut;
    await expect(ingestMessages(db, 'gmail', ME, replies(5), settings(), NOW)).rejects.toThrow('disk full');
    expect(await counts(db)).toEqual([]);
    expect(await db.meta.get(META_AGGREGATES_BEHIND)).toBeUndefined();
    db.threads.bulkPut = bulkPut;
    await ingestMessages(db, 'gmail', ME, replies(5), settings(), NOW);
    expect((await counts(db)).reduce((sum, [, count]) => sum + Number(count), 0)).toBe(5);
  });
});
