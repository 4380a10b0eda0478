/**
 * The Firefox adapter of the browser kit: Debian's Firefox ESR driven by puppeteer-core over
 * WebDriver BiDi, with the BUILT package (.output/firefox-mv2) installed as a temporary add-on
 * (launch, request interception and network recorder: tests/e2e-firefox/harness.ts). Extension
 * pages are opened from the welcome tab, since Firefox refuses to navigate an automated tab to
 * moz-extension:// pages.
 *
 * Faults, injected without any test code in the add-on:
 * - background unreachable: `tabs.executeScript` (from the welcome tab) runs in the add-on's
 *   content-script sandbox of that tab, which Firefox shares between all the add-on's content
 *   scripts of a frame; there `browser.runtime.sendMessage` rejects with "Receiving end does not
 *   exist", as while the add-on reloads. (It needs the add-on's host permission for the mail site.)
 * - database errors: in the background page (`extension.getBackgroundPage()`), IndexedDB's store
 *   and index methods throw, so every Dexie call there fails.
 */
import type { Page } from 'puppeteer-core';
import { launchFirefox as launchFirefoxExtension, type FirefoxExtension } from '../e2e-firefox/harness.ts';
import { databaseErrorsExpression } from './database-fault.ts';
import { driverTab, type BrowserHarness, type BrowserKind, type NetworkRecorder, type Tab } from './harness.ts';

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
  const tab = driverTab(page, (fn, arg) => page.evaluate(fn as never, arg) as never, bidiKey);
  pages.set(tab, page);
  return tab;
}

type AddonApi = {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]>; executeScript(tabId: number, details: { code: string }): Promise<unknown[]> };
};

const UNREACHABLE_ON = `globalThis.__realSendMessage ??= browser.runtime.sendMessage;
  browser.runtime.sendMessage = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')); true`;
const UNREACHABLE_OFF = 'if (globalThis.__realSendMessage) browser.runtime.sendMessage = globalThis.__realSendMessage; true';

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

  return {
    browser: 'firefox',
    get extensionPage() {
      return currentExtensionPage();
    },
    network,
    serve: async (prefix, handler) => ext.serve(prefix, handler),
    openPage: async (url) => withViewport(await ext.openPage(url)),
    openExtensionPage: async (path) => withViewport(await ext.openExtensionPage(path)),
    async setBackgroundUnreachable(tab, on) {
      const href = await tab.evaluate(() => location.href);
      await ext.extensionPage.evaluate(
        async (url, code) => {
          const api = (globalThis as unknown as { browser: AddonApi }).browser;
          const target = (await api.tabs.query({})).find((t) => t.url === url);
          if (target?.id === undefined) throw new Error(`No tab at ${url}`);
          await api.tabs.executeScript(target.id, { code });
        },
        href,
        on ? UNREACHABLE_ON : UNREACHABLE_OFF,
      );
    },
    async setDatabaseErrors(on) {
      await ext.extensionPage.evaluate(databaseErrorsExpression('browser.extension.getBackgroundPage()', on));
    },
    close: () => ext.close(),
  };
}

export const launchFirefox = async (): Promise<BrowserHarness> => firefoxHarness(await launchFirefoxExtension());

export const firefox: BrowserKind = { name: 'firefox', launch: launchFirefox };
