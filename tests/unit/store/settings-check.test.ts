import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, repairSettings, type Client, type Settings } from '../../../src/core/settings.ts';
import { openDatabase, readSettings, writeSettings, type ReplyPaceDb } from '../../../src/store/index.ts';
import { SETTINGS_RULES } from '../../../src/store/settings-check.ts';
import { settingsRulesStamp } from '../../../scripts/settings-rules.ts';

// A settings record carries the stamp of the rules its value passed unchanged (settings-check.ts),
// so a background that has just started takes it as stored instead of checking 500 clients again.

function client(id: string, fields: Partial<Client> = {}): Client {
  return { id, name: id, addresses: [], domains: [`${id}.com`], mode: 'account', createdAt: 0, ...fields };
}

/** Settings as the pages and the background write them, some of every kind. */
function variants(): Settings[] {
  const base = defaultSettings('Europe/Berlin');
  const many = { ...base, clients: Array.from({ length: 60 }, (_, i) => client(`c${i}`, { responseTargetHours: 1 + (i % 9), mode: i % 7 === 0 ? 'off' : 'account' })) };
  return [
    base,
    many,
    { ...many, pausedUntil: Date.UTC(2026, 11, 2), snoozes: { 'domain:c1.com': Date.UTC(2026, 11, 3) } },
    { ...base, me: { addresses: ['sam@northwind-sales.com'], ownDomains: ['northwind-sales.com'] }, clients: [client('acme', { addresses: ['jana@acme.com'], minReplyDelayMinutes: 30 })] },
  ];
}

let db: ReplyPaceDb;
afterEach(async () => {
  db?.close();
});

const stampOf = async () => (await db.settings.get('settings'))?.checked;

describe('settings checked once, by the rules that checked them', () => {
  it('a record written through the store carries these rules, and reading it gives exactly what checking it gives', async () => {
    for (const settings of variants()) {
      db = openDatabase(`check-${Math.random()}`);
      await writeSettings(db, settings);
      expect(await stampOf()).toBe(SETTINGS_RULES);
      expect(await readSettings(db, 'UTC')).toEqual(repairSettings(settings, 'UTC'));
      db.close();
    }
  });

  it('a record of other rules, or of none, is checked and repaired as before', async () => {
    db = openDatabase(`check-${Math.random()}`);
    const settings = variants()[1]!;
    const broken = { ...settings, defaults: { ...settings.defaults, minReplyDelayMinutes: -5 } };
    await db.settings.put({ id: 'settings', value: broken, checked: 'another-build' });
    const read = await readSettings(db, 'UTC');
    expect(read).toEqual(repairSettings(broken, 'UTC'));
    expect(read.problems.join(' ')).toMatch(/minReplyDelayMinutes/);
    await db.settings.put({ id: 'settings', value: broken });
    expect(await readSettings(db, 'UTC')).toEqual(repairSettings(broken, 'UTC'));
  });

  it('settings that checking would change are written without the stamp, and repaired when read', async () => {
    db = openDatabase(`check-${Math.random()}`);
    const settings = variants()[0]!;
    const broken = { ...settings, defaults: { ...settings.defaults, responseTargetHours: -1 } } as Settings;
    await writeSettings(db, broken);
    expect(await stampOf()).toBeUndefined();
    expect(await readSettings(db, 'UTC')).toEqual(repairSettings(broken, 'UTC'));
  });

  it('a valid record from before the stamp (or another build) gets it after its first check; one that needed repair does not', async () => {
    db = openDatabase(`check-${Math.random()}`);
    const settings = variants()[2]!;
    await db.settings.put({ id: 'settings', value: settings, checked: 'an-older-build' });
    expect(await readSettings(db, 'UTC')).toEqual(repairSettings(settings, 'UTC'));
    await expect.poll(stampOf, { timeout: 5_000, interval: 10 }).toBe(SETTINGS_RULES);
    // The value itself is untouched.
    expect((await db.settings.get('settings'))?.value).toEqual(settings);

    const broken = { ...settings, clients: [...settings.clients, { id: 'x' }] };
    await db.settings.put({ id: 'settings', value: broken });
    expect((await readSettings(db, 'UTC')).problems).not.toEqual([]);
    // Whatever the store did after that read has finished with the next transaction over the settings.
    await db.transaction('rw', db.settings, () => undefined);
    expect(await stampOf()).toBeUndefined();
  });
});

describe('the rules stamp of a build (scripts/settings-rules.ts)', () => {
  function project(files: Record<string, string>, zodVersion = '4.0.0'): string {
    const root = mkdtempSync(join(tmpdir(), 'replypace-rules-'));
    writeFileSync(join(root, 'package.json'), '{"name":"p","type":"module"}');
    mkdirSync(join(root, 'node_modules', 'zod'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'zod', 'package.json'), JSON.stringify({ name: 'zod', version: zodVersion }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  const stamp = (files: Record<string, string>, zodVersion?: string) => {
    const root = project(files, zodVersion);
    roots.push(root);
    return settingsRulesStamp(root);
  };

  it('is the same for the same sources, and changes with any file of src/core or with zod', () => {
    const core = { 'src/core/settings.ts': 'export const a = 1;', 'src/core/limits/max.ts': 'export const max = 5;', 'src/ui/page.ts': 'x' };
    const first = stamp(core);
    expect(stamp(core)).toBe(first);
    expect(stamp({ ...core, 'src/ui/page.ts': 'y' })).toBe(first);
    expect(stamp({ ...core, 'src/core/limits/max.ts': 'export const max = 6;' })).not.toBe(first);
    expect(stamp({ ...core, 'src/core/new.ts': '' })).not.toBe(first);
    expect(stamp(core, '4.0.1')).not.toBe(first);
  });
});
