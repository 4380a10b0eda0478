// @vitest-environment happy-dom
/**
 * What the site runtime tells the background about the page's health: failed message batches are
 * retried with a bounded backoff (not on every page change), unreadable times are counted once as
 * they appear, and every Schedule send's result (failed step, matched alternatives) is reported.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decide } from '../../../../src/core/decide.ts';
import type { PolicySnapshot } from '../../../../src/core/types.ts';
import type { Envelope } from '../../../../src/messaging/protocol.ts';
import { gmailSite } from '../../../../src/sites/gmail/site.ts';
import { RETRY_FIRST_MS, RETRY_MAX_MS, startSite, type SendRequest } from '../../../../src/sites/shared/run-site.ts';
import type { NudgeCardProps, NudgeHandle } from '../../../../src/ui/nudge/types.ts';
import { loadGmailPage, press } from './page-double.ts';

type Sent = { type: string; at: number; [key: string]: unknown };
let requests: Sent[];
let backgroundUp: boolean;
let controller: AbortController;
let cards: NudgeCardProps[];

const snapshot = (): PolicySnapshot => ({
  clientKey: 'client:acme',
  clientName: 'Acme',
  mode: 'account',
  schedule: { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), holidays: [] },
  responseTargetMinutes: 180,
  minReplyDelayMinutes: 15,
  instantThresholdMinutes: 15,
  userTimeZone: 'UTC',
  norms: null,
  lastInboundAt: Date.now() - 2 * 60_000,
  quietUntil: null,
});

const send: SendRequest = async (request) => {
  requests.push({ ...(request as object), at: Date.now() } as Sent);
  if (request.type === 'policyFor') return { ok: true, value: snapshot() } as Envelope<never>;
  if (!backgroundUp) return { ok: false, code: 'unreachable', error: 'Receiving end does not exist' } as Envelope<never>;
  return { ok: true, value: {} } as Envelope<never>;
};

function showNudge(_anchor: Element, props: NudgeCardProps): NudgeHandle {
  cards.push(props);
  const element = document.createElement('replypace-nudge');
  return { element, close() {}, showScheduling() {}, showScheduleFailed() {}, isShown: () => true };
}

/** A scan waits for an idle moment: with `scanDelayMs: 0`, one timer tick. */
const SCAN_TICK_MS = 1;
const seen = () => requests.filter((r) => r.type === 'messagesSeen');
const start = () => startSite({ site: gmailSite, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0 });
/** A change of the page, as Gmail makes many: the runtime scans after it. */
async function pageChanges() {
  document.body.append(document.createElement('div'));
  await vi.advanceTimersByTimeAsync(1);
}

beforeEach(() => {
  requests = [];
  cards = [];
  backgroundUp = true;
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('failed message batches back off', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    loadGmailPage();
  });

  it('waits before trying again, doubles the wait up to a bound, and resets it once stored', async () => {
    backgroundUp = false;
    await start().scanNow();
    expect(seen()).toHaveLength(1);

    // The page keeps changing: nothing is asked again before the wait is over.
    for (let i = 0; i < 5; i++) await pageChanges();
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS - 10);
    expect(seen()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen()).toHaveLength(2);
    expect(seen()[1]!.messages).toEqual(seen()[0]!.messages);

    // Still down: each wait doubles, and never exceeds the bound.
    await vi.advanceTimersByTimeAsync(2 * RETRY_MAX_MS * 12);
    // Each gap is the wait plus the scan's own idle delay (a timer tick).
    const waits = seen().slice(1).map((r, i) => r.at - seen()[i]!.at - SCAN_TICK_MS);
    expect(waits.slice(0, 4)).toEqual([RETRY_FIRST_MS, 2 * RETRY_FIRST_MS, 4 * RETRY_FIRST_MS, 8 * RETRY_FIRST_MS]);
    expect(Math.max(...waits)).toBe(RETRY_MAX_MS);
    expect(waits.at(-1)).toBe(RETRY_MAX_MS);

    // Back up: the next retry stores the batch, and later changes send nothing already stored.
    backgroundUp = true;
    const before = seen().length;
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS + SCAN_TICK_MS);
    expect(seen()).toHaveLength(before + 1);
    await pageChanges();
    expect(seen()).toHaveLength(before + 1);

    // A new failure starts again from the first wait.
    backgroundUp = false;
    const row = document.querySelector('[role=listitem]')!.cloneNode(true) as Element;
    row.querySelector('[data-legacy-message-id]')!.setAttribute('data-legacy-message-id', '19e223a32e002cc0');
    row.querySelector('[data-legacy-message-id]')!.removeAttribute('data-message-id');
    document.querySelector('[role=list]')!.append(row);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen()).toHaveLength(before + 2);
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS - SCAN_TICK_MS);
    expect(seen()).toHaveLength(before + 2);
    await vi.advanceTimersByTimeAsync(2 * SCAN_TICK_MS);
    expect(seen()).toHaveLength(before + 3);
  });

  it('stops retrying when the page goes away', async () => {
    backgroundUp = false;
    await start().scanNow();
    controller.abort();
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS * 2);
    expect(seen()).toHaveLength(1);
  });
});

