/**
 * ReplyPace in Firefox ESR: the built Firefox package installed as a temporary add-on. It
 * installs, its background page answers, and the popup and options pages render what the content
 * script learned on the Gmail demo (the mail flows themselves: tests/kit/flows.ts, gmail.test.ts).
 * Its data lives in one IndexedDB database in the add-on's own origin (moz-extension://<uuid>),
 * written by the background page only: the mail site's origin gets nothing, and removing the
 * add-on removes the data with it (last: it reinstalls the add-on).
 */
import { describe, expect, it } from 'vitest';
import { ADDON_ID, launchFirefox, readIndexedDb, listingScreenshotPath, type FirefoxExtension } from './harness.ts';
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
    await popup.screenshot({ path: listingScreenshotPath('firefox-popup.png') });
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
    await options.screenshot({ path: listingScreenshotPath('firefox-options.png') });
  });
});

describe('Firefox: storage', () => {
  it('keeps what it learns in the add-on’s database, none of it in the mail site’s origin', async () => {
    const mail = await gmailDemo.open(harness());
    await gmailDemo.openThread(mail, 0);
    const thread = (await gmailDemo.demoThreads(mail))[0]!;
    await waitForStoredThread(harness(), thread.id, thread.messages.length);
    const origin = await ext.extensionPage.evaluate(() => location.origin);
    expect(origin).toMatch(/^moz-extension:\/\//);
    expect(await readIndexedDb(ext.extensionPage, 'threads')).not.toHaveLength(0);
    // The content script never opens a database of its own under https://mail.google.com.
    const siteDatabases = await mail.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(siteDatabases).not.toContain('replypace');
    await mail.close();
  });

  it('removing the add-on removes its data: a new install starts empty and welcomes again', async () => {
    await ext.uninstallAndReinstall();
    await expect(ext.extensionPage.evaluate(() => document.title)).resolves.toMatch(/ReplyPace/);
    const threads = await readIndexedDb(ext.extensionPage, 'threads').catch((error: Error) => (/No table/.test(error.message) ? [] : Promise.reject(error)));
    expect(threads).toEqual([]);
  });
});
