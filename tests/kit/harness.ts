/**
 * The browser half of the test kit: one `BrowserHarness` interface, one adapter per browser
 * (tests/kit/chromium.ts with playwright-core, tests/kit/firefox.ts with puppeteer-core over
 * WebDriver BiDi). An adapter supplies only what really differs between the browsers: launching
 * with the extension, serving pages, opening tabs, a tab's mouse and keyboard, the two faults, and
 * the network recorder. Everything else (the card, clicks on elements, the database, the
 * background's protocol) is written once here, in terms of those.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../../src/core/settings.ts';

export type BrowserName = 'chromium' | 'firefox';

export const DATABASE_NAME = 'replypace';

/** A request under a served origin; `destination` is the fetch destination ('document', 'script', …). */
export interface ServedRequest {
  url: URL;
  destination: string;
}
export interface ServedResponse {
  status?: number;
  contentType: string;
  body: string;
}
/** Answers a request under a served origin, or null to refuse it. */
export type RouteHandler = (request: ServedRequest) => ServedResponse | null;

/** Serves one HTML page for documents under a prefix and refuses everything else there. */
export function htmlPage(html: string): RouteHandler {
  return ({ destination }) => (destination === 'document' ? { contentType: 'text/html; charset=utf-8', body: html } : null);
}

/** A request an extension context made; `source` says which context, as far as the browser tells. */
export interface RecordedRequest {
  url: string;
  method: string;
  source: string;
  /** The page, worker or script that made it, when known. */
  initiator: string;
  /** How the browser ended it, when it says so (Chromium: 'net::ERR_BLOCKED_BY_CSP', …). */
  failure?: string;
}

/** Every request made by an extension context since launch (the extension's own files excepted). */
export interface NetworkRecorder<R = RecordedRequest> {
  readonly requests: readonly R[];
  /** Forget what was recorded so far (e.g. after a deliberate sanity request). */
  clear(): void;
  /** Give in-flight events a moment to arrive, then return what was recorded. */
  settle(ms?: number): Promise<readonly R[]>;
}

/** A recorder over a list the browser's listeners fill; `inFlight` is work still classifying requests. */
export function recorderOver<R>(requests: R[], settleMs: number, inFlight: () => Promise<unknown> = async () => {}): NetworkRecorder<R> {
  return {
    get requests() {
      return requests;
    },
    clear() {
      requests.length = 0;
    },
    async settle(ms = settleMs) {
      await sleep(ms);
      await inFlight();
      return requests;
    },
  };
}

