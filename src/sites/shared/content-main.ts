/**
 * What every mail-site content script does, in one place: run the site, and answer the popup's
 * question about the open thread. The entry points only say which site they serve.
 */
import { browser } from 'wxt/browser';
import { decide } from '../../core/decide.ts';
import { send } from '../../messaging/client.ts';
import type { TabResponseMap } from '../../messaging/protocol.ts';
import { NUDGE_TAG, showNudge } from '../../ui/nudge/index.ts';
import type { MailSite } from '../contract.ts';
import { startSite } from './run-site.ts';

/** Where the newest instance of the content script in this isolated world says it is. */
const NEWEST = '__replypaceContentScript';

/**
 * `wxtSignal` is WXT's context signal. It aborts when WXT hears that a newer instance of the script
 * started: a message that any page script can replay, since its name is built from the public
 * extension id. So it is only believed when this instance really is done (see `alive`).
 */
export function runContentScript(site: MailSite, wxtSignal: AbortSignal): void {
  const me = {};
  const scope = globalThis as unknown as Record<string, unknown>;
  scope[NEWEST] = me;
  // Alive while the extension is (an update or removal takes the runtime id away from an orphaned
  // script) and no newer instance took over in this world, which a page script cannot touch.
  const alive = () => browser.runtime?.id != null && scope[NEWEST] === me;

  // A card left by an instance that is gone (its extension was updated) can do nothing any more.
  for (const stale of document.querySelectorAll(NUDGE_TAG)) stale.remove();

  const life = new AbortController();
  const { signal } = life;
  wxtSignal.addEventListener('abort', () => {
    if (!alive()) life.abort();
  });
  const runtime = startSite({ site, doc: document, signal, send, decide, showNudge, alive });

  // Answered at once through sendResponse: content scripts use the browser's own API (see
  // wxt.config.ts), and a returned promise is not an answer in every browser.
  // The popup's questions (the TabRequest part of messaging/protocol.ts).
  const answerPopup = (message: unknown, _sender: unknown, sendResponse: (answer: TabResponseMap[keyof TabResponseMap]) => void): undefined => {
    const type = (message as { type?: unknown } | null)?.type;
    // A page report: the markup as it is; the popup censors it before anything is written.
    if (type === ('replypace:pageMarkup' satisfies keyof TabResponseMap)) sendResponse({ site: site.id, host: location.hostname, html: document.documentElement.outerHTML });
    if (type !== ('replypace:threadCounterparts' satisfies keyof TabResponseMap)) return;
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
