/**
 * The toolbar badge: how many clients need attention. Recounted shortly after the norms change,
 * whenever a page asks for the findings (the popup does on every opening), and by the hourly
 * check (weekly-reminder.ts).
 */
import { browser } from 'wxt/browser';
import type { Instant } from '../core/types.ts';
import { computeAttention } from '../store/attention.ts';
import { readSettings, type ReplyPaceDb } from '../store/index.ts';

const BADGE_COLOR = '#a4161a';

export interface AttentionDeps {
  db: ReplyPaceDb;
  now(): Instant;
  userTimeZone(): string;
}

export type BrowserApi = typeof browser;

/** MV3 has `action`; Firefox's MV2 build has `browserAction` with the same badge calls. */
function toolbarAction(api: BrowserApi) {
  return (api as { action?: BrowserApi['action'] }).action ?? (api as unknown as { browserAction: BrowserApi['action'] }).browserAction;
}

export async function showAttentionCount(count: number, api: BrowserApi = browser): Promise<void> {
  const action = toolbarAction(api);
  await action.setBadgeText({ text: count > 0 ? String(Math.min(count, 99)) : '' });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setTitle({ title: count > 0 ? `ReplyPace: ${count} ${count === 1 ? 'client needs' : 'clients need'} attention` : 'ReplyPace' });
}

/** Recounts the clients that need attention and shows the count on the toolbar badge. */
export async function recount(deps: AttentionDeps, api: BrowserApi) {
  const now = deps.now();
  const zone = deps.userTimeZone();
  const { settings } = await readSettings(deps.db, zone);
  const report = await computeAttention(deps.db, settings, now);
  await showAttentionCount(report.needingAttention.length, api);
  return { now, zone, settings, report };
}

/** How long after the last change of the norms the badge is recounted (before an idle worker stops). */
export const BADGE_REFRESH_DELAY_MS = 15_000;

/**
 * Recounts the badge a little after the norms change (new mail read, settings saved, erase), once
 * per burst of changes. If the worker stops first, the hourly alarm recounts it anyway.
 */
export function badgeRefresher(deps: AttentionDeps, api: BrowserApi = browser, delayMs = BADGE_REFRESH_DELAY_MS): { schedule(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        recount(deps, api).catch((error: unknown) => console.warn('ReplyPace: badge recount failed', error));
      }, delayMs);
    },
  };
}
