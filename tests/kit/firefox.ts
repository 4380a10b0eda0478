/**
 * The Firefox adapter of the browser kit: Debian's Firefox ESR driven by puppeteer-core over
 * WebDriver BiDi, with the BUILT package (.output/firefox-mv2) installed as a temporary add-on
 * (launch, request interception and network recorder: tests/e2e-firefox/harness.ts). Extension
 * pages are opened from the welcome tab, since Firefox refuses to navigate an automated tab to
 * moz-extension:// pages.
 *
 * Faults, injected without any test code in the add-on and without any host permission:
 * - background unreachable: the welcome tab (one of the add-on's own pages) listens to
 *   runtime.onMessage too and, for messages whose sender is the faulty mail page (by its URL),
 *   answers at once with a rejection, "Receiving end does not exist", as while the add-on reloads.
 *   Firefox gives the sender the first answer that settles, and the background's answers wait for
 *   its database, so the sender's sendMessage rejects. (The background still hears the message and
 *   may act on it: what the fault proves is the sender's side, which fails open.)
 * - database errors: in the background page (`extension.getBackgroundPage()`), IndexedDB's store
 *   and index methods throw, so every Dexie call there fails.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox as launchFirefoxExtension, waitForPage, type FirefoxExtension } from '../e2e-firefox/harness.ts';
import { databaseErrorsExpression } from './database-fault.ts';
import { driverTab, sleep, waitFor, type BrowserHarness, type BrowserKind, type NetworkRecorder, type Tab } from './harness.ts';

const pages = new WeakMap<Tab, Page>();

/** The puppeteer page behind a tab of this adapter (for the few Firefox-only tests). */
export function pageOf(tab: Tab): Page {
  const page = pages.get(tab);
  if (!page) throw new Error('Not a Firefox tab');
  return page;
}

/** Puppeteer's BiDi keyboard knows the space bar only as ' '. */
const bidiKey = (key: string) => (key === 'Space' ? ' ' : key);

export function firefoxTab(page: Page): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const tab = driverTab(page, {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    addScript: async (source) => void (await page.evaluate(source)),
    async upload(selector, paths) {
      const input = await page.waitForSelector(selector);
      await (input as unknown as { uploadFile(...files: string[]): Promise<void> }).uploadFile(...paths);
    },
    colorScheme: null,
    errors,
    keyName: bidiKey,
  });
  pages.set(tab, page);
  return tab;
}

/** The add-on's API in its welcome tab, as far as the fault below uses it. */
type OnMessage = { addListener(listener: (message: unknown, sender: { url?: string }) => unknown): void };
type FaultScope = { browser: { runtime: { onMessage: OnMessage } }; __unreachable?: Set<string> };

/** A page's address as runtime.onMessage names its sender: without the fragment (Gmail's views change it). */
const senderKey = (url: string) => url.split('#')[0]!;

/** The BiDi connection under puppeteer's Firefox browser (public on the object, not in the type). */
type Bidi = { send(method: string, params: object): Promise<unknown> };

/** The kit's harness over an add-on already launched (tests that also need Firefox-only operations). */
export function firefoxHarness(ext: FirefoxExtension): BrowserHarness {
  const withViewport = async (page: Page) => {
    await page.setViewport({ width: 1280, height: 800 });
    return firefoxTab(page);
  };
  // The welcome tab is replaced after a reinstall: wrap whichever is current.
  let welcome = ext.extensionPage;
  let extensionPage = firefoxTab(welcome);
  const currentExtensionPage = () => {
    if (ext.extensionPage !== welcome) {
      welcome = ext.extensionPage;
      extensionPage = firefoxTab(welcome);
    }
    return extensionPage;
  };
  const network: NetworkRecorder = ext.network;
  let downloads: string | undefined;

  return {
    browser: 'firefox',
    get extensionPage() {
      return currentExtensionPage();
    },
    network,
    serve: async (prefix, handler) => ext.serve(prefix, handler),
    openPage: async (url) => withViewport(await ext.openPage(url)),
    openExtensionPage: async (path) => withViewport(await ext.openExtensionPage(path)),
    async tabAt(url) {
      const page = await waitForPage(ext.browser, (href) => href === url);
      await page.waitForFunction(() => document.readyState === 'complete');
      return withViewport(page);
    },
    async popupOf(tab, action) {
      const opened = new Promise<Page | null>((resolve) => pageOf(tab).once('popup', resolve));
      await action();
      const popup = await opened;
      if (!popup) throw new Error('No window opened');
      return firefoxTab(popup);
    },
    async download(_tab, action) {
      if (!downloads) {
        downloads = mkdtempSync(join(tmpdir(), 'replypace-ff-downloads-'));
        const bidi = (ext.browser as unknown as { connection: Bidi }).connection;
        await bidi.send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: downloads } });
      }
      const folder = downloads;
      const before = new Set(readdirSync(folder));
      await action();
      const fresh = () => readdirSync(folder).filter((f) => !before.has(f) && !f.endsWith('.part'));
      const [fileName] = await waitFor(async () => fresh(), (names) => names.length > 0, 30_000);
      if (!fileName) throw new Error('Nothing was downloaded');
      // Complete once Firefox has renamed it from its .part file and it stops growing.
      const path = join(folder, fileName);
      let size = -1;
      while (existsSync(`${path}.part`) || statSync(path).size !== size) {
        size = statSync(path).size;
        await sleep(100);
      }
      return { fileName, path };
    },
    async setBackgroundUnreachable(tab, on) {
      const key = senderKey(await tab.evaluate(() => location.href));
      await ext.extensionPage.evaluate(
        (url: string, unreachable: boolean) => {
          const scope = globalThis as unknown as FaultScope;
          if (!scope.__unreachable) {
            const faulty = (scope.__unreachable = new Set<string>());
            scope.browser.runtime.onMessage.addListener((_message, sender) =>
              faulty.has((sender.url ?? '').split('#')[0]!) ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')) : undefined,
            );
          }
          if (unreachable) scope.__unreachable.add(url);
          else scope.__unreachable.delete(url);
        },
        key,
        on,
      );
    },
    async setDatabaseErrors(on) {
      await ext.extensionPage.evaluate(databaseErrorsExpression('browser.extension.getBackgroundPage()', on));
    },
    inBackground: (fn) => ext.extensionPage.evaluate(`(${fn.toString()})(browser.extension.getBackgroundPage())`) as never,
    async reloadExtension() {
      // Reloaded from the welcome tab, a moment later so that the evaluation returns first.
      await ext.extensionPage.evaluate(() => void setTimeout(() => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload(), 10));
      // The old add-on has stopped once its own page is gone ("no such frame"), its content scripts with it.
      const alive = () => ext.extensionPage.evaluate(() => true).catch(() => false);
      if (await waitFor(alive, (up) => !up, 10_000)) throw new Error('The add-on did not stop after runtime.reload()');
      return 'replaced';
    },
    async close() {
      await ext.close();
      if (downloads) rmSync(downloads, { recursive: true, force: true });
    },
  };
}

export const launchFirefox = async (): Promise<BrowserHarness> => firefoxHarness(await launchFirefoxExtension());

export const firefox: BrowserKind = { name: 'firefox', launch: launchFirefox };
