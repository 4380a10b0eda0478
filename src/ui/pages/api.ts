/**
 * What the extension pages (popup, options, welcome, report and review) ask of the background, in
 * one place. Pages never open the database: every read and write goes through the typed protocol,
 * so the background stays the only writer and validates everything. Failures come back as values
 * (`{ ok: false, error }`), never throws.
 *
 * Every request goes through `ask`, which keeps what the pages know of the settings revision
 * (pagesRevision.ts): a request that may change what the pages show (PAGE_REQUEST_CHANGES) first
 * forgets the popup's last view and holds views back until it is answered; every answer's revision
 * is learned. No page can leave the popup painting a client as it was before a change.
 */
import { onNormsChanged, send } from '../../messaging/client.ts';
import { PAGE_REQUEST_CHANGES } from '../../messaging/constants.ts';
import type { Envelope, PageRequest, RequestOf, ResponseMap } from '../../messaging/protocol.ts';
import type { ImportThread } from '../../core/history/preview.ts';
import type { Instant } from '../../core/types.ts';
import type { Settings } from '../../core/settings.ts';
import { localPagesRevision } from './pagesRevision.ts';
import { PAGE_TIMEOUT_MS } from './timeouts.ts';
import { localLastView } from './popup/lastView.ts';

export type { AttentionReport, ClientNorms, Envelope, ImportRecord, ImportResult, PatternProposal, ReportData } from '../../messaging/protocol.ts';

/** The attention findings are a pass over the stored threads (every client's, for the review). */
const ATTENTION_TIMEOUT_MS = 20_000;
/** Writing or undoing a large import is one transaction over many threads: it may take a while. */
const IMPORT_TIMEOUT_MS = 180_000;

type PageRequestType = PageRequest['type'];

async function ask<T extends PageRequestType>(request: RequestOf<T>, timeoutMs = PAGE_TIMEOUT_MS): Promise<Envelope<ResponseMap[T]>> {
  if (!PAGE_REQUEST_CHANGES[(request as { type: PageRequestType }).type]) {
    const answer = await send<T>(request, { timeoutMs });
    localPagesRevision.learned(answer.revision);
    return answer;
  }
  localLastView.forget();
  const answered = localPagesRevision.changeSent(timeoutMs);
  const answer = await send<T>(request, { timeoutMs });
  answered(answer.revision);
  return answer;
}

export const api = {
  getSettings: () => ask({ type: 'getSettings' }),
  saveSettings: (settings: Settings) => ask({ type: 'saveSettings', settings, keepPauseAndSnoozes: true }),
  importSettings: (text: string) => ask({ type: 'importSettings', text }),
  exportSettings: () => ask({ type: 'exportSettings' }),
  listNorms: () => ask({ type: 'listNorms' }),
  /** Settings and norms in one round trip: what the popup draws its list from. */
  popupData: () => ask({ type: 'popupData' }),
  /** Neglect, drift and exception findings for every client (a pass over the stored threads). */
  attention: () => ask({ type: 'attention' }, ATTENTION_TIMEOUT_MS),
  /** One client's replies, nudges and meetings in [from, to), for their report. */
  reportData: (clientKey: string, from: Instant, to: Instant) => ask({ type: 'reportData', clientKey, from, to }),
  eraseAll: () => ask({ type: 'eraseAll' }),
  pause: (until: Instant | null) => ask({ type: 'pause', until }),
  /** Site-health counters per site and week (popup's health line, page reports). */
  siteHealth: () => ask({ type: 'siteHealth' }),
  /** History import (issue 14): parts, then one commit that writes them in one transaction. */
  importPart: (importId: string, index: number, threads: ImportThread[]) => ask({ type: 'importPart', importId, index, threads }, IMPORT_TIMEOUT_MS),
  importCommit: (request: Omit<RequestOf<'importCommit'>, 'type'>) => ask({ type: 'importCommit', ...request }, IMPORT_TIMEOUT_MS),
  importUndo: (importId: string) => ask({ type: 'importUndo', importId }, IMPORT_TIMEOUT_MS),
  importList: () => ask({ type: 'importList' }),
  /** Working hours and zones proposed from stored mail, for clients without hours of their own. */
  patternProposals: () => ask({ type: 'patternProposals' }),
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
