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

  const answerPopup = (message: unknown): Promise<ThreadCounterpartsAnswer> | undefined => {
    if ((message as { type?: unknown } | null)?.type !== THREAD_COUNTERPARTS_MESSAGE) return undefined;
    try {
      return Promise.resolve({ counterparts: runtime.threadCounterparts() });
    } catch {
      return Promise.resolve({ counterparts: [] });
    }
  };
  browser.runtime.onMessage.addListener(answerPopup);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(answerPopup));
}
