/** Shared by both sides of the protocol; a plain module so that neither side needs zod to name it. */
export const NORMS_UPDATES_PORT = 'norms-updates';

/** The popup asks the active mail tab's content script who the open thread is with. */
export const THREAD_COUNTERPARTS_MESSAGE = 'replypace:threadCounterparts';

export interface ThreadCounterpartsAnswer {
  /** Lower-cased addresses of the other parties of the open thread (never the user's own). */
  counterparts: string[];
}
