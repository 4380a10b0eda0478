/**
 * The background's request handler as the unit tests run it: the real server over the database a
 * test opened, answering as the extension with id RUNTIME_ID whose pages live at EXTENSION_BASE,
 * on the manifest's Gmail and Outlook hosts, at a fixed time in UTC, telling no page anything.
 * A test passes what it needs otherwise (its own clock, zone, listener, hosts, backup).
 */
import { GMAIL_MATCHES, OUTLOOK_MATCHES } from '../../../wxt.config.ts';
import { createServer, type MessageSender, type ServerDeps } from '../../../src/background/server.ts';
import type { ReplyPaceDb } from '../../../src/store/index.ts';

export const RUNTIME_ID = 'replypace-test-id';
export const EXTENSION_BASE = `chrome-extension://${RUNTIME_ID}/`;
/** Wednesday 17 June 2026, 12:00 UTC: the servers' clock unless a test gives its own. */
export const WEDNESDAY_NOON = Date.UTC(2026, 5, 17, 12);

export type TestServer = ReturnType<typeof createServer>;

export function testServer(db: ReplyPaceDb, deps: Partial<Omit<ServerDeps, 'db'>> = {}): TestServer {
  return createServer({
    db,
    runtimeId: RUNTIME_ID,
    extensionBaseUrl: EXTENSION_BASE,
    mailMatches: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES],
    version: '0.1.0',
    now: () => WEDNESDAY_NOON,
    userTimeZone: () => 'UTC',
    notify: () => undefined,
    ...deps,
  });
}

/** An extension page of ours asking ("popup.html", "options.html", …). */
export function extensionPage(file: string): MessageSender {
  return { id: RUNTIME_ID, url: `${EXTENSION_BASE}${file}` };
}

/** Our content script in a Gmail inbox tab. */
export const gmailTab: MessageSender = { id: RUNTIME_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3, url: 'https://mail.google.com/mail/u/0/#inbox' } };
/** Our content script in an Outlook tab. */
export const outlookTab: MessageSender = { id: RUNTIME_ID, url: 'https://outlook.office.com/mail/', tab: { id: 4, url: 'https://outlook.office.com/mail/' } };
