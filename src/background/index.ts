/**
 * Starts the background: opens the database, answers the protocol, and pushes norms updates to
 * the pages listening on the norms-updates port.
 */
import { browser } from 'wxt/browser';
import { NORMS_UPDATES_PORT } from '../messaging/constants.ts';
import type { NormsChangedEvent } from '../messaging/protocol.ts';
import { openDatabase } from '../store/index.ts';
import { badgeRefresher, showAttentionCount } from './toolbar-badge.ts';
import { startWeeklyReminder } from './weekly-reminder.ts';
import { createServer, type MessageSender } from './server.ts';
import { extensionStorageBackup } from './settings-backup.ts';

type Port = ReturnType<typeof browser.runtime.connect>;

/**
 * The mail sites' host patterns, read from the manifest's content scripts so they stay the ones in
 * wxt.config.ts. The content scripts' matches are the only host access the extension has: it asks
 * for no host permissions.
 */
function mailMatchesFromManifest(): string[] {
  const manifest = browser.runtime.getManifest() as { content_scripts?: { matches?: string[] }[] };
  return (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []).filter((p) => p.startsWith('https://'));
}

export function startBackground(): void {
  const db = openDatabase();
  const listeners = new Set<Port>();
  const attentionDeps = { db, now: () => Date.now(), userTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  const badge = badgeRefresher(attentionDeps);
  const server = createServer({
    db,
    runtimeId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    mailMatches: mailMatchesFromManifest(),
    version: browser.runtime.getManifest().version,
    now: attentionDeps.now,
    userTimeZone: attentionDeps.userTimeZone,
    settingsBackup: extensionStorageBackup,
    onAttention: (report) => void showAttentionCount(report.needingAttention.length).catch(() => undefined),
    notify(event: NormsChangedEvent) {
      badge.schedule();
      for (const port of listeners) {
        try {
          port.postMessage(event);
        } catch {
          listeners.delete(port);
        }
      }
    },
  });

  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) => server.handle(message, sender));

  browser.runtime.onConnect.addListener((port: Port) => {
    if (port.name !== NORMS_UPDATES_PORT || !server.isPage(port.sender as MessageSender)) {
      port.disconnect();
      return;
    }
    listeners.add(port);
    port.onDisconnect.addListener(() => listeners.delete(port));
  });

  startWeeklyReminder(attentionDeps);
}
