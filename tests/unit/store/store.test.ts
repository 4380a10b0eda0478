import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, repairSettings, type Client, type Settings } from '../../../src/core/settings.ts';
import type { MessageSeen } from '../../../src/core/types.ts';
import {
  eraseAll,
  ingestMessages,
  listNorms,
  openDatabase,
  META_SETTINGS_REVISION,
  readRevision,
  readSettings,
  rebuildAggregates,
  recordOutcome,
  writeSettings,
  type ReplyPaceDb,
} from '../../../src/store/index.ts';

const HOUR = 3_600_000;
const MONDAY_9 = Date.UTC(2026, 5, 15, 9);
const NOW = MONDAY_9 + 3 * 24 * HOUR;
const ME = 'me@mine.com';

function client(id: string, fields: Partial<Client>): Client {
  return { id, name: id, addresses: [], domains: [], mode: 'account', createdAt: 0, ...fields };
}

function settingsWith(clients: Client[]): Settings {
  return { ...defaultSettings('UTC'), clients, me: { addresses: ['me@alias.com'], ownDomains: [] } };
}

const mail: MessageSeen[] = [
  { id: 'a1', threadId: 't1', from: 'bob@acme.com', to: [ME], at: MONDAY_9 },
  { id: 'r1', threadId: 't1', from: 'me@alias.com', to: ['bob@acme.com'], at: MONDAY_9 + 2 * HOUR },
  { id: 'b1', threadId: 't2', from: 'ann@eu.acme.com', to: [ME], at: MONDAY_9 },
  { id: 's1', threadId: 't2', from: ME, to: ['ann@eu.acme.com'], at: MONDAY_9 + HOUR },
  { id: 'c1', threadId: 't3', from: 'pat@mine.com', to: [ME], at: MONDAY_9 },
  { id: 'c2', threadId: 't3', from: ME, to: ['pat@mine.com'], at: MONDAY_9 + HOUR },
];

let db: ReplyPaceDb;
afterEach(async () => {
  await db?.delete();
});

describe('the store with real settings', () => {
  it('keys norms by the client rules, treats aliases as the user, and learns nothing from colleagues', async () => {
    db = openDatabase(`store-${Math.random()}`);
    const settings = settingsWith([client('acme', { name: 'Acme', domains: ['acme.com'] })]);
    await ingestMessages(db, 'gmail', ME, mail, settings, NOW);
    const norms = await listNorms(db, NOW);
    // bob@acme.com and ann@eu.acme.com (a subdomain) are both Acme; pat@mine.com is a colleague.
    expect(norms).toMatchObject([{ clientKey: 'client:acme', name: 'Acme', summary: { count: 2 } }]);
  });

  it('re-keys and re-measures everything when the settings change', async () => {
    db = openDatabase(`store-${Math.random()}`);
    await ingestMessages(db, 'gmail', ME, mail, settingsWith([]), NOW);
    expect((await listNorms(db, NOW)).map((n) => n.clientKey).sort()).toEqual(['domain:acme.com', 'domain:eu.acme.com']);

    // Acme works in Sydney, and ann is split out as her own client set to off.
    const sydney = { timeZone: 'Australia/Sydney', week: [[], [{ start: '09:00', end: '17:00' }], [], [], [], [], []], holidays: [] };
    const next = settingsWith([
      client('ann', { name: 'Ann', addresses: ['ann@eu.acme.com'], mode: 'off' }),
      client('acme', { name: 'Acme', domains: ['acme.com'], schedule: sydney }),
    ]);
    await rebuildAggregates(db, next);
    const norms = await listNorms(db, NOW);
    expect(norms).toMatchObject([{ clientKey: 'client:acme', timeZone: 'Australia/Sydney', summary: { count: 1, afterHoursShare: 1 } }]);
    // Monday 09:00–11:00 UTC is Monday evening in Sydney: no working time.
    expect(norms[0]!.summary.medianWorkingMs).toBe(0);
  });

  it('repairs stored settings field by field when reading them', async () => {
    db = openDatabase(`store-${Math.random()}`);
    expect((await readSettings(db, 'Europe/London')).settings.defaults.schedule.timeZone).toBe('Europe/London');
    const stored = settingsWith([client('acme', { domains: ['acme.com'] })]);
    await writeSettings(db, stored);
    await db.settings.put({ id: 'settings', value: { ...stored, defaults: { ...stored.defaults, minReplyDelayMinutes: -5 } } });
    const { settings, problems } = await readSettings(db, 'UTC');
    expect(settings.defaults.minReplyDelayMinutes).toBe(15);
    expect(settings.clients.map((c) => c.id)).toEqual(['acme']);
    expect(problems.join(' ')).toMatch(/minReplyDelayMinutes/);
  });

  it('gives what repairing the stored value gives, on every read, whoever wrote it, without sharing objects', async () => {
    db = openDatabase(`store-${Math.random()}`);
    const stored = settingsWith([client('acme', { domains: ['acme.com'] })]);
    await writeSettings(db, stored);
    const first = await readSettings(db, 'UTC');
    expect(first).toEqual(repairSettings(stored, 'UTC'));
    // A reader changing what it was given does not change what the next reader gets.
    first.settings.clients[0]!.name = 'Changed by a reader';
    first.problems.push('added by a reader');
    expect(await readSettings(db, 'UTC')).toEqual(repairSettings(stored, 'UTC'));
    // Written behind the store's back, then through it, then in another zone: each read is fresh.
    const broken = { ...stored, defaults: { ...stored.defaults, responseTargetHours: -1 } };
    await db.settings.put({ id: 'settings', value: broken });
    expect(await readSettings(db, 'UTC')).toEqual(repairSettings(broken, 'UTC'));
    const renamed = settingsWith([client('acme', { name: 'Acme Corp', domains: ['acme.com'] })]);
    await writeSettings(db, renamed);
    expect((await readSettings(db, 'UTC')).settings.clients[0]!.name).toBe('Acme Corp');
    await db.settings.clear();
    expect(await readSettings(db, 'Asia/Tokyo')).toEqual(repairSettings(undefined, 'Asia/Tokyo'));
  });

  it('erases everything it holds', async () => {
    db = openDatabase(`store-${Math.random()}`);
    const settings = settingsWith([]);
    await writeSettings(db, settings);
    await ingestMessages(db, 'gmail', ME, mail, settings, NOW);
    await recordOutcome(db, { site: 'gmail', clientKey: 'domain:acme.com', at: NOW, choice: 'sent-anyway', reasons: ['too-fast'], scheduledFor: null });
    const revision = await readRevision(db);
    await eraseAll(db);
    for (const table of db.tables.filter((t) => t.name !== 'meta')) expect(await table.count(), table.name).toBe(0);
    // Only the settings revision stays, raised: the pages learn that what they drew is gone.
    expect((await db.meta.toArray()).map((r) => r.key)).toEqual([META_SETTINGS_REVISION]);
    expect((await readRevision(db)).revision).toBeGreaterThan(revision.revision!);
  });
});
