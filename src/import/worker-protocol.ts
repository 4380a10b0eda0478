/** The messages between the options page and the import worker (structured-cloned, plain data). */
import type { HistoryPreview, ImportThread } from '../core/history/preview.ts';
import type { Settings } from '../core/settings.ts';
import type { Instant } from '../core/types.ts';
import type { FileReport, ScanProgress } from './scan.ts';

export type ToWorker =
  /** Read these files (File objects: the worker streams them; nothing is copied whole). */
  | { type: 'scan'; files: Array<{ name: string; file: Blob }>; settings: Settings; now: Instant }
  /** The preview for these own addresses and settings (after a scan). */
  | { type: 'preview'; ownAddresses: string[]; settings: Settings; now: Instant }
  /** Part `part` of the records to write for these own addresses (parts are built one at a time). */
  | { type: 'records'; ownAddresses: string[]; part: number };

export type FromWorker =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'scanned'; reports: FileReport[]; likelyOwnAddresses: string[]; bytes: number; elapsedMs: number }
  /** Pairs are left out of the page's copy: the page shows counts and medians, the CLI lists pairs. */
  | { type: 'preview'; preview: HistoryPreview }
  | { type: 'records'; part: number; parts: number; totalThreads: number; threads: ImportThread[] }
  | { type: 'error'; message: string };
