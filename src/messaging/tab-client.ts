/**
 * The popup's side of its questions to the active mail tab's content script (the TabRequest part
 * of protocol.ts). Like `send`, it never throws and never hangs: no content script in the tab, an
 * orphaned one, or a slow one all come back as null after at most `timeoutMs`.
 */
import { browser } from 'wxt/browser';
import type { TabRequestType, TabResponseMap } from './protocol.ts';

/**
 * The answer as it came: the tab may run an older content script, so callers check each field
 * they use (hence `unknown` fields).
 */
export type UncheckedAnswer<T extends TabRequestType> = { [K in keyof TabResponseMap[T]]?: unknown };

export async function askTab<T extends TabRequestType>(tabId: number, type: T, timeoutMs: number): Promise<UncheckedAnswer<T> | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer: unknown = await Promise.race([
      browser.tabs.sendMessage(tabId, { type }) as Promise<unknown>,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
    ]);
    return typeof answer === 'object' && answer !== null ? (answer as UncheckedAnswer<T>) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
