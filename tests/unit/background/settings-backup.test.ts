import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extensionStorageBackup } from '../../../src/background/settings-backup.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { extensionPage, testServer } from './test-server.ts';

// The settings live in IndexedDB and, as a backup, in extension storage: a damaged or cleared
// database must not cost the user their clients and hours.
const popup = extensionPage('options.html');

let db: ReplyPaceDb;

function serverOn(database: ReplyPaceDb) {
  return testServer(database, { settingsBackup: extensionStorageBackup });
}

function withAcme(): Settings {
  const settings = defaultSettings('Europe/Berlin');
  return {
    ...settings,
    clients: [{ id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1 }],
  };
}

async function settingsOf(server: ReturnType<typeof serverOn>) {
  const answer = await server.handle({ type: 'getSettings' }, popup);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as Settings;
}

beforeEach(() => {
  fakeBrowser.reset();
  db = openDatabase(`backup-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the settings backup in extension storage', () => {
  it('brings the settings back when the database has lost them', async () => {
    const server = serverOn(db);
    expect(await server.handle({ type: 'saveSettings', settings: withAcme() }, popup)).toMatchObject({ ok: true });
    await db.settings.clear();
    const restored = await settingsOf(server);
    expect(restored.clients.map((c) => c.name)).toEqual(['Acme']);
    expect(restored.defaults.schedule.timeZone).toBe('Europe/Berlin');
  });

  it('brings the settings back when the database cannot be read at all', async () => {
    await serverOn(db).handle({ type: 'saveSettings', settings: withAcme() }, popup);
    const broken = openDatabase(`backup-broken-${Math.random()}`);
    (broken.settings as unknown as { get(): Promise<never> }).get = () => Promise.reject(new Error('IndexedDB is broken'));
    const restored = await settingsOf(serverOn(broken));
    expect(restored.clients.map((c) => c.name)).toEqual(['Acme']);
    await broken.delete();
  });

  it('keeps pause changes in the backup too, and forgets everything on "erase all"', async () => {
    const server = serverOn(db);
    await server.handle({ type: 'saveSettings', settings: withAcme() }, popup);
    await server.handle({ type: 'pause', until: Date.UTC(2026, 5, 18) }, popup);
    expect(((await extensionStorageBackup.load()) as Settings).pausedUntil).toBe(Date.UTC(2026, 5, 18));
    await server.handle({ type: 'eraseAll' }, popup);
    expect(await extensionStorageBackup.load()).toBeUndefined();
    expect((await settingsOf(server)).clients).toEqual([]);
  });
});
