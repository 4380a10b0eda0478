/**
 * The Outlook reliability run: random send gestures on the Outlook demo mailbox with faults
 * switched on and off at random, checking after every gesture what a user would notice:
 * - a gesture ReplyPace lets through is sent at once (never swallowed);
 * - every compose the run opened was sent or scheduled exactly once if it closed (never lost,
 *   never twice);
 * - every nudge card closes (Esc, or its own buttons).
 *
 * Faults, and how each is injected (the extension's code is not changed for the test):
 * - background unreachable: runtime.sendMessage throws in the content script's world;
 * - database errors: IndexedDB methods throw in the service worker (see site-support.ts);
 * - schedule dialog missing: the demo's `no-dialog` or `no-menu` switch, at random;
 * - send button not found: the demo's `no-send-button` switch (new composes get a Send without
 *   Outlook's hooks: the guard cannot see a click on it, and "Send now" replays Ctrl+Enter);
 * - decision not ready: a gesture right after the compose opens, before any snapshot arrived.
 */
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './harness.ts';
import { seedSettings } from '../demo/serve.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import { outlookDemo as demo } from './outlook-support.ts';
import {
  extensionWorker, isolatedWorld, seededRandom, setBackgroundUnreachable, setDatabaseErrors, type IsolatedWorld,
} from './site-support.ts';

export interface ReliabilityReport {
  seed: number;
  gestures: number;
  nudges: number;
  sends: number;
  scheduled: number;
  scheduleFailures: number;
  composes: number;
  /** The failures a user would notice; all must be zero. */
  swallowed: number;
  lost: number;
  duplicated: number;
  unclosable: number;
  faultGestures: Record<string, number>;
  problems: string[];
}

type Fault = 'background-unreachable' | 'database-errors' | 'no-schedule-dialog' | 'no-send-button' | 'decision-not-ready';

const RECIPIENTS = ['bob@acme.example', 'ops@acme.example', 'tom@initech-labs.com', 'carol@mine.example', 'buyer@globex.example'];

