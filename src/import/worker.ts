/**
 * The import worker: streams the chosen files through the readers (scan.ts) off the page's main
 * thread, keeps the collected metadata between the steps (scan, preview, records), and makes no
 * network request. Only headers are read; nothing of a body or subject leaves it.
 *
 * A large plain mbox is read as two ranges at once (scan.ts readMboxInRanges): the tail by a
 * helper worker this worker starts from the same packaged file, which answers 'scan-range'.
 */
import { HistoryCollector, type CollectedRange } from '../core/history/collector.ts';
import { buildHistoryPreview, ImportRecords } from '../core/history/preview.ts';
import type { Settings } from '../core/settings.ts';
import type { Instant } from '../core/types.ts';
import { RANGE_MIN_BYTES, scanFiles, scanRange, type RangeReader } from './scan.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
  /** Starts a helper worker running this same code; absent where workers cannot start workers. */
  startHelper?: () => HelperWorker;
  /** Plain mbox files from this size on are read in two ranges (default RANGE_MIN_BYTES; tests set it lower). */
  rangeMinBytes?: number;
}

/** The part of a Worker the import worker uses of its helper. */
export interface HelperWorker {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A helper's progress goes out this often (the import worker reports ten times a second). */
const RANGE_PROGRESS_MS = 50;

export function runImportWorker(scope: WorkerScope): void {
  let collector: HistoryCollector | null = null;
  let records: { key: string; records: ImportRecords } | null = null;
  const post = (message: FromWorker) => scope.postMessage(message);

  const preview = (ownAddresses: string[], settings: Settings, now: Instant) => {
    if (!collector) throw new Error('Nothing was read yet.');
    const built = buildHistoryPreview(collector, { ownAddresses, settings, now });
    post({ type: 'preview', preview: { ...built, clients: built.clients.map((c) => ({ ...c, pairs: [] })) } });
  };

  const handle = async (message: ToWorker): Promise<void> => {
    switch (message.type) {
      case 'scan': {
        const started = performance.now();
        const ownAddresses = message.settings.me.addresses;
        collector = new HistoryCollector({ now: message.now, ownAddresses });
        records = null;
        const rangeMinBytes = scope.rangeMinBytes ?? RANGE_MIN_BYTES;
        const helpers = helperPool(scope, message.files.some((f) => f.file.size >= rangeMinBytes));
        try {
          const reports = await scanFiles(
            message.files.map((f) => ({ name: f.name, blob: f.file })),
            collector,
            {
              // Ten times a second: the page shows at least four updates a second.
              onProgress: (progress) => post({ type: 'progress', progress }),
              progressEveryMs: 100,
              readRange: helpers ? helpers.readRange(message.now, ownAddresses) : undefined,
              rangeMinBytes,
            },
          );
          const bytes = message.files.reduce((sum, f) => sum + f.file.size, 0);
          const likelyOwnAddresses = collector.likelyOwnAddresses();
          post({ type: 'scanned', reports, likelyOwnAddresses, bytes, elapsedMs: performance.now() - started});
          // The page shows this preview next: worked out now rather than on its request.
          if (reports.some((r) => r.problem === null && r.messages > 0)) preview(likelyOwnAddresses, message.settings, message.now);
        } finally {
          helpers?.close();
        }
        return;
      }
      case 'preview':
        return preview(message.ownAddresses, message.settings, message.now);
      case 'records': {
        if (!collector) throw new Error('Nothing was read yet.');
        const key = message.ownAddresses.join('\n');
        if (!records || records.key !== key) records = { key, records: new ImportRecords(collector, message.ownAddresses) };
        const { records: built } = records;
        post({ type: 'records', part: message.part, parts: built.parts, totalThreads: built.threads, threads: built.part(message.part) });
        return;
      }
      case 'scan-range': {
        const range = new HistoryCollector({ now: message.now, ownAddresses: message.ownAddresses, range: true });
        let unreported = 0;
        let last = performance.now();
        await scanRange(message.file, message.start, message.end, range, {
          onBytes: (n) => {
            unreported += n;
            const now = performance.now();
            if (now - last < RANGE_PROGRESS_MS) return;
            last = now;
            post({ type: 'range-progress', bytes: unreported });
            unreported = 0;
          },
        });
        if (unreported > 0) post({ type: 'range-progress', bytes: unreported });
        const part = range.exportRange();
        scope.postMessage({ type: 'range-scanned', part }, transferablesOf(part));
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

function transferablesOf(part: CollectedRange): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(part)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * Helper workers for one scan: the first is started at once when a file is large enough to be
 * cut (it loads while the cut is looked for); each reads one range and is then stopped.
 */
function helperPool(scope: WorkerScope, likelyNeeded: boolean) {
  const start = scope.startHelper;
  if (!start) return null;
  const startOne = (): HelperWorker | null => {
    try {
      return start();
    } catch {
      return null;
    }
  };
  let ready: HelperWorker | null = likelyNeeded ? startOne() : null;
  const running = new Set<HelperWorker>();
  return {
    readRange(now: Instant, ownAddresses: string[]): RangeReader {
      return (blob, rangeStart, end, onBytes, signal) =>
        new Promise<CollectedRange | null>((resolve, reject) => {
          const helper = ready ?? startOne();
          ready = null;
          if (!helper) return resolve(null);
          running.add(helper);
          const stop = () => {
            helper.terminate();
            running.delete(helper);
          };
          signal.addEventListener('abort', () => {
            stop();
            reject(new DOMException('The import was cancelled.', 'AbortError'));
          });
          helper.onmessage = ({ data }) => {
            if (data.type === 'range-progress') onBytes(data.bytes);
            else if (data.type === 'range-scanned') {
              stop();
              resolve(data.part);
            } else if (data.type === 'error') {
              // Read again here, where a file that cannot be read is reported as usual.
              stop();
              resolve(null);
            }
          };
          // The helper could not start (or died): the range is read here instead.
          helper.onerror = () => {
            stop();
            resolve(null);
          };
          helper.postMessage({ type: 'scan-range', file: blob, start: rangeStart, end, now, ownAddresses });
        });
    },
    close() {
      ready?.terminate();
      ready = null;
      for (const helper of running) helper.terminate();
      running.clear();
    },
  };
}
