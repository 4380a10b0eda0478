/**
 * What every mail-site content script does, in one place: run the site, and answer the popup's
 * question about the open thread. The entry points only say which site they serve.
 */
import { browser } from 'wxt/browser';
import { decide } from '../../core/decide.ts';
import { send } from '../../messaging/client.ts';
import { PAGE_MARKUP_MESSAGE, THREAD_COUNTERPARTS_MESSAGE, type PageMarkupAnswer, type ThreadCounterpartsAnswer } from '../../messaging/constants.ts';
import { showNudge } from '../../ui/nudge/index.ts';
import type { MailSite } from '../contract.ts';
import { startSite } from './run-site.ts';

export function runContentScript(site: MailSite, signal: AbortSignal): void {
  const runtime = startSite({ site, doc: document, signal, send, decide, showNudge });

  // Answered with sendResponse: content scripts use the browser's own API (see wxt.config.ts),
  // whose onMessage does not take a returned promise in Chrome.
  const answerPopup = (message: unknown, _sender: unknown, respond: (answer: ThreadCounterpartsAnswer | PageMarkupAnswer) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === PAGE_MARKUP_MESSAGE) respond({ site: site.id, html: document.documentElement.outerHTML });
    if (type !== THREAD_COUNTERPARTS_MESSAGE) return;
    let counterparts: string[] = [];
    try {
      counterparts = runtime.threadCounterparts();
    } catch {
      // No card rather than an error.
    }
    respond({ counterparts });
  };
  browser.runtime.onMessage.addListener(answerPopup);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(answerPopup));
}