describe('unreadable times reach the background', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    loadGmailPage('2026-11-thread-three-languages.html');
  });

  it('counts a message whose time cannot be read once while it stays on the page, and again when it comes back', async () => {
    await start().scanNow();
    expect(seen()).toHaveLength(1);
    expect(seen()[0]).toMatchObject({ site: 'gmail', account: 'sam@northwind-sales.com', unreadableTimes: 1 });
    await pageChanges();
    await pageChanges();
    expect(seen()).toHaveLength(1);

    const unreadable = document.querySelector('[data-legacy-message-id="0000423456789abc"]')!.closest('[role=listitem]')!;
    const list = unreadable.parentElement!;
    unreadable.remove();
    await vi.advanceTimersByTimeAsync(1);
    list.append(unreadable);
    await vi.advanceTimersByTimeAsync(1);
    // Nothing new to store, but the count is sent on its own.
    expect(seen()).toHaveLength(2);
    expect(seen()[1]).toMatchObject({ messages: [], unreadableTimes: 1 });
  });

  it('keeps the count through a failed request and sends it with the retry', async () => {
    backgroundUp = false;
    await start().scanNow();
    backgroundUp = true;
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS + SCAN_TICK_MS);
    expect(seen().map((r) => r.unreadableTimes)).toEqual([1, 1]);
    await pageChanges();
    expect(seen()).toHaveLength(2);
  });
});

describe('Schedule send results reach the background', () => {
  beforeEach(() => loadGmailPage());

  it('reports the failed step, its reason and which alternatives matched; and a success with its matches', async () => {
    const page = loadGmailPage();
    const runtime = start();
    await runtime.scanNow();
    await vi.waitFor(() => expect(requests.filter((r) => r.type === 'policyFor')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 0));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const schedule = vi.spyOn(gmailSite, 'scheduleSend');
    schedule.mockResolvedValueOnce({ ok: false, step: 'picker-confirm', reason: 'the picker has no confirm button', matched: { 'menu-item': 0, picker: 1 } });
    press(page.sendButton(page.inline));
    const at = cards[0]!.decision.suggestions[0]!.at;
    cards[0]!.onChoice({ kind: 'schedule', at });
    await vi.waitFor(() => expect(requests.some((r) => r.type === 'scheduleResult')).toBe(true));
    schedule.mockResolvedValueOnce({ ok: true, matched: { 'menu-item': 1 } });
    cards[0]!.onChoice({ kind: 'schedule', at });
    await vi.waitFor(() => expect(requests.filter((r) => r.type === 'scheduleResult')).toHaveLength(2));
    expect(requests.filter((r) => r.type === 'scheduleResult').map(({ at: _at, ...r }) => r)).toEqual([
      { type: 'scheduleResult', site: 'gmail', ok: false, step: 'picker-confirm', reason: 'the picker has no confirm button', matched: { 'menu-item': 0, picker: 1 } },
      { type: 'scheduleResult', site: 'gmail', ok: true, matched: { 'menu-item': 1 } },
    ]);
  });
});
