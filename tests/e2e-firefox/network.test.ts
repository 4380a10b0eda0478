/**
 * Nothing leaves the browser, in Firefox: with ReplyPace installed and the Gmail demo, the popup
 * and the options page open and used, no extension context makes a network request. First, the
 * recorder proves it can see each kind of context (a throwaway add-on that misbehaves).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, launchFirefox, type FirefoxExtension } from './harness.ts';
import { clickCardButton, demo, GMAIL_DEMO_URL, nudgeCardCount, openDemo, seedSettings, serveGmailDemo, waitForStoredMessages, waitUntil } from './demo.ts';

describe('the Firefox network recorder', () => {
  let leakyDir: string;
  let ext: FirefoxExtension;

  beforeAll(async () => {
    leakyDir = mkdtempSync(join(tmpdir(), 'replypace-leaky-firefox-'));
    writeFileSync(
      join(leakyDir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 2,
        name: 'leaky',
        version: '1.0',
        browser_specific_settings: { gecko: { id: 'leaky@replypace.test' } },
        permissions: ['https://mail.google.com/*'],
        background: { scripts: ['background.js'] },
        content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['content.js'] }],
      }),
    );
    writeFileSync(join(leakyDir, 'background.js'), "fetch('https://from-background.invalid/beacon').catch(() => {});");
    // Firefox refuses a content script's fetch() to a host its add-on has no permission for before
    // it leaves, so the leak that can happen is to the mail host itself (outside the page's view).
    writeFileSync(
      join(leakyDir, 'content.js'),
      "fetch('https://mail.google.com/leak?from=content-fetch').catch(() => {}); new Image().src = 'https://from-content-image.invalid/pixel.png';",
    );
    ext = await launchFirefox({ extraExtensions: [leakyDir] });
    ext.serve('https://mail.google.com/', htmlPage('<!doctype html><title>Inbox - Gmail</title><img src="/mail/images/own.png" alt="">'));
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(leakyDir, { recursive: true, force: true });
  });

  it('catches requests from an extension page, a background page and both kinds of content-script request', async () => {
    await ext.extensionPage.evaluate(() => fetch('https://from-extension-page.invalid/x').catch(() => undefined));
    const mail = await ext.openPage('https://mail.google.com/mail/u/0/');
    const seen = await ext.network.settle(1500);
    const hosts = seen.map((r) => [r.source, new URL(r.url).host]);
    expect(hosts).toEqual(
      expect.arrayContaining([
        ['extension-page', 'from-extension-page.invalid'],
        ['background-or-content-script', 'from-background.invalid'],
        ['background-or-content-script', 'mail.google.com'],
        ['mail-page', 'from-content-image.invalid'],
      ]),
    );
    // The mail page's own request to its own origin is the site's business, not recorded.
    expect(seen.some((r) => r.url.includes('/mail/images/own.png'))).toBe(false);
    await mail.close();
  });
});

describe('ReplyPace in Firefox makes no network request', () => {
  let ext: FirefoxExtension;

  beforeAll(async () => {
    ext = await launchFirefox();
    serveGmailDemo(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('while reading mail, nudging, and with the popup and options pages open and used', async () => {
    await seedSettings(ext);
    const mail = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox' });
    for (const thread of [0, 1, 2, 3]) {
      await demo.openThread(mail, thread);
      await waitForStoredMessages(ext, await demo.threadMessageIds(mail, thread));
    }
    // A nudge, and "Send now" from it (thread 2: Initech, two minutes ago).
    await demo.openThread(mail, 2);
    await mail.click('.ams');
    await mail.type('.M9 [role=textbox]', 'Thanks, will do.');
    await new Promise((done) => setTimeout(done, 600));
    await mail.click('.aoO');
    expect(await waitUntil(() => nudgeCardCount(mail), (n) => n === 1)).toBe(1);
    await clickCardButton(mail, 'Send now');
    expect(await waitUntil(() => demo.sent(mail), (sent) => sent.length === 1)).toHaveLength(1);
    await ext.ask({ type: 'listNorms' });
    const popup = await ext.openExtensionPage('popup.html');
    await popup.waitForFunction(() => /acme/i.test(document.body.innerText), { timeout: 10_000 });
    const options = await ext.openExtensionPage('options.html');
    await options.waitForFunction(() => /working hours/i.test(document.body.innerText), { timeout: 10_000 });
    await mail.reload();
    await mail.waitForFunction(() => '__demo' in window);

    expect(await ext.network.settle(1500)).toEqual([]);
  });
});
