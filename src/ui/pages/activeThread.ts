/**
 * Who the thread in the active mail tab is with, and whether the active tab is a mail page at all.
 * The popup asks the content script of that tab (the only context that can read the page); any
 * failure (not a mail tab, no thread open, an old content script) means "no card", never an error.
 * One question per popup opening answers both the client card and the page-report button.
 */
import { browser } from 'wxt/browser';
import { askTab } from '../../messaging/tab-client.ts';

/**
 * The active tab, when a ReplyPace content script answers in it. Known by its id alone: without
 * host permissions the browser does not tell the extension the tab's address, and nothing needs it.
 */
export interface MailTab {
  tabId: number;
  /** Lower-cased addresses of the other parties of the open thread (never the user's own). */
  counterparts: string[];
}

async function askActiveTab(timeoutMs: number): Promise<MailTab | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    const counterparts = (await askTab(tab.id, 'replypace:threadCounterparts', timeoutMs))?.counterparts;
    if (!Array.isArray(counterparts)) return null;
    return { tabId: tab.id, counterparts: counterparts.filter((a): a is string => typeof a === 'string') };
  } catch {
    return null;
  }
}

let asked: Promise<MailTab | null> | null = null;

/** The active mail tab, asked once per popup opening. */
export function activeMailTab(timeoutMs = 400): Promise<MailTab | null> {
  asked ??= askActiveTab(timeoutMs);
  return asked;
}

export async function activeThreadCounterparts(timeoutMs = 400): Promise<string[]> {
  return (await activeMailTab(timeoutMs))?.counterparts ?? [];
}
