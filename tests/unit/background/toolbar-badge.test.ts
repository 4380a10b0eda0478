import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import { badgeRefresher, BADGE_REFRESH_DELAY_MS } from '../../../src/background/toolbar-badge.ts';
import { extensionPage, testServer } from './test-server.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { AttentionReport } from '../../../src/core/attention.ts';
import { ingestMessages, openDatabase, writeSettings, type ReplyPaceDb } from '../../../src/store/index.ts';

// The toolbar badge counts the clients that need attention. Besides the hourly alarm, it is
// recounted shortly after the norms change and whenever a page asks for the findings.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const ME = 'me@mine.com';
const popup = extensionPage('popup.html');
const api = fakeBrowser as unknown as typeof browser;

let db: ReplyPaceDb;
let settings: Settings;

/** Five instant replies to fastco.com: "training them too fast", so one client needs attention. */
function instantReplies() {
  return Array.from({ length: 5 }, (_, i) => {
    const at = NOW - (i + 2) * DAY;
    return [
      { id: `in-${i}`, threadId: `t-${i}`, from: 'bob@fastco.com', to: [ME], at },
      { id: `out-${i}`, threadId: `t-${i}`, from: ME, to: ['bob@fastco.com'], at: at + 60_000 },
    ];
  }).flat();
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`badge-${Math.random()}`);
  settings = defaultSettings('Europe/London');
  settings.me = { addresses: [ME], ownDomains: ['mine.com'] };
  await writeSettings(db, settings);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

describe('the toolbar badge', () => {
  it('is recounted once, a little after a burst of norm changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const refresher = badgeRefresher({ db, now: () => NOW, userTimeZone: () => 'Europe/London' }, api);
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await ingestMessages(db, 'gmail', ME, instantReplies(), settings, NOW);
    refresher.schedule();
    refresher.schedule();
    await vi.advanceTimersByTimeAsync(BADGE_REFRESH_DELAY_MS - 1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    refresher.schedule();
    await vi.advanceTimersByTimeAsync(BADGE_REFRESH_DELAY_MS);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    expect(setBadgeText).toHaveBeenCalledTimes(1);
  });

  it('hears every attention report the popup asks for', async () => {
    await ingestMessages(db, 'gmail', ME, instantReplies(), settings, NOW);
    const heard: AttentionReport[] = [];
    const server = testServer(db, { now: () => NOW, userTimeZone: () => 'Europe/London', onAttention: (report) => heard.push(report) });
    const answer = await server.handle({ type: 'attention' }, popup);
    expect(answer).toMatchObject({ ok: true, value: { needingAttention: ['domain:fastco.com'] } });
    expect(heard.map((r) => r.needingAttention)).toEqual([['domain:fastco.com']]);
  });
});
