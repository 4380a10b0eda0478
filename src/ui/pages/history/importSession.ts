/**
 * One history import as the pages drive it: the worker reads the files and keeps what it found;
 * the page shows progress, then the preview; on "Import", the records go to the background in
 * parts and one commit writes them. Cancel stops the worker at once (it is terminated).
 *
 * Framework-free so the flow is tested without a DOM; HistoryImport.tsx renders its states.
 */
import type { OwnAddressSuggestion } from '../../../core/history/collector.ts';
import type { HistoryPreview } from '../../../core/history/preview.ts';
import type { Settings } from '../../../core/settings.ts';
import type { FileReport, ScanProgress } from '../../../import/scan.ts';
import type { FromWorker, ToWorker } from '../../../import/worker-protocol.ts';
import { failureText, type ImportRecord, type PagesApi } from '../api.ts';

export interface ChosenFile {
  /** The name, or the path inside a chosen folder. */
  name: string;
  file: File;
}

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; files: number; totalBytes: number; progress: ScanProgress | null }
  /** Working the preview out; `previous` is the preview shown until the new one is ready. */
  | { step: 'previewing'; reports: FileReport[]; ownAddresses: string[]; previous: PreviewState | null }
  | PreviewState
  | { step: 'writing'; sentThreads: number; totalThreads: number }
  | { step: 'done'; record: ImportRecord; known: number; replaced: number }
  | { step: 'cancelled' }
  | { step: 'failed'; message: string; reports: FileReport[] };

export interface PreviewState {
      step: 'preview';
      reports: FileReport[];
      preview: HistoryPreview;
      ownAddresses: string[];
      candidates: OwnAddressSuggestion[];
      bytes: number;
      elapsedMs: number;
}

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface SessionDeps {
  api: Pick<PagesApi, 'importPart' | 'importCommit'>;
  createWorker(): WorkerLike;
  settings(): Settings;
  now(): number;
  newId(): string;
  onChange(state: ImportState): void;
}

/** The files, by name, size and date: the same files again replace the earlier import. */
export function fileKeyOf(files: readonly ChosenFile[]): string {
  return files
    .map((f) => `${f.name}|${f.file.size}|${f.file.lastModified}`)
    .sort()
    .join('\n');
}

export function labelOf(files: readonly ChosenFile[]): string {
  const first = files[0]?.name.split('/').pop() ?? '';
  return files.length > 1 ? `${first} and ${files.length - 1} more` : first;
}

function mark(name: string): void {
  try {
    performance.mark(`replypace:import-${name}`);
  } catch {
    // Marks are for benchmarks only.
  }
}

export class ImportSession {
  private worker: WorkerLike | null = null;
  private state: ImportState = { step: 'idle' };
  private files: ChosenFile[] = [];
  private waiting: ((message: FromWorker) => void) | null = null;

  constructor(private readonly deps: SessionDeps) {}

  get current(): ImportState {
    return this.state;
  }

  private set(state: ImportState): void {
    this.state = state;
    this.deps.onChange(state);
  }

