/**
 * How the popup's two scripts meet. The first script (entrypoints/popup-start.ts, a classic script
 * packaged as one file) runs as soon as it has loaded, asks the background and paints the last
 * view; the rest of the popup (entrypoints/popup/main.ts, a module with Preact) is loaded by the
 * browser at the same time and may be ready before or after that first paint. Whichever comes
 * second finds the other here, on the page's window:
 *
 * - the first script marks the window as started (`firstScriptStarted`), so the rest never starts
 *   the popup a second time, and asks for the rest once its paint is on screen (`whenRestLoaded`);
 * - the rest offers its mount function (`offerRest`), taken at once when the first script is
 *   already waiting, kept for it otherwise.
 *
 * Where the first script did not run (its file failed to load), the rest starts the popup itself.
 */
import type { EarlyLoad } from './start.ts';

export interface PopupRest {
  mountPopup(root: HTMLElement, early: EarlyLoad): void;
}

/** The window property both scripts use; nothing else in the popup page touches it. */
const HANDOFF_KEY = '__replypacePopup';

interface Handoff {
  rest?: PopupRest;
  waiting?: (rest: PopupRest) => void;
}

type WithHandoff = { [HANDOFF_KEY]?: Handoff };

/** The page's handoff, made on first use. */
function sharedOf(scope: object): Handoff {
  return ((scope as WithHandoff)[HANDOFF_KEY] ??= {});
}

/** Called by the first script before anything else: the rest now knows not to start the popup itself. */
export function firstScriptStarted(scope: object = globalThis): void {
  sharedOf(scope);
}

/** Whether the first script has run in this page. */
export function wasStarted(scope: object = globalThis): boolean {
  return (scope as WithHandoff)[HANDOFF_KEY] !== undefined;
}

/** The rest of the popup, once its module has run (at once if it already has). */
export function whenRestLoaded(scope: object = globalThis): Promise<PopupRest> {
  const shared = sharedOf(scope);
  if (shared.rest) return Promise.resolve(shared.rest);
  return new Promise((resolve) => {
    shared.waiting = resolve;
  });
}

/** Called by the rest of the popup once loaded: handed to the first script, now or when it asks. */
export function offerRest(rest: PopupRest, scope: object = globalThis): void {
  const shared = sharedOf(scope);
  if (shared.waiting) {
    const waiting = shared.waiting;
    shared.waiting = undefined;
    waiting(rest);
  } else {
    shared.rest = rest;
  }
}

/**
 * What the rest of the popup does once its module has run (entrypoints/popup/main.ts): hands
 * itself to the first script, or, where that script never ran, mounts at once, drawing the last
 * view in its first render and asking the background itself.
 */
export function restLoaded(root: HTMLElement, rest: PopupRest & { readLastView(): EarlyLoad['lastView'] }, scope: object = globalThis): void {
  if (wasStarted(scope)) offerRest(rest, scope);
  else rest.mountPopup(root, { lastView: rest.readLastView(), popupData: null });
}
