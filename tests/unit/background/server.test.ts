import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GMAIL_MATCHES, OUTLOOK_MATCHES } from '../../../wxt.config.ts';
import { NORMS_REUSE_MS, originsOfMatches, type MessageSender } from '../../../src/background/server.ts';
import type { NormsChangedEvent } from '../../../src/messaging/protocol.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { EXTENSION_BASE as BASE, extensionPage, gmailTab, outlookTab, RUNTIME_ID, testServer, WEDNESDAY_NOON as NOW, type TestServer } from './test-server.ts';

const HOUR = 3_600_000;

const popup = extensionPage('popup.html');

let db: ReplyPaceDb;
let events: NormsChangedEvent[];
let server: TestServer;
const told = (event: NormsChangedEvent) => void events.push(event);

beforeEach(() => {
  db = openDatabase(`server-${Math.random()}`);
  events = [];
  server = testServer(db, { notify: told });
});
afterEach(async () => {
  await db.delete();
});

const seen = (at = NOW - 2 * HOUR) => ({
  type: 'messagesSeen',
  site: 'gmail',
  account: 'me@mine.com',
  messages: [
    { id: 'aaaaaaaaaaaaaaa1', threadId: 't1', from: 'Bob@Acme.com', to: ['me@mine.com'], at },
    { id: 'aaaaaaaaaaaaaaa2', threadId: 't1', from: 'me@mine.com', to: ['bob@acme.com'], at: at + HOUR },
  ],
});

