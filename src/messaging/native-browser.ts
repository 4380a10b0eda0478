/**
 * `wxt/browser` for the content scripts (wxt.config.ts points them here): the extension API as the
 * browser provides it, without webextension-polyfill, which costs about 2.6 KB gzipped, a tenth of
 * a content script's budget. What a content script uses works the same natively: Chrome's MV3
 * `chrome.runtime.sendMessage` returns a promise, Firefox's `browser` is native, and a listener
 * answers through `sendResponse` in both (never by returning a promise). The same choice as WXT's
 * own `@wxt-dev/browser`.
 */
import type { browser as PolyfilledBrowser } from 'wxt/browser';

type ExtensionApi = typeof PolyfilledBrowser;
const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser: ExtensionApi = (scope.browser?.runtime?.id ? scope.browser : scope.chrome)!;