export async function runOutlookGestureTrials(
  ext: LaunchedExtension,
  options: { gestures: number; seed?: number; log?: (line: string) => void },
): Promise<ReliabilityReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rnd = seededRandom(seed);
  const log = options.log ?? (() => {});
  const report: ReliabilityReport = {
    seed, gestures: 0, nudges: 0, sends: 0, scheduled: 0, scheduleFailures: 0, composes: 0,
    swallowed: 0, lost: 0, duplicated: 0, unclosable: 0, faultGestures: {}, problems: [],
  };
  const problem = (text: string) => {
    report.problems.push(text);
    log(`PROBLEM ${text}`);
  };
  const worker = extensionWorker(ext.context, ext.extensionId);

  const faults = new Set<Fault>();
  let page!: Page;
  let world!: IsolatedWorld;
  let compose: string | null = null;
  /** Every compose opened on the current page. */
  let created = new Set<string>();
  const card = () => page.locator('replypace-nudge [role=alertdialog]');
  const cardButton = (name: string) => page.locator('replypace-nudge').getByRole('button', { name, exact: true });

  const setDemoFault = async (fault: Fault, on: boolean) => {
    if (fault === 'no-send-button') await demo.setFault(page, 'no-send-button', on);
    if (fault === 'no-schedule-dialog') {
      // Either the menu or the dialog never appears.
      const which = rnd.chance(0.5) ? 'no-dialog' : 'no-menu';
      await demo.setFault(page, 'no-dialog', on && which === 'no-dialog');
      await demo.setFault(page, 'no-menu', on && which === 'no-menu');
    }
  };

  const openPage = async () => {
    page = await demo.open(ext.context);
    world = await isolatedWorld(page);
    for (const fault of ['no-send-button', 'no-schedule-dialog'] as const) await setDemoFault(fault, faults.has(fault));
    if (faults.has('background-unreachable')) await setBackgroundUnreachable(world, true);
    // The demo opens with a reply started: it is the first compose of the run on this page.
    created = new Set(await demo.openComposes(page));
    compose = [...created][0] ?? null;
    report.composes += created.size;
  };

  /** Every compose of this page went out at most once, and once if it closed. */
  const audit = async () => {
    const [sent, scheduled, open] = await Promise.all([demo.sent(page), demo.scheduled(page), demo.openComposes(page)]);
    report.sends += sent.filter((s) => !s.duplicate).length;
    report.scheduled += scheduled.length;
    for (const id of new Set([...created, ...sent.map((s) => s.composeId), ...scheduled.map((s) => s.composeId)])) {
      const count = sent.filter((s) => s.composeId === id).length + scheduled.filter((s) => s.composeId === id).length;
      if (count > 1) {
        report.duplicated++;
        problem(`compose ${id} went out ${count} times`);
      }
      if (count === 0 && !open.includes(id)) {
        report.lost++;
        problem(`compose ${id} closed without being sent or scheduled`);
      }
    }
  };

  const setFault = async (fault: Fault, on: boolean) => {
    if (on) faults.add(fault);
    else faults.delete(fault);
    if (fault === 'background-unreachable') await setBackgroundUnreachable(world, on);
    if (fault === 'database-errors') await setDatabaseErrors(worker, on);
    await setDemoFault(fault, on);
  };

  const newCompose = async (): Promise<string> => {
    report.composes++;
    const before = new Set(await demo.openComposes(page));
    if (rnd.chance(0.5)) {
      await demo.openConversation(page, rnd.pick([0, 1, 2, 3]));
      await page.click('#demo-reply');
    } else {
      await demo.openPopOut(page, [rnd.pick(RECIPIENTS)]);
    }
    const id = (await demo.openComposes(page)).find((c) => !before.has(c));
    if (!id) throw new Error('The demo opened no compose');
    created.add(id);
    return id;
  };

  const waitCardGoneOrFailed = async (timeoutMs: number): Promise<'gone' | 'failed' | 'stuck'> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await card().count()) === 0) return 'gone';
      // The card may close between the two looks: a short read that finds nothing is "not failed".
      const text = await card().textContent({ timeout: 250 }).catch(() => '');
      if (/Couldn't schedule automatically/.test(text ?? '')) return 'failed';
      await page.waitForTimeout(50);
    }
    return 'stuck';
  };

  await openPage();
  try {
    for (let g = 0; g < options.gestures; g++) {
      // Faults come and go: each is on for about one gesture in five, independently.
      for (const fault of ['background-unreachable', 'database-errors', 'no-schedule-dialog', 'no-send-button'] as const) {
        const on = rnd.chance(0.2);
        if (on !== faults.has(fault)) await setFault(fault, on);
      }
      let notReady = false;
      if (!compose || !(await demo.openComposes(page)).includes(compose)) {
        compose = await newCompose();
        notReady = rnd.chance(0.25);
        await page.waitForTimeout(notReady ? 0 : 300);
      }
      const root = `[data-compose-id="${compose}"]`;
      const sendButton = `${root} [data-demo-send]`;
      const hookless = (await page.locator(`${root} [data-testid=ComposeSendButton]`).count()) === 0;
      const active = [
        ...[...faults].filter((f) => f !== 'no-send-button' || hookless),
        ...(hookless && !faults.has('no-send-button') ? ['no-send-button' as const] : []),
        ...(notReady ? ['decision-not-ready' as const] : []),
      ];
      for (const f of active) report.faultGestures[f] = (report.faultGestures[f] ?? 0) + 1;

      const sentBefore = (await demo.sent(page)).filter((s) => s.composeId === compose).length;
      const gesture = rnd.pick(['click', 'click', 'ctrl-enter', 'enter', 'space'] as const);
      report.gestures++;
      if (gesture === 'click') await page.click(sendButton, { timeout: 5000 });
      else if (gesture === 'ctrl-enter') await page.locator(`${root} [role=textbox][aria-label^="Message body"]`).press(rnd.chance(0.5) ? 'Control+Enter' : 'Meta+Enter');
      else {
        await page.focus(sendButton);
        await page.keyboard.press(gesture === 'enter' ? 'Enter' : 'Space');
      }
      await page.waitForTimeout(80);

      const nudged = (await card().count()) > 0;
      const sentNow = (await demo.sent(page)).filter((s) => s.composeId === compose).length > sentBefore;
      if (!nudged && !sentNow) {
        report.swallowed++;
        problem(`gesture ${g} (${gesture}, faults ${active.join('+') || 'none'}) neither sent nor nudged`);
        continue;
      }
      if (!nudged) continue;
      report.nudges++;

      const choice = rnd.pick(['send-now', 'schedule', 'schedule', 'enter', 'escape', 'escape', 'snooze'] as const);
      if (choice === 'send-now') await cardButton('Send now').click();
      else if (choice === 'schedule') await card().locator('button.suggestion').first().click();
      else if (choice === 'enter') await page.keyboard.press('Enter');
      else if (choice === 'escape') await page.keyboard.press('Escape');
      else await cardButton('Not for this client today').click();

      let state = await waitCardGoneOrFailed(choice === 'schedule' || choice === 'enter' ? 12_000 : 2_000);
      if (state === 'failed') {
        report.scheduleFailures++;
        await cardButton(rnd.chance(0.5) ? 'Send now' : 'Close').click();
        state = await waitCardGoneOrFailed(2_000);
      }
      if (state !== 'gone') {
        // A card left behind by a choice must still close with Esc.
        await page.keyboard.press('Escape');
        if ((await waitCardGoneOrFailed(2_000)) !== 'gone') {
          report.unclosable++;
          problem(`gesture ${g}: the card did not close after '${choice}'`);
          await page.evaluate(() => document.querySelectorAll('replypace-nudge').forEach((n) => n.remove()));
        }
      }
      await page.waitForTimeout(60);

      if (choice === 'snooze') {
        // The snooze lasts the day: start afresh so that later gestures are nudged again.
        await page.waitForTimeout(100);
        await audit();
        await page.close();
        await setDatabaseErrors(worker, false);
        await seedSettings(ext.context, ext.extensionId, demoSettings());
        if (faults.has('database-errors')) await setDatabaseErrors(worker, true);
        await openPage();
      }
      if ((g + 1) % 50 === 0) log(`${g + 1} gestures, ${report.nudges} nudges, problems ${report.problems.length}`);
    }
    await page.waitForTimeout(200);
    await audit();
  } finally {
    await setDatabaseErrors(worker, false).catch(() => {});
    await page.close().catch(() => {});
  }
  return report;
}
