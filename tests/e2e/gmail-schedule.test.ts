/**
 * Gmail's Schedule send driven by ReplyPace in Chromium, on the demo mailbox as the 2026 public
 * probes of live Gmail show it (tests/demo/gmail/README.md): two composes open, each with its own
 * send-options menu; the picker mounted as a new dialog a few hundred ms after "Pick date & time";
 * "Invalid date" for a text Gmail does not read. Escape inside a compose closes it in these runs
 * (fault escape-closes-compose), so an Escape sent into a compose would show as a lost compose.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardButton, demo, launchOnDemo, nudgeCard, outcomes, replyInThread, THREADS } from './gmail-support.ts';
import type { LaunchedExtension } from './harness.ts';

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
});

const open = (faults: string[] = []) => demo.open(ext.context, { faults: ['escape-closes-compose', ...faults] });

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
      menuShown: compose.querySelector<HTMLElement>('[role=menu]')?.style.display !== 'none',
    };
  }, id);

/** Opens a pop-up compose to `address` with a subject and a body typed as a user would. */
async function popupTo(address: string, subject: string, body: string): Promise<string> {
  const id = await page.evaluate((a) => (window as unknown as { __demo: { openPopup(a: string[]): string } }).__demo.openPopup(a), [address]);
  const compose = page.locator(`.M9[data-compose-id="${id}"]`);
  await compose.locator('input[name=subjectbox]').fill(subject);
  await compose.locator('[role=textbox]').fill(body);
  return id;
}

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
const dialogLog = () => page.evaluate(() => (window as unknown as { __dialogLog: { what: string; at: number }[] }).__dialogLog);

/** Dialogs still open that are not composes (the driver must leave none behind). */
const strayDialogs = () => page.evaluate(() => [...document.querySelectorAll('[role=dialog]')].filter((d) => !d.querySelector('.M9')).length);

describe('Gmail Schedule send with two composes open', () => {
  it('schedules the inline reply at the suggested time through the late picker; the pop-up beside it keeps every field', async () => {
    page = await open();
    await replyInThread(page, ext.extensionPage, THREADS.acmeAfterHours);
    const [reply] = await demo.openComposes(page);
    const popup = await popupTo('tom@initech-labs.com', 'Pilot scope May 16, 2026', 'Draft for Tom, not to be touched.');
    const popupBefore = await draftOf(popup);
    await watchDialogs();

    await page.click(`.M9[data-compose-id="${reply}"] .aoO`);
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await nudgeCard(page).locator('button.suggestion').first().click();

    await expect.poll(() => demo.scheduled(page), { timeout: 10_000 }).toHaveLength(1);
    const [scheduled] = await demo.scheduled(page);
    expect(scheduled!.composeId).toBe(reply);
    expect(scheduled!.to).toBe('jana.berger@acme-corp.com');
    await expect.poll(async () => (await outcomes(ext.extensionPage)).find((o) => o.choice === 'scheduled')?.scheduledFor).toBe(scheduled!.at);
    // The picker came as a new dialog, a few hundred ms after the Schedule send dialog went.
    const log = await dialogLog();
    const gone = log.find((e) => e.what === 'schedule-dialog-gone')!;
    const mounted = log.find((e) => e.what === 'picker-mounted')!;
    expect(mounted.at - gone.at).toBeGreaterThanOrEqual(300);
    // Gmail's own notice names the time.
    await expect(page.locator('.vh .bAq').textContent()).resolves.toMatch(/^Send scheduled for /);
    expect(await draftOf(popup)).toEqual(popupBefore);
    expect(await demo.sent(page)).toEqual([]);
    expect(await strayDialogs()).toBe(0);
  });

  it('schedules the second of two pop-ups, never typing into the first one (a dialog with two text fields too)', async () => {
    page = await open();
    const first = await popupTo('tom@initech-labs.com', 'Call 1:33 PM', 'First draft.');
    // Text typed into To but not yet a chip, which reads like a date.
    await page.locator(`.M9[data-compose-id="${first}"] input[aria-label="To recipients"]`).evaluate((input: HTMLInputElement) => (input.value = 'May 16, 2026'));
    const second = await popupTo('ops@acme-corp.com', 'Renewal', 'Hello Acme ops team.');
    const firstBefore = await draftOf(first);
    await page.waitForTimeout(600);

    await page.click(`.M9[data-compose-id="${second}"] .aoO`);
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await nudgeCard(page).locator('button.suggestion').first().click();

    await expect.poll(() => demo.scheduled(page), { timeout: 10_000 }).toHaveLength(1);
    expect((await demo.scheduled(page))[0]!.composeId).toBe(second);
    expect(await draftOf(first)).toEqual(firstBefore);
    expect(await demo.openComposes(page)).toEqual([first]);
  });
});

describe('Gmail Schedule send that cannot be completed', () => {
  it('"Invalid date": the draft stays as it was, the picker is cancelled, and the card names the time to set by hand', async () => {
    page = await open(['picker-rejects']);
    await replyInThread(page, ext.extensionPage, THREADS.acmeAfterHours);
    const [reply] = await demo.openComposes(page);
    const popup = await popupTo('tom@initech-labs.com', 'Pilot', 'Second compose, untouched.');
    const before = [await draftOf(reply!), await draftOf(popup)];

    await page.click(`.M9[data-compose-id="${reply}"] .aoO`);
    await expect.poll(() => nudgeCard(page).count()).toBe(1);
    await nudgeCard(page).locator('button.suggestion').first().click();

    await expect
      .poll(() => nudgeCard(page).textContent(), { timeout: 10_000 })
      .toMatch(/Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with Gmail's Schedule send/);
    expect(await demo.scheduled(page)).toEqual([]);
    expect(await demo.sent(page)).toEqual([]);
    expect([await draftOf(reply!), await draftOf(popup)]).toEqual(before);
    expect(await strayDialogs()).toBe(0);
    expect((await outcomes(ext.extensionPage)).some((o) => o.choice === 'schedule-failed')).toBe(true);
    // "Send now" still sends, once.
    await cardButton(page, 'Send now').click();
    await expect.poll(() => demo.sent(page)).toHaveLength(1);
    expect((await demo.sent(page))[0]!.composeId).toBe(reply);
  });
});