  /** Starts reading; any import under way is dropped. */
  start(files: ChosenFile[]): void {
    this.stopWorker();
    if (files.length === 0) return;
    this.files = files;
    mark('start');
    const worker = this.deps.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      this.stopWorker();
      this.set({ step: 'failed', message: `The files could not be read (${event.message ?? 'the reader stopped'}). Nothing was written.`, reports: [] });
    };
    const totalBytes = files.reduce((sum, f) => sum + f.file.size, 0);
    this.set({ step: 'reading', files: files.length, totalBytes, progress: null });
    worker.postMessage({ type: 'scan', files: files.map((f) => ({ name: f.name, file: f.file })), settings: this.deps.settings(), now: this.deps.now() });
  }

  /** Stops at once: the worker is terminated, nothing was written. */
  cancel(): void {
    if (this.state.step === 'writing' || this.state.step === 'done') return;
    this.stopWorker();
    mark('cancelled');
    this.set({ step: 'cancelled' });
  }

  reset(): void {
    this.stopWorker();
    this.set({ step: 'idle' });
  }

  /** The preview again, for other own addresses (or after the settings changed). */
  setOwnAddresses(ownAddresses: string[]): void {
    const state = this.state;
    if (state.step !== 'preview' || !this.worker) return;
    this.set({ step: 'previewing', reports: state.reports, ownAddresses, previous: state });
    this.lastScan = { bytes: state.bytes, elapsedMs: state.elapsedMs, candidates: state.candidates };
    this.worker.postMessage({ type: 'preview', ownAddresses, settings: this.deps.settings(), now: this.deps.now() });
  }

  private lastScan: { bytes: number; elapsedMs: number; candidates: OwnAddressSuggestion[] } = { bytes: 0, elapsedMs: 0, candidates: [] };

  private receive(worker: WorkerLike, message: FromWorker): void {
    if (this.worker !== worker) return;
    if (this.waiting && message.type === 'records') {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
      return;
    }
    const state = this.state;
    switch (message.type) {
      case 'progress':
        if (state.step === 'reading') this.set({ ...state, progress: message.progress });
        return;
      case 'scanned': {
        mark('scanned');
        const readable = message.reports.some((r) => r.problem === null && r.messages > 0);
        if (!readable) {
          this.stopWorker();
          this.set({ step: 'failed', message: 'Nothing could be read from these files. Nothing was written.', reports: message.reports });
          return;
        }
        this.lastScan = { bytes: message.bytes, elapsedMs: message.elapsedMs, candidates: [] };
        const ownAddresses = message.likelyOwnAddresses;
        this.set({ step: 'previewing', reports: message.reports, ownAddresses, previous: null });
        worker.postMessage({ type: 'preview', ownAddresses, settings: this.deps.settings(), now: this.deps.now() });
        return;
      }
      case 'preview': {
        if (state.step !== 'previewing') return;
        const known = new Set(message.preview.suggestedOwnAddresses.map((s) => s.address));
        // Addresses the user typed in stay listed even when the files never mention them.
        const candidates = [...message.preview.suggestedOwnAddresses, ...state.ownAddresses.filter((a) => !known.has(a)).map((address) => ({ address, delivered: 0, sent: 0 }))];
        this.set({ step: 'preview', reports: state.reports, preview: message.preview, ownAddresses: state.ownAddresses, candidates, bytes: this.lastScan.bytes, elapsedMs: this.lastScan.elapsedMs });
        mark('preview');
        return;
      }
      case 'error':
        this.stopWorker();
        this.set({ step: 'failed', message: `${message.message} Nothing was written.`, reports: 'reports' in state ? state.reports : [] });
        return;
      case 'records':
        return;
    }
  }

  /** Asks the worker for one part of the records to write. */
  private records(worker: WorkerLike, ownAddresses: string[], part: number): Promise<Extract<FromWorker, { type: 'records' }>> {
    return new Promise((resolve) => {
      this.waiting = (message) => {
        if (message.type === 'records') resolve(message);
      };
      worker.postMessage({ type: 'records', ownAddresses, part });
    });
  }

  /** Writes what the preview showed: records from the worker a part at a time, to the background, then one commit. */
  async commit(): Promise<void> {
    const state = this.state;
    if (state.step !== 'preview' || !this.worker) return;
    const worker = this.worker;
    const ownAddresses = state.ownAddresses;
    const account = ownAddresses[0];
    if (!account) return;
    mark('commit');
    const importId = this.deps.newId();
    let parts = 1;
    let sent = 0;
    this.set({ step: 'writing', sentThreads: 0, totalThreads: 0 });
    for (let index = 0; index < parts; index++) {
      const records = await this.records(worker, ownAddresses, index);
      if (this.worker !== worker) return;
      parts = records.parts;
      if (records.threads.length === 0) continue;
      const answer = await this.deps.api.importPart(importId, index, records.threads);
      if (!answer.ok) return this.fail(`The import was not written: ${failureText(answer)} Nothing was changed.`);
      sent += records.threads.length;
      this.set({ step: 'writing', sentThreads: sent, totalThreads: records.totalThreads });
    }
    const answer = await this.deps.api.importCommit({
      importId,
      fileKey: fileKeyOf(this.files),
      label: labelOf(this.files),
      account,
      parts,
      dateRange: state.preview.dateRange,
    });
    if (!answer.ok) return this.fail(`The import was not written: ${failureText(answer)} Nothing was changed.`);
    mark('written');
    this.stopWorker();
    this.set({ step: 'done', record: answer.value.record, known: answer.value.known, replaced: answer.value.replaced });
  }

  private fail(message: string): void {
    this.stopWorker();
    this.set({ step: 'failed', message, reports: [] });
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.waiting = null;
  }
}
