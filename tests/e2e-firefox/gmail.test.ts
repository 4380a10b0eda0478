/**
 * ReplyPace in Gmail, end to end in Firefox ESR: the Gmail demo mailbox (tests/demo/gmail) served
 * at https://mail.google.com with the demo settings (Acme asleep now, Initech around the clock, Kim
 * a colleague), the same situations as the Chromium tests in tests/e2e/gmail.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchFirefox, screenshotPath, type FirefoxExtension } from './harness.ts';
import {
  clickCardButton,
  demo,
  demoSettings,
  firstSuggestion,
  GMAIL_DEMO_URL,
  nudgeCardCount,
  nudgeCardText,
  openDemo,
  outcomes,
  seedSettings,
  serveGmailDemo,
  waitForStoredMessages,
  waitUntil,
} from './demo.ts';

const THREADS = { acmeInstant: 0, acmeAfterHours: 1, initechInstant: 2, colleague: 3 } as const;
const DRAFT = 'Thanks, I will get back to you with the details.';

let ext: FirefoxExtension;
let page: Page;

beforeAll(async () => {
  ext = await launchFirefox();
  serveGmailDemo(ext);
  await seedSettings(ext, demoSettings());
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox' });
  await page.setViewport({ width: 1280, height: 800 });
});

/** Opens a thread and its inline reply, and types, giving ReplyPace the moment a user gives it. */
async function replyInThread(index: number): Promise<void> {
  await demo.openThread(page, index);
  await waitForStoredMessages(ext, await demo.threadMessageIds(page, index));
  await page.click('.ams');
  await page.type('.M9 [role=textbox]', DRAFT);
  await new Promise((done) => setTimeout(done, 600));
}

const cardCount = (count: number) => waitUntil(() => nudgeCardCount(page), (n) => n === count);

describe('Firefox · Gmail: the nudge', () => {
  it('nudges an instant reply to a client, and sends nothing', async () => {
    await replyInThread(THREADS.initechInstant);
    await page.click('.aoO');
    expect(await cardCount(1)).toBe(1);
    expect(await nudgeCardText(page)).toMatch(/2 minutes after Initech's message/);
    await page.screenshot({ path: screenshotPath('firefox-gmail-nudge.png') });
    await new Promise((done) => setTimeout(done, 300));
    expect(await demo.sent(page)).toEqual([]);
    expect(await demo.openComposes(page)).toHaveLength(1);
  });

  it('schedules an after-hours reply with Gmail’s Schedule send at the suggested time, inside Acme’s hours', async () => {
    await replyInThread(THREADS.acmeAfterHours);
    await page.click('.aoO');
    expect(await cardCount(1)).toBe(1);
    await (await firstSuggestion(page)).click();
    const [scheduled] = await waitUntil(() => demo.scheduled(page), (s) => s.length === 1);
    expect(scheduled?.to).toBe('jana.berger@acme-corp.com');
    expect(await demo.sent(page)).toEqual([]);
    expect(await cardCount(0)).toBe(0);

    const recorded = await waitUntil(() => outcomes(ext), (o) => o.some((x) => x.choice === 'scheduled'));
    const outcome = recorded.find((o) => o.choice === 'scheduled')!;
    expect(outcome.clientKey).toBe('client:acme');
    expect(outcome.scheduledFor).toBe(scheduled!.at);
    const acmeZone = demoSettings().clients[0]!.schedule!.timeZone;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: acmeZone, hour: 'numeric', hourCycle: 'h23' }).format(scheduled!.at));
    expect(hour).toBeGreaterThanOrEqual(9);
    expect(hour).toBeLessThan(17);
    expect(scheduled!.at).toBeGreaterThan(Date.now());
  });

  it('"Send now" sends exactly once', async () => {
    await replyInThread(THREADS.initechInstant);
    await page.click('.aoO');
    expect(await cardCount(1)).toBe(1);
    await clickCardButton(page, 'Send now');
    await waitUntil(() => demo.sent(page), (s) => s.length > 0);
    await new Promise((done) => setTimeout(done, 500));
    const sent = await demo.sent(page);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.duplicate).toBe(false);
    expect(await demo.openComposes(page)).toEqual([]);
    expect(await cardCount(0)).toBe(0);
  });

  it('lets a reply to a colleague go straight out', async () => {
    await replyInThread(THREADS.colleague);
    await page.click('.aoO');
    expect(await waitUntil(() => demo.sent(page), (s) => s.length === 1)).toHaveLength(1);
    expect(await nudgeCardCount(page)).toBe(0);
  });

  it('holds Ctrl+Enter too; Esc closes the card and leaves the draft as it was', async () => {
    await replyInThread(THREADS.acmeInstant);
    await page.focus('.M9 [role=textbox]');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    expect(await cardCount(1)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await cardCount(0)).toBe(0);
    expect(await demo.sent(page)).toEqual([]);
    expect(await page.$eval('.M9 [role=textbox]', (box) => box.textContent)).toBe(DRAFT);
    await page.click('.aoO');
    expect(await cardCount(1)).toBe(1);
  });
});
