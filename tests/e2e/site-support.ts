/**
 * The older, Playwright-flavoured helpers of the Chromium browser tests, kept for the test files
 * not yet on the kit (tests/kit): new tests use tests/kit/harness.ts and tests/kit/demo-site.ts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, readIndexedDb, type LaunchedExtension } from './harness.ts';
import { seedSettings } from '../demo/serve.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import { cardButton as pressCardButton, type CardButton, type StoredOutcome, type StoredThread } from '../kit/harness.ts';
import { chromiumTab } from '../kit/chromium.ts';

export type { StoredOutcome, StoredThread } from '../kit/harness.ts';
export { extensionWorker, isolatedWorld, setBackgroundUnreachable, setDatabaseErrors, type IsolatedWorld } from '../kit/chromium.ts';
export { seededRandom } from '../kit/random.ts';
export { percentile } from '../kit/stats.ts';

export const nudgeCard = (page: Page) => page.locator('replypace-nudge [role=alertdialog]');
/** Presses a card button by the kit's one matching rule (tests/kit/harness.ts `cardButton`). */
export const cardButton = (page: Page, name: CardButton) => ({ click: () => pressCardButton(chromiumTab(page), name) });
export const outcomes = (extensionPage: Page) => readIndexedDb<StoredOutcome>(extensionPage, 'outcomes');

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

/** The extension launched with a demo served (`serve`) and the demo settings, and a page of its own open. */
export async function launchOnDemoWith(serve: (context: BrowserContext) => Promise<void>): Promise<LaunchedExtension & { extensionPage: Page }> {
  const launched = await launchWithExtension();
  await serve(launched.context);
  await seedSettings(launched.context, launched.extensionId, demoSettings());
  const extensionPage = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
  return { ...launched, extensionPage };
}
