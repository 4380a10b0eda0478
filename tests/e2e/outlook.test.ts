/**
 * ReplyPace in Outlook on the web, end to end in Chromium: the built extension on the Outlook demo
 * mailbox served at https://outlook.office.com (and once at https://outlook.live.com), with the demo
 * settings where Acme is asleep now, Initech works around the clock, and mine.example is the
 * user's own domain (tests/demo/gmail/settings.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './harness.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import {
  CONVERSATIONS, INLINE_BODY, INLINE_COMPOSE, INLINE_SEND, OUTLOOK_LIVE, launchOnOutlookDemo, outlookDemo as demo, replyInConversation,
} from './outlook-support.ts';
import { cardButton, nudgeCard, outcomes, waitForStoredThread } from './site-support.ts';

let ext: LaunchedExtension & { extensionPage: Page };
let page: Page;

beforeAll(async () => {
  ext = await launchOnOutlookDemo();
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await demo.open(ext.context);
});

describe('Outlook: reading', () => {
  it('stores the messages of the open conversation through the background in IndexedDB (metadata only)', async () => {
    const thread = await waitForStoredThread(ext.extensionPage, CONVERSATIONS.acmeInstant.id, 3);
    expect(thread).toMatchObject({ site: 'outlook', account: 'so.getter@outlook.com' });
    expect(thread.messages.map((m) => [m.direction, m.counterparts])).toEqual([
      ['in', ['bob@acme.example']],
      ['out', ['bob@acme.example']],
      ['in', ['bob@acme.example']],
    ]);
    // The latest is Bob's message of two minutes ago (read to the minute from the localized time).
    expect(Date.now() - thread.messages[2]!.at).toBeGreaterThan(60_000);
    expect(Date.now() - thread.messages[2]!.at).toBeLessThan(4 * 60_000);
    expect(JSON.stringify(thread)).not.toMatch(/Renewal terms|board meeting|confirm the renewal/);
  });

  it('runs on outlook.live.com too', async () => {
    const live = await demo.open(ext.context, { origin: OUTLOOK_LIVE });
    try {
      await demo.openConversation(live, CONVERSATIONS.initechInstant.index);
      const thread = await waitForStoredThread(ext.extensionPage, CONVERSATIONS.initechInstant.id, 1);
      expect(thread.messages[0]!.counterparts).toEqual(['tom@initech-labs.com']);
      await live.click('#demo-reply');
      await live.waitForTimeout(600);
      await live.click(INLINE_SEND);
      await expect.poll(() => nudgeCard(live).count()).toBe(1);
      expect(await demo.sent(live)).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('answers the popup with who the open conversation is with, never the user', async () => {
    await waitForStoredThread(ext.extensionPage, CONVERSATIONS.acmeInstant.id, 3);
    const answer = await ext.extensionPage.evaluate(async () => {
      type Tabs = { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<{ counterparts: string[] }> };
      const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
      const [tab] = await tabs.query({ url: 'https://outlook.office.com/*' });
      return tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' });
    });
    expect(answer.counterparts).toEqual(['bob@acme.example']);
  });
});

describe('Outlook: the nudge', () => {
  it('nudges an instant reply to a client, and sends nothing', async () => {
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.initechInstant);
    await page.click(INLINE_SEND);
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    // Outlook shows times to the minute: a message of two minutes ago reads as 2 or 3 minutes old.
    await expect(nudgeCard(page).textContent()).resolves.toMatch(/[23] minutes after Initech's message/);
    await page.waitForTimeout(300);
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
  });

  it('nudges an after-hours reply, and a suggestion schedules it with the demo’s Schedule send at that time', async () => {
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
    await page.click(INLINE_SEND);
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await expect(nudgeCard(page).textContent()).resolves.toMatch(/Acme/);
    await nudgeCard(page).locator('button.suggestion').first().click();
    await expect.poll(() => demo.scheduled(page), { timeout: 10_000 }).toHaveLength(1);
    const [scheduled] = await demo.scheduled(page);
    expect(scheduled!.to).toEqual(['Bob Acme']);
    expect(await demo.sent(page)).toEqual([]);
    await expect.poll(() => nudgeCard(page).count()).toBe(0);
    await expect.poll(async () => (await outcomes(ext.extensionPage)).filter((o) => o.choice === 'scheduled' && o.site === 'outlook').length).toBe(1);
    const outcome = (await outcomes(ext.extensionPage)).find((o) => o.choice === 'scheduled' && o.site === 'outlook')!;
    expect(outcome.clientKey).toBe('client:acme');
    expect(outcome.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/outside-hours|weekend/)]));
    // The demo's dialog takes minutes: the suggestion is on a whole minute, so the times agree exactly.
    expect(scheduled!.scheduledFor).toBe(outcome.scheduledFor);
    const acmeZone = demoSettings().clients[0]!.schedule!.timeZone;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: acmeZone, hour: 'numeric', hourCycle: 'h23' }).format(scheduled!.scheduledFor!));
    expect(hour).toBeGreaterThanOrEqual(9);
    expect(hour).toBeLessThan(17);
    expect(scheduled!.scheduledFor).toBeGreaterThan(Date.now());
  });

  it('"Send now" sends exactly once', async () => {
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.initechInstant);
    await page.click(INLINE_SEND);
    await cardButton(page, 'Send now').click();
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    await page.waitForTimeout(500);
    const sent = await demo.sent(page);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.duplicate).toBe(false);
    expect(await demo.openComposes(page)).toEqual([]);
    expect(await nudgeCard(page).count()).toBe(0);
  });

  it('does not nudge a reply to a colleague', async () => {
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.colleague);
    await page.click(INLINE_SEND);
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    expect(await nudgeCard(page).count()).toBe(0);
  });

  it('holds Ctrl+Enter and Enter on Send too; Esc closes the card and leaves the draft as it was', async () => {
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeInstant);
    await page.locator(INLINE_BODY).press('Control+Enter');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => nudgeCard(page).count()).toBe(0);
    expect(await demo.sent(page)).toEqual([]);
    await expect(page.locator(INLINE_BODY).textContent()).resolves.toBe('Thanks, I will get back to you with the details.');
    // The next Send is judged again.
    await page.focus(INLINE_SEND);
    await page.keyboard.press('Enter');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    expect(await demo.sent(page)).toEqual([]);
    expect(await page.locator(INLINE_COMPOSE).count()).toBe(1);
  });

  it('nudges a new message to a client from a pop-out compose', async () => {
    await page.click('#demo-new-mail');
    const to = page.locator('[data-app-section=Form_Content] [role=textbox][aria-label=To]');
    await to.pressSequentially('ops@acme.example');
    await to.press('Enter');
    await page.locator('[data-app-section=Form_Content] [role=textbox][aria-label^="Message body"]').fill('Hello Acme ops team.');
    await page.waitForTimeout(600);
    await page.click('[data-app-section=Form_Content] [data-testid=ComposeSendButton] button[aria-label=Send]');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    expect(await demo.sent(page)).toEqual([]);
  });

  it('shows which time to set by hand when the Schedule send dialog is missing, and the draft stays', async () => {
    await page.close();
    page = await demo.open(ext.context, { faults: ['no-dialog'] });
    await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
    await page.click(INLINE_SEND);
    await nudgeCard(page).locator('button.suggestion').first().click();
    await expect
      .poll(() => nudgeCard(page).textContent(), { timeout: 10_000 })
      .toMatch(/Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with Outlook's Schedule send/);
    expect(await demo.scheduled(page)).toEqual([]);
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
    await expect(page.locator(INLINE_BODY).textContent()).resolves.toBe('Thanks, I will get back to you with the details.');
    await expect.poll(async () => (await outcomes(ext.extensionPage)).some((o) => o.choice === 'schedule-failed' && o.site === 'outlook')).toBe(true);
    await cardButton(page, 'Send now').click();
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
  });
});
