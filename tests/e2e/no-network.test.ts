import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchWithExtension, openExtensionPage, serveOn } from './harness.ts';

// Nothing leaves the browser, in Chromium: the recorder that proves it sees every kind of extension
// context (service worker, extension pages, content scripts). The mail page's own requests are the
// site's business and are not counted. ReplyPace itself is checked with it at the end of each mail
// test file (tests/kit/flows.ts): no request through reading threads, nudging, sending, scheduling,
// every fault of the reliability run, and the popup and options pages opened and used.
const MAIL_PAGE = `<!doctype html><html><head><title>Inbox - ann@example.com - Gmail</title></head>
<body><div role="main">Inbox</div><img src="https://mail.google.com/mail/images/own-request.png" alt=""></body></html>`;

describe('the Chromium network recorder', () => {
  it('catches a deliberate request from an extension page and from the service worker', async () => {
    const launched = await launchWithExtension();
    try {
      const { context, extensionId, network } = launched;
      const popup = await openExtensionPage(context, extensionId, 'popup.html');
      await popup.evaluate(() => fetch('https://tracker.invalid/from-page').catch(() => undefined));
      const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
      await worker.evaluate(() => fetch('https://tracker.invalid/from-worker').catch(() => undefined));
      expect((await network.settle()).map((r) => [r.context, r.url])).toEqual(
        expect.arrayContaining([
          ['extension-page', 'https://tracker.invalid/from-page'],
          ['service-worker', 'https://tracker.invalid/from-worker'],
        ]),
      );
    } finally {
      await launched.close();
    }
  });

  it('catches a request made by a content script on a mail page (a throwaway extension that misbehaves)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replypace-leaky-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'leaky',
        version: '1.0',
        background: { service_worker: 'worker.js' },
        content_scripts: [{ matches: ['https://mail.google.com/*'], js: ['content.js'] }],
      }),
    );
    writeFileSync(join(dir, 'worker.js'), '');
    writeFileSync(join(dir, 'content.js'), "fetch('https://tracker.invalid/from-content-script').catch(() => {});");
    const leaky = await launchWithExtension({ extensionPath: dir });
    try {
      await serveOn(leaky.context, 'https://mail.google.com/**', MAIL_PAGE);
      const mail = await leaky.context.newPage();
      await mail.goto('https://mail.google.com/mail/u/0/#inbox');
      const seen = await leaky.network.settle(1000);
      expect(seen.map((r) => [r.context, r.url])).toEqual([['content-script', 'https://tracker.invalid/from-content-script']]);
    } finally {
      await leaky.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
