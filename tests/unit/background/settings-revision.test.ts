import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { Envelope } from '../../../src/messaging/protocol.ts';
import { META_REBUILD_PENDING, META_SETTINGS_REVISION, openDatabase, writeSettings, type ReplyPaceDb } from '../../../src/store/index.ts';
import { extensionPage, gmailTab, testServer, WEDNESDAY_NOON as NOW, type TestServer } from './test-server.ts';

// The settings revision the background stamps on its answers to the pages: the popup keeps the
// revision its last view was drawn at and never paints a view of another one. These tests hold
// the background to its half: every change of what the popup shows raises it, a change's answer
// carries the raised one, a read's answer never carries one newer than what it read.

const HOUR = 3_600_000;
const ME = 'me@mine.com';

const page = extensionPage('options.html');

let db: ReplyPaceDb;
let server: TestServer;

/** The background (re)started over the test's database. */
const start = (): TestServer => testServer(db);

beforeEach(() => {
  db = openDatabase(`revision-${Math.random()}`);
  server = start();
});
afterEach(async () => {
  await db.delete();
});

async function ask(message: Record<string, unknown>, sender = page): Promise<Envelope<unknown>> {
  const answer = await server.handle(message, sender);
  expect(answer, JSON.stringify(message)).toMatchObject({ ok: true });
  return answer;
}

/** The revision a page reads now (once a rebuild a change asked for is done: until then, null). */
async function revisionNow(): Promise<number> {
  let revision: unknown;
  await expect.poll(async () => (revision = (await ask({ type: 'getSettings' })).revision)).toEqual(expect.any(Number));
  return revision as number;
}

function withClient(name: string): Settings {
  const settings = defaultSettings('UTC');
  settings.clients.push({ id: 'acme', name, addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1 });
  return settings;
}

const mail = {
  type: 'messagesSeen',
  site: 'gmail',
  account: ME,
  messages: [
    { id: 'aaaaaaaaaaaaaaa1', threadId: 't1', from: 'bob@acme.com', to: [ME], at: NOW - 3 * HOUR },
    { id: 'aaaaaaaaaaaaaaa2', threadId: 't1', from: ME, to: ['bob@acme.com'], at: NOW - 2 * HOUR },
  ],
};

async function commitImport(importId: string): Promise<Envelope<unknown>> {
  const thread = { threadId: `imp-${importId}`, site: 'import', messages: [{ id: `${importId}-1`, at: NOW - 30 * HOUR, direction: 'in', counterparts: ['ann@globex.com'], offset: 60 }] };
  await ask({ type: 'importPart', importId, index: 0, threads: [thread] });
  return ask({ type: 'importCommit', importId, fileKey: `file-${importId}`, label: 'All mail.mbox', account: ME, parts: 1, dateRange: null });
}

describe('the settings revision', () => {
  it('is raised by every change of what the popup shows, and the change answers with the raised one', async () => {
    const changes: [string, () => Promise<Envelope<unknown>>][] = [
      ['saveSettings', () => ask({ type: 'saveSettings', settings: withClient('Acme'), keepPauseAndSnoozes: true })],
      ['saveSettings (a rename)', () => ask({ type: 'saveSettings', settings: withClient('Acme Renamed'), keepPauseAndSnoozes: true })],
      ['importSettings', async () => ask({ type: 'importSettings', text: ((await ask({ type: 'exportSettings' })) as { value: { text: string } }).value.text })],
      ['pause', () => ask({ type: 'pause', until: NOW + HOUR })],
      ['importCommit', () => commitImport('one')],
      ['importUndo', () => ask({ type: 'importUndo', importId: 'one' })],
      ['eraseAll', () => ask({ type: 'eraseAll' })],
    ];
    for (const [name, change] of changes) {
      const before = await revisionNow();
      const answer = await change();
      expect(answer.revision, name).toBeGreaterThan(before);
      expect(await revisionNow(), name).toBe(answer.revision);
    }
  });

  it("is raised by a snooze from the nudge card, which the content script's answer does not carry", async () => {
    await ask({ type: 'saveSettings', settings: withClient('Acme'), keepPauseAndSnoozes: true });
    const before = await revisionNow();
    const answer = await ask({ type: 'snoozeClient', clientKey: 'client:acme', until: NOW + HOUR }, gmailTab);
    expect(answer).not.toHaveProperty('revision');
    expect(await revisionNow()).toBeGreaterThan(before);
  });

  it('is not raised by reading, nor by new mail (the view is figures refreshed on every opening)', async () => {
    const before = await revisionNow();
    for (const type of ['listNorms', 'attention', 'exportSettings', 'siteHealth', 'importList', 'patternProposals']) {
      expect((await ask({ type })).revision, type).toBe(before);
    }
    const seen = await ask(mail, gmailTab);
    expect(seen).not.toHaveProperty('revision');
    expect(await revisionNow()).toBe(before);
  });

  it('is given to a database from before revisions as the background starts, and read answers carry it', async () => {
    await writeSettings(db, withClient('Acme'));
    await db.meta.delete(META_SETTINGS_REVISION);
    server = start();
    // Until it is stored, an answer claims none (null): never one a write could have overtaken.
    const given = await revisionNow();
    expect((await db.meta.get(META_SETTINGS_REVISION))?.value).toBe(given);
    expect((await ask({ type: 'listNorms' })).revision).toBe(given);
  });

  it('survives the background stopping, and grows through "Erase all"', async () => {
    await ask({ type: 'saveSettings', settings: withClient('Acme'), keepPauseAndSnoozes: true });
    const before = await revisionNow();
    server = start();
    expect(await revisionNow()).toBe(before);
    const erased = await ask({ type: 'eraseAll' });
    server = start();
    expect(await revisionNow()).toBe(erased.revision);
    expect(erased.revision).toBeGreaterThan(before);
  });

  it('is null on what is read while the norms wait to be rebuilt under new settings, and back once they are', async () => {
    // A settings write whose rebuild had not run when the background stopped.
    await writeSettings(db, withClient('Acme'), { rebuild: true });
    expect((await db.meta.get(META_REBUILD_PENDING))?.value).toBe(true);
    server = start();
    // The first request starts the rebuild; what it reads meanwhile mixes old norms and new settings.
    expect((await ask({ type: 'listNorms' })).revision).toBeNull();
    await expect.poll(async () => (await ask({ type: 'listNorms' })).revision).toEqual(expect.any(Number));
    expect(await db.meta.get(META_REBUILD_PENDING)).toBeUndefined();
  });

  it('stamps a read with the revision from before it read: a change landing meanwhile is never claimed', async () => {
    await ask({ type: 'saveSettings', settings: withClient('Acme'), keepPauseAndSnoozes: true });
    const before = await revisionNow();
    // The read and the erase leave together; whichever lands first, the read claims no newer revision than `before`.
    const [read, erased] = await Promise.all([server.handle({ type: 'getSettings' }, page), server.handle({ type: 'eraseAll' }, page)]);
    expect(read.revision).toBe(before);
    expect(erased.revision).toBeGreaterThan(before);
  });
});
