import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionPage, gmailTab, testServer, type TestServer } from '../background/test-server.ts';
import { HistoryCollector } from '../../../src/core/history/collector.ts';
import { buildHistoryPreview, buildImportThreads, type ImportThread } from '../../../src/core/history/preview.ts';
import { MboxSplitter } from '../../../src/core/history/mbox-splitter.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { openDatabase, SCHEMA_V3, type ReplyPaceDb } from '../../../src/store/db.ts';
import { writePending } from '../../../src/store/aggregateBuffer.ts';
import { writeImport } from '../../../src/store/imports.ts';
import { directoryFromSettings } from '../../../src/store/settings-directory.ts';
import { ME, takeoutMboxBytes } from '../../support/takeout-generator.ts';

const NOW = Date.UTC(2025, 5, 1);
const page = extensionPage('options.html');

const { bytes } = takeoutMboxBytes({ seed: 5, targetBytes: 1_200_000, end: NOW - 3_600_000, attachmentBytes: 0 });

function importOf(data: Uint8Array) {
  const collector = new HistoryCollector({ now: NOW, ownAddresses: [ME] });
  const splitter = new MboxSplitter((m) => collector.add(m));
  splitter.push(data);
  splitter.end();
  return { collector, threads: buildImportThreads(collector, [ME]) };
}
const { collector, threads: THREADS } = importOf(bytes);

let db: ReplyPaceDb;
let server: TestServer;
let settings: Settings;

