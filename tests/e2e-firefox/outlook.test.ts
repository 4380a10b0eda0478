/**
 * ReplyPace in Outlook on the web, end to end in Firefox ESR: the Outlook demo mailbox
 * (tests/demo/outlook) served at https://outlook.office.com and https://outlook.live.com with the
 * demo settings, the same situations as the Chromium tests in tests/e2e/outlook.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchFirefox, screenshotPath, type ExtensionGlobals, type FirefoxExtension } from './harness.ts';
import {
  clickCardButton,
  CONVERSATIONS,
  demoSettings,
  firstSuggestion,
  INLINE_BODY,
  INLINE_SEND,
  nudgeCardCount,
  nudgeCardText,
  openDemo,
  outcomes,
  outlookDemo as demo,
  OUTLOOK_LIVE,
  OUTLOOK_OFFICE,
  seedSettings,
  serveOutlookDemo,
  waitForStoredThread,
  waitUntil,
} from './demo.ts';

type Conversation = (typeof CONVERSATIONS)[keyof typeof CONVERSATIONS];
const DRAFT = 'Thanks, I will get back to you with the details.';

let ext: FirefoxExtension;
let page: Page;

beforeAll(async () => {
  ext = await launchFirefox();
  serveOutlookDemo(ext);
  await seedSettings(ext, demoSettings());
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await openDemo(ext, `${OUTLOOK_OFFICE}/mail/0/`);
  await page.setViewport({ width: 1280, height: 800 });
});

async function replyInConversation(target: Page, conversation: Conversation): Promise<void> {
  await demo.openConversation(target, conversation.index);
  await waitForStoredThread(ext, conversation.id, conversation.messages);
  await target.click('#demo-reply');
  await target.type(INLINE_BODY, DRAFT);
  await new Promise((done) => setTimeout(done, 600));
}

const cardCount = (target: Page, count: number) => waitUntil(() => nudgeCardCount(target), (n) => n === count);

describe('Firefox · Outlook: reading', () => {
  it('stores the open conversation through the background (metadata only)', async () => {
    const thread = await waitForStoredThread(ext, CONVERSATIONS.acmeInstant.id, 3);
    expect(thread).toMatchObject({ site: 'outlook', account: 'so.getter@outlook.com' });
    expect(thread.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in']);
    expect(JSON.stringify(thread)).not.toMatch(/Renewal terms|board meeting|confirm the renewal/);
  });

  // Before any reply to Initech is stored: once one is, the next reply is no longer an instant one.
  it('runs on outlook.live.com too', async () => {
    const live = await openDemo(ext, `${OUTLOOK_LIVE}/mail/0/`);
    try {
      await demo.openConversation(live, CONVERSATIONS.initechInstant.index);
      const thread = await waitForStoredThread(ext, CONVERSATIONS.initechInstant.id, 1);
      expect(thread.messages[0]!.counterparts).toEqual(['tom@initech-labs.com']);
      await live.click('#demo-reply');
      await new Promise((done) => setTimeout(done, 600));
      await live.click(INLINE_SEND);
      expect(await cardCount(live, 1)).toBe(1);
      expect(await demo.sent(live)).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('answers the popup with who the open conversation is with', async () => {
    await waitForStoredThread(ext, CONVERSATIONS.acmeInstant.id, 3);
    const answer = await ext.extensionPage.evaluate(async () => {
      const api = (globalThis as unknown as ExtensionGlobals).browser;
      const [tab] = await api.tabs.query({ url: 'https://outlook.office.com/*' });
      return api.tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' }) as Promise<{ counterparts: string[] }>;
    });
    expect(answer.counterparts).toEqual(['bob@acme.example']);
  });
});

describe('Firefox · Outlook: the nudge', () => {
  it('nudges an instant reply to a client, and sends nothing', async () => {
    await replyInConversation(page, CONVERSATIONS.initechInstant);
    await page.click(INLINE_SEND);
    expect(await cardCount(page, 1)).toBe(1);
    expect(await nudgeCardText(page)).toMatch(/[23] minutes after Initech's message/);
    await page.screenshot({ path: screenshotPath('firefox-outlook-nudge.png') });
    await new Promise((done) => setTimeout(done, 300));
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
  });

  it('schedules an after-hours reply with Outlook’s Schedule send at the suggested time, inside Acme’s hours', async () => {
    await replyInConversation(page, CONVERSATIONS.acmeAfterHours);
    await page.click(INLINE_SEND);
    expect(await cardCount(page, 1)).toBe(1);
    await (await firstSuggestion(page)).click();
    const [scheduled] = await waitUntil(() => demo.scheduled(page), (s) => s.length === 1);
    expect(scheduled?.to).toEqual(['Bob Acme']);
    expect(await demo.sent(page)).toEqual([]);
    expect(await cardCount(page, 0)).toBe(0);

    const recorded = await waitUntil(() => outcomes(ext), (o) => o.some((x) => x.choice === 'scheduled' && x.site === 'outlook'));
    const outcome = recorded.find((o) => o.choice === 'scheduled' && o.site === 'outlook')!;
    expect(outcome.clientKey).toBe('client:acme');
    expect(scheduled!.scheduledFor).toBe(outcome.scheduledFor);
    const acmeZone = demoSettings().clients[0]!.schedule!.timeZone;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: acmeZone, hour: 'numeric', hourCycle: 'h23' }).format(scheduled!.scheduledFor!));
    expect(hour).toBeGreaterThanOrEqual(9);
    expect(hour).toBeLessThan(17);
    expect(scheduled!.scheduledFor).toBeGreaterThan(Date.now());
  });

  it('"Send now" sends exactly once', async () => {
    await replyInConversation(page, CONVERSATIONS.initechInstant);
    await page.click(INLINE_SEND);
    expect(await cardCount(page, 1)).toBe(1);
    await clickCardButton(page, 'Send now');
    await waitUntil(() => demo.sent(page), (s) => s.length > 0);
    await new Promise((done) => setTimeout(done, 500));
    const sent = await demo.sent(page);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.duplicate).toBe(false);
    expect(await demo.openComposes(page)).toEqual([]);
    expect(await cardCount(page, 0)).toBe(0);
  });

  it('lets a reply to a colleague go straight out', async () => {
    await replyInConversation(page, CONVERSATIONS.colleague);
    await page.click(INLINE_SEND);
    expect(await waitUntil(() => demo.sent(page), (s) => s.length === 1)).toHaveLength(1);
    expect(await nudgeCardCount(page)).toBe(0);
  });

  it('holds Ctrl+Enter and Enter on Send; Esc closes the card and leaves the draft as it was', async () => {
    await replyInConversation(page, CONVERSATIONS.acmeInstant);
    await page.focus(INLINE_BODY);
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    expect(await cardCount(page, 1)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await cardCount(page, 0)).toBe(0);
    expect(await demo.sent(page)).toEqual([]);
    expect(await page.$eval(INLINE_BODY, (body) => body.textContent)).toBe(DRAFT);
    await page.focus(INLINE_SEND);
    await page.keyboard.press('Enter');
    expect(await cardCount(page, 1)).toBe(1);
  });

});
