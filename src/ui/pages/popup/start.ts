/**
 * The popup's first script (built alone as popup-start.js, entrypoints/popup-start.ts), kept small
 * (no Preact, no webextension polyfill, no ranking): it asks the background for the settings and
 * norms, paints the last view at once (firstPaint.ts), and only after that first paint mounts the
 * rest of the popup (mountPopup.tsx, which the browser loads meanwhile: handoff.ts), which takes
 * over the painted rows. A popup opened again thus shows its rows at about the cost of a blank
 * extension page. Without a last view there is nothing to paint first, and the rest mounts as soon
 * as it has loaded.
 */
import type { Envelope, ResponseMap } from '../../../messaging/protocol.ts';
import { nativeRuntime, sendThrough } from '../../../messaging/sendThrough.ts';
import { localPagesRevision } from '../pagesRevision.ts';
import { PAGE_TIMEOUT_MS } from '../timeouts.ts';
import { afterNextPaint } from './afterPaint.ts';
import { lastViewNodes } from './firstPaint.ts';
import { localLastView, type LastView } from './lastView.ts';
import { POPUP_ASK_MARK, POPUP_READY_MARK } from './marks.ts';

/** What the first script read and asked for, handed to the rest of the popup. */
export interface EarlyLoad {
  lastView: LastView | null;
  /** The settings and norms, asked before anything else; null where the runtime cannot be reached. */
  popupData: Promise<Envelope<ResponseMap['popupData']>> | null;
}

export type LoadPopup = () => Promise<{ mountPopup(root: HTMLElement, early: EarlyLoad): void }>;

export function startPopup(root: HTMLElement, loadPopup: LoadPopup): void {
  performance.mark(POPUP_ASK_MARK);
  const runtime = nativeRuntime();
  // Sent past api.ts's `ask`, so the revision it carries is learned here, as `ask` would (pagesRevision.ts).
  const popupData = runtime
    ? sendThrough(runtime, { type: 'popupData' }, { timeoutMs: PAGE_TIMEOUT_MS }).then((answer) => {
        localPagesRevision.learned(answer.revision);
        return answer;
      })
    : null;
  const lastView = localLastView.read();
  const painted = lastView ? lastViewNodes(lastView, Date.now()) : null;
  if (painted !== null) {
    root.replaceChildren(painted);
    // Its controls answer once the popup has taken over (mountPopup removes this).
    root.setAttribute('aria-busy', 'true');
  }
  const load = () =>
    loadPopup().then(
      ({ mountPopup }) => mountPopup(root, { lastView, popupData }),
      (error: unknown) => console.error('[ReplyPace] the popup could not load:', error),
    );
  if (painted === null) {
    // Nothing painted to wait for: the popup draws everything itself.
    void load();
    return;
  }
  afterNextPaint(() => {
    performance.mark(POPUP_READY_MARK);
    void load();
  });
}
