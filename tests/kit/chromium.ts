/**
 * The Chromium adapter of the browser kit: Debian's Chromium driven by playwright-core with the
 * BUILT extension (.output/chrome-mv3) loaded (launch and network recorder: tests/e2e/harness.ts).
 *
 * Faults, injected without any test code in the extension:
 * - background unreachable: over CDP, in the content script's isolated world ("ReplyPace"),
 *   `chrome.runtime.sendMessage` throws "Receiving end does not exist", as while the extension
 *   reloads (the polyfill looks it up at each call);
 * - database errors: in the service worker, IndexedDB's store and index methods throw, so every
 *   Dexie call in the background fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { launchWithExtension, type LaunchedExtension } from '../e2e/harness.ts';
import { databaseErrorsExpression } from './database-fault.ts';
import { driverTab, waitFor, type BrowserHarness, type BrowserKind, type NetworkRecorder, type RecordedRequest, type RouteHandler, type Tab } from './harness.ts';

const pages = new WeakMap<Tab, Page>();

/** The Playwright page behind a tab of this adapter (for the few Chromium-only tests). */
export function pageOf(tab: Tab): Page {
  const page = pages.get(tab);
  if (!page) throw new Error('Not a Chromium tab');
  return page;
}

export function chromiumTab(page: Page): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const tab = driverTab(page, {
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    addScript: async (source) => void (await page.evaluate(source)),
    upload: (selector, paths) => page.setInputFiles(selector, paths),
    colorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    errors,
  });
  pages.set(tab, page);
  return tab;
}

/** Answers requests under `prefix` with `handler`; Playwright tries the latest route first. */
export async function routeOn(context: BrowserContext, prefix: string, handler: RouteHandler): Promise<void> {
  await context.route(`${prefix}**`, (route) => {
    const request = route.request();
    const response = handler({ url: new URL(request.url()), destination: request.resourceType() });
    if (!response) return route.abort('blockedbyclient');
    return route.fulfill({ status: response.status ?? 200, contentType: response.contentType, body: response.body });
  });
}

export interface IsolatedWorld {
  session: CDPSession;
  contextId: number;
}

/** The content script's isolated world in this page ("ReplyPace"), reached over CDP. */
export async function isolatedWorld(page: Page): Promise<IsolatedWorld> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  const deadline = Date.now() + 5000;
  for (;;) {
    const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'ReplyPace');
    if (ours) return { session, contextId: ours.id };
    if (Date.now() > deadline) throw new Error('The content script world was not found');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** In the content script's world, runtime.sendMessage throws as it does while the extension reloads. */
export async function setBackgroundUnreachable(world: IsolatedWorld, on: boolean): Promise<void> {
  const expression = on
    ? `globalThis.__realSendMessage ??= chrome.runtime.sendMessage;
       chrome.runtime.sendMessage = function () { throw new Error('Could not establish connection. Receiving end does not exist.'); }; true`
    : `if (globalThis.__realSendMessage) chrome.runtime.sendMessage = globalThis.__realSendMessage; true`;
  const result = await world.session.send('Runtime.evaluate', { expression, contextId: world.contextId });
  if (result.exceptionDetails) throw new Error(`Could not switch the background fault: ${result.exceptionDetails.text}`);
}

/** In the service worker, IndexedDB's store and index methods throw: every Dexie call fails. */
export async function setDatabaseErrors(worker: Worker, on: boolean): Promise<void> {
  await worker.evaluate(databaseErrorsExpression('globalThis', on));
}

/** The extension's service worker, for evaluating in the background. */
export function extensionWorker(context: BrowserContext, extensionId: string): Worker {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('No extension service worker');
  return worker;
}

/** The kit's harness over an extension already launched (tests that also need Chromium-only operations). */
export function chromiumHarness(launched: LaunchedExtension, extensionPage: Tab): BrowserHarness {
  const { context, extensionId } = launched;
  const worlds = new WeakMap<Page, Promise<IsolatedWorld>>();
  const downloads = mkdtempSync(join(tmpdir(), 'replypace-downloads-'));
  let downloaded = 0;

  const openPage = async (url: string) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    return chromiumTab(page);
  };
  const asRecorded = (requests: readonly { url: string; method: string; context: string; initiator: string; failure?: string }[]): RecordedRequest[] =>
    requests.map((r) => ({ url: r.url, method: r.method, source: r.context, initiator: r.initiator, ...(r.failure === undefined ? {} : { failure: r.failure }) }));
  const network: NetworkRecorder = {
    get requests() {
      return asRecorded(launched.network.requests);
    },
    clear: () => launched.network.clear(),
    settle: async (ms) => asRecorded(await launched.network.settle(ms)),
  };

  return {
    browser: 'chromium',
    extensionPage,
    network,
    serve: (prefix, handler) => routeOn(context, prefix, handler),
    openPage,
    openExtensionPage: (path) => openPage(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`),
    async tabAt(url) {
      const deadline = Date.now() + 15_000;
      let page: Page | undefined;
      while (!(page = context.pages().find((p) => p.url() === url))) {
        if (Date.now() > deadline) throw new Error(`No tab opened at ${url}`);
        await new Promise((done) => setTimeout(done, 50));
      }
      await page.waitForLoadState('load');
      return chromiumTab(page);
    },
    async popupOf(tab, action) {
      const [popup] = await Promise.all([pageOf(tab).waitForEvent('popup'), action()]);
      return chromiumTab(popup);
    },
    async download(tab, action) {
      const [file] = await Promise.all([pageOf(tab).waitForEvent('download', { timeout: 30_000 }), action()]);
      const path = join(downloads, `${++downloaded}-${file.suggestedFilename()}`);
      await file.saveAs(path);
      return { fileName: file.suggestedFilename(), path };
    },
    async setBackgroundUnreachable(tab, on) {
      const page = pageOf(tab);
      if (!worlds.has(page)) worlds.set(page, isolatedWorld(page));
      await setBackgroundUnreachable(await worlds.get(page)!, on);
    },
    setDatabaseErrors: (on) => setDatabaseErrors(extensionWorker(context, extensionId), on),
    inBackground: (fn) => extensionWorker(context, extensionId).evaluate(`(${fn.toString()})(globalThis)`),
    async reloadExtension(tab) {
      const page = pageOf(tab);
      if (!worlds.has(page)) worlds.set(page, isolatedWorld(page));
      const world = await worlds.get(page)!;
      // The worker goes with the reload: its evaluation may end without an answer.
      await extensionWorker(context, extensionId)
        .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
        .catch(() => undefined);
      const runtimeId = async () => (await world.session.send('Runtime.evaluate', { expression: 'String(chrome.runtime?.id)', contextId: world.contextId, returnByValue: true })).result.value as string;
      if ((await waitFor(runtimeId, (id) => id === 'undefined')) !== 'undefined') throw new Error('The content script kept its runtime after the reload');
      return 'orphaned';
    },
    async close() {
      await launched.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(options: { extensionPath?: string } = {}): Promise<BrowserHarness> {
  const launched = await launchWithExtension(options);
  const page = await launched.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
  return chromiumHarness(launched, chromiumTab(page));
}

export const chromium: BrowserKind = { name: 'chromium', launch: () => launchChromium() };
