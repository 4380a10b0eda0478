/**
 * The settings' second home: extension storage (the `storage` permission). IndexedDB holds the
 * history and the settings in use; if that database is ever damaged or cleared by the browser,
 * the user's clients, hours and targets come back from here instead of being reset.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../core/settings.ts';
import type { SettingsBackup } from './server.ts';

const KEY = 'settingsBackup';

export const extensionStorageBackup: SettingsBackup = {
  async save(settings: Settings) {
    await browser.storage.local.set({ [KEY]: settings });
  },
  async load() {
    return (await browser.storage.local.get(KEY))[KEY];
  },
  async clear() {
    await browser.storage.local.remove(KEY);
  },
};
