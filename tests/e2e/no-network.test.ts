import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openExtensionPage, serveOn, type LaunchedExtension } from './harness.ts';

// Nothing leaves the browser, in Chromium: the recorder that proves it sees every kind of extension
// context (service worker, extension pages, content scripts). The mail page's own requests are the
// site's business and are not counted. ReplyPace itself is checked with it at the end of each mail
// test file (tests/kit/flows.ts): no request through reading threads, nudging, sending, scheduling,
// every fault of the reliability run, and the popup and options pages opened and used.
const MAIL_PAGE = `<!doctype html><html><head><title>Inbox - ann@example.com - Gmail</title></head>
<body><div role="main">Inbox</div><img src="https://mail.google.com/mail/images/own-request.png" alt=""></body></html>`;

/**
 * A throwaway extension that misbehaves, written to a temporary folder: a service worker, a page
 * of its own and a content script on the mail host, with MV3's default policy for its pages (no
 * connect-src). ReplyPace's own pages refuse every connection (connect-src 'none', proved in
 * tests/kit/hardening-flows.ts), so they cannot show that the recorder catches one.
 */
function writeLeakyExtension(dir: string): void {
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
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>leaky</title><script src="page.js"></script>');
  writeFileSync(join(dir, 'page.js'), '');
  writeFileSync(join(dir, 'content.js'), "fetch('https://tracker.invalid/from-content-script').catch(() => {});");
}

describe('the Chromium network recorder', () => {
  let dir: string;
  let leaky: LaunchedExtension;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replypace-leaky-'));
    writeLeakyExtension(dir);
    leaky = await launchWithExtension({ extensionPath: dir });
  });
  afterAll(async () => {
    await leaky?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches a deliberate request from an extension page and from the service worker (a throwaway extension)', async () => {
    const { context, extensionId, network } = leaky;
    const page = await openExtensionPage(context, extensionId, 'page.html');
    await page.evaluate(() => fetch('https://tracker.invalid/from-page').catch(() => undefined));
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
    await worker.evaluate(() => fetch('https://tracker.invalid/from-worker').catch(() => undefined));
    expect((await network.settle()).map((r) => [r.context, r.url])).toEqual([
      ['extension-page', 'https://tracker.invalid/from-page'],
      ['service-worker', 'https://tracker.invalid/from-worker'],
    ]);
    await page.close();
  });

  it('catches a request made by a content script on a mail page (the same extension)', async () => {
    leaky.network.clear();
    await serveOn(leaky.context, 'https://mail.google.com/**', MAIL_PAGE);
    const mail = await leaky.context.newPage();
    await mail.goto('https://mail.google.com/mail/u/0/#inbox');
    const seen = await leaky.network.settle(1000);
    // The mail page's own image is the site's business: not recorded.
    expect(seen.map((r) => [r.context, r.url])).toEqual([['content-script', 'https://tracker.invalid/from-content-script']]);
  });
});
