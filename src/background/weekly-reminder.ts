/**
 * The opt-in weekly review reminder, on one hourly alarm that also recounts the toolbar badge
 * (toolbar-badge.ts). It recomputes the attention findings (a pass over the recent threads, so not
 * on every wake of the worker) and, when the user turned the weekly reminder on and its time has
 * come, either shows a notification (only if they turned that on and granted the permission) or
 * opens the review in a background tab.
 */
import { browser } from 'wxt/browser';
import { dueReviewSlot, resolveAttentionSettings } from '../core/attention.ts';
import { rulesForKey } from '../core/clients.ts';
import { readMeta, writeMeta } from '../store/meta.ts';
import { recount, type AttentionDeps, type BrowserApi } from './toolbar-badge.ts';

export const REVIEW_ALARM = 'replypace-review';
export const REVIEW_NOTIFICATION = 'replypace-weekly-review';
export const REVIEW_CHECK_MINUTES = 60;
/** When the last weekly reminder was shown, in the meta table. */
export const META_LAST_REVIEW = 'lastWeeklyReviewAt';

async function mayNotify(api: BrowserApi): Promise<boolean> {
  try {
    return Boolean(api.notifications) && (await api.permissions.contains({ permissions: ['notifications'] }));
  } catch {
    return false;
  }
}

/** Recomputes the badge and shows the weekly reminder when it is due. Never throws. */
export async function weeklyReminderTick(deps: AttentionDeps, api: BrowserApi = browser): Promise<void> {
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
export function startWeeklyReminder(deps: AttentionDeps, api: BrowserApi = browser): void {
  api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REVIEW_ALARM) void weeklyReminderTick(deps, api);
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
