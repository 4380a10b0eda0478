/**
 * The import worker: streams the chosen files through the readers (scan.ts) off the page's main
 * thread, keeps the collected metadata between the steps (scan, preview, records), and makes no
 * network request. Only headers are read; nothing of a body or subject leaves it.
 */
import { HistoryCollector } from '../core/history/collector.ts';
import { buildHistoryPreview, ImportRecords } from '../core/history/preview.ts';
import { scanFiles } from './scan.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
}

export function runImportWorker(scope: WorkerScope): void {
  let collector: HistoryCollector | null = null;
  let records: { key: string; records: ImportRecords } | null = null;
  const post = (message: FromWorker) => scope.postMessage(message);

  const handle = async (message: ToWorker): Promise<void> => {
    switch (message.type) {
      case 'scan': {
        const started = performance.now();
        collector = new HistoryCollector({ now: message.now, ownAddresses: message.settings.me.addresses });
        records = null;
        const reports = await scanFiles(
          message.files.map((f) => ({ name: f.name, blob: f.file })),
          collector,
          // Ten times a second: the page shows at least four updates a second.
          { onProgress: (progress) => post({ type: 'progress', progress }), progressEveryMs: 100 },
        );
        const bytes = message.files.reduce((sum, f) => sum + f.file.size, 0);
        post({ type: 'scanned', reports, likelyOwnAddresses: collector.likelyOwnAddresses(), bytes, elapsedMs: performance.now() - started });
        return;
      }
      case 'preview': {
        if (!collector) throw new Error('Nothing was read yet.');
        const preview = buildHistoryPreview(collector, { ownAddresses: message.ownAddresses, settings: message.settings, now: message.now });
        post({ type: 'preview', preview: { ...preview, clients: preview.clients.map((c) => ({ ...c, pairs: [] })) } });
        return;
      }
      case 'records': {
        if (!collector) throw new Error('Nothing was read yet.');
        const key = message.ownAddresses.join('\n');
        if (!records || records.key !== key) records = { key, records: new ImportRecords(collector, message.ownAddresses) };
        const { records: built } = records;
        post({ type: 'records', part: message.part, parts: built.parts, totalThreads: built.threads, threads: built.part(message.part) });
        return;
      }
    }
  };

  // One step at a time, in the order asked.
  let queue: Promise<void> = Promise.resolve();
  scope.addEventListener('message', (event) => {
    queue = queue.then(() =>
      handle(event.data).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) })),
    );
  });
}
