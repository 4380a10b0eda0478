import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { histogramOf } from '../../../src/core/aggregate.ts';
import { openDatabase, SCHEMA_V1, SCHEMA_V2, type ReplyPaceDb } from '../../../src/store/db.ts';

// Each schema version is tested by opening a database populated by the previous version and
// checking that nothing was lost.
let opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened) db.close();
  opened = [];
});

let counter = 0;
function uniqueName(): string {
  counter += 1;
  return `replypace-migration-${counter}-${Date.now()}`;
}

async function populateVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  // Version 1 records: messages have no `site` yet.
  await v1.table('messages').bulkPut([
    { id: '18a41665ecb473a3', threadId: 't1', direction: 'in', counterparts: ['bob@acme.com'], clientKey: 'domain:acme.com', at: 1000, account: 'me@mine.com' },
    { id: '18a41665ecb473b0', threadId: 't1', direction: 'out', counterparts: ['bob@acme.com'], clientKey: 'domain:acme.com', at: 5000, account: 'me@mine.com' },
    { id: 'AAQkAD=|ann@beta.io|1700000000000', threadId: 'conv-1', direction: 'in', counterparts: ['ann@beta.io'], clientKey: 'domain:beta.io', at: 2000, account: 'me@mine.com' },
  ]);
  await v1.table('pairs').put({
    replyId: '18a41665ecb473b0', inboundId: '18a41665ecb473a3', threadId: 't1', clientKey: 'domain:acme.com', counterpart: 'bob@acme.com',
    receivedAt: 1000, sentAt: 5000, workingMs: 4000, wallMs: 4000, instant: true, afterHours: false, day: '1970-01-01',
  });
  await v1.table('outcomes').add({ site: 'gmail', clientKey: 'domain:acme.com', at: 6000, choice: 'scheduled', reasons: ['outside-hours'], scheduledFor: 90_000 });
  await v1.table('aggregates').put({ clientKey: 'domain:acme.com', name: 'acme.com', timeZone: 'UTC', count: 1, instantCount: 1, afterHoursCount: 0, working: histogramOf([4000]), wall: histogramOf([4000]), days: Int32Array.of(0, 16, 1) });
  await v1.table('settings').put({ id: 'settings', value: { version: 1, marker: 'kept' } });
  await v1.table('meta').put({ key: 'unreadableTimes', value: 3 });
  v1.close();
}

describe('schema version 2 (and on to the latest)', () => {
  it('opens a populated version 1 database and loses nothing', async () => {
    const name = uniqueName();
    await populateVersion1(name);
    const db: ReplyPaceDb = openDatabase(name);
    opened.push(db);
    await db.open();

    expect(db.verno).toBe(4);
    expect(await db.outcomes.toArray()).toMatchObject([{ choice: 'scheduled', scheduledFor: 90_000 }]);
    expect(await db.aggregates.get('domain:acme.com')).toMatchObject({ count: 1, instantCount: 1 });
    expect(await db.settings.get('settings')).toMatchObject({ value: { marker: 'kept' } });
    expect(await db.meta.get('unreadableTimes')).toMatchObject({ value: 3 });

    const threads = await db.threads.toArray();
    expect(threads.flatMap((t) => t.messages.map((m) => m.id)).sort()).toEqual(['18a41665ecb473a3', '18a41665ecb473b0', 'AAQkAD=|ann@beta.io|1700000000000']);
    expect(await db.threads.get('t1')).toMatchObject({
      account: 'me@mine.com',
      messages: [
        { id: '18a41665ecb473a3', direction: 'in', counterparts: ['bob@acme.com'], clientKey: 'domain:acme.com', at: 1000 },
        { id: '18a41665ecb473b0', direction: 'out', at: 5000 },
      ],
      pairs: [{ replyId: '18a41665ecb473b0', inboundId: '18a41665ecb473a3', workingMs: 4000, instant: true, day: '1970-01-01' }],
      clientKeys: ['domain:acme.com'],
    });
  });

  it('backfills the site of every thread, and the new indexes answer queries', async () => {
    const name = uniqueName();
    await populateVersion1(name);
    const db = openDatabase(name);
    opened.push(db);
    await db.open();

    expect(await db.threads.where('site').equals('gmail').primaryKeys()).toEqual(['t1']);
    expect(await db.threads.where('site').equals('outlook').primaryKeys()).toEqual(['conv-1']);
    expect(await db.threads.where('clientKeys').equals('domain:acme.com').primaryKeys()).toEqual(['t1']);
  });

  it('drops the version 1 per-message tables once their rows have moved', async () => {
    const name = uniqueName();
    await populateVersion1(name);
    const db = openDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(['aggregates', 'imports', 'meta', 'outcomes', 'settings', 'threads']);
  });

});

describe('schema version 3', () => {
  it('gives every thread of a version 2 database the time of its latest message, indexed', async () => {
    const name = uniqueName();
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const message = (id: string, at: number) => ({ id, direction: 'in', counterparts: ['bob@acme.com'], clientKey: 'domain:acme.com', at });
    await v2.table('threads').bulkPut([
      { threadId: 'old', site: 'gmail', account: 'me@mine.com', messages: [message('a', 1000), message('b', 5000)], pairs: [], clientKeys: [] },
      { threadId: 'new', site: 'gmail', account: 'me@mine.com', messages: [message('c', 9000)], pairs: [], clientKeys: [] },
      { threadId: 'empty', site: 'outlook', account: 'me@mine.com', messages: [], pairs: [], clientKeys: [] },
    ]);
    await v2.table('settings').put({ id: 'settings', value: { version: 1, marker: 'kept' } });
    v2.close();

    const db = openDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(4);
    expect((await db.threads.toArray()).map((t) => [t.threadId, t.lastAt]).sort()).toEqual([['empty', 0], ['new', 9000], ['old', 5000]]);
    expect(await db.threads.where('lastAt').aboveOrEqual(5000).primaryKeys()).toEqual(['old', 'new']);
    expect(await db.settings.get('settings')).toMatchObject({ value: { marker: 'kept' } });
  });

  it('fills the latest-message time of threads migrated from version 1 too', async () => {
    const name = uniqueName();
    await populateVersion1(name);
    const db = openDatabase(name);
    opened.push(db);
    await db.open();
    expect(await db.threads.get('t1')).toMatchObject({ lastAt: 5000 });
    expect(await db.threads.get('conv-1')).toMatchObject({ lastAt: 2000 });
  });

  it('creates a fresh database at the latest version directly', async () => {
    const db = openDatabase(uniqueName());
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.threads.count()).toBe(0);
  });
});
