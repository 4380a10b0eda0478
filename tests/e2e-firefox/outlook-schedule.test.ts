/**
 * Outlook's Schedule send and pop-out compose, end to end in Firefox ESR, on the Outlook demo
 * mailbox behaving like the public evidence (tests/demo/outlook/README.md): the same situations
 * as tests/e2e/outlook-schedule.test.ts in Chromium.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './harness.ts';
import {
  clickCardButton,
  CONVERSATIONS,
  demoSettings,
  firstSuggestion,
  INLINE_BODY,
  INLINE_SEND,
  nudgeCardCount,
  nudgeCardText,
  outcomes,
  OUTLOOK_OFFICE,
  seedSettings,
  serveOutlookDemo,
  waitForStoredThread,
  waitUntil,
  type OutlookRecord,
} from './demo.ts';

const DRAFT = 'Thanks, I will get back to you with the details.';
const INLINE_COMPOSE = '#docking_InitVisiblePart_0';
type Conversation = (typeof CONVERSATIONS)[keyof typeof CONVERSATIONS];

interface ScheduleDemo {
  sent: OutlookRecord[];
  scheduled: OutlookRecord[];
  discarded: string[];
  discardPrompts: number;
  escapes: number;
  openConversation(index: number): void;
}
const record = (page: Page) =>
  page.evaluate(() => {
    const d = (window as unknown as { __outlookDemo: ScheduleDemo }).__outlookDemo;
    return { sent: d.sent, scheduled: d.scheduled, discarded: d.discarded, discardPrompts: d.discardPrompts, escapes: d.escapes };
  });

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function openDemo(ext: FirefoxExtension, query = ''): Promise<Page> {
  const page = await ext.openPage(`${OUTLOOK_OFFICE}/mail/0/${query}`);
  await page.waitForFunction(() => '__outlookDemo' in window);
  await page.setViewport({ width: 1280, height: 800 });
  return page;
}

async function replyInConversation(ext: FirefoxExtension, page: Page, conversation: Conversation): Promise<void> {
  await page.evaluate((i) => (window as unknown as { __outlookDemo: ScheduleDemo }).__outlookDemo.openConversation(i), conversation.index);
  await waitForStoredThread(ext, conversation.id, conversation.messages);
  await page.click('#demo-reply');
  await page.type(INLINE_BODY, DRAFT);
  await pause(600);
}

const draftIn = (page: Page, compose: string) =>
  page.$eval(compose, (c) => ({
    to: Array.from(c.querySelectorAll('[aria-label="To"] [aria-label]'), (chip) => chip.getAttribute('aria-label')),
    subject: (c.querySelector('input[aria-label="Subject"]') as HTMLInputElement).value,
    body: c.querySelector('[aria-label^="Message body"]')!.textContent,
  }));

/** Outlook outcomes of this choice recorded so far, oldest first. */
const outlookOutcomes = async (ext: FirefoxExtension, choice: string) =>
  (await outcomes(ext)).filter((o) => o.choice === choice && o.site === 'outlook').sort((a, b) => a.at - b.at);

/** The outcome recorded after `known` others of this choice: this test's, not an earlier test's. */
async function nextOutcome(ext: FirefoxExtension, choice: string, known: number) {
  return (await waitUntil(() => outlookOutcomes(ext, choice), (o) => o.length > known)).at(-1)!;
}

describe('Firefox · Outlook Schedule send', () => {
  let ext: FirefoxExtension;
  beforeAll(async () => {
    ext = await launchFirefox();
    serveOutlookDemo(ext);
    await seedSettings(ext, demoSettings());
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('schedules at the suggested time ("Custom time" as a menu item), no Escape', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext, '?build=menuitem');
    try {
      await replyInConversation(ext, page, CONVERSATIONS.acmeAfterHours);
      await page.click(INLINE_SEND);
      expect(await waitUntil(() => nudgeCardCount(page), (n) => n === 1)).toBe(1);
      await (await firstSuggestion(page)).click();
      const after = await waitUntil(() => record(page), (r) => r.scheduled.length === 1);
      const outcome = await nextOutcome(ext, 'scheduled', known);
      expect(after.scheduled[0]!.scheduledFor).toBe(outcome.scheduledFor);
      expect(after.sent).toEqual([]);
      expect(after.escapes).toBe(0);
      expect(after.discardPrompts).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('waits for dialogs that mount a few hundred milliseconds late', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext, '?faults=late-dialogs');
    try {
      await replyInConversation(ext, page, CONVERSATIONS.acmeAfterHours);
      await page.click(INLINE_SEND);
      await waitUntil(() => nudgeCardCount(page), (n) => n === 1);
      await (await firstSuggestion(page)).click();
      const after = await waitUntil(() => record(page), (r) => r.scheduled.length === 1);
      expect(after.scheduled[0]!.scheduledFor).toBe((await nextOutcome(ext, 'scheduled', known)).scheduledFor);
      expect(after.escapes).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('a schedule that cannot be completed never sends Escape: the draft stays exactly as it was, nothing discarded, the card names the time', async () => {
    const page = await openDemo(ext, '?faults=reject-typed-date');
    try {
      await replyInConversation(ext, page, CONVERSATIONS.acmeAfterHours);
      const before = await draftIn(page, INLINE_COMPOSE);
      await page.click(INLINE_SEND);
      await waitUntil(() => nudgeCardCount(page), (n) => n === 1);
      await (await firstSuggestion(page)).click();
      const text = await waitUntil(() => nudgeCardText(page), (t) => /Couldn't schedule automatically/.test(t));
      expect(text).toMatch(/Your draft is intact: schedule it for .+ with Outlook's Schedule send/);
      const after = await record(page);
      expect(after).toMatchObject({ escapes: 0, discardPrompts: 0, discarded: [], scheduled: [], sent: [] });
      expect(await draftIn(page, INLINE_COMPOSE)).toEqual(before);
      expect(await page.$$eval('[data-demo-popup]', (popups) => popups.length)).toBe(0);
      await clickCardButton(page, 'Send now');
      expect((await waitUntil(() => record(page), (r) => r.sent.length === 1)).sent).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  it('guards the Send of a compose popped out into an about:blank window', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext);
    try {
      await waitForStoredThread(ext, CONVERSATIONS.acmeInstant.id, CONVERSATIONS.acmeInstant.messages);
      await page.type(INLINE_BODY, ' More to follow.');
      const opened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
      await page.click(`${INLINE_COMPOSE} [aria-label="Pop Out"]`);
      const popOut = (await opened)!;
      expect(popOut.url()).toBe('about:blank');
      const send = '[data-app-section=Form_Content] [data-testid=ComposeSendButton] button[aria-label=Send]';
      await popOut.waitForSelector(send);
      await pause(800);
      await popOut.click(send);
      expect(await waitUntil(() => nudgeCardCount(popOut), (n) => n === 1)).toBe(1);
      expect((await record(page)).sent).toEqual([]);
      await (await firstSuggestion(popOut)).click();
      const after = await waitUntil(() => record(page), (r) => r.scheduled.length === 1);
      expect(after.scheduled[0]!.scheduledFor).toBe((await nextOutcome(ext, 'scheduled', known)).scheduledFor);
      expect(after.sent).toEqual([]);
      expect(after.escapes).toBe(0);
    } finally {
      await page.close();
    }
  });
});
