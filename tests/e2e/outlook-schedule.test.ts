/**
 * Outlook's Schedule send and pop-out compose, end to end in Chromium, on the Outlook demo mailbox
 * behaving like the public evidence (tests/demo/outlook/README.md): "Custom time" a button or a
 * menu item by build, dialogs that mount late, Escape or a backdrop click that opens or confirms
 * "Discard message", and the pop-out compose as an about:blank window of the Outlook tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { demoSettings } from '../demo/gmail/settings.ts';
import { seedSettings } from '../demo/serve.ts';
import type { LaunchedExtension } from './harness.ts';
import { CONVERSATIONS, INLINE_BODY, INLINE_COMPOSE, INLINE_SEND, OUTLOOK_OFFICE, launchOnOutlookDemo, replyInConversation, type DemoRecord } from './outlook-support.ts';
import { cardButton, nudgeCard, outcomes, waitForStoredThread } from './site-support.ts';

const DRAFT = 'Thanks, I will get back to you with the details.';

interface ScheduleDemo {
  sent: DemoRecord[];
  scheduled: DemoRecord[];
  discarded: string[];
  discardPrompts: number;
  escapes: number;
  openComposes(): string[];
}
const record = (page: Page) => page.evaluate(() => {
  const d = (window as unknown as { __outlookDemo: ScheduleDemo }).__outlookDemo;
  return { sent: d.sent, scheduled: d.scheduled, discarded: d.discarded, discardPrompts: d.discardPrompts, escapes: d.escapes, open: d.openComposes() };
});

/** The demo at outlook.office.com with query parameters (build, tz, faults). */
async function openDemo(context: BrowserContext, query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${OUTLOOK_OFFICE}/mail/0/${query}`);
  await page.waitForFunction(() => '__outlookDemo' in window);
  return page;
}

/** What a compose holds: recipients, subject, body. */
const draftIn = (page: Page, compose: string) =>
  page.locator(compose).evaluate((c) => ({
    to: Array.from(c.querySelectorAll('[aria-label="To"] [aria-label]'), (chip) => chip.getAttribute('aria-label')),
    subject: (c.querySelector('input[aria-label="Subject"]') as HTMLInputElement).value,
    body: c.querySelector('[aria-label^="Message body"]')!.textContent,
  }));

/** Outlook outcomes of this choice recorded so far, oldest first. */
const outlookOutcomes = async (ext: LaunchedExtension & { extensionPage: Page }, choice: string) =>
  (await outcomes(ext.extensionPage)).filter((o) => o.choice === choice && o.site === 'outlook').sort((a, b) => a.at - b.at);

/** The outcome recorded after `known` others of this choice: this test's, not an earlier test's. */
async function nextOutcome(ext: LaunchedExtension & { extensionPage: Page }, choice: string, known: number) {
  await expect.poll(async () => (await outlookOutcomes(ext, choice)).length).toBeGreaterThan(known);
  return (await outlookOutcomes(ext, choice)).at(-1)!;
}

describe('Outlook Schedule send (Chromium)', () => {
  let ext: LaunchedExtension & { extensionPage: Page };
  beforeAll(async () => {
    ext = await launchOnOutlookDemo();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it.each([
    ['button', ''],
    ['menuitem', '?build=menuitem'],
  ])('schedules at the suggested time ("Custom time" as a %s), the other compose untouched, no Escape', async (_build, query) => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext.context, query);
    try {
      // A second compose, with its own draft, open beside the reply.
      await page.click('#demo-new-mail');
      const form = '[data-app-section=Form_Content]';
      await page.locator(`${form} [role=textbox][aria-label=To]`).pressSequentially('ops@acme.example');
      await page.locator(`${form} [role=textbox][aria-label=To]`).press('Enter');
      await page.locator(`${form} input[aria-label=Subject]`).fill('Quarterly numbers');
      await page.locator(`${form} [aria-label^="Message body"]`).fill('Numbers attached.');
      const other = await draftIn(page, form);

      await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
      await page.click(INLINE_SEND);
      await expect.poll(() => nudgeCard(page).count()).toBe(1);
      await nudgeCard(page).locator('button.suggestion').first().click();
      await expect.poll(async () => (await record(page)).scheduled.length, { timeout: 10_000 }).toBe(1);

      const outcome = await nextOutcome(ext, 'scheduled', known);
      const after = await record(page);
      expect(after.scheduled[0]!.scheduledFor).toBe(outcome.scheduledFor);
      expect(after.scheduled[0]!.to).toEqual(['Bob Acme']);
      expect(after.sent).toEqual([]);
      expect(after.escapes).toBe(0);
      expect(after.discardPrompts).toBe(0);
      await expect.poll(() => page.locator(INLINE_COMPOSE).count()).toBe(0);
      expect(await draftIn(page, form)).toEqual(other);
      expect(await page.locator('[data-demo-popup]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('waits for dialogs that mount a few hundred milliseconds late', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext.context, '?faults=late-dialogs');
    try {
      await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
      await page.click(INLINE_SEND);
      await nudgeCard(page).locator('button.suggestion').first().click();
      await expect.poll(async () => (await record(page)).scheduled.length, { timeout: 10_000 }).toBe(1);
      const outcome = await nextOutcome(ext, 'scheduled', known);
      expect((await record(page)).scheduled[0]!.scheduledFor).toBe(outcome.scheduledFor);
      expect((await record(page)).escapes).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('a schedule that cannot be completed: the card names the time, the draft is exactly as it was, no Escape, nothing discarded; Send now works', async () => {
    const page = await openDemo(ext.context, '?faults=reject-typed-date');
    try {
      await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
      const before = await draftIn(page, INLINE_COMPOSE);
      await page.click(INLINE_SEND);
      await nudgeCard(page).locator('button.suggestion').first().click();
      await expect
        .poll(() => nudgeCard(page).textContent(), { timeout: 10_000 })
        .toMatch(/Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with Outlook's Schedule send/);
      const after = await record(page);
      expect(after.escapes).toBe(0);
      expect(after.discardPrompts).toBe(0);
      expect(after.discarded).toEqual([]);
      expect(after.scheduled).toEqual([]);
      expect(after.sent).toEqual([]);
      expect(await draftIn(page, INLINE_COMPOSE)).toEqual(before);
      expect(await page.locator('[data-demo-popup]').count()).toBe(0);
      await cardButton(page, 'Send now').click();
      await expect.poll(async () => (await record(page)).sent.length).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('guards the Send of a compose popped out into an about:blank window, and schedules it there', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext.context);
    try {
      await waitForStoredThread(ext.extensionPage, CONVERSATIONS.acmeInstant.id, CONVERSATIONS.acmeInstant.messages);
      await page.locator(INLINE_BODY).fill(DRAFT);
      const [popOut] = await Promise.all([page.waitForEvent('popup'), page.click(`${INLINE_COMPOSE} [aria-label="Pop Out"]`)]);
      expect(popOut.url()).toBe('about:blank');
      const send = '[data-app-section=Form_Content] [data-testid=ComposeSendButton] button[aria-label=Send]';
      await popOut.waitForSelector(send);
      // The reader and the policy need a moment, as in the page itself.
      await popOut.waitForTimeout(800);
      await popOut.click(send);
      await expect.poll(() => nudgeCard(popOut).count()).toBe(1);
      expect((await record(page)).sent).toEqual([]);
      await nudgeCard(popOut).locator('button.suggestion').first().click();
      await expect.poll(async () => (await record(page)).scheduled.length, { timeout: 10_000 }).toBe(1);
      const outcome = await nextOutcome(ext, 'scheduled', known);
      const after = await record(page);
      expect(after.scheduled.at(-1)!.scheduledFor).toBe(outcome.scheduledFor);
      expect(after.scheduled.at(-1)!.to).toEqual(['Bob Acme']);
      expect(after.sent).toEqual([]);
      expect(after.escapes).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe("Outlook in a mailbox whose time zone is not the browser's (Chromium)", () => {
  let ext: LaunchedExtension & { extensionPage: Page };
  // A zone far from this machine's, named in the options as the mailbox's.
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const mailboxZone = ['Asia/Tokyo', 'America/Los_Angeles'].find((zone) => zone !== here)!;
  beforeAll(async () => {
    ext = await launchOnOutlookDemo();
    await seedSettings(ext.context, ext.extensionId, { ...demoSettings(), outlookTimeZone: mailboxZone });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('reads received times and types the scheduled time in the zone the options name', async () => {
    const known = (await outlookOutcomes(ext, 'scheduled')).length;
    const page = await openDemo(ext.context, `?tz=${mailboxZone}`);
    try {
      const thread = await waitForStoredThread(ext.extensionPage, CONVERSATIONS.acmeInstant.id, 3);
      // Bob's message of two minutes ago, shown in the mailbox's zone, is read as two minutes ago.
      expect(Date.now() - thread.messages[2]!.at).toBeGreaterThan(60_000);
      expect(Date.now() - thread.messages[2]!.at).toBeLessThan(4 * 60_000);

      await replyInConversation(page, ext.extensionPage, CONVERSATIONS.acmeAfterHours);
      await page.click(INLINE_SEND);
      await nudgeCard(page).locator('button.suggestion').first().click();
      await expect.poll(async () => (await record(page)).scheduled.length, { timeout: 10_000 }).toBe(1);
      const outcome = await nextOutcome(ext, 'scheduled', known);
      expect((await record(page)).scheduled[0]!.scheduledFor).toBe(outcome.scheduledFor);
    } finally {
      await page.close();
    }
  });
});
