/**
 * Every mail flow of ReplyPace and its reliability run, written once over `DemoSite` ×
 * `BrowserHarness`: each entry file (tests/e2e/<site>.test.ts, tests/e2e-firefox/<site>.test.ts) is
 * one call of `mailFlows`.
 *
 * The demo settings (tests/demo/gmail/settings.ts) make the situations true now: Acme is asleep,
 * Initech works around the clock, the colleague shares the user's domain.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoSettings } from '../demo/gmail/settings.ts';
import { DRAFT, type DemoSite } from './demo-site.ts';
import {
  activeTabUrl, ask, askTab, cardButton, click, focus, loneClick, NOT_SENT, press, readCard, readIndexedDb, runtimeId, screenshotPath, seedSettings, sleep, textOf,
  UNSENT_NOTICE_MS, waitFor, waitForCard, waitForStoredThread,
  type BrowserHarness, type BrowserKind, type StoredThread, type Tab,
} from './harness.ts';
import { runSeed } from './random.ts';
import { scheduleFlows } from './schedule-flows.ts';
import { FAULTS, GESTURES, runGestureTrials } from './reliability.ts';

/** Launches the browser with the demo served and the demo settings saved, for one test file. */
export function useDemoBrowser(site: DemoSite, browser: BrowserKind): () => BrowserHarness {
  let h: BrowserHarness | undefined;
  beforeAll(async () => {
    h = await browser.launch();
    await site.serve(h);
    await seedSettings(h, demoSettings());
  });
  afterAll(async () => {
    await h?.close();
  });
  return () => h!;
}

/**
 * Every mail flow on one demo in one browser, then the reliability run with `reliabilityGestures`
 * random gestures, in one browser launch.
 */
export function mailFlows(site: DemoSite, browser: BrowserKind, options: { reliabilityGestures: number }): void {
  const harness = useDemoBrowser(site, browser);
  describe(`${site.name} in ${browser.name}`, () => flows(site, browser, harness));
  describe(`${site.name} in ${browser.name}: Schedule send`, () => scheduleFlows(site, harness));
  describe(`${site.name} in ${browser.name}: reliability`, () => reliabilityRun(site, browser, harness, options.reliabilityGestures));
  describe(`${site.name} in ${browser.name}: nothing leaves the browser`, () => noNetwork(site, harness));
}

