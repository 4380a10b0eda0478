/**
 * Schedule send, written once over `DemoSite` × `BrowserHarness` (issue 11, "Must hold"): ReplyPace
 * schedules with the site's own Schedule send at the suggested time while another compose is open
 * and leaves that one exactly as it was; it waits for dialogs mounted late; a schedule that cannot
 * be completed leaves the draft as it was and names the time to set by hand; nothing it opened is
 * left open, no draft is discarded, and where an Escape discards (Outlook) it presses none. Where
 * a site has more (builds, a pop-out window, a mailbox time zone), its spec says so and the flows
 * run for it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { demoSettings } from '../demo/gmail/settings.ts';
import { USER_MOMENT_MS, type DemoSite, type ThreadPart } from './demo-site.ts';
import type { Settings } from '../../src/core/settings.ts';
import {
  ask, cardButton, click, outcomes, readCard, seedSettings, sleep, textOf, waitFor, waitForCard, waitForStoredThread,
  type BrowserHarness, type StoredOutcome, type Tab,
} from './harness.ts';

/** The card's words when Schedule send could not be completed. */
export const byHand = (site: DemoSite) => new RegExp(`Couldn't schedule automatically.*Your draft is intact: schedule it for .+ with ${site.name}'s Schedule send`);

/** The outcome of this choice this site recorded at or after `since` (this test's, not an earlier one's). */
export async function outcomeSince(h: BrowserHarness, site: DemoSite, choice: string, since: number): Promise<StoredOutcome | undefined> {
  const mine = (o: StoredOutcome) => o.site === site.id && o.choice === choice && o.at >= since;
  return (await waitFor(() => outcomes(h), (all) => all.some(mine))).find(mine);
}

/**
 * The hour of day at `at` in the zone the extension holds for the demo's client Acme. Read from the
 * background, never worked out again: the demo picks Acme's zone by the clock (where it is 2 am now),
 * and two zones half an hour apart swap places while a test runs (Karachi and Kolkata at 20:45 UTC).
 */
async function hourAtAcme(h: BrowserHarness, at: number): Promise<number> {
  const settings = await ask<{ value: Settings }>(h, { type: 'getSettings' });
  const zone = settings.value.clients.find((c) => c.id === 'acme')!.schedule!.timeZone;
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(at));
}

/** Records, in the page, when Schedule send's first dialog left and when the dialog with the date and time came. */
const watchDialogs = (tab: Tab, site: DemoSite) =>
  tab.evaluate(({ first, fields }) => {
    const log: { what: string; at: number }[] = [];
    (window as unknown as { __dialogLog: typeof log }).__dialogLog = log;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) if (node instanceof Element && node.matches(first)) log.push({ what: 'first-gone', at: performance.now() });
        for (const node of record.addedNodes) if (node instanceof Element && node.matches(fields)) log.push({ what: 'fields-mounted', at: performance.now() });
      }
    }).observe(document.body, { childList: true });
  }, { first: site.schedule.firstDialog, fields: site.schedule.fieldsDialog });

/** How long after the first dialog went the dialog with the date and time came (ms), or null. */
const lateBy = (tab: Tab) =>
  tab.evaluate(() => {
    const log = (window as unknown as { __dialogLog: { what: string; at: number }[] }).__dialogLog;
    const gone = log.find((e) => e.what === 'first-gone');
    const mounted = log.find((e) => e.what === 'fields-mounted');
    return gone && mounted ? mounted.at - gone.at : null;
  });

/** Text typed into a To field and not made a recipient (an input's value, or text in an editable box). */
const typeIntoToUncommitted = (tab: Tab, selector: string, text: string) =>
  tab.evaluate(({ sel, t }) => {
    const field = document.querySelector(sel)!;
    if (field instanceof HTMLInputElement) field.value = t;
    else field.append(document.createTextNode(t));
  }, { sel: selector, t: text });