/** One tab, in either browser. */
export interface Tab {
  /** Runs `fn(arg)` in the page's own world; arguments and results must be JSON-like. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs a script's source in the page, as the driver does (whatever the page's content security policy). */
  addScript(source: string): Promise<void>;
  mouse: {
    move(x: number, y: number): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  /** Key names as both drivers spell them: 'Enter', 'Escape', 'Space', 'Tab', 'Control', 'Meta'. */
  keyboard: {
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
    type(text: string): Promise<void>;
  };
  /** Uncaught errors of the page's own scripts since the tab opened. */
  readonly errors: readonly string[];
  /** Chooses these files (paths on this machine) in the file input at `selector`. */
  upload(selector: string, paths: string[]): Promise<void>;
  /** Makes this the active tab of its window: keys go to it, and the popup asks about it. */
  bringToFront(): Promise<void>;
  /**
   * Renders the page in the light or dark colour scheme; null where the driver cannot (puppeteer
   * emulates media features over CDP only, which Firefox does not speak).
   */
  readonly colorScheme: ((scheme: 'light' | 'dark') => Promise<void>) | null;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** What playwright-core's and puppeteer-core's pages both offer a tab (method parameters, so either fits). */
export interface DriverPage {
  mouse: { move(x: number, y: number): Promise<unknown>; down(): Promise<unknown>; up(): Promise<unknown> };
  keyboard: { down(key: string): Promise<unknown>; up(key: string): Promise<unknown>; type(text: string): Promise<unknown> };
  bringToFront(): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<unknown>;
}

/** What differs between the drivers' pages: evaluating, uploading, a key's name (BiDi), the colour scheme. */
export interface DriverSpecifics {
  evaluate: Tab['evaluate'];
  addScript: Tab['addScript'];
  upload: Tab['upload'];
  colorScheme: Tab['colorScheme'];
  /** Filled by the adapter with the page's uncaught errors. */
  errors: string[];
  keyName?: (key: string) => string;
}

/** A tab over either driver's page. */
export function driverTab(page: DriverPage, specifics: DriverSpecifics): Tab {
  const keyName = specifics.keyName ?? ((key: string) => key);
  return {
    evaluate: specifics.evaluate,
    addScript: specifics.addScript,
    mouse: {
      move: async (x, y) => void (await page.mouse.move(x, y)),
      down: async () => void (await page.mouse.down()),
      up: async () => void (await page.mouse.up()),
    },
    keyboard: {
      down: async (key) => void (await page.keyboard.down(keyName(key))),
      up: async (key) => void (await page.keyboard.up(keyName(key))),
      type: async (text) => void (await page.keyboard.type(text)),
    },
    errors: specifics.errors,
    upload: specifics.upload,
    bringToFront: async () => void (await page.bringToFront()),
    colorScheme: specifics.colorScheme,
    screenshot: async (path, options = {}) => void (await page.screenshot({ path, ...options })),
    close: async () => void (await page.close()),
  };
}

/** A file a page downloaded, where this machine keeps it. */
export interface Download {
  fileName: string;
  path: string;
}

export interface BrowserHarness {
  readonly browser: BrowserName;
  /** An extension page kept open: the database is read and the background asked from it. */
  readonly extensionPage: Tab;
  readonly network: NetworkRecorder;
  /** Answers every URL starting with `prefix` (e.g. 'https://mail.google.com/'); later routes win. */
  serve(prefix: string, handler: RouteHandler): Promise<void>;
  /** A new tab at `url`, 1280×800. */
  openPage(url: string): Promise<Tab>;
  /** One of the extension's pages ('popup.html', 'options.html') in a new tab. */
  openExtensionPage(path: string): Promise<Tab>;
  /** A tab the extension opened itself (tabs.create) at `url`, once it has loaded. */
  tabAt(url: string): Promise<Tab>;
  /** The window a page opens (window.open) while `action` runs, e.g. Outlook's pop-out compose. */
  popupOf(tab: Tab, action: () => Promise<void>): Promise<Tab>;
  /** The file the page downloads (an `<a download>`, no `downloads` permission) while `action` runs. */
  download(tab: Tab, action: () => Promise<void>): Promise<Download>;
  /** In this mail tab's content script, runtime.sendMessage fails as while the extension reloads. */
  setBackgroundUnreachable(tab: Tab, on: boolean): Promise<void>;
  /** In the background, every IndexedDB call throws. */
  setDatabaseErrors(on: boolean): Promise<void>;
  /**
   * Runs `fn(scope)` in the background (Chromium's service worker, Firefox's background page), with
   * the background's global as `scope`; `fn` is sent as source, so it must be self-contained.
   */
  inBackground<R>(fn: (scope: typeof globalThis) => R | Promise<R>): Promise<R>;
  /**
   * Reloads the extension as an update does, resolves once the old one has stopped, and says what
   * became of the content script already in `tab`: 'orphaned' (Chromium: it stays in the page, cut
   * off, its runtime id gone, with any card it showed) or 'replaced' (Firefox: it goes with the
   * add-on, its card too, and Firefox injects a fresh one into the open tab).
   */
  reloadExtension(tab: Tab): Promise<'orphaned' | 'replaced'>;
  close(): Promise<void>;
}

/** A browser as the entry files name it: `mailFlows(gmailDemo, chromium)`. */
export interface BrowserKind {
  name: BrowserName;
  launch(): Promise<BrowserHarness>;
}

// ---------------------------------------------------------------------------------------- waiting

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Reads until `ok` holds or the time is up; returns the last value read (the caller asserts on it). */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}

// ---------------------------------------------------------------------- elements, mouse and keys

interface Point {
  x: number;
  y: number;
}

/**
 * The centre of the first element matching `selector`, scrolled into view; null while it is not
 * shown, or, with `hittable`, while something else covers its centre (a site's notice, a dialog):
 * a pointer there would press that instead.
 */
async function centreOf(tab: Tab, selector: string, hittable: boolean): Promise<Point | null> {
  return tab.evaluate(
    ({ sel, hit }) => {
      const element = document.querySelector(sel);
      if (!element) return null;
      element.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return null;
      const point = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      if (!hit) return point;
      const root = element.getRootNode() as Document | ShadowRoot;
      const top = root.elementFromPoint(point.x, point.y);
      return top && (top === element || element.contains(top)) ? point : null;
    },
    { sel: selector, hit: hittable },
  );
}

/**
 * Waits until the element is shown (and, for the pointer, uncovered, as a user waits for a notice
 * over a button to go: Gmail's snackbar stays 10 s), and returns its centre.
 */
async function waitForCentre(tab: Tab, selector: string, options: { hittable: boolean }): Promise<Point> {
  const timeoutMs = options.hittable ? 15_000 : 5000;
  const point = await waitFor(() => centreOf(tab, selector, options.hittable), (p) => p !== null, timeoutMs);
  if (!point) {
    const covered = options.hittable && (await centreOf(tab, selector, false)) !== null;
    throw new Error(covered ? `Something covers ${selector}: a pointer cannot reach it` : `Nothing to press at ${selector}`);
  }
  return point;
}

/** A real press and release on the element, with coordinates, as a user's click. */
export async function click(tab: Tab, selector: string): Promise<void> {
  await holdPress(tab, selector, 0);
}

/** Presses the element, keeps the button down for `ms`, then releases it. */
export async function holdPress(tab: Tab, selector: string, ms: number): Promise<void> {
  const { x, y } = await waitForCentre(tab, selector, { hittable: true });
  await tab.mouse.move(x, y);
  await tab.mouse.down();
  if (ms > 0) await sleep(ms);
  await tab.mouse.up();
}

/** A `click` event alone, with no press before it (assistive technology, a scripted click). */
export async function loneClick(tab: Tab, selector: string): Promise<void> {
  // Assistive technology clicks the element itself, whatever covers it.
  await waitForCentre(tab, selector, { hittable: false });
  await tab.evaluate((sel) => (document.querySelector(sel) as HTMLElement).click(), selector);
}

export async function focus(tab: Tab, selector: string): Promise<void> {
  await waitForCentre(tab, selector, { hittable: false });
  await tab.evaluate((sel) => (document.querySelector(sel) as HTMLElement).focus(), selector);
}

/** Presses a chord such as 'Control+Enter' on whatever has focus. */
export async function press(tab: Tab, chord: string): Promise<void> {
  const keys = chord.split('+');
  const key = keys.pop()!;
  for (const modifier of keys) await tab.keyboard.down(modifier);
  await tab.keyboard.down(key);
  await tab.keyboard.up(key);
  for (const modifier of keys.reverse()) await tab.keyboard.up(modifier);
}

/** Focuses the field and types into it, key by key. */
export async function typeInto(tab: Tab, selector: string, text: string): Promise<void> {
  await focus(tab, selector);
  await tab.keyboard.type(text);
}

/**
 * Presses, with a real click, the page's enabled button whose name (its aria-label, else its text,
 * trimmed) is `name`, or matches it.
 */
export async function pressButton(tab: Tab, name: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const query = typeof name === 'string' ? { exact: name } : { pattern: name.source, flags: name.flags };
  const found = await waitFor(
    () =>
      tab.evaluate((q: { exact?: string; pattern?: string; flags?: string }) => {
        for (const marked of document.querySelectorAll('[data-kit-press]')) marked.removeAttribute('data-kit-press');
        const button = [...document.querySelectorAll('button')].find((b) => {
          const label = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
          return !b.disabled && (q.exact !== undefined ? label === q.exact : new RegExp(q.pattern!, q.flags).test(label));
        });
        button?.setAttribute('data-kit-press', '');
        return button !== undefined;
      }, query),
    Boolean,
    timeoutMs,
  );
  if (!found) throw new Error(`No enabled button ${String(name)}`);
  await click(tab, '[data-kit-press]');
}

/** Waits until the page's text matches; returns it (the caller asserts on it). */
export const waitForText = (tab: Tab, pattern: RegExp, timeoutMs = 15_000) =>
  waitFor(() => tab.evaluate(() => document.body.innerText), (text) => pattern.test(text), timeoutMs);

export const textOf = (tab: Tab, selector: string) => tab.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);

