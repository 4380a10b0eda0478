import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { zodWithoutEval } from './scripts/vite-zod-without-eval.ts';
import { inlinePageCss } from './scripts/vite-inline-page-css.ts';
import { settingsRulesStamp } from './scripts/settings-rules.ts';
import { CALENDAR_MATCHES, GMAIL_MATCHES, OUTLOOK_MATCHES } from './src/sites/hosts.ts';

// The hosts are named in src/sites/hosts.ts (the content scripts and detectSite read them there too);
// re-exported for the tests that compare the manifest with them.
export { CALENDAR_MATCHES, GMAIL_MATCHES, OUTLOOK_MATCHES };

/**
 * "Nothing leaves the browser", enforced by the browser: the extension's pages, its background and
 * its worker load only the extension's own files and may open no connection at all (fetch, XHR,
 * WebSocket, beacons), nor load images, fonts or frames from anywhere else. Chrome MV3 applies it as
 * `content_security_policy.extension_pages`; WXT writes it as MV2's string for Firefox. Under
 * `wxt` (dev server) the page must reach the local dev server, so connections to localhost stay open.
 */
function extensionPagesCsp(command: string): string {
  const connect = command === 'serve' ? "connect-src http://localhost:* ws://localhost:*" : "connect-src 'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    connect,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [zodWithoutEval(), preact({ prefreshEnabled: false, devToolsEnabled: false }), inlinePageCss(['entrypoints/popup/index.html'])],
    // Every browser the extension supports preloads modules itself: no polyfill in the pages' code.
    build: { target: 'es2022', modulePreload: { polyfill: false } },
    // Which settings rules stored settings were checked by (src/store/settings-check.ts).
    define: { __REPLYPACE_SETTINGS_RULES__: JSON.stringify(settingsRulesStamp(import.meta.dirname)) },
  }),
  hooks: {
    // Content scripts get the browser's own extension API instead of webextension-polyfill (see
    // src/messaging/native-browser.ts): it keeps them within their size budget.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.type === 'content-script')) return;
      const alias = config.resolve?.alias ?? [];
      const others = Array.isArray(alias) ? alias : Object.entries(alias).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      const nativeBrowser = { find: /^wxt\/browser$/, replacement: resolve(import.meta.dirname, 'src/messaging/native-browser.ts') };
      config.resolve = { ...config.resolve, alias: [nativeBrowser, ...others] };
    },
  },
  zip: {
    // The sources zip that Firefox add-on review asks for: everything `npm ci && npm run zip` needs
    // to rebuild the same files (store/BUILD.md), nothing it does not (tests, fixtures, artifacts).
    excludeSources: ['tests/**', 'bench-results/**', 'stats.html', 'store/screenshots/**', '**/*.log'],
  },
  manifest: ({ browser, command }) => ({
    name: 'ReplyPace',
    description:
      'Reply at a pace your clients can count on: nudges before instant or after-hours replies in Gmail and Outlook, and schedules them with the mail site itself. Nothing leaves your browser.',
    permissions: ['storage', 'alarms'],
    optional_permissions: ['notifications'],
    // No host_permissions: the content scripts' matches (src/sites/hosts.ts) are all the host access
    // the features need (store/permissions.md).
    content_security_policy: { extension_pages: extensionPagesCsp(command) },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'replypace@replypace.app',
              strict_min_version: '140.0',
              // Declares to Firefox (and the install prompt) that nothing is collected or transmitted.
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142; 140 is the desktop ESR floor.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
