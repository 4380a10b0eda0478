/**
 * What the extension pages ask of the background, in one place. Pages never open the database:
 * every read and write goes through the typed protocol, so the background stays the only writer
 * and validates everything. Failures come back as values (`{ ok: false, error }`), never throws.
 */
import { onNormsChanged, send } from '../../messaging/client.ts';
import type { Envelope, RequestOf } from '../../messaging/protocol.ts';
import type { ImportThread } from '../../core/history/preview.ts';
import type { Instant } from '../../core/types.ts';
import type { Settings } from '../../core/settings.ts';
import { localLastView } from './popup/lastView.ts';

export type { AttentionReport, ClientNorms, Envelope, ImportRecord, ImportResult, PatternProposal } from '../../messaging/protocol.ts';

/** Pages wait a little longer than content scripts: a cold service worker may need to open the database. */
const PAGE_TIMEOUT_MS = 8000;
/** Writing or undoing a large import is one transaction over many threads: it may take a while. */
const IMPORT_TIMEOUT_MS = 180_000;

/**
 * Sends a request that changes the settings or erases data, after forgetting the popup's last
 * view: the popup then never paints a client as it was before (see popup/lastView.ts).
 */
function changing<T>(request: () => Promise<T>): Promise<T> {
  localLastView.forget();
  return request();
}

export const api = {
  getSettings: () => send({ type: 'getSettings' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  saveSettings: (settings: Settings) => changing(() => send({ type: 'saveSettings', settings, keepPauseAndSnoozes: true }, { timeoutMs: PAGE_TIMEOUT_MS })),
  importSettings: (text: string) => changing(() => send({ type: 'importSettings', text }, { timeoutMs: PAGE_TIMEOUT_MS })),
  exportSettings: () => send({ type: 'exportSettings' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  listNorms: () => send({ type: 'listNorms' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** Neglect, drift and exception findings for every client (a pass over the stored threads). */
  attention: () => send({ type: 'attention' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  eraseAll: () => changing(() => send({ type: 'eraseAll' }, { timeoutMs: PAGE_TIMEOUT_MS })),
  pause: (until: Instant | null) => changing(() => send({ type: 'pause', until }, { timeoutMs: PAGE_TIMEOUT_MS })),
  /** Site-health counters per site and week (popup's health line, page reports). */
  siteHealth: () => send({ type: 'siteHealth' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** History import (issue 14): parts, then one commit that writes them in one transaction. */
  importPart: (importId: string, index: number, threads: ImportThread[]) => send({ type: 'importPart', importId, index, threads }, { timeoutMs: IMPORT_TIMEOUT_MS }),
  importCommit: (request: Omit<RequestOf<'importCommit'>, 'type'>) => changing(() => send({ type: 'importCommit', ...request }, { timeoutMs: IMPORT_TIMEOUT_MS })),
  importUndo: (importId: string) => changing(() => send({ type: 'importUndo', importId }, { timeoutMs: IMPORT_TIMEOUT_MS })),
  importList: () => send({ type: 'importList' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** Working hours and zones proposed from stored mail, for clients without hours of their own. */
  patternProposals: () => send({ type: 'patternProposals' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** Calls back when the background reports new norms; returns the function that stops listening. */
  onNormsChanged: (callback: () => void) => onNormsChanged(() => callback()),
};

export type PagesApi = typeof api;

/** The message a person sees when a request failed. */
export function failureText(envelope: Envelope<unknown>): string {
  if (envelope.ok) return '';
  if (envelope.code === 'timeout' || envelope.code === 'unreachable') {
    return 'ReplyPace’s background did not answer. Try again in a moment, or reload the extension.';
  }
  return envelope.error;
}
