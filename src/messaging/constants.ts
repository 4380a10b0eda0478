/** Shared by both sides of the protocol; a plain module so that neither side needs zod to name it. */
export const NORMS_UPDATES_PORT = 'norms-updates';

/** The popup asks the active mail tab's content script who the open thread is with. */
export const THREAD_COUNTERPARTS_MESSAGE = 'replypace:threadCounterparts';

export interface ThreadCounterpartsAnswer {
  /** Lower-cased addresses of the other parties of the open thread (never the user's own). */
  counterparts: string[];
}

/**
 * storage.local key of the popup's last view (src/ui/pages/popup/lastView.ts): written by the
 * popup, removed by the background whenever the settings change or all data is erased.
 */
export const POPUP_LAST_VIEW_KEY = 'popupLastView';