// ------------------------------------------------------------------------------- the nudge card

/** The card as a user sees it: whether it is open, its text, its buttons' names, and whether it is busy ("Scheduling for …"). */
export interface CardView {
  open: boolean;
  text: string;
  buttons: string[];
  busy: boolean;
}

export function readCard(tab: Tab): Promise<CardView> {
  return tab.evaluate(() => {
    for (const host of document.querySelectorAll('replypace-nudge')) {
      const card = host.shadowRoot?.querySelector('[role=alertdialog]');
      if (!card) continue;
      const buttons = [...card.querySelectorAll('button')].map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim());
      return { open: true, text: card.textContent ?? '', buttons, busy: card.querySelector('[role=status]') !== null };
    }
    return { open: false, text: '', buttons: [], busy: false };
  });
}

/** The card ReplyPace shows when "Send now" was replayed and the compose stayed open. */
export const NOT_SENT = /Not sent yet\..* did not send it\. Press Send again/;
/** How long the compose may stay open after "Send now" before that card shows (run-site.ts `sentWithinMs`). */
export const UNSENT_NOTICE_MS = 3000;

export const cardOpen = async (tab: Tab) => (await readCard(tab)).open;

/** Waits until the card is open (or closed, with `open: false`); returns whether it got there. */
export async function waitForCard(tab: Tab, open = true, timeoutMs = 5000): Promise<boolean> {
  return (await waitFor(() => cardOpen(tab), (o) => o === open, timeoutMs)) === open;
}

