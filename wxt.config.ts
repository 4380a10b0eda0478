import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { zodWithoutEval } from './scripts/vite-zod-without-eval.ts';
import { CALENDAR_MATCHES, GMAIL_MATCHES, OUTLOOK_MATCHES } from './src/sites/hosts.ts';

// The hosts are named in src/sites/hosts.ts (the content scripts and detectSite read them there too);
// re-exported for the tests that compare the manifest with them.
export { CALENDAR_MATCHES, GMAIL_MATCHES, OUTLOOK_MATCHES };

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [zodWithoutEval(), preact({ prefreshEnabled: false, devToolsEnabled: false })],
    build: { target: 'es2022' },
  }),
  hooks: {
    // Content scripts use the browsers' own promise-based API (Chrome MV3 and Firefox both have
    // one) rather than webextension-polyfill: 2.6 KB of their 25.6 KB gzip budget. The polyfill
    // stays for the background and the pages. A content script therefore answers a message with
    // sendResponse, never by returning a promise (Chrome's own onMessage does not take one).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) config.resolve!.alias = alias.filter((entry: { find: unknown }) => entry.find !== 'wxt/browser');
      else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  zip: {
    // The sources zip that Firefox add-on review asks for: everything `npm ci && npm run zip` needs
    // to rebuild the same files (store/BUILD.md), nothing it does not (tests, fixtures, artifacts).
    excludeSources: ['tests/**', 'bench-results/**', 'stats.html', 'store/screenshots/**', '**/*.log'],
  },
  manifest: ({ browser }) => ({
    name: 'ReplyPace',
    description:
      'Reply at a pace your clients can count on: nudges before instant or after-hours replies in Gmail and Outlook, and schedules them with the mail site itself. Nothing leaves your browser.',
    permissions: ['storage', 'alarms'],
    optional_permissions: ['notifications'],
    host_permissions: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES, ...CALENDAR_MATCHES],
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