async function ask<T = unknown>(request: unknown): Promise<T> {
  const answer = await server.handle(request, page);
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.error}`);
  return answer.value as T;
}

/** Sends an import the way the options page does: in parts, then the commit. */
async function sendImport(importId: string, threads: readonly ImportThread[], fileKey = 'All mail.mbox|123|1', partSize = 40) {
  let parts = 0;
  for (let i = 0; i < threads.length; i += partSize) await ask({ type: 'importPart', importId, index: parts++, threads: threads.slice(i, i + partSize) });
  return ask<{ record: { messages: number; pairs: number; clientKeys: string[] }; known: number; replaced: number }>({
    type: 'importCommit', importId, fileKey, label: 'All mail.mbox', account: ME, parts, dateRange: null,
  });
}

/** What the popup and the rules read: every thread and aggregate, import tags left out. */
async function snapshot() {
  // The stored aggregates: those ingestion keeps pending are written first (aggregateBuffer.ts).
  await writePending(db);
  const threads = (await db.threads.toArray()).map((t) => ({ ...t, messages: t.messages.map(({ importId: _i, ...m }) => m) }));
  const aggregates = (await db.aggregates.toArray()).map((a) => ({ ...a, working: [...a.working], wall: [...a.wall], days: [...a.days] }));
  return { threads, aggregates };
}

beforeEach(async () => {
  db = openDatabase(`imports-${Math.random()}`);
  settings = defaultSettings('Europe/London');
  settings.me.addresses = [ME];
  server = testServer(db, { now: () => NOW, userTimeZone: () => 'Europe/London' });
  await ask({ type: 'saveSettings', settings });
});
afterEach(async () => {
  await db.delete();
});

describe('writing an import', () => {
  it('writes the previewed pairs and the popup’s norms follow', async () => {
    const preview = buildHistoryPreview(collector, { ownAddresses: [ME], settings, now: NOW });
    const result = await sendImport('imp-1', THREADS);
    expect(result.record.pairs).toBe(preview.pairs);
    const norms = await ask<Array<{ clientKey: string; summary: { count: number } }>>({ type: 'listNorms' });
    expect(Object.fromEntries(norms.map((n) => [n.clientKey, n.summary.count]))).toEqual(Object.fromEntries(preview.clients.map((c) => [c.key, c.replies])));
    expect(JSON.stringify(await db.threads.toArray())).not.toMatch(/Subject|order \d|Thanks, see below/);
  });

  it('merges with what live reading stored: the same Gmail message is stored once', async () => {
    const thread = THREADS.find((t) => t.site === 'gmail' && t.messages.length >= 2)!;
    const live = thread.messages.slice(0, 2).map((m) => ({ id: m.id, threadId: thread.threadId, from: m.direction === 'out' ? ME : m.counterparts[0]!, to: m.direction === 'out' ? m.counterparts : [ME], at: m.at }));
    await server.handle({ type: 'messagesSeen', site: 'gmail', account: ME, messages: live }, gmailTab);
    const result = await sendImport('imp-1', THREADS);
    expect(result.known).toBe(2);
    const stored = await db.threads.get(thread.threadId);
    expect(stored!.messages.map((m) => m.id)).toEqual(thread.messages.map((m) => m.id));
    expect(stored!.messages.slice(0, 2).every((m) => m.importId === undefined)).toBe(true);

    // Undo keeps what live reading saw.
    await ask({ type: 'importUndo', importId: 'imp-1' });
    expect((await db.threads.get(thread.threadId))!.messages.map((m) => m.id)).toEqual(live.map((m) => m.id));
  });

  it('a message imported first and then seen live is live reading’s too: undo keeps it', async () => {
    await sendImport('imp-1', THREADS);
    const thread = THREADS.find((t) => t.site === 'gmail' && t.messages.length >= 2)!;
    const [first] = thread.messages;
    const seen = await server.handle(
      { type: 'messagesSeen', site: 'gmail', account: ME, messages: [{ id: first!.id, threadId: thread.threadId, from: first!.direction === 'out' ? ME : first!.counterparts[0]!, to: first!.direction === 'out' ? first!.counterparts : [ME], at: first!.at }] },
      gmailTab,
    );
    expect(seen).toMatchObject({ ok: true, value: { added: 0, known: 1 } });
    expect((await db.threads.get(thread.threadId))!.messages.find((m) => m.id === first!.id)!.importId).toBeUndefined();
    await ask({ type: 'importUndo', importId: 'imp-1' });
    expect((await db.threads.get(thread.threadId))!.messages.map((m) => m.id)).toEqual([first!.id]);
  });

  it('"Undo this import" leaves exactly what was there before', async () => {
    const liveThread = { id: '18a41665ecb473a3', threadId: '18a41665ecb47000', from: 'bob@contoso.com', to: [ME], at: NOW - 50 * 3_600_000 };
    await server.handle({ type: 'messagesSeen', site: 'gmail', account: ME, messages: [liveThread, { ...liveThread, id: '18a41665ecb473b0', from: ME, to: ['bob@contoso.com'], at: NOW - 49 * 3_600_000 }] }, gmailTab);
    const before = await snapshot();
    await sendImport('imp-1', THREADS);
    expect((await snapshot()).threads.length).toBeGreaterThan(before.threads.length);
    expect(await ask({ type: 'importUndo', importId: 'imp-1' })).toEqual({ undone: true });
    expect(await snapshot()).toEqual(before);
    expect(await ask({ type: 'importList' })).toEqual([]);
    expect(await ask({ type: 'importUndo', importId: 'imp-1' })).toEqual({ undone: false });
  });

  it('importing the same files again replaces the earlier import', async () => {
    await sendImport('imp-1', THREADS);
    const once = await snapshot();
    const again = await sendImport('imp-2', THREADS);
    expect(again.replaced).toBe(1);
    expect(await snapshot()).toEqual(once);
    expect((await ask<Array<{ importId: string }>>({ type: 'importList' })).map((r) => r.importId)).toEqual(['imp-2']);
    // A different file is a second import beside the first.
    await sendImport('imp-3', THREADS.slice(0, 3), 'Sent.mbox|9|1');
    expect((await ask<unknown[]>({ type: 'importList' })).length).toBe(2);
  });

  it('writes nothing when a part is missing, or when the write fails part-way', async () => {
    await ask({ type: 'importPart', importId: 'imp-1', index: 0, threads: THREADS.slice(0, 2) });
    const answer = await server.handle({ type: 'importCommit', importId: 'imp-1', fileKey: 'k', label: 'x', account: ME, parts: 2, dateRange: null }, page);
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/Nothing was written/) });
    expect(await db.threads.count()).toBe(0);

    const directory = directoryFromSettings(settings);
    let calls = 0;
    const failing = { ...directory, profileFor: (address: string, account: string) => {
      if (++calls > 40) throw new Error('disk full');
      return directory.profileFor(address, account);
    } };
    await expect(writeImport(db, { importId: 'imp-2', fileKey: 'k', label: 'x', account: ME, createdAt: NOW, dateRange: null, threads: THREADS }, failing)).rejects.toThrow(/disk full/);
    expect(await db.threads.count()).toBe(0);
    expect(await db.aggregates.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it('refuses malformed parts', async () => {
    const bad = await server.handle({ type: 'importPart', importId: 'x', index: 0, threads: [{ threadId: 't', site: 'gmail', messages: [{ id: 'a', at: 1, direction: 'sideways', counterparts: [], offset: null }] }] }, page);
    expect(bad).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('proposes each client’s hours from stored mail, imported offsets included', async () => {
    await sendImport('imp-1', THREADS);
    const proposals = await ask<Array<{ clientKey: string; pattern: { timeZone: string } }>>({ type: 'patternProposals' });
    expect(Object.fromEntries(proposals.map((p) => [p.clientKey, p.pattern.timeZone]))).toMatchObject({ 'domain:acme-corp.de': 'Europe/Berlin' });
  });
});

describe('schema version 4', () => {
  it('opens a version 3 database, keeps its threads and adds an empty imports table', async () => {
    const name = `imports-v3-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    await v3.table('threads').put({ threadId: 't', site: 'gmail', account: ME, messages: [], pairs: [], clientKeys: [], lastAt: 5 });
    v3.close();
    const upgraded = openDatabase(name);
    expect(await upgraded.threads.count()).toBe(1);
    expect(await upgraded.imports.count()).toBe(0);
    expect(upgraded.verno).toBe(4);
    await upgraded.delete();
  });
});
