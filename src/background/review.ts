/**
 * The toolbar badge (how many clients need attention) and the opt-in weekly review reminder.
 *
 * One alarm, hourly: it recomputes the attention findings (a pass over the recent threads, so not
 * on every wake of the worker) and, when the user turned the weekly reminder on and its time has
 * come, either shows a notification (only if they turned that on and granted the permission) or
 * opens the review in a background tab. The badge is also recounted shortly after the norms
 * change, and whenever a page asks for the findings (the popup does on every opening).
 */
import { browser } from 'wxt/browser';
import { dueReviewSlot, resolveAttentionSettings } from '../core/attention.ts';
import type { Instant } from '../core/types.ts';
import { readSettings, type ReplyPaceDb } from '../store/index.ts';
import { computeAttention, readMeta, rulesForKey, writeMeta } from '../store/review.ts';

export const REVIEW_ALARM = 'replypace-review';
export const REVIEW_NOTIFICATION = 'replypace-weekly-review';
export const REVIEW_CHECK_MINUTES = 60;
/** When the last weekly reminder was shown, in the meta table. */
export const META_LAST_REVIEW = 'lastWeeklyReviewAt';
const BADGE_COLOR = '#a4161a';

export interface ReviewDeps {
  db: ReplyPaceDb;
  now(): Instant;
  userTimeZone(): string;
}

type ReviewBrowser = typeof browser;

/** MV3 has `action`; Firefox's MV2 build has `browserAction` with the same badge calls. */
function toolbarAction(api: ReviewBrowser) {
  return (api as { action?: ReviewBrowser['action'] }).action ?? (api as unknown as { browserAction: ReviewBrowser['action'] }).browserAction;
}

export async function showAttentionCount(count: number, api: ReviewBrowser = browser): Promise<void> {
  const action = toolbarAction(api);
  await action.setBadgeText({ text: count > 0 ? String(Math.min(count, 99)) : '' });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setTitle({ title: count > 0 ? `ReplyPace: ${count} ${count === 1 ? 'client needs' : 'clients need'} attention` : 'ReplyPace' });
}

async function mayNotify(api: ReviewBrowser): Promise<boolean> {
  try {
    return Boolean(api.notifications) && (await api.permissions.contains({ permissions: ['notifications'] }));
  } catch {
    return false;
  }
}

/** Recounts the clients that need attention and shows the count on the toolbar badge. */
async function recount(deps: ReviewDeps, api: ReviewBrowser) {
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
export function badgeRefresher(deps: ReviewDeps, api: ReviewBrowser = browser, delayMs = BADGE_REFRESH_DELAY_MS): { schedule(): void } {
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

/** Recomputes the badge and shows the weekly reminder when it is due. Never throws. */
export async function reviewTick(deps: ReviewDeps, api: ReviewBrowser = browser): Promise<void> {
  try {
    const { now, zone, settings, report } = await recount(deps, api);

    const attention = resolveAttentionSettings(settings.attention);
    const last = await readMeta(deps.db, META_LAST_REVIEW);
    const slot = dueReviewSlot(attention, typeof last === 'number' ? last : null, now, zone);
    if (slot === null) return;
    await writeMeta(deps.db, META_LAST_REVIEW, now);
    const url = api.runtime.getURL('/report.html');
    if (attention.weeklyReviewNotify && (await mayNotify(api))) {
      // The badge's count and clients (findings or norms status), the most pressing findings first.
      const names = [
        ...report.clients.filter((c) => report.needingAttention.includes(c.clientKey)).map((c) => c.name),
        ...report.needingAttention.filter((key) => !report.clients.some((c) => c.clientKey === key)).map((key) => rulesForKey(settings, key).name),
      ];
      const count = names.length;
      await api.notifications.create(REVIEW_NOTIFICATION, {
        type: 'basic',
        iconUrl: api.runtime.getURL('/icon/128.png'),
        title: 'Weekly client review',
        message:
          count > 0
            ? `${count} ${count === 1 ? 'client needs' : 'clients need'} attention: ${names.slice(0, 3).join(', ')}${count > 3 ? '…' : ''}`
            : 'Nothing needs attention this week. Open the review to see every client.',
      });
    } else {
      await api.tabs.create({ url, active: false });
    }
  } catch (error) {
    // The badge and the reminder are a convenience: a failure waits for the next hour.
    console.warn('ReplyPace: weekly review check failed', error);
  }
}

/** Starts the hourly check; called once from the background's setup. */
export function startReview(deps: ReviewDeps, api: ReviewBrowser = browser): void {
  api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REVIEW_ALARM) void reviewTick(deps, api);
  });
  void (async () => {
    // Creating an alarm again would push its next run back: only create it when missing.
    const existing = await api.alarms.get(REVIEW_ALARM);
    if (!existing) await api.alarms.create(REVIEW_ALARM, { delayInMinutes: 1, periodInMinutes: REVIEW_CHECK_MINUTES });
  })().catch(() => undefined);
  // The notifications API exists only once its optional permission is granted.
  api.notifications?.onClicked.addListener((id) => {
    if (id === REVIEW_NOTIFICATION) {
      void api.tabs.create({ url: api.runtime.getURL('/report.html') });
      void api.notifications.clear(id);
    }
  });
}