export function scheduleFlows(site: DemoSite, harness: () => BrowserHarness): void {
  let tab: Tab | undefined;
  afterAll(async () => {
    await tab?.close();
  });

  /** The demo afresh, with the late dialogs, the Escape that closes a compose, and these faults and build. */
  const open = async (options: { faults?: string[]; build?: string | null } = {}) => {
    await tab?.close();
    const faults = [...(options.faults ?? [])];
    if (site.schedule.lateDialogs) faults.push(site.schedule.lateDialogs);
    if (site.escape !== 'discards') faults.push(site.escape.closesComposeWith);
    const query = [options.build ? `build=${options.build}` : '', faults.length ? `faults=${faults.join(',')}` : ''].filter(Boolean).join('&');
    tab = await site.open(harness(), { query: `?${query}` });
    return tab;
  };
  const reply = (t: Tab, part: ThreadPart) => site.startReply(harness(), t, part);
  /** Sends and picks the card's first suggested time. */
  const scheduleAtFirstSuggestion = async (t: Tab, composeId: string) => {
    await click(t, site.sendButton(composeId));
    expect(await waitForCard(t)).toBe(true);
    await cardButton(t, { suggestion: 0 });
  };
  /** Nothing ReplyPace opened is left open, no draft was thrown away, and where an Escape discards, none was pressed. */
  const leftNothingBehind = async (t: Tab) => {
    expect(await site.openDialogs(t), 'menus or dialogs left open').toBe(0);
    expect(await site.discarded(t), 'drafts discarded').toEqual([]);
    if (site.escape === 'discards') expect(await site.escapes(t), 'Escape presses').toBe(0);
  };

  for (const build of site.schedule.builds.length ? site.schedule.builds : [null]) {
    it(`schedules the reply at the suggested time, inside Acme’s hours, with a second compose open${build ? ` (build ${build})` : ''}: the dialog with the date and time is waited for, the other compose keeps every field, nothing is left open`, async () => {
      const h = harness();
      const t = await open({ build });
      const since = Date.now();
      const id = await reply(t, 'acmeAfterHours');
      const other = await site.newCompose(t, 'tom@initech-labs.com', { subject: 'Pilot scope May 16, 2026', body: 'Draft for Tom, not to be touched.' });
      const otherBefore = await site.draft(t, other);
      await watchDialogs(t, site);
      await scheduleAtFirstSuggestion(t, id);

      const scheduled = await waitFor(() => site.scheduled(t), (s) => s.length > 0, 15_000);
      expect(scheduled).toEqual([expect.objectContaining({ composeId: id, to: [site.threads.acmeAfterHours.replyTo], duplicate: false })]);
      expect(await site.sent(t)).toEqual([]);
      // The card goes once the compose has closed.
      expect(await waitForCard(t, false)).toBe(true);
      const outcome = await outcomeSince(h, site, 'scheduled', since);
      expect(outcome).toMatchObject({ clientKey: 'client:acme', reasons: expect.arrayContaining([expect.stringMatching(/outside-hours|weekend/)]) });
      // The suggestion is on a whole minute, which both demos' pickers can express exactly.
      const at = scheduled[0]!.scheduledFor!;
      expect(outcome!.scheduledFor).toBe(at);
      const hour = await hourAtAcme(h, at);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
      expect(at).toBeGreaterThan(Date.now());
      // The dialog with the date and time came as a new dialog, a few hundred ms after the first went.
      expect(await lateBy(t)).toBeGreaterThanOrEqual(300);
      if (site.schedule.notice) expect(await textOf(t, site.schedule.notice.selector)).toMatch(site.schedule.notice.text);
      expect(await site.draft(t, other)).toEqual(otherBefore);
      expect(await site.openComposes(t)).not.toContain(id);
      await leftNothingBehind(t);
    });
  }

  it('schedules the second of two new messages, never typing into the first (whose To holds text that reads like a date)', async () => {
    const t = await open();
    const first = await site.newCompose(t, 'tom@initech-labs.com', { subject: 'Call 1:33 PM', body: 'First draft.' });
    await typeIntoToUncommitted(t, site.to(first), 'May 16, 2026');
    const second = await site.newCompose(t, site.newClientAddress, { subject: 'Renewal', body: 'Hello Acme ops team.' });
    const firstBefore = await site.draft(t, first);
    expect(firstBefore).toMatchObject({ typed: 'May 16, 2026', subject: 'Call 1:33 PM' });
    const openBefore = await site.openComposes(t);
    await scheduleAtFirstSuggestion(t, second);

    const scheduled = await waitFor(() => site.scheduled(t), (s) => s.length > 0, 15_000);
    expect(scheduled.map((s) => s.composeId)).toEqual([second]);
    expect(await site.draft(t, first)).toEqual(firstBefore);
    // A compose that went lingers a moment ("Sending…", 40 ms in the demos) before it closes.
    const stillOpen = await waitFor(() => site.openComposes(t), (open) => !open.includes(second), 5000);
    expect(stillOpen).toEqual(openBefore.filter((c) => c !== second));
    await leftNothingBehind(t);
  });

  for (const fault of new Set([site.faults.scheduleFails[0]!, site.faults.dateRejected])) {
    it(`when Schedule send cannot be completed (${fault}): the card names the time to set by hand, both drafts stay exactly as they were, nothing is left open; "Send now" sends once`, async () => {
      const h = harness();
      const t = await open({ faults: [fault] });
      const since = Date.now();
      const id = await reply(t, 'acmeAfterHours');
      const other = await site.newCompose(t, 'tom@initech-labs.com', { subject: 'Pilot', body: 'Second compose, untouched.' });
      const before = [await site.draft(t, id), await site.draft(t, other)];
      await scheduleAtFirstSuggestion(t, id);

      const card = await waitFor(() => readCard(t), (c) => /Couldn't schedule automatically/.test(c.text), 15_000);
      expect(card.text).toMatch(byHand(site));
      expect(await site.outbox(t)).toEqual({ sent: [], scheduled: [] });
      expect([await site.draft(t, id), await site.draft(t, other)]).toEqual(before);
      await leftNothingBehind(t);
      expect(await outcomeSince(h, site, 'schedule-failed', since)).toBeDefined();

      await cardButton(t, 'Send now');
      await waitFor(() => site.sent(t), (s) => s.length > 0);
      await sleep(300);
      expect(await site.sent(t)).toEqual([expect.objectContaining({ composeId: id, duplicate: false })]);
    });
  }

  if (site.popOut) {
    it('guards the Send of a compose popped out into a window of its own, and schedules it there', async () => {
      const h = harness();
      const t = await open();
      const id = await reply(t, 'acmeInstant');
      const popOut = await h.popupOf(t, () => click(t, site.popOutButton(id)));
      try {
        expect(await popOut.evaluate(() => location.href)).toBe('about:blank');
        await waitFor(() => popOut.evaluate((sel) => document.querySelector(sel) !== null, site.sendButton(id)), Boolean);
        // The reader and the policy need a moment there, as in the page itself.
        await sleep(USER_MOMENT_MS);
        await scheduleAtFirstSuggestion(popOut, id);
        const scheduled = await waitFor(() => site.scheduled(t), (s) => s.length > 0, 15_000);
        expect(scheduled).toEqual([expect.objectContaining({ composeId: id, to: [site.threads.acmeInstant.replyTo] })]);
        // Not asserted here: the 'scheduled' outcome for the review report. The window closes as the
        // compose goes, and its content script's last message can die with it (seen once in Firefox
        // under load on 2026-11-30); the in-page flows above assert the outcome. Known limitation.
        expect(await site.sent(t)).toEqual([]);
        await leftNothingBehind(t);
      } finally {
        await popOut.close().catch(() => undefined);
      }
    });
  }

  const zone = site.mailboxZone;
  if (zone) {
    describe("in a mailbox whose time zone is not the browser's", () => {
      // A zone far from this machine's, named in the options as the mailbox's.
      const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const mailboxZone = ['Asia/Tokyo', 'America/Los_Angeles'].find((z) => z !== here)!;
      afterAll(async () => {
        await seedSettings(harness(), demoSettings());
      });

      it('reads received times and types the scheduled time in the zone the options name', async () => {
        const h = harness();
        await seedSettings(h, { ...demoSettings(), [zone.setting]: mailboxZone });
        await tab?.close();
        // A received time no other page of this run shows (pages show theirs two minutes before they load).
        const received = Math.floor((Date.now() - 40 * 60_000) / 60_000) * 60_000;
        const t = (tab = await site.open(h, { query: `?${zone.query}=${mailboxZone}&received=${received}` }));
        const { id: threadId } = (await site.demoThreads(t))[site.threads.acmeInstant.index]!;
        // Shown to the minute in the mailbox's zone, it is read back as the same instant.
        await waitFor(
          async () => (await waitForStoredThread(h, threadId, 1)).messages.map((m) => m.at),
          (times) => times.includes(received),
        );
        expect((await waitForStoredThread(h, threadId, 1)).messages.map((m) => m.at)).toContain(received);

        const since = Date.now();
        const id = await reply(t, 'acmeAfterHours');
        await scheduleAtFirstSuggestion(t, id);
        const scheduled = await waitFor(() => site.scheduled(t), (s) => s.length > 0, 15_000);
        expect((await outcomeSince(h, site, 'scheduled', since))?.scheduledFor).toBe(scheduled[0]!.scheduledFor);
      });
    });
  }
}