describe('who the background answers', () => {
  it('answers content scripts on every mail host of the manifest', async () => {
    for (const pattern of [...GMAIL_MATCHES, ...OUTLOOK_MATCHES]) {
      const url = pattern.replace('*', 'mail/');
      expect(await server.handle({ type: 'ping' }, { id: RUNTIME_ID, url, tab: { id: 1, url } }), url).toMatchObject({ ok: true });
    }
    expect(originsOfMatches(GMAIL_MATCHES)).toEqual(new Set(['https://mail.google.com']));
  });

  it("answers the content script in Outlook's about:blank pop-out window by the origin it inherited, and only that", async () => {
    const popOut = (origin?: string): MessageSender => ({ id: RUNTIME_ID, url: 'about:blank', ...(origin ? { origin } : {}), tab: { id: 7, url: 'about:blank' } });
    expect(await server.handle({ type: 'ping' }, popOut('https://outlook.office.com'))).toMatchObject({ ok: true });
    for (const sender of [popOut(), popOut('https://evil.example'), popOut('null'), { ...popOut('https://outlook.office.com'), tab: undefined }]) {
      expect(await server.handle({ type: 'ping' }, sender), JSON.stringify(sender)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    // A page of its own address is judged by that address, whatever origin is claimed.
    expect(await server.handle({ type: 'ping' }, { id: RUNTIME_ID, url: 'https://evil.example/', origin: 'https://outlook.office.com', tab: { id: 1 } })).toMatchObject({ ok: false });
  });

  it('refuses other extensions, other sites, and look-alike hosts', async () => {
    const refused: MessageSender[] = [
      { id: 'someone-else', url: `${BASE}popup.html` },
      { id: RUNTIME_ID, url: 'https://evil.example/', tab: { id: 1, url: 'https://evil.example/' } },
      { id: RUNTIME_ID, url: 'https://mail.google.com.evil.example/', tab: { id: 1 } },
      { id: RUNTIME_ID, url: 'http://mail.google.com/', tab: { id: 1 } },
      { id: RUNTIME_ID },
    ];
    for (const sender of refused) {
      expect(await server.handle({ type: 'ping' }, sender), JSON.stringify(sender)).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });

  it('keeps page-only requests (erase, settings, norms list) away from content scripts', async () => {
    for (const type of ['eraseAll', 'getSettings', 'listNorms', 'exportSettings']) {
      expect(await server.handle({ type }, gmailTab)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await server.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [] });
  });
});

describe('what the background accepts', () => {
  it('checks every payload and says what is wrong', async () => {
    const answer = await server.handle({ ...seen(), account: 'not-an-address' }, gmailTab);
    expect(answer).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(!answer.ok && answer.error).toMatch(/account/);
    expect(await server.handle({ type: 'outcome', outcome: { choice: 'exploded' } }, gmailTab)).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await server.handle('ping', gmailTab)).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await server.handle({ type: 'saveSettings', settings: { version: 1 } }, popup)).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('ingests, notifies listeners, and builds a policy with norms and the unanswered message', async () => {
    expect(await server.handle(seen(), gmailTab)).toEqual({ ok: true, value: { added: 2, known: 0, skipped: 0 } });
    expect(events).toEqual([{ type: 'normsChanged', clientKeys: ['domain:acme.com'] }]);
    // The client writes again: the thread now waits for a reply.
    const again = { ...seen(), messages: [{ id: 'aaaaaaaaaaaaaaa3', threadId: 't1', from: 'bob@acme.com', to: ['me@mine.com'], at: NOW - 5 * 60_000 }] };
    await server.handle(again, gmailTab);
    const policy = await server.handle({ type: 'policyFor', site: 'gmail', account: 'me@mine.com', recipients: ['BOB@acme.com'], threadId: 't1' }, gmailTab);
    expect(policy).toMatchObject({ ok: true, value: { clientKey: 'domain:acme.com', mode: 'default', norms: { count: 1 }, lastInboundAt: NOW - 5 * 60_000 } });
  });

  it('counts the times a page could not read', async () => {
    await server.handle({ ...seen(), unreadableTimes: 2 }, gmailTab);
    await server.handle({ ...seen(), unreadableTimes: 1 }, gmailTab);
    expect(await db.meta.get('unreadableTimes')).toEqual({ key: 'unreadableTimes', value: 3 });
  });

  it("tells the Outlook content script the mailbox's zone from the settings, null for the browser's", async () => {
    expect(await server.handle({ type: 'mailboxTimeZone', site: 'outlook' }, outlookTab)).toEqual({ ok: true, value: { timeZone: null } });
    const settings = (await server.handle({ type: 'getSettings' }, popup)) as { value: object };
    await server.handle({ type: 'saveSettings', settings: { ...settings.value, outlookTimeZone: 'Asia/Tokyo' } }, popup);
    expect(await server.handle({ type: 'mailboxTimeZone', site: 'outlook' }, outlookTab)).toEqual({ ok: true, value: { timeZone: 'Asia/Tokyo' } });
    expect(await server.handle({ type: 'mailboxTimeZone', site: 'gmail' }, gmailTab)).toEqual({ ok: true, value: { timeZone: null } });
  });

  it('snoozes a client and pauses everything through the settings the policy reads', async () => {
    await server.handle({ type: 'snoozeClient', clientKey: 'domain:acme.com', until: NOW + HOUR }, gmailTab);
    const snoozed = await server.handle({ type: 'policyFor', site: 'gmail', account: 'me@mine.com', recipients: ['bob@acme.com'], threadId: null }, gmailTab);
    expect(snoozed).toMatchObject({ ok: true, value: { quietUntil: NOW + HOUR } });
    await server.handle({ type: 'pause', until: NOW + 5 * HOUR }, popup);
    const paused = await server.handle({ type: 'policyFor', site: 'gmail', account: 'me@mine.com', recipients: ['bob@acme.com'], threadId: null }, gmailTab);
    expect(paused).toMatchObject({ ok: true, value: { quietUntil: NOW + 5 * HOUR } });
  });

  it('exports settings to a file that imports again; a broken file is refused with reasons', async () => {
    const exported = await server.handle({ type: 'exportSettings' }, popup);
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'replypace-settings-2026-06-17.json' } });
    const text = (exported as { value: { text: string } }).value.text;
    expect(await server.handle({ type: 'importSettings', text }, popup)).toMatchObject({ ok: true, value: { problems: [] } });
    expect(await server.handle({ type: 'importSettings', text: '{"format":"other"}' }, popup)).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('rebuilds the norms when client rules change, and erases everything on request', async () => {
    await server.handle(seen(), gmailTab);
    const { value: settings } = (await server.handle({ type: 'getSettings' }, popup)) as { value: Record<string, unknown> };
    events = [];
    await server.handle({ type: 'saveSettings', settings: { ...settings, clients: [{ id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 0 }] } }, popup);
    expect(events).toEqual([{ type: 'normsChanged', clientKeys: 'all' }]);
    expect(await server.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [{ clientKey: 'client:acme', name: 'Acme' }] });
    await server.handle({ type: 'eraseAll' }, popup);
    expect(await server.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [] });
  });

  it('answers the popup with the settings and the norms together, as the two requests would, to its pages only', async () => {
    await server.handle(seen(), gmailTab);
    const both = await server.handle({ type: 'popupData' }, popup);
    const settings = await server.handle({ type: 'getSettings' }, popup);
    const norms = await server.handle({ type: 'listNorms' }, popup);
    expect(settings.ok && norms.ok).toBe(true);
    // Stamped like every answer to a page: nothing changed between the reads, so with the same revision.
    expect(typeof settings.revision).toBe('number');
    expect(norms.revision).toBe(settings.revision);
    expect(both).toEqual({ ok: true, value: { settings: (settings as { value: unknown }).value, norms: (norms as { value: unknown }).value }, revision: settings.revision });
    expect((both as { value: { norms: unknown[] } }).value.norms).toHaveLength(1);
    expect(await server.handle({ type: 'popupData' }, gmailTab)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('turns a database failure into an error answer, not an exception', async () => {
    db.close();
    const answer = await server.handle(seen(), gmailTab);
    expect(answer).toMatchObject({ ok: false, code: 'failed' });
  });
});

describe('the norms answer, reused while no norm changed', () => {
  let clock: number;
  let reads: number;
  let gate: Promise<void> | null;

  beforeEach(() => {
    clock = NOW;
    reads = 0;
    gate = null;
    server = testServer(db, { now: () => clock, notify: told });
    const read = db.aggregates.toArray.bind(db.aggregates);
    db.aggregates.toArray = (async () => {
      reads += 1;
      if (gate) await gate;
      return read();
    }) as typeof db.aggregates.toArray;
  });

  const counts = async () => {
    const answer = await server.handle({ type: 'listNorms' }, popup);
    if (!answer.ok) throw new Error(answer.error);
    return (answer.value as { clientKey: string; summary: { count: number } }[]).map((n) => [n.clientKey, n.summary.count]);
  };

  it('reads once for many askers, again after a change, after a minute, and after an erase', async () => {
    await server.handle(seen(), gmailTab);
    expect(await counts()).toEqual([['domain:acme.com', 1]]);
    expect(await counts()).toEqual([['domain:acme.com', 1]]);
    expect(reads).toBe(1);

    // The same messages again change nothing: the answer stays.
    await server.handle(seen(), gmailTab);
    await counts();
    expect(reads).toBe(1);

    // A new reply changes one client's norms: that client alone is read again.
    const aggregatesRead: string[][] = [];
    const bulkGet = db.aggregates.bulkGet.bind(db.aggregates);
    db.aggregates.bulkGet = ((keys: string[]) => {
      aggregatesRead.push([...keys]);
      return bulkGet(keys);
    }) as typeof db.aggregates.bulkGet;
    const reply = (id: string, thread: string, from: string, at: number) => ({
      ...seen(at),
      messages: seen(at).messages.map((m) => ({ ...m, id: m.id.replace('aaa', id), threadId: thread, from: m.from === 'Bob@Acme.com' ? from : m.from, to: m.from === 'Bob@Acme.com' ? m.to : [from] })),
    });
    await server.handle(reply('bbb', 't2', 'bob@acme.com', NOW - 5 * HOUR), gmailTab);
    aggregatesRead.length = 0;
    expect(await counts()).toEqual([['domain:acme.com', 2]]);
    expect(reads).toBe(1);
    // Read again from the store, or from the aggregates still to be written (aggregateBuffer.ts): no other client.
    expect(aggregatesRead.flat().filter((key) => key !== 'domain:acme.com')).toEqual([]);
    // A new client joins the list in its place; the answer is then kept again.
    await server.handle(reply('ccc', 't3', 'ann@beta.io', NOW - 6 * HOUR), gmailTab);
    expect(await counts()).toEqual([['domain:acme.com', 2], ['domain:beta.io', 1]]);
    aggregatesRead.length = 0;
    await counts();
    expect(aggregatesRead).toEqual([]);
    expect(reads).toBe(1);

    clock = NOW + NORMS_REUSE_MS;
    await counts();
    expect(reads).toBe(2);

    await server.handle({ type: 'eraseAll' }, popup);
    expect(await counts()).toEqual([]);
    expect(reads).toBe(3);
  });

  it('does not keep an answer read while a change was being written', async () => {
    let release = () => {};
    gate = new Promise((resolve) => (release = resolve));
    const asked = counts();
    // The norms read has begun (it waits at the gate) when the change is written.
    await vi.waitFor(() => expect(reads).toBe(1));
    // The store takes the write in turn with the read (aggregateBuffer.ts): it waits for the read.
    const writing = server.handle(seen(), gmailTab);
    release();
    expect(await asked).toEqual([]);
    await writing;
    gate = null;
    expect(await counts()).toEqual([['domain:acme.com', 1]]);
  });

  it('does not keep a client read again while another change was being written', async () => {
    await server.handle(seen(), gmailTab);
    await counts();
    const later = (id: string, at: number) => ({ ...seen(at), messages: seen(at).messages.map((m) => ({ ...m, id: m.id.replace('aaa', id), threadId: `t-${id}` })) });
    await server.handle(later('bbb', NOW - 5 * HOUR), gmailTab);
    // The client's aggregate is read again, and a third reply is written meanwhile.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const bulkGet = db.aggregates.bulkGet.bind(db.aggregates);
    let holdNext = true;
    db.aggregates.bulkGet = (async (keys: string[]) => {
      const answer = await bulkGet(keys);
      if (holdNext) {
        holdNext = false;
        await held;
      }
      return answer;
    }) as typeof db.aggregates.bulkGet;
    const asked = counts();
    await server.handle(later('ccc', NOW - 7 * HOUR), gmailTab);
    release();
    expect((await asked)[0]![1]).toBeGreaterThanOrEqual(2);
    expect(await counts()).toEqual([['domain:acme.com', 3]]);
    expect(reads).toBe(1);
  });
});

describe('the user’s data, when writes race or fail', () => {
  const acme = { id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 0 };
  const settingsNow = async (s = server) => ((await s.handle({ type: 'getSettings' }, popup)) as { value: Record<string, unknown> & { clients: { name: string }[]; pausedUntil: number | null; snoozes: Record<string, number> } }).value;

  it('a save whose norms rebuild fails still reports the settings it wrote, and the rebuild is retried until done', async () => {
    server = testServer(db, { notify: told, rebuildRetryMs: 10 });
    await server.handle(seen(), gmailTab);
    const settings = await settingsNow();
    // The rebuild reads every thread; the database fails that read once.
    const read = db.threads.toArray.bind(db.threads);
    let failures = 1;
    db.threads.toArray = (async () => {
      if (failures-- > 0) throw new DOMException('Injected database error', 'UnknownError');
      return read();
    }) as typeof db.threads.toArray;
    events = [];
    const answer = await server.handle({ type: 'saveSettings', settings: { ...settings, clients: [acme] } }, popup);
    expect(answer).toMatchObject({ ok: true, value: { settings: { clients: [{ name: 'Acme' }] } } });
    expect((await settingsNow()).clients.map((c) => c.name)).toEqual(['Acme']);
    // Retried: the norms come under the new client, and the pages are told.
    await vi.waitFor(async () => expect(await server.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [{ clientKey: 'client:acme' }] }));
    expect(events).toContainEqual({ type: 'normsChanged', clientKeys: 'all' });
    expect(await db.meta.get('rebuildPending')).toBeUndefined();
  });

  it('a rebuild left pending when the background stopped runs when it starts again (with its first request)', async () => {
    await server.handle(seen(), gmailTab);
    const settings = await settingsNow();
    await db.settings.put({ id: 'settings', value: { ...settings, clients: [acme] } });
    await db.meta.put({ key: 'rebuildPending', value: true });
    const restarted = testServer(db);
    await vi.waitFor(async () => expect(await restarted.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [{ clientKey: 'client:acme' }] }));
  });

  it('norms learned just before the background stopped are there when it starts again', async () => {
    // A save waits for the checks the first request starts (they write what is pending), so that
    // nothing writes the aggregates after the mail below but the background's own timer.
    expect(await server.handle({ type: 'saveSettings', settings: await settingsNow(), keepPauseAndSnoozes: true }, popup)).toMatchObject({ ok: true });
    await server.handle(seen(), gmailTab);
    // It stops at once, before writing the aggregates it keeps pending (store/aggregateBuffer.ts).
    db.close();
    const reopened = openDatabase(db.name);
    const restarted = testServer(reopened);
    await vi.waitFor(async () => expect(await restarted.handle({ type: 'listNorms' }, popup)).toMatchObject({ ok: true, value: [{ clientKey: 'domain:acme.com', summary: { count: 1 } }] }));
    reopened.close();
  });

  it.each(['saveSettings', 'importSettings'] as const)('%s from a page never takes the pause and snoozes: they stay as set since it loaded', async (type) => {
    const loadedByThePage = await settingsNow();
    await server.handle({ type: 'pause', until: NOW + 5 * HOUR }, popup);
    await server.handle({ type: 'snoozeClient', clientKey: 'domain:acme.com', until: NOW + HOUR }, gmailTab);
    const edited = { ...loadedByThePage, clients: [acme] };
    const request =
      type === 'saveSettings'
        ? { type, settings: edited, keepPauseAndSnoozes: true }
        : { type, text: JSON.stringify({ format: 'replypace-settings', version: (JSON.parse(((await server.handle({ type: 'exportSettings' }, popup)) as { value: { text: string } }).value.text) as { version: number }).version, settings: edited }) };
    expect(await server.handle(request, popup)).toMatchObject({ ok: true, value: { settings: { pausedUntil: NOW + 5 * HOUR, snoozes: { 'domain:acme.com': NOW + HOUR } } } });
    const after = await settingsNow();
    expect(after.clients.map((c) => c.name)).toEqual(['Acme']);
    expect(after.pausedUntil).toBe(NOW + 5 * HOUR);
    expect(after.snoozes).toEqual({ 'domain:acme.com': NOW + HOUR });
  });

  it('the pages’ API always asks to keep the pause and snoozes; a seeding tool that does not sets them', async () => {
    const api = await import('../../../src/ui/pages/api.ts');
    const sent: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => void sent.push(message));
    await api.api.saveSettings((await settingsNow()) as never);
    expect(sent).toMatchObject([{ type: 'saveSettings', keepPauseAndSnoozes: true }]);
    await server.handle({ type: 'saveSettings', settings: { ...(await settingsNow()), pausedUntil: NOW + HOUR } }, popup);
    expect((await settingsNow()).pausedUntil).toBe(NOW + HOUR);
    fakeBrowser.reset();
  });

  it('"Erase all" is not undone by a settings write that arrives while it runs', async () => {
    const stored: { value: unknown } = { value: undefined };
    let releaseClear = () => {};
    let clearing: Promise<void> | null = null;
    const backup = {
      save: async (s: unknown) => void (stored.value = structuredClone(s)),
      load: async () => stored.value,
      clear: () => (clearing ??= new Promise<void>((resolve) => (releaseClear = resolve)).then(() => void (stored.value = undefined))),
    };
    server = testServer(db, { settingsBackup: backup });
    await server.handle({ type: 'saveSettings', settings: { ...(await settingsNow()), clients: [acme] } }, popup);
    const erased = server.handle({ type: 'eraseAll' }, popup);
    await vi.waitFor(() => expect(clearing).not.toBeNull());
    // A snooze from a mail tab lands in the middle of the erase.
    const snoozed = server.handle({ type: 'snoozeClient', clientKey: 'client:acme', until: NOW + HOUR }, gmailTab);
    await new Promise((r) => setTimeout(r, 20));
    releaseClear();
    expect(await erased).toMatchObject({ ok: true });
    await snoozed;
    expect((await settingsNow()).clients).toEqual([]);
    expect(((stored.value ?? { clients: [] }) as { clients: unknown[] }).clients).toEqual([]);
  });
});
