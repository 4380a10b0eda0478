/**
 * The older Playwright-flavoured helpers for the Gmail demo, kept for the test files not yet on
 * the kit: new tests use `gmailDemo` (tests/demo/gmail/site.ts) with tests/kit.
 */
import type { Page } from 'playwright-core';
import { readIndexedDb } from './harness.ts';
import { openGmailDemo, serveGmailDemo } from '../demo/serve.ts';
import type { DemoWindow } from '../demo/api.ts';
import { launchOnDemoWith } from './site-support.ts';

export { cardButton, nudgeCard, outcomes, type StoredOutcome } from './site-support.ts';

export interface DemoSend { id: string; composeId: string; duplicate: boolean; at: number }
export interface DemoScheduled { composeId: string; at: number; to: string }
type OldDemo = { __demo: { sent(): DemoSend[]; scheduled(): DemoScheduled[] } };

export const launchOnDemo = () => launchOnDemoWith(serveGmailDemo);

export const demo = {
  open: openGmailDemo,
  sent: (page: Page) => page.evaluate(() => (window as unknown as OldDemo).__demo.sent()),
  scheduled: (page: Page) => page.evaluate(() => (window as unknown as OldDemo).__demo.scheduled()),
  openComposes: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__demo.openComposes()),
  openThread: (page: Page, index: number) => page.evaluate((i) => (window as unknown as DemoWindow).__demo.openThread(i), index),
  threadMessageIds: (page: Page, index: number) =>
    page.evaluate((i) => (window as unknown as { __demo: { threads: { messages: { id: string }[] }[] } }).__demo.threads[i]!.messages.map((m) => m.id), index),
};

/** Thread indexes of the demo mailbox (tests/demo/gmail/demo.js). */
export const THREADS = { acmeInstant: 0, acmeAfterHours: 1, initechInstant: 2, colleague: 3 } as const;

/** Waits until the background has stored these messages (the content script read the thread). */
export async function waitForStoredMessages(extensionPage: Page, ids: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const threads = await readIndexedDb<{ messages: { id: string }[] }>(extensionPage, 'threads');
    const stored = new Set(threads.flatMap((t) => t.messages.map((m) => m.id)));
    if (ids.every((id) => stored.has(id))) return;
    if (Date.now() > deadline) throw new Error(`Messages not stored: ${ids.filter((id) => !stored.has(id)).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a thread and its inline reply, and gives ReplyPace the moment a user gives it (reading, typing). */
export async function replyInThread(page: Page, extensionPage: Page, index: number): Promise<void> {
  await demo.openThread(page, index);
  await waitForStoredMessages(extensionPage, await demo.threadMessageIds(page, index));
  await page.click('.ams');
  await page.locator('.M9 [role=textbox]').fill('Thanks, I will get back to you with the details.');
  await page.waitForTimeout(600);
}
