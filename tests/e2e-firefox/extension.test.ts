/**
 * ReplyPace in Firefox ESR: the built Firefox package installed as a temporary add-on. It
 * installs, its background page answers, the content script runs on the Gmail demo served at
 * https://mail.google.com and talks to the background, and the popup and options pages render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDON_ID, launchFirefox, screenshotPath, readIndexedDb, type ExtensionGlobals, type FirefoxExtension } from './harness.ts';
import { demo, GMAIL_DEMO_URL, openDemo, serveGmailDemo, waitForStoredMessages } from './demo.ts';
import { LAST_VIEW_KEY } from '../../src/ui/pages/popup/lastView.ts';


let ext: FirefoxExtension;

beforeAll(async () => {
  ext = await launchFirefox();
  serveGmailDemo(ext);
});
afterAll(async () => {
  await ext?.close();
});

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

describe('Firefox: the content script on the Gmail demo', () => {
  it('reads an opened thread and stores it through the background (metadata only)', async () => {
    const page = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox' });
    await demo.openThread(page, 0);
    const ids = await demo.threadMessageIds(page, 0);
    await waitForStoredMessages(ext, ids);
    const threads = await readIndexedDb<{ threadId: string; account: string; messages: { id: string }[] }>(ext.extensionPage, 'threads');
    const thread = threads.find((t) => t.messages.some((m) => m.id === ids[0]));
    expect(thread?.account).toBe('sam@northwind-sales.com');
    expect(thread?.messages.map((m) => m.id)).toEqual(ids);
    expect(JSON.stringify(threads)).not.toMatch(/Renewal terms|board meeting|February/);
    await page.close();
  });

  it('answers the popup’s question about the open thread (extension → content script messaging)', async () => {
    const page = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox' });
    await demo.openThread(page, 0);
    const answer = await ext.extensionPage.evaluate(async () => {
      const api = (globalThis as unknown as ExtensionGlobals).browser;
      const [tab] = await api.tabs.query({ url: 'https://mail.google.com/*' });
      return api.tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' }) as Promise<{ counterparts: string[] }>;
    });
    expect(answer.counterparts).toContain('jana.berger@acme-corp.com');
    expect(answer.counterparts).not.toContain('sam@northwind-sales.com');
    await page.close();
  });
});

describe('Firefox: the extension pages', () => {
  it('renders the popup with the learned client, and the options page with the working hours', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    // The popup's own width (420 px) plus the page margin: how it looks when opened from the toolbar.
    await popup.setViewport({ width: 440, height: 560 });
    // The thread read above makes Acme a known client.
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
