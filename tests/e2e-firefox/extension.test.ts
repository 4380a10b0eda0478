/**
 * ReplyPace in Firefox ESR: the built Firefox package installed as a temporary add-on. It
 * installs, its background page answers, and the popup and options pages render what the content
 * script learned on the Gmail demo. (The mail flows themselves: tests/kit/flows.ts, gmail.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ADDON_ID, launchFirefox, screenshotPath, type FirefoxExtension } from './harness.ts';
import { firefoxHarness } from '../kit/firefox.ts';
import { waitForStoredThread } from '../kit/harness.ts';
import { useDemoBrowser } from '../kit/flows.ts';
import { gmailDemo } from '../demo/gmail/site.ts';
import { LAST_VIEW_KEY } from '../../src/ui/pages/popup/lastView.ts';

let ext: FirefoxExtension;
// The Gmail demo served and its settings saved; `ext` keeps the Firefox-only operations at hand.
const harness = useDemoBrowser(gmailDemo, { name: 'firefox', launch: async () => firefoxHarness((ext = await launchFirefox())) });

describe('Firefox: install', () => {
  it('installs under its fixed add-on id, opens the welcome page, and the background page answers', async () => {
    expect(ext.addonId).toBe(ADDON_ID);
    await expect(ext.extensionPage.evaluate(() => document.title)).resolves.toMatch(/ReplyPace/);
    const pong = await ext.ask<{ ok: boolean; value?: { version?: string } }>({ type: 'ping' });
    expect(pong).toMatchObject({ ok: true, value: { version: expect.stringMatching(/^\d+\.\d+/) } });
    // MV2 in Firefox: a background page (a document with a window), not a service worker.
    const background = await ext.extensionPage.evaluate(() => {
      const page = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser.extension.getBackgroundPage();
      return page ? page.location.pathname : null;
    });
    expect(background).toMatch(/background/);
  });

  it('refuses a malformed request instead of storing it', async () => {
    const answer = await ext.ask<{ ok: boolean; code?: string }>({ type: 'messagesSeen', site: 'gmail', messages: 'not a list' });
    expect(answer.ok).toBe(false);
  });
});

describe('Firefox: the extension pages', () => {
  it('renders the popup with the learned client, and the options page with the working hours', async () => {
    // A thread from Acme, read and stored, makes Acme a known client.
    const mail = await gmailDemo.open(harness());
    await gmailDemo.openThread(mail, gmailDemo.threads.acmeInstant.index);
    const thread = (await gmailDemo.demoThreads(mail))[gmailDemo.threads.acmeInstant.index]!;
    await waitForStoredThread(harness(), thread.id, thread.messages.length);
    await mail.close();
    const popup = await ext.openExtensionPage('popup.html');
    // The popup's own width (420 px) plus the page margin: how it looks when opened from the toolbar.
    await popup.setViewport({ width: 440, height: 560 });
    await popup.waitForFunction(() => /acme/i.test(document.body.innerText), { timeout: 10_000 });
    expect(await popup.evaluate(() => document.body.innerText)).toMatch(/ReplyPace/i);
    await popup.screenshot({ path: screenshotPath('firefox-popup.png') });
    // The popup keeps its last view in the extension pages' localStorage, for the next opening's first paint.
    await popup.waitForFunction((key: string) => /acme/i.test(localStorage.getItem(key) ?? ''), { timeout: 10_000 }, LAST_VIEW_KEY);
    const saved = await popup.evaluate((key: string) => JSON.parse(localStorage.getItem(key)!) as { version: number; rows: { name: string }[] }, LAST_VIEW_KEY);
    expect(saved.version).toBe(1);
    expect(saved.rows.map((r) => r.name).join(' ')).toMatch(/acme/i);
    await popup.close();
    const again = await ext.openExtensionPage('popup.html');
    await again.waitForFunction(() => performance.getEntriesByName('replypace:popup-ready').length > 0 && /acme/i.test(document.body.innerText), { timeout: 10_000 });
    await again.close();

    const options = await ext.openExtensionPage('options.html');
    await options.setViewport({ width: 1280, height: 800 });
    await options.waitForFunction(() => /working hours/i.test(document.body.innerText), { timeout: 10_000 });
    const text = await options.evaluate(() => document.body.innerText);
    expect(text).toMatch(/time zone/i);
    await options.screenshot({ path: screenshotPath('firefox-options.png') });
  });
});
