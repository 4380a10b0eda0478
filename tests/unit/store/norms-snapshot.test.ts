import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { META_AGGREGATES_BEHIND, META_NORMS_SNAPSHOT, writePending } from '../../../src/store/aggregateBuffer.ts';
import type { ReplyPaceDb } from '../../../src/store/db.ts';
import { ingestMessages, rebuildAggregates } from '../../../src/store/index.ts';
import { snapshotHolds } from '../../../src/store/normsSnapshot.ts';
import { filesUnder } from '../../../scripts/files-under.ts';
import { eraseAll, listNorms } from '../../../src/store/queries.ts';
import { databasesForEachTest, DAY, HOUR, ME, MIN, MONDAY_9, NOW, replies } from './replies.ts';

// listNorms keeps what it read from every aggregate as one snapshot, and a background that starts
// again answers from it while it holds (normsSnapshot.ts).

function settings(): Settings {
  const s = defaultSettings('UTC');
  s.me.addresses = [ME];
  // One client summarised in Tokyo: its local day ends at 15:00 UTC.
  s.clients.push({ id: 'tokyo', name: 'Tokyo Co', addresses: [], domains: ['client3.com'], mode: 'account', createdAt: 0, schedule: { ...s.defaults.schedule, timeZone: 'Asia/Tokyo' } });
  return s;
}

const open = databasesForEachTest();

const snapshotOf = async (db: ReplyPaceDb) => (await db.meta.get(META_NORMS_SNAPSHOT))?.value as { at: number } | undefined;

/** A database with 40 replies written, and the norms read once (the snapshot kept). */
async function seeded(): Promise<{ db: ReplyPaceDb; name: string; first: Awaited<ReturnType<typeof listNorms>> }> {
  const name = `snapshot-${Math.random()}`;
  const db = open(name);
  await ingestMessages(db, 'gmail', ME, replies(40, { prefix: 'a', clients: 5 }), settings(), NOW);
  await writePending(db);
  const first = await listNorms(db, NOW);
  await vi.waitFor(async () => expect(await snapshotOf(db)).toMatchObject({ at: NOW }), { timeout: 5_000, interval: 10 });
  return { db, name, first };
}

/** Counts the reads of every aggregate made through `db` from now on. */
function countFullReads(db: ReplyPaceDb): () => number {
  let reads = 0;
  const toArray = db.aggregates.toArray.bind(db.aggregates);
  db.aggregates.toArray = ((...args: Parameters<typeof toArray>) => {
    reads += 1;
    return toArray(...args);
  }) as typeof toArray;
  return () => reads;
}