/**
 * Which button of the card: by its name (its aria-label, else its text, trimmed), exactly for a
 * string, or by a pattern; `{ suggestion: n }` is the n-th suggested time (from 0).
 */
export type CardButton = string | RegExp | { suggestion: number };

/** Presses a button of the card with a real click, once it is there and enabled. */
export async function cardButton(tab: Tab, which: CardButton, timeoutMs = 5000): Promise<void> {
  const query = typeof which === 'string' ? { exact: which } : which instanceof RegExp ? { pattern: which.source, flags: which.flags } : which;
  const find = () =>
    tab.evaluate((q: { exact?: string; pattern?: string; flags?: string; suggestion?: number }) => {
      const buttons = [...document.querySelectorAll('replypace-nudge')].flatMap((host) => [...(host.shadowRoot?.querySelectorAll('button') ?? [])]);
      // No named inner functions: `npm run bench` runs under tsx, whose name-keeping helper is not in the page.
      const button =
        q.suggestion !== undefined
          ? buttons.filter((b) => b.classList.contains('suggestion'))[q.suggestion]
          : buttons.find((b) => {
              const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
              return q.exact !== undefined ? name === q.exact : new RegExp(q.pattern!, q.flags).test(name);
            });
      if (!button || button.disabled) return null;
      const rect = button.getBoundingClientRect();
      return rect.width > 0 ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, query);
  const point = await waitFor(find, (p) => p !== null, timeoutMs);
  if (!point) throw new Error(`No enabled card button ${JSON.stringify(query)} (card: ${JSON.stringify(await readCard(tab))})`);
  await tab.mouse.move(point.x, point.y);
  await tab.mouse.down();
  await tab.mouse.up();
}

// ------------------------------------------------------------------- the extension's own pages

/** The WebExtension API as an extension page sees it (browser in Firefox, chrome in Chromium). */
export interface ExtensionApi {
  runtime: { id: string; sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string; getManifest(): object };
  tabs: {
    query(filter: object): Promise<{ id?: number; url?: string; windowId?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
    create(options: { url: string; windowId?: number; active?: boolean }): Promise<{ id?: number }>;
  };
}

/** How page functions run in an extension page reach its API (they are sent alone, so each says it). */
type ExtensionGlobal = { browser?: ExtensionApi; chrome: ExtensionApi };

/** Sends a message to the background as the extension's pages do, and returns its answer. */
export function ask<T = unknown>(h: BrowserHarness, message: unknown): Promise<T> {
  return h.extensionPage.evaluate((m) => {
    const g = globalThis as unknown as ExtensionGlobal;
    return (g.browser ?? g.chrome).runtime.sendMessage(m) as Promise<T>;
  }, message);
}

/**
 * Asks the content script of this mail tab, as the popup does (src/ui/pages/activeThread.ts): the
 * active tab of the window, known by its id alone, so no host permission is needed.
 */
export async function askTab<T = unknown>(h: BrowserHarness, tab: Tab, message: unknown): Promise<T> {
  await tab.bringToFront();
  return h.extensionPage.evaluate(async (m) => {
    const g = globalThis as unknown as ExtensionGlobal;
    const api = g.browser ?? g.chrome;
    const [active] = await api.tabs.query({ active: true, currentWindow: true });
    if (active?.id === undefined) throw new Error('No active tab');
    return api.tabs.sendMessage(active.id, m) as Promise<T>;
  }, message);
}

/**
 * The popup page as a background tab of this mail tab's window: the mail tab stays the active tab,
 * which is what the popup asks about, as when it opens from the toolbar.
 */
export async function openPopupBeside(h: BrowserHarness, tab: Tab): Promise<Tab> {
  await tab.bringToFront();
  const url = await h.extensionPage.evaluate(async () => {
    const g = globalThis as unknown as ExtensionGlobal;
    const api = g.browser ?? g.chrome;
    const [active] = await api.tabs.query({ active: true, currentWindow: true });
    // An address of its own: the harness's kept extension page may be a popup.html too.
    const popup = `${api.runtime.getURL('/popup.html')}?beside=${Date.now()}`;
    await api.tabs.create({ url: popup, windowId: active?.windowId, active: false });
    return popup;
  });
  return h.tabAt(url);
}

/** The address the browser gives the extension for the active tab of its window (none without host permission). */
export const activeTabUrl = (h: BrowserHarness) =>
  h.extensionPage.evaluate(async () => {
    const g = globalThis as unknown as ExtensionGlobal;
    const [active] = await (g.browser ?? g.chrome).tabs.query({ active: true, currentWindow: true });
    return active?.url;
  });

/** The extension's runtime id: Chromium's extension id, Firefox's add-on id. */
export const runtimeId = (h: BrowserHarness) =>
  h.extensionPage.evaluate(() => ((globalThis as unknown as ExtensionGlobal).browser ?? (globalThis as unknown as ExtensionGlobal).chrome).runtime.id);

/** The manifest as the browser installed it. */
export const installedManifest = <T = Record<string, unknown>>(h: BrowserHarness) =>
  h.extensionPage.evaluate(() => ((globalThis as unknown as ExtensionGlobal).browser ?? (globalThis as unknown as ExtensionGlobal).chrome).runtime.getManifest() as T);

/** Saves settings through the extension's own protocol; refuses settings with problems. */
export async function seedSettings(h: BrowserHarness, settings: Settings): Promise<void> {
  const answer = await ask<{ ok?: boolean; value?: { problems?: string[] } }>(h, { type: 'saveSettings', settings });
  if (!answer?.ok) throw new Error(`The background refused the settings: ${JSON.stringify(answer)}`);
  const problems = answer.value?.problems ?? [];
  if (problems.length) throw new Error(`The settings had problems: ${problems.join('; ')}`);
}

/** Every row of one table of the extension's database, read from one of its pages. */
export function readIndexedDbIn<T = unknown>(extensionPage: Pick<Tab, 'evaluate'>, table: string): Promise<T[]> {
  return extensionPage.evaluate(
    ({ name, store }) =>
      new Promise<T[]>((resolveRows, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            reject(new Error(`No table ${store} in ${name} (has: ${[...db.objectStoreNames].join(', ')})`));
            return;
          }
          const read = db.transaction(store, 'readonly').objectStore(store).getAll();
          read.onsuccess = () => {
            db.close();
            resolveRows(read.result as T[]);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    { name: DATABASE_NAME, store: table },
  );
}

export const readIndexedDb = <T = unknown>(h: BrowserHarness, table: string) => readIndexedDbIn<T>(h.extensionPage, table);

export interface StoredThread {
  threadId: string;
  site: string;
  account: string;
  messages: { id: string; direction: 'in' | 'out'; counterparts: string[]; at: number }[];
}
export interface StoredOutcome {
  site: string;
  clientKey: string;
  choice: string;
  reasons: string[];
  scheduledFor: number | null;
  at: number;
}

export const outcomes = (h: BrowserHarness) => readIndexedDb<StoredOutcome>(h, 'outcomes');

/** Waits until the background has stored at least `count` messages of this thread. */
export async function waitForStoredThread(h: BrowserHarness, threadId: string, count: number, timeoutMs = 10_000): Promise<StoredThread> {
  // Firefox opens the database a moment after install: until then, nothing is stored.
  const find = async () => (await readIndexedDb<StoredThread>(h, 'threads').catch(() => [])).find((t) => t.threadId === threadId);
  const thread = await waitFor(find, (t) => (t?.messages.length ?? 0) >= count, timeoutMs);
  if (!thread || thread.messages.length < count) throw new Error(`Thread ${threadId} not stored with ${count} messages (has ${thread?.messages.length ?? 0})`);
  return thread;
}

// ------------------------------------------------------------------------------------ pictures

/**
 * Where a test's screenshot goes: tests/artifacts/screenshots/<browser>; a picture of the store
 * listing (`listing`, taken in Firefox) goes to store/screenshots with REPLYPACE_STORE_SCREENSHOTS=1.
 */
export function screenshotPath(browser: BrowserName, name: string, options: { listing?: boolean } = {}): string {
  const root = resolve(import.meta.dirname, '..', '..');
  const forStore = options.listing === true && process.env.REPLYPACE_STORE_SCREENSHOTS === '1' && browser === 'firefox';
  const dir = forStore ? join(root, 'store', 'screenshots') : join(root, 'tests', 'artifacts', 'screenshots', browser);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
