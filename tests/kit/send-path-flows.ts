/**
 * The send path after the extension is reloaded (an update), written over `DemoSite` ×
 * `BrowserHarness` (tests/e2e/send-path.test.ts): the content script already in the mail page is
 * cut off from the extension, and must neither hold a Send on its old snapshot nor leave a card
 * that holds one. Each flow ends its extension, so each gets a browser of its own. (The card in a
 * real page and a page script replaying WXT's start message are mail flows: tests/kit/flows.ts.)
 *
 * Only where the browser leaves an orphan (`orphanContentScript`, Chromium): Firefox is said to unload
 * an add-on's content scripts with it (unverified here).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSettings } from '../demo/gmail/settings.ts';
import type { DemoSite } from './demo-site.ts';
import { click, readCard, seedSettings, waitFor, waitForCard, type BrowserHarness, type BrowserKind, type Tab } from './harness.ts';

export function sendPathFlows(site: DemoSite, browser: BrowserKind): void {
  describe(`${site.name} in ${browser.name}: after the extension is reloaded (an update), the orphaned content script`, () => {
    let h: BrowserHarness;
    let tab: Tab;
    beforeEach(async () => {
      h = await browser.launch();
      await site.serve(h);
      await seedSettings(h, demoSettings());
      tab = await site.open(h);
    });
    afterEach(async () => {
      await h?.close();
    });

    const orphan = async () => {
      if (!h.orphanContentScript) throw new Error(`${browser.name} leaves no orphaned content script`);
      await h.orphanContentScript(tab);
    };
    const sentFrom = async (id: string) => (await waitFor(() => site.sent(tab), (sent) => sent.some((r) => r.composeId === id))).map((r) => r.composeId);
    const cardsInPage = () => tab.evaluate(() => document.querySelectorAll('replypace-nudge').length);

    it('lets Send through instead of nudging on its old snapshot', async () => {
      const id = await site.startReply(h, tab, 'acmeInstant');
      await orphan();
      await click(tab, site.sendButton(id));
      expect(await sentFrom(id)).toEqual([id]);
      expect(await cardsInPage()).toBe(0);
    });

    it('removes the card it left open at the next Send, which goes through once', async () => {
      const id = await site.startReply(h, tab, 'acmeInstant');
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      await orphan();
      await click(tab, site.sendButton(id));
      expect(await sentFrom(id)).toEqual([id]);
      expect(await waitFor(cardsInPage, (n) => n === 0)).toBe(0);
      expect((await readCard(tab)).open).toBe(false);
      expect((await site.sent(tab)).map((r) => r.duplicate)).toEqual([false]);
    });
  });
}
