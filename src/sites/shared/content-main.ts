/**
 * What every mail-site content script does, in one place: run the site, and answer the popup's
 * question about the open thread. The entry points only say which site they serve.
 */
import { browser } from 'wxt/browser';
import { decide } from '../../core/decide.ts';
import { send } from '../../messaging/client.ts';
import { THREAD_COUNTERPARTS_MESSAGE, type ThreadCounterpartsAnswer } from '../../messaging/constants.ts';
import { showNudge } from '../../ui/nudge/index.ts';
import type { MailSite } from '../contract.ts';
import { startSite } from './run-site.ts';

export function runContentScript(site: MailSite, signal: AbortSignal): void {
  const runtime = startSite({ site, doc: document, signal, send, decide, showNudge });

  // Answered at once through sendResponse: a returned promise is not an answer in every browser.
  const answerPopup = (message: unknown, _sender: unknown, sendResponse: (answer: ThreadCounterpartsAnswer) => void): undefined => {
    if ((message as { type?: unknown } | null)?.type !== THREAD_COUNTERPARTS_MESSAGE) return;
    let counterparts: string[] = [];
    try {
      counterparts = runtime.threadCounterparts();
    } catch {
      // No thread readable: no card in the popup.
    }
    sendResponse({ counterparts });
  };
  const { onMessage } = browser.runtime;
  onMessage.addListener(answerPopup);
  signal.addEventListener('abort', () => onMessage.removeListener(answerPopup));
}