function flows(site: DemoSite, browser: BrowserKind, harness: () => BrowserHarness): void {
  let tab: Tab;
  beforeEach(async () => {
    await tab?.close();
    tab = await site.open(harness());
  });
  afterAll(async () => {
    await tab?.close();
  });

  const reply = (part: Parameters<DemoSite['startReply']>[2]) => site.startReply(harness(), tab, part);
  const nothingWentOut = async () => expect(await site.outbox(tab)).toEqual({ sent: [], scheduled: [] });

  describe('reading', () => {
    it('stores an opened thread through the background in IndexedDB: who and when, nothing of what', async () => {
      const { index } = site.threads.acmeInstant;
      await site.openThread(tab, index);
      const thread = (await site.demoThreads(tab))[index]!;
      const account = await site.account(tab);
      const stored = await waitForStoredThread(harness(), thread.id, thread.messages.length);
      expect(stored).toMatchObject({ site: site.id, account });
      const mine = (m: (typeof thread.messages)[number]) => m.from.email === account;
      expect(stored.messages.map((m) => [m.direction, m.counterparts])).toEqual(
        thread.messages.map((m) => (mine(m) ? ['out', m.to.map((p) => p.email)] : ['in', [m.from.email]])),
      );
      // The client's latest message, two minutes ago (Outlook shows times to the minute).
      const age = Date.now() - stored.messages.at(-1)!.at;
      expect(age).toBeGreaterThan(60_000);
      expect(age).toBeLessThan(4 * 60_000);
      const everything = JSON.stringify(await readIndexedDb<StoredThread>(harness(), 'threads'));
      for (const text of [thread.subject, ...thread.messages.map((m) => m.text)]) expect(everything).not.toContain(text);
    });

    it('answers the popup with who the open thread is with, never the user, though the tab’s address stays hidden from the extension', async () => {
      const { index } = site.threads.acmeInstant;
      await site.openThread(tab, index);
      const thread = (await site.demoThreads(tab))[index]!;
      const account = await site.account(tab);
      const others = [...new Set(thread.messages.flatMap((m) => [m.from, ...m.to]).map((p) => p.email))].filter((a) => a !== account);
      const answer = await askTab<{ counterparts: string[] }>(harness(), tab, { type: 'replypace:threadCounterparts' });
      expect(answer.counterparts).toEqual(others);
      // Least privilege: without host permissions the extension is not told where the tab is.
      expect(await activeTabUrl(harness())).toBeUndefined();
    });
  });

  describe('the nudge', () => {
    it('nudges an instant reply to a client, and sends nothing', async () => {
      const id = await reply('initechInstant');
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      expect((await readCard(tab)).text).toMatch(/[23] minutes after Initech's message/);
      await tab.screenshot(screenshotPath(browser.name, `${browser.name}-${site.id}-nudge.png`, { listing: true }));
      await sleep(300);
      await nothingWentOut();
      expect(await site.openComposes(tab)).toEqual([id]);
    });

    for (const origin of site.origins.slice(1)) {
      it(`runs on ${new URL(origin).host} too`, async () => {
        const other = await site.open(harness(), { origin });
        try {
          const id = await site.startReply(harness(), other, 'initechInstant');
          await click(other, site.sendButton(id));
          expect(await waitForCard(other)).toBe(true);
          expect(await site.outbox(other)).toEqual({ sent: [], scheduled: [] });
        } finally {
          await other.close();
        }
      });
    }

    it('lets a reply to a colleague go straight out', async () => {
      const id = await reply('colleague');
      await click(tab, site.sendButton(id));
      const sent = await waitFor(() => site.sent(tab), (s) => s.length > 0);
      expect(sent.map((s) => s.composeId)).toEqual([id]);
      expect((await readCard(tab)).open).toBe(false);
    });

    it('holds Ctrl+Enter, Enter and Space on Send too; Esc closes the card and leaves the draft as it was', async () => {
      const id = await reply('acmeInstant');
      await focus(tab, site.body(id));
      await press(tab, 'Control+Enter');
      expect(await waitForCard(tab)).toBe(true);
      await press(tab, 'Escape');
      expect(await waitForCard(tab, false)).toBe(true);
      await nothingWentOut();
      expect(await textOf(tab, site.body(id))).toBe(DRAFT);
      // The next Send is judged again, however it is pressed.
      for (const key of ['Enter', 'Space']) {
        await focus(tab, site.sendButton(id));
        await press(tab, key);
        expect(await waitForCard(tab), key).toBe(true);
        await press(tab, 'Escape');
        expect(await waitForCard(tab, false), key).toBe(true);
      }
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      await nothingWentOut();
      expect(await site.openComposes(tab)).toEqual([id]);
    });

    it('nudges a new message to a client', async () => {
      const id = await site.newCompose(tab, site.newClientAddress);
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      await sleep(300);
      await nothingWentOut();
    });

    it('fails open: a send goes straight out while the background cannot be reached or its database fails, and is judged again after', async () => {
      const faults = {
        'background unreachable': (on: boolean) => harness().setBackgroundUnreachable(tab, on),
        'database failing': (on: boolean) => harness().setDatabaseErrors(on),
      };
      for (const [fault, set] of Object.entries(faults)) {
        await set(true);
        try {
          const id = await site.newCompose(tab, site.newClientAddress);
          await click(tab, site.sendButton(id));
          const sent = await waitFor(() => site.sent(tab), (s) => s.some((r) => r.composeId === id));
          expect(sent.map((r) => r.composeId), fault).toContain(id);
          expect((await readCard(tab)).open, fault).toBe(false);
        } finally {
          await set(false);
        }
      }
      const id = await site.newCompose(tab, site.newClientAddress);
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
    });

    // Last of the ordinary flows: once a reply to Initech is stored, the next one is no longer instant.
    it('"Send now" sends exactly once', async () => {
      const id = await reply('initechInstant');
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      await cardButton(tab, 'Send now');
      await waitFor(() => site.sent(tab), (s) => s.length > 0);
      await sleep(500);
      expect(await site.outbox(tab)).toEqual({ sent: [expect.objectContaining({ composeId: id, duplicate: false })], scheduled: [] });
      expect(await site.openComposes(tab)).toEqual([]);
      expect((await readCard(tab)).open).toBe(false);
    });
  });

  describe('every way to press Send', () => {
    it('a lone click on Send (no press before it) is judged like any press', async () => {
      const id = await reply('acmeInstant');
      await loneClick(tab, site.sendButton(id));
      // The card comes with the event (it is shown while the click is handled), or not at all.
      expect(await waitForCard(tab, true, 1000)).toBe(true);
      await nothingWentOut();
      await cardButton(tab, 'Send now');
      expect((await waitFor(() => site.sent(tab), (s) => s.length > 0)).map((s) => s.composeId)).toEqual([id]);
    });

    it('a second Ctrl+Enter while the card is open chooses nothing', async () => {
      const id = await reply('acmeInstant');
      await focus(tab, site.body(id));
      await press(tab, 'Control+Enter');
      expect(await waitForCard(tab)).toBe(true);
      await press(tab, 'Control+Enter');
      // A second of looking, cut short if the card takes a choice ("Scheduling…") or closes.
      await waitFor(() => readCard(tab), (card) => card.busy || !card.open, 1000);
      await nothingWentOut();
      expect((await readCard(tab)).open).toBe(true);
    });

    it('"Send now" sends when the site’s Send button is not recognised, or says to press Send again, and that Send goes', async () => {
      await site.setFault(tab, site.faults.sendButtonUnknown, true);
      const id = await reply('acmeInstant');
      await focus(tab, site.body(id));
      await press(tab, 'Control+Enter');
      expect(await waitForCard(tab)).toBe(true);
      await cardButton(tab, 'Send now');
      // Either it went out, or ReplyPace says so once the compose has stayed open (3 s): never silence.
      const [sent, card] = await waitFor(
        () => Promise.all([site.sent(tab), readCard(tab)]),
        ([s, c]) => s.length > 0 || NOT_SENT.test(c.text),
        UNSENT_NOTICE_MS + 3000,
      );
      if (sent.length === 0) {
        expect(card.text).toMatch(NOT_SENT);
        // The user's next Send goes through untouched, and the notice goes with the compose.
        await click(tab, site.sendButton(id));
        expect(await waitForCard(tab, false)).toBe(true);
      }
      await waitFor(() => site.sent(tab), (s) => s.length > 0);
      await sleep(300);
      expect(await site.sent(tab)).toEqual([expect.objectContaining({ composeId: id, duplicate: false })]);
    });
  });

  describe('the card in a real page', () => {
    it('shows with focus on its first suggestion, never on "Send now"', async () => {
      const id = await reply('acmeAfterHours');
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      const focus = await tab.evaluate(() => {
        const host = document.querySelector('replypace-nudge');
        const focused = document.activeElement === host ? (host?.shadowRoot?.activeElement?.textContent ?? null) : null;
        return { focused, first: host?.shadowRoot?.querySelector('button.suggestion')?.textContent ?? 'no suggestion' };
      });
      expect(focus.focused).toBe(focus.first);
    });

    it('a card the page hides with its own styles, or covers (a popover in the top layer), does not hold the send', async () => {
      const cardsShown = () => tab.evaluate(() => document.querySelectorAll('replypace-nudge').length);
      for (const style of ['display: none', 'visibility: hidden', 'opacity: 0']) {
        const id = await site.newCompose(tab, site.newClientAddress);
        await tab.evaluate((css) => {
          document.getElementById('hostile-style')?.remove();
          document.head.append(Object.assign(document.createElement('style'), { id: 'hostile-style', textContent: css }));
        }, `replypace-nudge { ${style} !important; }`);
        await click(tab, site.sendButton(id));
        expect((await waitFor(() => site.sent(tab), (sent) => sent.some((r) => r.composeId === id))).map((r) => r.composeId), style).toContain(id);
        expect(await cardsShown(), style).toBe(0);
      }
      await tab.evaluate(() => document.getElementById('hostile-style')?.remove());
      const id = await site.newCompose(tab, site.newClientAddress);
      await tab.evaluate(() => {
        const cover = document.createElement('div');
        cover.setAttribute('popover', 'manual');
        cover.style.cssText = 'inset: 0; width: 100vw; height: 100vh; margin: 0; border: 0; background: rgba(0,0,0,.5)';
        document.body.append(cover);
        cover.showPopover();
      });
      // The cover takes the pointer: Send by keyboard, as a user behind an overlay would.
      await focus(tab, site.body(id));
      await press(tab, 'Control+Enter');
      expect((await waitFor(() => site.sent(tab), (sent) => sent.some((r) => r.composeId === id))).map((r) => r.composeId)).toContain(id);
      expect(await cardsShown()).toBe(0);
    });

    it('a page script replaying WXT’s "content script started" message cannot switch the send guard off', async () => {
      const id = await reply('acmeAfterHours');
      // What any page script can do: the event name is built from the public runtime id.
      await tab.evaluate(({ runtime, names }) => {
        for (const name of names) {
          const type = `${runtime}:${name}:wxt:content-script-started`;
          document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: name, messageId: 'forged' } }));
          window.postMessage({ type, contentScriptName: name, messageId: 'forged' }, '*');
        }
      }, { runtime: await runtimeId(harness()), names: [site.id, `${site.id}.content`, 'content'] });
      await sleep(100);
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      await sleep(300);
      await nothingWentOut();
    });
  });
}

