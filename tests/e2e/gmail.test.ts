/**
 * ReplyPace in Gmail, end to end in Chromium: the built extension on the demo mailbox served at
 * https://mail.google.com, with settings where Acme is asleep now, Initech works around the
 * clock, and Kim is a colleague (tests/demo/gmail/settings.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readIndexedDb, type LaunchedExtension } from './harness.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import { cardButton, demo, launchOnDemo, nudgeCard, outcomes, replyInThread, THREADS, waitForStoredMessages } from './gmail-support.ts';

let ext: LaunchedExtension & { extensionPage: Page };
let page: Page;

beforeAll(async () => {
  ext = await launchOnDemo();
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await demo.open(ext.context);
});

describe('Gmail: reading', () => {
  it('stores the messages of an opened thread through the background in IndexedDB (metadata only)', async () => {
    await demo.openThread(page, THREADS.acmeInstant);
    const ids = await demo.threadMessageIds(page, THREADS.acmeInstant);
    await waitForStoredMessages(ext.extensionPage, ids);
    const threads = await readIndexedDb<{ threadId: string; account: string; messages: Record<string, unknown>[] }>(ext.extensionPage, 'threads');
    const thread = threads.find((t) => t.threadId === ids[0]);
    expect(thread?.account).toBe('sam@northwind-sales.com');
    expect(thread?.messages.map((m) => m.id)).toEqual(ids);
    // Nothing of the subject or the body is stored.
    expect(JSON.stringify(threads)).not.toMatch(/Renewal terms|board meeting|February/);
  });
});

describe('Gmail: the popup asks the mail tab', () => {
  it('answers who the open thread is with (the popup card for the active tab), never the user', async () => {
    await demo.openThread(page, THREADS.acmeInstant);
    const answer = await ext.extensionPage.evaluate(async () => {
      type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<{ counterparts: string[] }> };
      const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
      const [tab] = await tabs.query({ url: 'https://mail.google.com/*' });
      return tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' });
    });
    expect(answer.counterparts).toContain('jana.berger@acme-corp.com');
    expect(answer.counterparts).not.toContain('sam@northwind-sales.com');
  });
});

describe('Gmail: the nudge', () => {
  it('nudges an instant reply to a client, and sends nothing', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    await page.click('.aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await expect(nudgeCard(page).textContent()).resolves.toMatch(/2 minutes after Initech's message/);
    await page.waitForTimeout(300);
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
  });

  it('nudges an after-hours reply, and a suggestion schedules it with the demo’s Schedule send at that time', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.acmeAfterHours);
    await page.click('.aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    const firstSuggestion = nudgeCard(page).locator('button.suggestion').first();
    await firstSuggestion.click();
    await expect.poll(() => demo.scheduled(page), { timeout: 10_000 }).toHaveLength(1);
    const [scheduled] = await demo.scheduled(page);
    expect(scheduled!.to).toBe('jana.berger@acme-corp.com');
    expect(await demo.sent(page)).toEqual([]);
    // The card goes once the compose has closed.
    await expect.poll(() => nudgeCard(page).count()).toBe(0);
    // The time is the one suggested, recorded as the outcome, inside Acme's hours.
    await expect.poll(async () => (await outcomes(ext.extensionPage)).filter((o) => o.choice === 'scheduled').length).toBe(1);
    const outcome = (await outcomes(ext.extensionPage)).find((o) => o.choice === 'scheduled')!;
    expect(outcome.clientKey).toBe('client:acme');
    expect(outcome.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/outside-hours|weekend/)]));
    expect(outcome.scheduledFor).toBe(scheduled!.at);
    const acmeZone = demoSettings().clients[0]!.schedule!.timeZone;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: acmeZone, hour: 'numeric', hourCycle: 'h23' }).format(scheduled!.at));
    expect(hour).toBeGreaterThanOrEqual(9);
    expect(hour).toBeLessThan(17);
    expect(scheduled!.at).toBeGreaterThan(Date.now());
  });

  it('"Send now" sends exactly once', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.initechInstant);
    await page.click('.aoO');
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
    await replyInThread(page, ext.extensionPage, THREADS.colleague);
    await page.click('.aoO');
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    expect(await nudgeCard(page).count()).toBe(0);
  });

  it('holds Ctrl+Enter too; Esc closes the card and leaves the draft as it was', async () => {
    await replyInThread(page, ext.extensionPage, THREADS.acmeInstant);
    await page.locator('.M9 [role=textbox]').press('Control+Enter');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => nudgeCard(page).count()).toBe(0);
    expect(await demo.sent(page)).toEqual([]);
    await expect(page.locator('.M9 [role=textbox]').textContent()).resolves.toBe('Thanks, I will get back to you with the details.');
    // The next Send is judged again.
    await page.click('.aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
  });

  it('nudges a new message to a client from a pop-up compose', async () => {
    await page.click('#demo-compose-button');
    await page.locator('.Hd input[aria-label="To recipients"]').fill('ops@acme-corp.com');
    await page.locator('.Hd input[aria-label="To recipients"]').press('Enter');
    await page.locator('.Hd [role=textbox]').fill('Hello Acme ops team.');
    await page.waitForTimeout(600);
    await page.click('.Hd .aoO');
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    expect(await demo.sent(page)).toEqual([]);
  });

  it('shows which time to set by hand when Schedule send fails, and the draft stays', async () => {
    await page.close();
    page = await demo.open(ext.context, { faults: ['no-schedule-dialog'] });
    await replyInThread(page, ext.extensionPage, THREADS.acmeAfterHours);
    await page.click('.aoO');
    await nudgeCard(page).locator('button.suggestion').first().click();
    await expect.poll(() => nudgeCard(page).textContent(), { timeout: 10_000 }).toMatch(/Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with Gmail's Schedule send/);
    expect(await demo.scheduled(page)).toEqual([]);
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
    await cardButton(page, 'Send now').click();
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
  });
});
