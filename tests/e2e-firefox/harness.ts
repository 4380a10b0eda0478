/**
 * Real-browser tests in Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver
 * BiDi, with the BUILT Firefox package (.output/firefox-mv2, `npx wxt build -b firefox`) installed
 * as a temporary add-on. Mail pages are served under their real origins by BiDi request
 * interception; whatever no test serves is refused, so nothing reaches a live site.
 *
 * Extension pages: Firefox refuses to navigate an automated tab to moz-extension:// URLs, but the
 * production build opens its welcome page itself on install, and that tab can be scripted. From
 * it, `browser.tabs.create` opens any other page of the extension (popup, options) in a tab the
 * tests can script too. No test-only code is built into the extension.
 *
 * Network recording has two halves, because BiDi only reports requests made by documents in tabs:
 * - BiDi `network.beforeRequestSent` for tabs: requests of extension pages, and requests of mail
 *   pages to origins other than the mail site (the demo pages only load from their own origin, so
 *   those can only come from the content script);
 * - a local HTTP proxy that Firefox must use for everything else: the background page and
 *   content-script fetch()/XHR (which run with the add-on's principal and are invisible to BiDi)
 *   arrive there. The browser's own background services are switched off by preferences, so
 *   anything reaching the proxy is refused and recorded. (Firefox refuses a content script's
 *   fetch() to a host its add-on has no permission for before it leaves the browser: such a
 *   request is neither made nor recorded.)
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  readIndexedDbIn, recorderOver, screenshotPath as kitScreenshotPath, type NetworkRecorder as KitNetworkRecorder, type RecordedRequest as KitRecordedRequest, type RouteHandler,
} from '../kit/harness.ts';

export type { RouteHandler, ServedResponse } from '../kit/harness.ts';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '..', '..', '.output', 'firefox-mv2');
export const FIREFOX_BINARY = '/usr/bin/firefox-esr';

/** Where a picture of the store listing goes (store/screenshots with REPLYPACE_STORE_SCREENSHOTS=1). */
export const listingScreenshotPath = (name: string) => kitScreenshotPath('firefox', name, { listing: true });
export const ADDON_ID = 'replypace@replypace.app';

/** Which extension context started a request, as far as Firefox lets a test tell. */
export type RequestSource =
  | 'extension-page'
  /** A mail page asked for another origin: the demo pages never do, so it is the content script. */
  | 'mail-page'
  /** Reached the proxy: the background page, or fetch()/XHR from a content script. */
  | 'background-or-content-script';

export type RecordedRequest = KitRecordedRequest & { source: RequestSource };
export type NetworkRecorder = KitNetworkRecorder<RecordedRequest>;

export interface FirefoxExtension {
  browser: Browser;
  addonId: string;
  /** The welcome tab the extension opened on install: a scriptable extension page. */
  extensionPage: Page;
  network: NetworkRecorder;
  /** Serves every URL starting with `prefix` (e.g. 'https://mail.google.com/'); later routes win. */
  serve(prefix: string, handler: RouteHandler): void;
  /** A new tab at `url` (a served mail page). */
  openPage(url: string): Promise<Page>;
  /** One of the extension's pages ('popup.html', 'options.html') in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Removes the add-on and installs the same package again (a fresh install: Firefox opens the
   * welcome page again, which becomes `extensionPage`).
   */
  uninstallAndReinstall(): Promise<void>;
  /** Sends a message to the background as the extension's pages do, and returns its answer. */
  ask<T = unknown>(message: unknown): Promise<T>;
  close(): Promise<void>;
}

/** The BiDi connection under puppeteer's Firefox browser (public on the object, not in the type). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
  on(event: string, listener: (params: never) => void): void;
}

interface BeforeRequestSent {
  context: string | null;
  isBlocked: boolean;
  request: { request: string; url: string; method: string; destination?: string };
}

/** Schemes that never leave the machine: the add-on's own files, inline and in-memory data. */
const LOCAL_SCHEMES = ['moz-extension:', 'data:', 'blob:', 'about:', 'resource:', 'chrome:'];
const isLocalUrl = (url: string) => LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));

/**
 * Preferences of the test profile: every connection goes through the recording proxy, and the
 * browser's own services that would otherwise call home at startup are off.
 */
function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
    // Remote settings (blocklists, certificate lists): release builds honour another server only
    // with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment (set at launch); a data: URL never leaves.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'extensions.blocklist.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'app.normandy.enabled': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
  };
}

