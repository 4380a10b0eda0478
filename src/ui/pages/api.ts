/**
 * What the extension pages ask of the background, in one place. Pages never open the database:
 * every read and write goes through the typed protocol, so the background stays the only writer
 * and validates everything. Failures come back as values (`{ ok: false, error }`), never throws.
 */
import { onNormsChanged, send } from '../../messaging/client.ts';
import type { Envelope } from '../../messaging/protocol.ts';
import type { Instant } from '../../core/types.ts';
import type { Settings } from '../../core/settings.ts';
import { localLastView } from './popup/lastView.ts';
import { PAGE_TIMEOUT_MS } from './timeouts.ts';

export type { AttentionReport, ClientNorms, Envelope, ImportResult } from '../../messaging/protocol.ts';


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
  saveSettings: (settings: Settings) => changing(() => send({ type: 'saveSettings', settings }, { timeoutMs: PAGE_TIMEOUT_MS })),
  importSettings: (text: string) => changing(() => send({ type: 'importSettings', text }, { timeoutMs: PAGE_TIMEOUT_MS })),
  exportSettings: () => send({ type: 'exportSettings' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  listNorms: () => send({ type: 'listNorms' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** Settings and norms in one round trip: what the popup draws its list from. */
  popupData: () => send({ type: 'popupData' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  /** Neglect, drift and exception findings for every client (a pass over the stored threads). */
  attention: () => send({ type: 'attention' }, { timeoutMs: PAGE_TIMEOUT_MS }),
  eraseAll: () => changing(() => send({ type: 'eraseAll' }, { timeoutMs: PAGE_TIMEOUT_MS })),
  pause: (until: Instant | null) => changing(() => send({ type: 'pause', until }, { timeoutMs: PAGE_TIMEOUT_MS })),
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
