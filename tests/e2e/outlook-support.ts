/**
 * The older Playwright-flavoured helpers for the Outlook demo, kept for the test files not yet on
 * the kit: new tests use `outlookDemo` (tests/demo/outlook/site.ts) with tests/kit.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { demoRoute } from '../demo/serve.ts';
import type { DemoRecord, DemoWindow } from '../demo/api.ts';
import { routeOn } from '../kit/chromium.ts';
import { launchOnDemoWith, waitForStoredThread } from './site-support.ts';

export type { DemoRecord } from '../demo/api.ts';
export const OUTLOOK_OFFICE = 'https://outlook.office.com';
export const OUTLOOK_LIVE = 'https://outlook.live.com';

/** Conversation indexes of the demo (tests/demo/outlook/demo.js) and how many messages each holds. */
export const CONVERSATIONS = {
  acmeInstant: { index: 0, id: 'DEMO-CONV-ACME-1', messages: 3 },
  acmeAfterHours: { index: 1, id: 'DEMO-CONV-ACME-2', messages: 1 },
  initechInstant: { index: 2, id: 'DEMO-CONV-INITECH-1', messages: 1 },
  colleague: { index: 3, id: 'DEMO-CONV-COLLEAGUE-1', messages: 1 },
} as const;
export type Conversation = (typeof CONVERSATIONS)[keyof typeof CONVERSATIONS];

/** Serves the demo for every page of these origins; anything else under them is refused. */
export async function serveOutlookDemoOn(context: BrowserContext, origins: string[] = [OUTLOOK_OFFICE, OUTLOOK_LIVE]): Promise<void> {
  for (const origin of origins) await routeOn(context, `${origin}/`, demoRoute('outlook'));
}

export const launchOnOutlookDemo = () => launchOnDemoWith((context) => serveOutlookDemoOn(context));

type W = DemoWindow;

export const outlookDemo = {
  async open(context: BrowserContext, options: { origin?: string; faults?: string[] } = {}): Promise<Page> {
    const page = await context.newPage();
    const query = options.faults?.length ? `?faults=${options.faults.join(',')}` : '';
    await page.goto(`${options.origin ?? OUTLOOK_OFFICE}/mail/0/${query}`);
    await page.waitForFunction(() => '__demo' in window);
    return page;
  },
  sent: (page: Page): Promise<DemoRecord[]> => page.evaluate(() => (window as unknown as W).__demo.outbox().sent),
  scheduled: (page: Page): Promise<DemoRecord[]> => page.evaluate(() => (window as unknown as W).__demo.outbox().scheduled),
  openComposes: (page: Page) => page.evaluate(() => (window as unknown as W).__demo.openComposes()),
  openConversation: (page: Page, index: number) => page.evaluate((i) => (window as unknown as W).__demo.openThread(i), index),
  openPopOut: (page: Page, addresses: string[]) => page.evaluate((a) => (window as unknown as W).__demo.newCompose(a), addresses),
  setFault: (page: Page, name: string, on: boolean) => page.evaluate(([n, v]) => (window as unknown as W).__demo.setFault(n, v), [name, on] as [string, boolean]),
};

export const INLINE_COMPOSE = '#docking_InitVisiblePart_0';
export const INLINE_SEND = `${INLINE_COMPOSE} [data-testid=ComposeSendButton] button[aria-label=Send]`;
export const INLINE_BODY = `${INLINE_COMPOSE} [role=textbox][aria-label^="Message body"]`;

/** Opens a conversation and its inline reply, and gives ReplyPace the moment a user gives it (reading, typing). */
export async function replyInConversation(page: Page, extensionPage: Page, conversation: Conversation): Promise<void> {
  await outlookDemo.openConversation(page, conversation.index);
  await waitForStoredThread(extensionPage, conversation.id, conversation.messages);
  await page.click('#demo-reply');
  await page.locator(INLINE_BODY).fill('Thanks, I will get back to you with the details.');
  await page.waitForTimeout(600);
}