describe('the norms snapshot', () => {
  it('a background that starts again answers from it, exactly what reading every aggregate gives', async () => {
    const { db, name, first } = await seeded();
    expect(first).toHaveLength(5);
    db.close();
    const restarted = open(name);
    const fullReads = countFullReads(restarted);
    // An hour later: 10:00 in UTC and 19:00 in Tokyo, the same day in both.
    expect(await listNorms(restarted, NOW + HOUR)).toEqual(first);
    expect(fullReads()).toBe(0);
  });

  it('is not used once the local day changed in one client’s zone, nor with the clock set back', async () => {
    const { db, first } = await seeded();
    const fullReads = countFullReads(db);
    // 09:00 UTC + 6 h is 00:00 in Tokyo the next day: a new day there, the same day in UTC.
    const tokyoMidnight = NOW + 6 * HOUR;
    const nextDay = await listNorms(db, tokyoMidnight);
    expect(fullReads()).toBe(1);
    expect(nextDay.map((n) => n.clientKey)).toEqual(first.map((n) => n.clientKey));
    await vi.waitFor(async () => expect(await snapshotOf(db)).toMatchObject({ at: tokyoMidnight }), { timeout: 5_000, interval: 10 });
    await listNorms(db, tokyoMidnight - MIN);
    expect(fullReads()).toBe(2);
  });

  it('new mail is counted at once (pending), and writing it deletes the snapshot', async () => {
    const { db, first } = await seeded();
    const fullReads = countFullReads(db);
    await ingestMessages(db, 'gmail', ME, replies(5, { prefix: 'b', clients: 5, from: MONDAY_9 + DAY }), settings(), NOW);
    const withMail = await listNorms(db, NOW);
    expect(fullReads()).toBe(1);
    expect(withMail.reduce((sum, n) => sum + n.summary.count, 0)).toBe(first.reduce((sum, n) => sum + n.summary.count, 0) + 5);
    await writePending(db);
    expect(await snapshotOf(db)).toBeUndefined();
    expect(await listNorms(db, NOW)).toEqual(withMail);
  });

  it('is not used while a background that stopped left aggregates unwritten', async () => {
    const { db, name, first } = await seeded();
    db.close();
    const restarted = open(name);
    await restarted.meta.put({ key: META_AGGREGATES_BEHIND, value: 'a background that stopped' });
    const fullReads = countFullReads(restarted);
    expect(await listNorms(restarted, NOW)).toEqual(first);
    expect(fullReads()).toBe(1);
  });

  it('goes with a rebuild and with "Erase all"', async () => {
    const { db } = await seeded();
    await rebuildAggregates(db, settings());
    expect(await snapshotOf(db)).toBeUndefined();
    await listNorms(db, NOW);
    await vi.waitFor(async () => expect(await snapshotOf(db)).toBeDefined(), { timeout: 5_000, interval: 10 });
    await eraseAll(db);
    expect(await snapshotOf(db)).toBeUndefined();
    expect(await listNorms(db, NOW)).toEqual([]);
  });

  it('holds only in the same local day of every zone it has, and from the time it was taken', () => {
    const norms = [{ timeZone: 'UTC' }, { timeZone: 'Asia/Tokyo' }];
    const at = Date.UTC(2026, 5, 15, 14, 0); // 23:00 in Tokyo
    expect(snapshotHolds({ format: 1, at, norms }, at + 59 * MIN)).toBe(true);
    expect(snapshotHolds({ format: 1, at, norms }, at + 60 * MIN)).toBe(false);
    expect(snapshotHolds({ format: 1, at, norms: [{ timeZone: 'UTC' }] }, at + 60 * MIN)).toBe(true);
    expect(snapshotHolds({ format: 1, at, norms }, at - 1)).toBe(false);
    expect(snapshotHolds({ format: 2, at, norms }, at)).toBe(false);
    expect(snapshotHolds({ format: 1, at, norms: [{ timeZone: 'Not/AZone' }] }, at)).toBe(false);
    expect(snapshotHolds(null, at)).toBe(false);
  });

  it('the aggregates table is written in one place only, which deletes the snapshot (aggregateBuffer.ts)', () => {
    const dir = resolve(import.meta.dirname, '..', '..', '..', 'src');
    const files = filesUnder(dir).filter((file) => file.endsWith('.ts'));
    const writes = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\baggregates\s*\.\s*(bulkPut|put|add|bulkAdd|bulkDelete|delete|clear|update|bulkUpdate|modify|upsert)\s*\(/g)].map((m) => `${file.slice(dir.length + 1)}:${m[1]}`),
    );
    expect(writes.sort()).toEqual(['store/aggregateBuffer.ts:bulkDelete', 'store/aggregateBuffer.ts:bulkPut', 'store/aggregateBuffer.ts:clear']);
    const buffer = readFileSync(join(dir, 'store', 'aggregateBuffer.ts'), 'utf8');
    const helper = buffer.slice(buffer.indexOf('export async function writeAggregatesInTransaction'));
    const body = helper.slice(0, helper.indexOf('\n}\n'));
    expect(body).toMatch(/aggregates\.bulkPut\(/);
    expect(body).toMatch(/aggregates\.bulkDelete\(/);
    expect(body).toMatch(/aggregates\.clear\(/);
    expect(body).toMatch(/meta\.delete\(META_NORMS_SNAPSHOT\)/);
  });
});
