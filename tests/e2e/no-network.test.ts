import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openExtensionPage, serveOn, type LaunchedExtension } from './harness.ts';

// Nothing leaves the browser: with the extension loaded and a mail page open, no extension
// context (service worker, extension pages, content scripts) makes a network request. The mail
// page's own requests are the site's business and are not counted.
const MAIL_PAGE = `<!doctype html><html><head><title>Inbox - ann@example.com - Gmail</title></head>
<body><div role="main">Inbox</div><img src="https://mail.google.com/mail/images/own-request.png" alt=""></body></html>`;

describe('no network from the extension', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await serveOn(launched.context, 'https://mail.google.com/**', MAIL_PAGE);
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('catches a deliberate request from an extension page and from the service worker (the check can fail)', async () => {
    const { context, extensionId, network } = launched;
    const popup = await openExtensionPage(context, extensionId, 'popup.html');
    await popup.evaluate(() => fetch('https://tracker.invalid/from-page').catch(() => undefined));
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
    await worker.evaluate(() => fetch('https://tracker.invalid/from-worker').catch(() => undefined));
    const seen = await network.settle();
    expect(seen.map((r) => [r.context, r.url])).toEqual(
      expect.arrayContaining([
        ['extension-page', 'https://tracker.invalid/from-page'],
        ['service-worker', 'https://tracker.invalid/from-worker'],
      ]),
    );
    await popup.close();
    network.clear();
  });

  it('makes no request while a mail page, the popup and the options page are open and used', async () => {
    const { context, extensionId, network } = launched;
    const mail = await context.newPage();
    const pageOwnRequest = mail.waitForRequest('https://mail.google.com/mail/images/own-request.png');
    await mail.goto('https://mail.google.com/mail/u/0/#inbox');
    await pageOwnRequest;

    const popup = await openExtensionPage(context, extensionId, 'popup.html');
    await popup.waitForLoadState('load');
    // Exercise the background through the protocol, as the pages do.
    await popup.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      await runtime.sendMessage({ type: 'ping' }).catch(() => undefined);
      await runtime.sendMessage({ type: 'listNorms' }).catch(() => undefined);
    });
    const manifest = await popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { options_ui?: { page: string }; options_page?: string } } } }).chrome.runtime.getManifest());
    const optionsPath = manifest.options_ui?.page ?? manifest.options_page;
    if (optionsPath) {
      const options = await openExtensionPage(context, extensionId, optionsPath);
      await options.waitForLoadState('load');
    }
    await mail.reload();

    expect(await network.settle(1000)).toEqual([]);
  });
});

describe('the network recorder', () => {
  it('also catches a request made by a content script on a mail page (a throwaway extension that misbehaves)', async () => {
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
