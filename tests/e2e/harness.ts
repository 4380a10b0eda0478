/**
 * Shared helpers for the real-browser tests: Debian's Chromium driven by playwright-core, with the
 * BUILT extension (.output/chrome-mv3, `npx wxt build -b chrome`) loaded, mail pages served
 * locally under their real origins, and a recorder of every network request an extension context
 * makes. Nothing here reaches a live site: any request that no test serves is aborted.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Request } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/chromium.ts';
import { readIndexedDbIn, recorderOver, type NetworkRecorder as KitNetworkRecorder, type RecordedRequest as KitRecordedRequest } from '../kit/harness.ts';

export const CHROME_BUILD = resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
export { DATABASE_NAME } from '../kit/harness.ts';

/** Which extension context started a request. */
export type ExtensionContextKind = 'service-worker' | 'extension-page' | 'content-script';

/** A request and the extension context that made it; `initiator` is that worker's, page's or script's URL. */
export type RecordedRequest = Omit<KitRecordedRequest, 'source'> & { context: ExtensionContextKind };
export type NetworkRecorder = KitNetworkRecorder<RecordedRequest>;

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  network: NetworkRecorder;
  close(): Promise<void>;
}

/** Schemes that never leave the machine: the extension's own files, inline and in-memory data. */
const LOCAL_SCHEMES = ['chrome-extension:', 'data:', 'blob:', 'about:'];

function isLocalUrl(url: string): boolean {
  return LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));
}

/**
 * `instrumented: false` leaves out the request blocking and the request recorder (a DevTools
 * session on every page, and a round trip to this process for every request): for benchmarks of
 * the extension's own pages, whose timings those would distort. Such a browser must only open the
 * extension's pages, never a mail page, and its `network` records nothing.
 */
export async function launchWithExtension(options: { extensionPath?: string; instrumented?: boolean } = {}): Promise<LaunchedExtension> {
  const extensionPath = options.extensionPath ?? CHROME_BUILD;
  if (!existsSync(resolve(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npx wxt build -b chrome\` first.`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(extensionPath),
  });

  const instrumented = options.instrumented ?? true;
  // Registered first, so every later serveOn() takes precedence: whatever no test serves is
  // aborted instead of reaching the internet. The extension's own files pass through untouched.
  if (instrumented) {
    await context.route('**/*', (route) =>
      isLocalUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
  }

  const network = instrumented ? recordExtensionNetwork(context) : notRecording();
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, network, close: () => context.close() };
}

function recordExtensionNetwork(context: BrowserContext): NetworkRecorder {
  const requests: RecordedRequest[] = [];
  const sessions: CDPSession[] = [];
  // How the browser ended a recorded request, when it failed: the policy's refusal reads "csp".
  const recorded = new WeakMap<Request, RecordedRequest>();
  context.on('requestfailed', (request: Request) => {
    const record = recorded.get(request);
    if (record) record.failure = request.failure()?.errorText ?? 'failed';
  });

  const record = (request: Request, entry: RecordedRequest) => {
    requests.push(entry);
    recorded.set(request, entry);
  };

  // Service workers and extension pages (and extension frames inside mail pages).
  context.on('request', (request: Request) => {
    const url = request.url();
    if (isLocalUrl(url)) return;
    const worker = request.serviceWorker();
    if (worker) {
      if (worker.url().startsWith('chrome-extension://')) record(request, { url, method: request.method(), context: 'service-worker', initiator: worker.url() });
      return;
    }
    const frameUrl = frameUrlOf(request);
    if (frameUrl.startsWith('chrome-extension://')) record(request, { url, method: request.method(), context: 'extension-page', initiator: frameUrl });
  });

  // Content scripts share the mail page's network stack; only the initiator's script URL tells
  // their requests from the page's own, and only the DevTools protocol reports it.
  const watchPage = async (page: Page) => {
    try {
      const session = await context.newCDPSession(page);
      sessions.push(session);
      session.on('Network.requestWillBeSent', (event) => {
        const url = event.request.url;
        if (isLocalUrl(url)) return;
        // Extension pages are already recorded above; here only mail pages matter.
        if (event.documentURL?.startsWith('chrome-extension://')) return;
        const scriptUrl = extensionScriptIn(event.initiator);
        if (scriptUrl) requests.push({ url, method: event.request.method, context: 'content-script', initiator: scriptUrl });
      });
      await session.send('Network.enable');
    } catch {
      // The page closed before the session attached.
    }
  };
  for (const page of context.pages()) void watchPage(page);
  context.on('page', (page) => void watchPage(page));

  return recorderOver(requests, 300);
}

/** The URL of the frame that made a request; '' for requests with no frame (the browser's own). */
function frameUrlOf(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
}

interface CdpInitiator {
  url?: string;
  stack?: { callFrames: { url: string }[]; parent?: CdpInitiator['stack'] };
}

function extensionScriptIn(initiator: CdpInitiator): string | null {
  if (initiator.url?.startsWith('chrome-extension://')) return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => f.url.startsWith('chrome-extension://'));
    if (frame) return frame.url;
  }
  return null;
}

/** The recorder of an uninstrumented browser: asking it what was recorded is a mistake. */
function notRecording(): NetworkRecorder {
  const refuse = (): never => {
    throw new Error('This browser was launched with instrumented: false: its requests are not recorded.');
  };
  return {
    get requests(): readonly RecordedRequest[] {
      return refuse();
    },
    clear: refuse,
    settle: refuse,
  };
}

/** Serves `html` for every URL matching `pattern` (e.g. 'https://mail.google.com/**'). */
export async function serveOn(context: BrowserContext, pattern: string, html: string): Promise<void> {
  await context.route(pattern, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort('blockedbyclient'),
  );
}

/** Opens one of the extension's own pages, e.g. 'popup.html' or 'options.html'. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
  return page;
}

/** Every row of one table of the extension's database, read from one of its pages. */
export function readIndexedDb<T = unknown>(page: Page, table: string): Promise<T[]> {
  return readIndexedDbIn<T>({ evaluate: (fn, arg) => page.evaluate(fn, arg as never) }, table);
}
