import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runImportWorker, type HelperWorker } from '../src/import/worker.ts';

// A packaged file (import-worker.js) the options and welcome pages start as a dedicated worker:
// the history import reads mailbox files here, off the page's thread, with no network access.
// It starts a second copy of itself to read half of a large mbox on the other core (Chromium and
// Firefox let a dedicated worker start workers; where one cannot, the file is read in one pass).
export default defineUnlistedScript(() => {
  const scope = self as unknown as Parameters<typeof runImportWorker>[0];
  runImportWorker({
    postMessage: (message, transfer) => scope.postMessage(message, transfer),
    addEventListener: (type, listener) => scope.addEventListener(type, listener),
    startHelper: typeof Worker === 'function' ? () => new Worker(self.location.href) as unknown as HelperWorker : undefined,
  });
});
