import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'tests/fixtures/', 'tests/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is pure: no DOM, no browser APIs, no storage. It must run the same in a test, the
    // background and a content script.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie/*'], message: 'src/core is pure: storage belongs in src/store.' },
            { group: ['wxt', 'wxt/*', 'webextension-polyfill', '@wxt-dev/*'], message: 'src/core is pure: browser APIs belong in entry points and adapters.' },
            { group: ['preact', 'preact/*'], message: 'src/core is pure: UI belongs in src/ui.' },
            { group: ['**/store/**', '**/sites/**', '**/ui/**', '**/messaging/**'], message: 'src/core must not depend on outer layers.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'chrome', 'browser', 'indexedDB', 'localStorage', 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    // The protocol speaks core types: the pages and content scripts that import it never reach
    // into the store's rows.
    files: ['src/messaging/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**'], message: 'The protocol speaks core types: move the type into src/core and re-export it from the store.' }] }],
    },
  },
  {
    // Content-script code cannot afford zod (25 KB gzipped budget): the protocol is imported for its
    // types only, and zod not at all.
    files: ['src/sites/**/*.ts', 'src/ui/nudge/**/*.{ts,tsx}', 'src/ui/meeting/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/messaging/protocol.ts'], allowTypeImports: true, message: 'Content scripts import the protocol with `import type` only: its zod schemas would join their bundle.' },
            { group: ['zod', 'zod/*', '**/core/zod.ts'], message: 'Content scripts stay free of zod at run time.' },
          ],
        },
      ],
    },
  },
);
