/**
 * Nothing leaves the browser, in Firefox: the recorder proves it can see each kind of extension
 * context (a throwaway add-on that misbehaves). ReplyPace itself is checked with it at the end of
 * each mail test file (tests/kit/flows.ts): no request through reading threads, nudging, sending,
 * scheduling, every fault of the reliability run, and the popup and options pages opened and used.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, launchFirefox, type FirefoxExtension } from './harness.ts';

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
    // Its own page, with MV2's default policy (no connect-src): ReplyPace's pages refuse every
    // connection (connect-src 'none', tests/kit/hardening-flows.ts), so they cannot show that the
    // recorder catches one. The background opens it (no permission needed; Firefox will not let an
    // automated tab navigate to moz-extension://).
    writeFileSync(
      join(leakyDir, 'background.js'),
      "fetch('https://from-background.invalid/beacon').catch(() => {}); browser.tabs.create({ url: browser.runtime.getURL('page.html'), active: false });",
    );
    writeFileSync(join(leakyDir, 'page.html'), '<!doctype html><title>leaky</title><script src="page.js"></script>');
    writeFileSync(join(leakyDir, 'page.js'), "fetch('https://from-extension-page.invalid/x').catch(() => {});");
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

  it('catches requests from an extension page, a background page and both kinds of content-script request (a throwaway add-on)', async () => {
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
