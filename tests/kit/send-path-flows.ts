/**
 * The send path after the extension is reloaded (an update), written once over `DemoSite` ×
 * `BrowserHarness` and run in each browser (tests/e2e/send-path.test.ts,
 * tests/e2e-firefox/send-path.test.ts). The browsers differ in what becomes of the content script
 * already in the mail page (`reloadExtension`): Chromium leaves it there, cut off from the
 * extension (an orphan, with any card it showed); Firefox unloads it with the add-on, its card too,
 * and injects a fresh one. Either way a Send is never held by a script that can no longer act: an
 * orphan lets it through and removes its card at the next Send; a fresh script judges it like any
 * Send, and its "Send now" sends once. Each flow ends its extension, so each gets a browser of its
 * own. (The card in a real page and a page script replaying WXT's start message are mail flows:
 * tests/kit/flows.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSettings } from '../demo/gmail/settings.ts';
import type { DemoSite } from './demo-site.ts';
import { cardButton, click, readCard, seedSettings, waitFor, waitForCard, type BrowserHarness, type BrowserKind, type Tab } from './harness.ts';

export function sendPathFlows(site: DemoSite, browser: BrowserKind): void {
  describe(`${site.name} in ${browser.name}: after the extension is reloaded (an update)`, () => {
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

    const sentFrom = async (id: string) => (await site.sent(tab)).filter((r) => r.composeId === id);
    const cardsInPage = () => tab.evaluate(() => document.querySelectorAll('replypace-nudge').length);

    /**
     * Presses Send on the draft after the reload: it must go out once, straight away from an
     * orphan, or through the card of a fresh content script ("Send now"); no card is left.
     */
    const sendAfterReload = async (id: string, fate: 'orphaned' | 'replaced') => {
      await click(tab, site.sendButton(id));
      const [sent, card] = await waitFor(
        () => Promise.all([sentFrom(id), readCard(tab)]),
        ([s, c]) => s.length > 0 || c.open,
      );
      if (sent.length === 0) {
        // Only a live content script may hold the Send.
        expect(fate, `a card after the reload: ${card.text}`).toBe('replaced');
        await cardButton(tab, 'Send now');
      }
      const after = await waitFor(() => sentFrom(id), (s) => s.length > 0);
      expect(after.map((r) => r.duplicate)).toEqual([false]);
      expect(await waitFor(cardsInPage, (n) => n === 0)).toBe(0);
    };

    it('a Send after the reload is never held by the old content script', async () => {
      const id = await site.startReply(h, tab, 'acmeInstant');
      await sendAfterReload(id, await h.reloadExtension(tab));
    });

    it('the card left open before the reload never holds the next Send, which goes out once', async () => {
      const id = await site.startReply(h, tab, 'acmeInstant');
      await click(tab, site.sendButton(id));
      expect(await waitForCard(tab)).toBe(true);
      const fate = await h.reloadExtension(tab);
      // Firefox takes the old script's card away with it; Chromium's orphan removes it at the next Send.
      if (fate === 'replaced') expect(await waitFor(cardsInPage, (n) => n === 0)).toBe(0);
      await sendAfterReload(id, fate);
    });
  });
}