async function startRecordingProxy(record: (request: Omit<RecordedRequest, 'source' | 'initiator'>) => void): Promise<Server> {
  const proxy = createServer((request, response) => {
    record({ url: request.url ?? '', method: request.method ?? 'GET' });
    response.writeHead(403).end();
  });
  // HTTPS goes through CONNECT: only the host is visible, which is enough to know it left.
  proxy.on('connect', (request, socket) => {
    record({ url: `https://${(request.url ?? '').replace(/:443$/, '')}/`, method: 'CONNECT' });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return proxy;
}

export async function launchFirefox(options: { extensionPath?: string; extraExtensions?: string[] } = {}): Promise<FirefoxExtension> {
  const buildPath = options.extensionPath ?? FIREFOX_BUILD;
  if (!existsSync(join(buildPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${buildPath}: run \`npx wxt build -b firefox\` first.`);
  }
  // A private copy: a rebuild by someone else during the run must not change the installed files.
  const workDir = mkdtempSync(join(tmpdir(), 'replypace-firefox-'));
  const installedPath = join(workDir, 'extension');
  cpSync(buildPath, installedPath, { recursive: true });

  const requests: RecordedRequest[] = [];
  const proxy = await startRecordingProxy((r) => requests.push({ ...r, source: 'background-or-content-script', initiator: '' }));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BINARY,
    headless: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: firefoxPrefs((proxy.address() as AddressInfo).port),
  });
  const connection = (browser as unknown as { connection: BidiConnection }).connection;

  const routes: { prefix: string; handler: RouteHandler }[] = [];
  const servedOrigins = () => new Set(routes.map((r) => new URL(r.prefix).origin));
  const contextUrls = new Map<string, string>();
  const pending = new Set<Promise<unknown>>();

  const urlOfContext = async (context: string): Promise<string> => {
    try {
      const answer = (await connection.send('script.evaluate', {
        expression: 'location.href',
        target: { context },
        awaitPromise: false,
      })) as { result: { result?: { value?: string } } };
      const url = answer.result.result?.value ?? contextUrls.get(context) ?? '';
      contextUrls.set(context, url);
      return url;
    } catch {
      return contextUrls.get(context) ?? '';
    }
  };

  const classify = async (event: BeforeRequestSent) => {
    const { url, method } = event.request;
    if (isLocalUrl(url) || !event.context) return;
    const pageUrl = await urlOfContext(event.context);
    if (pageUrl.startsWith('moz-extension://')) {
      requests.push({ url, method, source: 'extension-page', initiator: pageUrl });
    } else if (!servedOrigins().has(new URL(url).origin)) {
      requests.push({ url, method, source: 'mail-page', initiator: pageUrl });
    }
  };

  const answer = async (event: BeforeRequestSent) => {
    const { request: id, url, destination = '' } = event.request;
    if (isLocalUrl(url)) return connection.send('network.continueRequest', { request: id });
    const route = [...routes].reverse().find((r) => url.startsWith(r.prefix));
    const response = route?.handler({ url: new URL(url), destination });
    if (!response) return connection.send('network.failRequest', { request: id });
    return connection.send('network.provideResponse', {
      request: id,
      statusCode: response.status ?? 200,
      reasonPhrase: 'OK',
      headers: [{ name: 'Content-Type', value: { type: 'string', value: response.contentType } }],
      body: { type: 'string', value: response.body },
    });
  };

  connection.on('network.beforeRequestSent', (event: BeforeRequestSent) => {
    const work = Promise.all([
      classify(event),
      event.isBlocked ? answer(event).catch(() => connection.send('network.failRequest', { request: event.request.request }).catch(() => undefined)) : undefined,
    ]);
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  await connection.send('network.addIntercept', { phases: ['beforeRequestSent'] });

  const addonId = await browser.installExtension(installedPath);
  for (const extra of options.extraExtensions ?? []) await browser.installExtension(extra);
  const isWelcome = (url: string) => /^moz-extension:\/\/[^/]+\/welcome\.html/.test(url);
  const firstExtensionPage = await waitForPage(browser, isWelcome);

  const network: NetworkRecorder = recorderOver(requests, 500, () => Promise.all([...pending]));

  let extensionPage = firstExtensionPage;
  const ask = <T>(message: unknown) =>
    extensionPage.evaluate((m) => (globalThis as unknown as ExtensionGlobals).browser.runtime.sendMessage(m), message as never) as Promise<T>;

  return {
    browser,
    addonId,
    get extensionPage() {
      return extensionPage;
    },
    network,
    serve(prefix, handler) {
      routes.push({ prefix, handler });
    },
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    },
    async openExtensionPage(path) {
      const url = await extensionPage.evaluate((p) => {
        const api = (globalThis as unknown as ExtensionGlobals).browser;
        const target = api.runtime.getURL(p);
        return api.tabs.create({ url: target }).then(() => target);
      }, path.replace(/^\/?/, '/'));
      const page = await waitForPage(browser, (href) => href === url);
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    },
    ask,
    async uninstallAndReinstall() {
      await extensionPage.close().catch(() => undefined);
      await browser.uninstallExtension(addonId);
      await browser.installExtension(installedPath);
      extensionPage = await waitForPage(browser, isWelcome);
    },
    async close() {
      await browser.close();
      await new Promise((done) => proxy.close(done));
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The WebExtension API as seen from the extension's pages (the parts the tests use). */
export interface ExtensionGlobals {
  browser: {
    runtime: { sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string };
    tabs: {
      create(options: { url: string }): Promise<{ id?: number }>;
      query(filter: { url?: string }): Promise<{ id?: number; url?: string }[]>;
      sendMessage(tabId: number, message: unknown): Promise<unknown>;
    };
  };
}

/** Finds the tab whose document is at a URL (puppeteer's own page URLs lag for tabs the add-on opens). */
export async function waitForPage(browser: Browser, matches: (href: string) => boolean, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (matches(href)) return page;
    }
    if (Date.now() > deadline) throw new Error('The expected tab did not open (did the extension open its welcome page on install?)');
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Every row of one table of the extension's database, read from one of its pages. */
export function readIndexedDb<T = unknown>(page: Page, table: string): Promise<T[]> {
  return readIndexedDbIn<T>({ evaluate: (fn, arg) => page.evaluate(fn as never, arg) }, table);
}

/** Serves one HTML page for documents under `prefix` and refuses everything else there. */
export function htmlPage(html: string): RouteHandler {
  return ({ destination }) => (destination === 'document' ? { contentType: 'text/html; charset=utf-8', body: html } : null);
}
