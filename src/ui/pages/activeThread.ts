/**
 * Who the thread in the active mail tab is with. The popup asks the content script of that tab
 * (the only context that can read the page); any failure (not a mail tab, no thread open, an old
 * content script) means "no card", never an error.
 */
import { browser } from 'wxt/browser';

/** The message the popup sends to the active tab's content script. */
export const THREAD_COUNTERPARTS_MESSAGE = 'replypace:threadCounterparts';

export interface ThreadCounterpartsAnswer {
  /** Lower-cased addresses of the other parties of the open thread (never the user's own). */
  counterparts: string[];
}

export async function activeThreadCounterparts(timeoutMs = 400): Promise<string[]> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return [];
    const answer = await Promise.race([
      browser.tabs.sendMessage(tab.id, { type: THREAD_COUNTERPARTS_MESSAGE }) as Promise<unknown>,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    const counterparts = (answer as Partial<ThreadCounterpartsAnswer> | null)?.counterparts;
    return Array.isArray(counterparts) ? counterparts.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}
