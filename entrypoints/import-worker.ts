import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runImportWorker } from '../src/import/worker.ts';

// A packaged file (import-worker.js) the options and welcome pages start as a dedicated worker:
// the history import reads mailbox files here, off the page's thread, with no network access.
export default defineUnlistedScript(() => {
  runImportWorker(self as unknown as Parameters<typeof runImportWorker>[0]);
});
