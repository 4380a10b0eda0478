/**
 * Site-neutral helpers for the browser tests and benchmarks of any mail site: the nudge card as
 * tests find it, stored outcomes and threads, a seeded random source, and the extension-side fault
 * switches of the reliability runs (background unreachable, database errors), which change nothing
 * in the extension's code.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { readIndexedDb } from './harness.ts';

export const nudgeCard = (page: Page) => page.locator('replypace-nudge [role=alertdialog]');
export const cardButton = (page: Page, name: string | RegExp) => page.locator('replypace-nudge').getByRole('button', { name, exact: typeof name === 'string' });

export interface StoredOutcome { site: string; clientKey: string; choice: string; reasons: string[]; scheduledFor: number | null; at: number }
export const outcomes = (extensionPage: Page) => readIndexedDb<StoredOutcome>(extensionPage, 'outcomes');

export interface StoredThread { threadId: string; site: string; account: string; messages: { id: string; direction: 'in' | 'out'; counterparts: string[]; at: number }[] }

/** Waits until the background has stored at least `count` messages of this thread. */
export async function waitForStoredThread(extensionPage: Page, threadId: string, count: number, timeoutMs = 10_000): Promise<StoredThread> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const thread = (await readIndexedDb<StoredThread>(extensionPage, 'threads')).find((t) => t.threadId === threadId);
    if (thread && thread.messages.length >= count) return thread;
    if (Date.now() > deadline) throw new Error(`Thread ${threadId} not stored with ${count} messages (has ${thread?.messages.length ?? 0})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A small seeded generator (mulberry32), so that a failing run can be replayed by its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

export interface IsolatedWorld { session: CDPSession; contextId: number }

/** The content script's isolated world in this page ("ReplyPace"), reached over CDP. */
export async function isolatedWorld(page: Page): Promise<IsolatedWorld> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  const deadline = Date.now() + 5000;
  for (;;) {
    const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'ReplyPace');
    if (ours) return { session, contextId: ours.id };
    if (Date.now() > deadline) throw new Error('The content script world was not found');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** In the content script's world, runtime.sendMessage throws as it does while the extension reloads. */
export async function setBackgroundUnreachable(world: IsolatedWorld, on: boolean): Promise<void> {
  const expression = on
    ? `globalThis.__realSendMessage ??= chrome.runtime.sendMessage;
       chrome.runtime.sendMessage = function () { throw new Error('Could not establish connection. Receiving end does not exist.'); }; true`
    : `if (globalThis.__realSendMessage) chrome.runtime.sendMessage = globalThis.__realSendMessage; true`;
  const result = await world.session.send('Runtime.evaluate', { expression, contextId: world.contextId });
  if (result.exceptionDetails) throw new Error(`Could not switch the background fault: ${result.exceptionDetails.text}`);
}

/** In the service worker, IndexedDB's store and index methods throw: every Dexie call fails. */
export async function setDatabaseErrors(worker: Worker, on: boolean): Promise<void> {
  await worker.evaluate((enable) => {
    const g = globalThis as unknown as { __realIdb?: [object, string, unknown][] };
    const targets: [object, string[]][] = [
      [IDBObjectStore.prototype, ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor']],
      [IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']],
    ];
    if (enable) {
      if (g.__realIdb) return;
      g.__realIdb = [];
      for (const [proto, names] of targets) {
        for (const name of names) {
          g.__realIdb.push([proto, name, (proto as Record<string, unknown>)[name]]);
          (proto as Record<string, unknown>)[name] = () => {
            throw new DOMException('Injected database error', 'UnknownError');
          };
        }
      }
    } else if (g.__realIdb) {
      for (const [proto, name, original] of g.__realIdb) (proto as Record<string, unknown>)[name] = original;
      delete g.__realIdb;
    }
  }, on);
}

/** The extension's service worker, for evaluating in the background. */
export function extensionWorker(context: BrowserContext, extensionId: string): Worker {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('No extension service worker');
  return worker;
}
