/**
 * Gmail's Schedule send driven by ReplyPace in Firefox ESR, the same situations as the Chromium
 * tests in tests/e2e/gmail-schedule.test.ts: two composes open, each with its own send-options
 * menu; the picker mounted as a new dialog a few hundred ms after "Pick date & time"; "Invalid
 * date". Escape inside a compose closes it in these runs (fault escape-closes-compose).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './harness.ts';
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

const ACME_AFTER_HOURS = 1;

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
});

async function open(faults: string[] = []): Promise<void> {
  page = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox', faults: ['escape-closes-compose', ...faults] });
  await page.setViewport({ width: 1280, height: 800 });
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Opens the after-hours Acme thread and its inline reply, and types a draft; answers the reply's compose id. */
async function replyToAcme(): Promise<string> {
  await demo.openThread(page, ACME_AFTER_HOURS);
  await waitForStoredMessages(ext, await demo.threadMessageIds(page, ACME_AFTER_HOURS));
  await page.click('.ams');
  await page.type('.ip .M9 [role=textbox]', 'Thanks, I will get back to you with the details.');
  const [id] = await demo.openComposes(page);
  return id!;
}

/** Opens a pop-up compose to `address` and types a subject and a body into it. */
async function popupTo(address: string, subject: string, body: string): Promise<string> {
  const id = await page.evaluate((a) => (window as unknown as { __demo: { openPopup(a: string[]): string } }).__demo.openPopup(a), [address]);
  await page.type(`.M9[data-compose-id="${id}"] input[name=subjectbox]`, subject);
  await page.type(`.M9[data-compose-id="${id}"] [role=textbox]`, body);
  return id;
}

/** What the user sees of a compose: open or not, recipients, To text, subject, body. */
const draftOf = (id: string) =>
  page.evaluate((composeId) => {
    const compose = document.querySelector(`.M9[data-compose-id="${composeId}"]`);
    if (!compose) return { open: false };
    return {
      open: true,
      chips: [...compose.querySelectorAll('[data-hovercard-id]')].map((c) => c.getAttribute('data-hovercard-id')),
      to: compose.querySelector<HTMLInputElement>('input[aria-label="To recipients"]')?.value ?? null,
      subject: compose.querySelector<HTMLInputElement>('input[name=subjectbox]')?.value ?? null,
      body: compose.querySelector('[role=textbox]')?.textContent ?? null,
    };
  }, id);

const strayDialogs = () => page.evaluate(() => [...document.querySelectorAll('[role=dialog]')].filter((d) => !d.querySelector('.M9')).length);

/** Records, in the page, when the Schedule send dialog left and when the picker (two YPqjbf inputs) came. */
const watchDialogs = () =>
  page.evaluate(() => {
    const log: { what: string; at: number }[] = [];
    (window as unknown as { __dialogLog: typeof log }).__dialogLog = log;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) if (node instanceof Element && node.matches('[role=dialog][aria-label="Schedule send"]')) log.push({ what: 'schedule-dialog-gone', at: performance.now() });
        for (const node of record.addedNodes) if (node instanceof Element && node.querySelectorAll('input[jsname=YPqjbf]').length === 2) log.push({ what: 'picker-mounted', at: performance.now() });
      }
    }).observe(document.body, { childList: true });
  });

async function sendAndPickFirstSuggestion(composeId: string): Promise<void> {
  await page.click(`.M9[data-compose-id="${composeId}"] .aoO`);
  expect(await waitUntil(() => nudgeCardCount(page), (n) => n === 1)).toBe(1);
  await (await firstSuggestion(page)).click();
}

describe('Firefox · Gmail Schedule send with two composes open', () => {
  it('schedules the inline reply at the suggested time through the late picker; the pop-up beside it keeps every field', async () => {
    await open();
    const reply = await replyToAcme();
    const popup = await popupTo('tom@initech-labs.com', 'Pilot scope May 16, 2026', 'Draft for Tom, not to be touched.');
    const popupBefore = await draftOf(popup);
    await pause(600);
    await watchDialogs();

    await sendAndPickFirstSuggestion(reply);

    const [scheduled] = await waitUntil(() => demo.scheduled(page), (s) => s.length === 1);
    expect(scheduled?.composeId).toBe(reply);
    expect(scheduled?.to).toBe('jana.berger@acme-corp.com');
    const recorded = await waitUntil(() => outcomes(ext), (o) => o.some((x) => x.choice === 'scheduled'));
    expect(recorded.find((o) => o.choice === 'scheduled')!.scheduledFor).toBe(scheduled!.at);
    const log = await page.evaluate(() => (window as unknown as { __dialogLog: { what: string; at: number }[] }).__dialogLog);
    const gone = log.find((e) => e.what === 'schedule-dialog-gone')!;
    const mounted = log.find((e) => e.what === 'picker-mounted')!;
    expect(mounted.at - gone.at).toBeGreaterThanOrEqual(300);
    expect(await page.$eval('.vh .bAq', (bar) => bar.textContent)).toMatch(/^Send scheduled for /);
    expect(await draftOf(popup)).toEqual(popupBefore);
    expect(await demo.sent(page)).toEqual([]);
    expect(await strayDialogs()).toBe(0);
  });

  it('schedules the second of two pop-ups, never typing into the first one (a dialog with two text fields too)', async () => {
    await open();
    const first = await popupTo('tom@initech-labs.com', 'Call 1:33 PM', 'First draft.');
    await page.$eval(`.M9[data-compose-id="${first}"] input[aria-label="To recipients"]`, (input) => ((input as HTMLInputElement).value = 'May 16, 2026'));
    const second = await popupTo('ops@acme-corp.com', 'Renewal', 'Hello Acme ops team.');
    const firstBefore = await draftOf(first);
    await pause(600);

    await sendAndPickFirstSuggestion(second);

    const scheduled = await waitUntil(() => demo.scheduled(page), (s) => s.length === 1);
    expect(scheduled[0]?.composeId).toBe(second);
    expect(await draftOf(first)).toEqual(firstBefore);
    expect(await demo.openComposes(page)).toEqual([first]);
  });
});

describe('Firefox · Gmail Schedule send that cannot be completed', () => {
  it('"Invalid date": the draft stays as it was, the picker is cancelled, and the card names the time to set by hand', async () => {
    await open(['picker-rejects']);
    const reply = await replyToAcme();
    const popup = await popupTo('tom@initech-labs.com', 'Pilot', 'Second compose, untouched.');
    const before = [await draftOf(reply), await draftOf(popup)];
    await pause(600);

    await sendAndPickFirstSuggestion(reply);

    const text = await waitUntil(() => nudgeCardText(page), (t) => /Couldn't schedule automatically/.test(t));
    expect(text).toMatch(/Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with Gmail's Schedule send/);
    expect(await demo.scheduled(page)).toEqual([]);
    expect(await demo.sent(page)).toEqual([]);
    expect([await draftOf(reply), await draftOf(popup)]).toEqual(before);
    expect(await strayDialogs()).toBe(0);
    await clickCardButton(page, 'Send now');
    const sent = await waitUntil(() => demo.sent(page), (s) => s.length === 1);
    expect(sent.map((s) => s.composeId)).toEqual([reply]);
  });
});
