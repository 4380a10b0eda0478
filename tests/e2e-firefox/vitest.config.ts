import { defineConfig } from 'vitest/config';

// The Firefox real-browser tests (`npm run test:firefox`): a project of their own, because they need
// the Firefox build (`wxt build -b firefox`) where the Chromium project needs the Chrome one. One
// file at a time: Firefox takes about three seconds to start and the machines have two cores.
export default defineConfig({
  test: {
    name: 'firefox',
    root: import.meta.dirname + '/../..',
    include: ['tests/e2e-firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
