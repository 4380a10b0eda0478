/**
 * What the Outlook browser tests and benchmark share: the built extension launched on the Outlook
 * demo mailbox (tests/demo/outlook) served under Outlook's real origins, with the demo settings
 * (tests/demo/gmail/settings.ts: Acme asleep now, Initech around the clock, mine.example the
 * user's own domain).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, type LaunchedExtension } from './harness.ts';
import { seedSettings } from '../demo/serve.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import { outlookDemoHtml } from '../demo/outlook/page.ts';
import { waitForStoredThread } from './site-support.ts';

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

export interface DemoRecord { composeId: string; at: number; to: string[]; scheduledFor: number | null; duplicate: boolean }

/** Serves the demo for every page of these origins; anything else under them is refused. */
export async function serveOutlookDemoOn(context: BrowserContext, origins: string[] = [OUTLOOK_OFFICE, OUTLOOK_LIVE]): Promise<void> {
  const html = outlookDemoHtml();
  for (const origin of origins) {
    await context.route(`${origin}/**`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.abort('blockedbyclient'),
    );
  }
}

export async function launchOnOutlookDemo(): Promise<LaunchedExtension & { extensionPage: Page }> {
  const launched = await launchWithExtension();
  await serveOutlookDemoOn(launched.context);
  await seedSettings(launched.context, launched.extensionId, demoSettings());
  const extensionPage = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
  return { ...launched, extensionPage };
}

type DemoWindow = { __outlookDemo: { sent: DemoRecord[]; scheduled: DemoRecord[]; openComposes(): string[]; openConversation(i: number): void; reply(): unknown; openPopOut(a: string[]): string } };

export const outlookDemo = {
  async open(context: BrowserContext, options: { origin?: string; faults?: string[] } = {}): Promise<Page> {
    const page = await context.newPage();
    const query = options.faults?.length ? `?faults=${options.faults.join(',')}` : '';
    await page.goto(`${options.origin ?? OUTLOOK_OFFICE}/mail/0/${query}`);
    await page.waitForFunction(() => '__outlookDemo' in window);
    return page;
  },
  sent: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__outlookDemo.sent),
  scheduled: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__outlookDemo.scheduled),
  openComposes: (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__outlookDemo.openComposes()),
  openConversation: (page: Page, index: number) => page.evaluate((i) => (window as unknown as DemoWindow).__outlookDemo.openConversation(i), index),
  openPopOut: (page: Page, addresses: string[]) => page.evaluate((a) => (window as unknown as DemoWindow).__outlookDemo.openPopOut(a), addresses),
  setFault: (page: Page, name: string, on: boolean) =>
    page.evaluate(([n, v]) => ((window as unknown as { __outlookDemoFaults: Record<string, boolean> }).__outlookDemoFaults[n as string] = v as boolean), [name, on] as const),
};

export const INLINE_COMPOSE = '#docking_InitVisiblePart_0';
export const INLINE_SEND = `${INLINE_COMPOSE} [data-testid=ComposeSendButton] button[aria-label=Send]`;
export const INLINE_BODY = `${INLINE_COMPOSE} [role=textbox][aria-label^="Message body"]`;

/**
 * Opens a conversation and its inline reply, and gives ReplyPace the moment a real user always
 * gives it (reading, typing) to prepare the decision: the conversation is stored, then the policy
 * is fetched.
 */
export async function replyInConversation(page: Page, extensionPage: Page, conversation: Conversation): Promise<void> {
  await outlookDemo.openConversation(page, conversation.index);
  await waitForStoredThread(extensionPage, conversation.id, conversation.messages);
  await page.click('#demo-reply');
  await page.locator(INLINE_BODY).fill('Thanks, I will get back to you with the details.');
  await page.waitForTimeout(600);
}
