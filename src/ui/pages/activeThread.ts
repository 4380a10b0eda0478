/**
 * Who the thread in the active mail tab is with. The popup asks the content script of that tab
 * (the only context that can read the page); any failure (not a mail tab, no thread open, an old
 * content script) means "no card", never an error.
 */
import { browser } from 'wxt/browser';
import { THREAD_COUNTERPARTS_MESSAGE, type ThreadCounterpartsAnswer } from '../../messaging/constants.ts';


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
