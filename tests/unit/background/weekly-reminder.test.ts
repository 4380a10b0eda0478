import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import { DEFAULT_ATTENTION, dueReviewSlot, latestReviewSlot, type AttentionSettings } from '../../../src/core/attention.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import { META_LAST_REVIEW, REVIEW_ALARM, REVIEW_NOTIFICATION, weeklyReminderTick, startWeeklyReminder } from '../../../src/background/weekly-reminder.ts';
import { ingestMessages, openDatabase, recordOutcome, writeSettings, type ReplyPaceDb } from '../../../src/store/index.ts';
import { readMeta } from '../../../src/store/meta.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 9:30 in Sydney. */
const NOW = Date.parse('2026-03-15T22:30:00Z');
const api = fakeBrowser as unknown as typeof browser;

describe('when the weekly review is due (user’s own zone)', () => {
  it('finds the latest Monday 9:00, this week or last', () => {
    expect(latestReviewSlot(NOW, 1, 9, 'Australia/Sydney')).toBe(Date.parse('2026-03-15T22:00:00Z'));
    expect(latestReviewSlot(NOW, 1, 10, 'Australia/Sydney')).toBe(Date.parse('2026-03-08T23:00:00Z')); // a week earlier, and still daylight time
    expect(latestReviewSlot(NOW, 5, 16, 'Australia/Sydney')).toBe(Date.parse('2026-03-13T05:00:00Z'));
  });

  it('reminds once per slot, never when off, and skips a reminder missed by more than a day', () => {
    const on: AttentionSettings = { ...DEFAULT_ATTENTION, weeklyReview: true };
    const slot = Date.parse('2026-03-15T22:00:00Z');
    expect(dueReviewSlot(DEFAULT_ATTENTION, null, NOW, 'Australia/Sydney')).toBeNull();
    expect(dueReviewSlot(on, null, NOW, 'Australia/Sydney')).toBe(slot);
    expect(dueReviewSlot(on, slot + 60_000, NOW, 'Australia/Sydney')).toBeNull();
    expect(dueReviewSlot(on, slot - 7 * DAY, NOW + 2 * DAY, 'Australia/Sydney')).toBeNull();
  });
});

describe('badge and reminder in the background', () => {
  let db: ReplyPaceDb;
  let now = NOW;
  const deps = () => ({ db, now: () => now, userTimeZone: () => 'Australia/Sydney' });

  async function seedNeglectedClient(attention: Partial<AttentionSettings> = {}) {
    const settings = { ...defaultSettings('Australia/Sydney'), attention: { ...DEFAULT_ATTENTION, ...attention } };
    await writeSettings(db, settings);
    const messages = [];
    for (let i = 0; i < 6; i++) {
      const at = NOW - (i + 3) * DAY;
      messages.push({ id: `in-${i}`, threadId: `t-${i}`, from: 'bob@acme.com', to: ['me@mine.com'], at });
      // Two hours: well inside the 4 h promise, not so fast that the popup's rule flags it too.
      messages.push({ id: `out-${i}`, threadId: `t-${i}`, from: 'me@mine.com', to: ['bob@acme.com'], at: at + 2 * HOUR });
    }
    messages.push({ id: 'waiting', threadId: 't-w', from: 'bob@acme.com', to: ['me@mine.com'], at: NOW - 3 * DAY });
    await ingestMessages(db, 'gmail', 'me@mine.com', messages, settings, NOW);
  }

  beforeEach(() => {
    fakeBrowser.reset();
    db = openDatabase(`review-${Math.random()}`);
    now = NOW;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });

  it('shows how many clients need attention on the toolbar icon, and clears it when none do', async () => {
    await seedNeglectedClient();
    await weeklyReminderTick(deps(), api);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe('ReplyPace: 1 client needs attention');

    await recordOutcome(db, { site: 'gmail', clientKey: 'domain:acme.com', at: NOW - DAY, choice: 'sent-anyway', reasons: [], scheduledFor: null });
    await ingestMessages(db, 'gmail', 'me@mine.com', [{ id: 'answer', threadId: 't-w', from: 'me@mine.com', to: ['bob@acme.com'], at: NOW }], defaultSettings('Australia/Sydney'), NOW);
    await weeklyReminderTick(deps(), api);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('does nothing visible beyond the badge while the weekly reminder is off', async () => {
    await seedNeglectedClient();
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await weeklyReminderTick(deps(), api);
    expect(opened).not.toHaveBeenCalled();
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('opens the review in a background tab once when the reminder is on and its hour has come', async () => {
    await seedNeglectedClient({ weeklyReview: true });
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await weeklyReminderTick(deps(), api);
    expect(opened).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/report.html', active: false });
    expect(await readMeta(db, META_LAST_REVIEW)).toBe(NOW);
    now = NOW + HOUR;
    await weeklyReminderTick(deps(), api);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('shows a notification instead when the user turned it on and granted the permission', async () => {
    await seedNeglectedClient({ weeklyReview: true, weeklyReviewNotify: true });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await weeklyReminderTick(deps(), api);
    expect(opened).not.toHaveBeenCalled();
    expect(fakeBrowser.notifications.getAllCreateOptions()[REVIEW_NOTIFICATION]).toMatchObject({
      title: 'Weekly client review',
      message: '1 client needs attention: acme.com',
    });
  });

  it("counts in the notification every client the badge counts, not only those with findings", async () => {
    await seedNeglectedClient({ weeklyReview: true, weeklyReviewNotify: true });
    // Replies within a minute, five times: "training them too fast", a status without a finding.
    const instant = Array.from({ length: 5 }, (_, i) => {
      const at = NOW - (i + 3) * DAY;
      return [
        { id: `fast-in-${i}`, threadId: `fast-${i}`, from: 'ann@fastco.com', to: ['me@mine.com'], at },
        { id: `fast-out-${i}`, threadId: `fast-${i}`, from: 'me@mine.com', to: ['ann@fastco.com'], at: at + 60_000 },
      ];
    }).flat();
    await ingestMessages(db, 'gmail', 'me@mine.com', instant, defaultSettings('Australia/Sydney'), NOW);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    await weeklyReminderTick(deps(), api);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(fakeBrowser.notifications.getAllCreateOptions()[REVIEW_NOTIFICATION]).toMatchObject({ message: '2 clients need attention: acme.com, fastco.com' });
  });

  it('falls back to the tab when the permission was taken back', async () => {
    await seedNeglectedClient({ weeklyReview: true, weeklyReviewNotify: true });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await weeklyReminderTick(deps(), api);
    expect(opened).toHaveBeenCalledTimes(1);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('keeps one hourly alarm across worker restarts, and runs the check when it fires', async () => {
    await seedNeglectedClient();
    startWeeklyReminder(deps(), api);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REVIEW_ALARM)).toBeTruthy());
    const first = await fakeBrowser.alarms.get(REVIEW_ALARM);
    expect(first?.periodInMinutes).toBe(60);
    startWeeklyReminder(deps(), api);
    await new Promise((done) => setTimeout(done, 20));
    expect((await fakeBrowser.alarms.getAll()).filter((a) => a.name === REVIEW_ALARM)).toEqual([first]);

    await fakeBrowser.alarms.onAlarm.trigger(first!);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
  });
});
