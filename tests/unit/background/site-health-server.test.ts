import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseMap } from '../../../src/messaging/protocol.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { META_SITE_HEALTH } from '../../../src/store/health.ts';
import { extensionPage, gmailTab, outlookTab, testServer, WEDNESDAY_NOON, type TestServer } from './test-server.ts';

// The background's site-health counters, through the protocol as the content scripts and the popup
// use it: per site, per week (the user's zone), reset by "Erase all".
const DAY = 86_400_000;
// Wednesday 17 June 2026, 12:00 UTC: its week starts on Monday the 15th.
const WEDNESDAY = WEDNESDAY_NOON;

const popup = extensionPage('popup.html');

let db: ReplyPaceDb;
let now: number;
let zone: string;
let server: TestServer;

beforeEach(() => {
  db = openDatabase(`health-${Math.random()}`);
  now = WEDNESDAY;
  zone = 'UTC';
  server = testServer(db, { now: () => now, userTimeZone: () => zone });
});
afterEach(async () => {
  await db.delete();
});

async function health(): Promise<ResponseMap['siteHealth']> {
  const answer = await server.handle({ type: 'siteHealth' }, popup);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as ResponseMap['siteHealth'];
}

const failed = (step: string, reason: string, matched?: Record<string, number>) => ({ type: 'scheduleResult', site: 'gmail', ok: false, step, reason, matched });

describe('site health in the background', () => {
  it('counts failed Schedule send steps with their latest reason, and which alternative matched', async () => {
    await server.handle(failed('picker-confirm', 'the picker has no confirm button', { 'menu-item': 0, picker: 1 }), gmailTab);
    await server.handle(failed('picker-confirm', 'the picker confirm did not close the compose', { 'menu-item': 0 }), gmailTab);
    await server.handle({ type: 'scheduleResult', site: 'gmail', ok: true, matched: { 'menu-item': 1 } }, gmailTab);
    const answer = await health();
    expect(answer.thisWeek).toBe('2026-06-15');
    expect(answer.weeks['2026-06-15']?.gmail).toEqual({
      schedules: { ok: 1, failed: 2 },
      failedSteps: { 'picker-confirm': { count: 2, reason: 'the picker confirm did not close the compose' } },
      matched: { 'menu-item': { 0: 2, 1: 1 }, picker: { 1: 1 } },
      unreadable: 0,
    });
    expect(answer.weeks['2026-06-15']?.outlook).toBeUndefined();
  });

  it('counts unreadable times per site from messagesSeen, even with no readable message', async () => {
    const seen = { type: 'messagesSeen', site: 'outlook', account: 'me@mine.com', messages: [], unreadableTimes: 4 };
    expect(await server.handle(seen, outlookTab)).toMatchObject({ ok: true });
    expect(await server.handle({ ...seen, unreadableTimes: 1 }, outlookTab)).toMatchObject({ ok: true });
    expect((await health()).weeks['2026-06-15']).toEqual({ outlook: expect.objectContaining({ unreadable: 5 }) });
  });

  it('starts a new week on Monday in the user’s zone, and keeps eight weeks', async () => {
    await server.handle(failed('menu-item', 'no menu item'), gmailTab);
    // Sunday 21 June, 23:30 in Auckland is already Monday 22 June there: a new week.
    zone = 'Pacific/Auckland';
    now = Date.UTC(2026, 5, 21, 12);
    await server.handle(failed('menu-item', 'no menu item'), gmailTab);
    let answer = await health();
    expect(answer.thisWeek).toBe('2026-06-22');
    expect(Object.keys(answer.weeks).sort()).toEqual(['2026-06-15', '2026-06-22']);
    for (let week = 1; week <= 8; week++) {
      now += 7 * DAY;
      await server.handle(failed('menu-item', 'no menu item'), gmailTab);
    }
    answer = await health();
    expect(Object.keys(answer.weeks)).toHaveLength(8);
    expect(answer.weeks['2026-06-15']).toBeUndefined();
    expect(answer.weeks[answer.thisWeek]?.gmail?.failedSteps['menu-item']?.count).toBe(1);
  });

  it('takes any code-word step name and a long reason (shortened), so that a count is not lost', async () => {
    await server.handle(failed('pickerConfirm', 'x'.repeat(2000)), gmailTab);
    const steps = (await health()).weeks['2026-06-15']?.gmail?.failedSteps;
    expect(steps?.pickerConfirm?.count).toBe(1);
    expect(steps?.pickerConfirm?.reason.length).toBeLessThanOrEqual(200);
  });

  it('refuses page text where a step name belongs, and keeps the counters from content scripts', async () => {
    const answer = await server.handle(failed('Schedule send menu item', 'x'), gmailTab);
    expect(answer).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await server.handle({ type: 'siteHealth' }, gmailTab)).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await health()).weeks).toEqual({});
  });

  it('reads a damaged record as empty and counts on from there', async () => {
    await db.meta.put({ key: META_SITE_HEALTH, value: { weeks: 'garbage' } });
    await server.handle(failed('menu-item', 'no menu item'), gmailTab);
    expect((await health()).weeks['2026-06-15']?.gmail?.schedules.failed).toBe(1);
  });

  it('is erased with everything else', async () => {
    await server.handle(failed('menu-item', 'no menu item'), gmailTab);
    await server.handle({ type: 'eraseAll' }, popup);
    expect((await health()).weeks).toEqual({});
  });
});
