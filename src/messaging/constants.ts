/** Shared by both sides of the protocol; a plain module so that neither side needs zod to name it. */
export const NORMS_UPDATES_PORT = 'norms-updates';

/** The popup asks the active mail tab's content script who the open thread is with. */
export const THREAD_COUNTERPARTS_MESSAGE = 'replypace:threadCounterparts';

export interface ThreadCounterpartsAnswer {
  /** Lower-cased addresses of the other parties of the open thread (never the user's own). */
  counterparts: string[];
}

/**
 * The popup asks the active mail tab's content script for the page's markup, to censor it into a
 * page report (src/page-report/). The content script hands it over as it is: the censoring happens
 * in the popup, before anything is written, so that it costs the content script nothing.
 */
export const PAGE_MARKUP_MESSAGE = 'replypace:pageMarkup';

export interface PageMarkupAnswer {
  site: 'gmail' | 'outlook';
  /** `document.documentElement.outerHTML`, uncensored: never stored or written as it is. */
  html: string;
}
