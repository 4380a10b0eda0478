import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: fast unit tests (jsdom-free, in-memory IndexedDB, fake browser APIs) and real-browser
// tests that load the built extension into Debian's Chromium / Firefox ESR. The browser project runs
// its files one at a time: the machines have two cores.
export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto'],
          environment: 'node',
          // Some unit tests are CPU-bound (property runs, ESLint on a file, a tsx process, parsing a
          // 400 KB capture) and take several seconds when the machine is busy: vitest's 5 s default
          // made whole runs fail on load alone. A real hang still fails, after 60 s.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