/**
 * The reliability run as a test (tests/kit/reliability.ts): nothing lost, nothing twice, nothing
 * swallowed, every card closable, and the run really exercised every gesture and fault. The seed
 * is printed before the run starts; REPLYPACE_SEED=<seed> replays it.
 */
function reliabilityRun(site: DemoSite, browser: BrowserKind, harness: () => BrowserHarness, gestures: number): void {
  it(`survives ${gestures} random send gestures with faults: nothing lost, discarded or twice, no stray Escape, every card closes`, { timeout: 900_000 }, async () => {
    const seed = runSeed();
    const log = (line: string) => console.log(`[${site.id} ${browser.name}] ${line}`);
    const report = await runGestureTrials(harness(), site, { gestures, seed, log });
    log(`seed ${seed}: ${JSON.stringify({ ...report, problems: report.problems.slice(0, 10) })}`);
    expect(report.problems, `seed ${seed}`).toEqual([]);
    // The run must really have exercised every gesture and every fault (by construction, however
    // short), cards, a popped-out compose where the site has them, and in a long run the schedule
    // path (a short run may miss it: the flows cover it).
    for (const gesture of GESTURES) expect(report.byGesture[gesture] ?? 0, gesture).toBeGreaterThan(0);
    for (const fault of FAULTS) expect(report.faultGestures[fault] ?? 0, fault).toBeGreaterThan(0);
    if (site.popOut) expect(report.poppedOut).toBeGreaterThan(0);
    expect(report.nudges).toBeGreaterThan(gestures >= 100 ? gestures / 10 : 0);
    if (gestures >= 100) expect(report.scheduled).toBeGreaterThan(0);
  });
}

/**
 * Nothing leaves the browser: through all of the above (reading threads, nudging, sending and
 * scheduling, every fault of the reliability run), and with the popup and options pages opened
 * and used, no extension context made a network request. (Each browser's own test file proves
 * its recorder sees every kind of extension context: tests/e2e/no-network.test.ts,
 * tests/e2e-firefox/network.test.ts.)
 */
function noNetwork(site: DemoSite, harness: () => BrowserHarness): void {
  it('no extension context made a network request in any flow above, nor with the popup and options pages open and used', async () => {
    const h = harness();
    await ask(h, { type: 'listNorms' });
    const popup = await h.openExtensionPage('popup.html');
    expect(await waitFor(() => popup.evaluate(() => document.body.innerText), (text) => /acme/i.test(text))).toMatch(/acme/i);
    const options = await h.openExtensionPage('options.html');
    expect(await waitFor(() => options.evaluate(() => document.body.innerText), (text) => /working hours/i.test(text))).toMatch(/working hours/i);
    // A mail page opened afresh: the content script starts again and reads.
    const tab = await site.open(h);
    await site.openThread(tab, site.threads.acmeInstant.index);
    expect(await h.network.settle(1500)).toEqual([]);
  });
}
