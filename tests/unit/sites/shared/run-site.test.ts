// @vitest-environment happy-dom
/**
 * The site runtime with the real Gmail site, the real decision, and the background and the card
 * played by doubles: what is reported, when a nudge shows, and what each choice does to the mail.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decide } from '../../../../src/core/decide.ts';
import type { NudgeOutcome, PolicySnapshot } from '../../../../src/core/types.ts';
import type { Envelope } from '../../../../src/messaging/protocol.ts';
import { gmailSite } from '../../../../src/sites/gmail/site.ts';
import { startSite, type SendRequest } from '../../../../src/sites/shared/run-site.ts';
import type { NudgeCardProps, NudgeHandle } from '../../../../src/ui/nudge/types.ts';
import { loadGmailPage, loneClick, press } from './page-double.ts';

const MIN = 60_000;
const allDay = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);

function snapshotFor(recipients: string[]): PolicySnapshot | null {
  if (recipients.every((r) => r.endsWith('@northwind-sales.com'))) {
    return { ...base(), clientKey: 'domain:northwind-sales.com', clientName: 'Northwind', mode: 'colleague' };
  }
  return base();
}
function base(): PolicySnapshot {
  return {
    clientKey: 'client:acme',
    clientName: 'Acme',
    mode: 'account',
    schedule: { timeZone: 'UTC', week: allDay, holidays: [] },
    responseTargetMinutes: 180,
    minReplyDelayMinutes: 15,
    instantThresholdMinutes: 15,
    userTimeZone: 'UTC',
    norms: null,
    // Their message arrived two minutes ago: a reply now is instant.
    lastInboundAt: Date.now() - 2 * MIN,
    quietUntil: null,
  };
}

let controller: AbortController;
let page: ReturnType<typeof loadGmailPage>;
let requests: { type: string; [key: string]: unknown }[];
let cards: { props: NudgeCardProps; handle: NudgeHandle & { failed?: string; closed: boolean } }[];
let backgroundUp: boolean;
/** Whether the card double can be seen and holds focus (a real card checks its layout). */
let cardVisible: boolean;

const send: SendRequest = async (request) => {
  requests.push(request as never);
  if (!backgroundUp) return { ok: false, code: 'unreachable', error: 'Receiving end does not exist' } as Envelope<never>;
  switch (request.type) {
    case 'policyFor':
      return { ok: true, value: snapshotFor((request as { recipients: string[] }).recipients) } as Envelope<never>;
    case 'messagesSeen':
      return { ok: true, value: { added: 1, known: 0 } } as Envelope<never>;
    default:
      return { ok: true, value: {} } as Envelope<never>;
  }
};

function showNudge(_anchor: Element, props: NudgeCardProps): NudgeHandle {
  const element = document.createElement('replypace-nudge');
  document.body.append(element);
  const handle = {
    element,
    closed: false,
    failed: undefined as string | undefined,
    close() {
      handle.closed = true;
      element.remove();
    },
    showScheduling() {},
    isShown: () => cardVisible,
    showScheduleFailed(_at: number, label: string) {
      handle.failed = label;
    },
  };
  cards.push({ props, handle });
  return handle;
}

async function start(extra: { sentWithinMs?: number } = {}) {
  const runtime = startSite({ site: gmailSite, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0, ...extra });
  await runtime.scanNow();
  await vi.waitFor(() => expect(requests.filter((r) => r.type === 'policyFor')).toHaveLength(2));
  await new Promise((r) => setTimeout(r, 0));
  return runtime;
}

const outcomes = () => requests.filter((r) => r.type === 'outcome').map((r) => (r as unknown as { outcome: NudgeOutcome }).outcome);

beforeEach(() => {
  page = loadGmailPage();
  controller = new AbortController();
  requests = [];
  cards = [];
  backgroundUp = true;
  cardVisible = true;
});
afterEach(() => controller.abort());

describe('site runtime on a Gmail page', () => {
  it('reports the thread’s messages with the account, then asks a policy for each compose', async () => {
    await start();
    const seen = requests.find((r) => r.type === 'messagesSeen')!;
    expect(seen).toMatchObject({ site: 'gmail', account: 'sam@northwind-sales.com' });
    expect((seen.messages as unknown[]).length).toBe(3);
    expect(requests.filter((r) => r.type === 'policyFor')).toEqual([
      { type: 'policyFor', site: 'gmail', account: 'sam@northwind-sales.com', recipients: ['jana.berger@acme-corp.com'], threadId: '19e2064888002cbf' },
      { type: 'policyFor', site: 'gmail', account: 'sam@northwind-sales.com', recipients: ['kim@northwind-sales.com'], threadId: null },
    ]);
  });

  it('nudges the instant reply to the client, not the colleague', async () => {
    await start();
    press(page.sendButton(page.popup));
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['popup-2']);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.props.clientName).toBe('Acme');
    expect(cards[0]!.props.decision.reasons.map((r) => r.code)).toContain('too-fast');
  });

  it('"Send now" sends exactly once and records it', async () => {
    await start();
    press(page.sendButton(page.inline));
    cards[0]!.props.onChoice({ kind: 'send-now' });
    expect(page.sends).toEqual(['inline-1']);
    expect(outcomes()).toMatchObject([{ choice: 'sent-anyway', clientKey: 'client:acme', reasons: ['too-fast'], scheduledFor: null }]);
  });

  it('a lone click on Send is nudged like a press, and "Send now" then sends exactly once (a site that sends on click)', async () => {
    page = loadGmailPage(undefined, { sendsOn: 'click' });
    await start();
    loneClick(page.sendButton(page.inline));
    expect(page.sends).toEqual([]);
    expect(cards).toHaveLength(1);
    cards[0]!.props.onChoice({ kind: 'send-now' });
    expect(page.sends).toEqual(['inline-1']);
    loneClick(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards).toHaveLength(2);
  });

  it('"Send now" checks that the compose closed; when it did not, it says to press Send again and lets that press through', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await start({ sentWithinMs: 50 });
    press(page.sendButton(page.inline));
    // The page ignores the replayed press: nothing is sent, the compose stays.
    page.sendButton(page.inline).addEventListener('mousedown', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
    cards[0]!.props.onChoice({ kind: 'send-now' });
    expect(page.sends).toEqual([]);
    await vi.waitFor(() => expect(cards).toHaveLength(2));
    expect(cards[1]!.props.phase).toEqual({ kind: 'unsent' });
    // The user's own press goes through, untouched, exactly once.
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards).toHaveLength(2);
    expect(outcomes().map((o) => o.choice)).toEqual(['sent-anyway']);
  });

  it('"Send now" that sends (the compose closes) shows nothing more', async () => {
    page = loadGmailPage(undefined, { closeOnSend: true });
    await start({ sentWithinMs: 50 });
    press(page.sendButton(page.inline));
    cards[0]!.props.onChoice({ kind: 'send-now' });
    expect(page.sends).toEqual(['inline-1']);
    await new Promise((r) => setTimeout(r, 100));
    expect(cards).toHaveLength(1);
  });

  it('a card that cannot be seen or has no focus is closed and the send goes through', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    cardVisible = false;
    await start();
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards[0]!.handle.closed).toBe(true);
    expect(document.querySelector('replypace-nudge')).toBeNull();
  });

  it('a card that stopped being visible is replaced at the next Send, not just focused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await start();
    press(page.sendButton(page.inline));
    cardVisible = false;
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards[0]!.handle.closed).toBe(true);
  });

  it('an orphaned context (its extension updated or removed) lets Send through, closes its card and stops reading', async () => {
    let alive = true;
    const runtime = startSite({ site: gmailSite, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0, alive: () => alive });
    await runtime.scanNow();
    await vi.waitFor(() => expect(requests.filter((r) => r.type === 'policyFor')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 0));
    press(page.sendButton(page.inline));
    expect(cards).toHaveLength(1);
    alive = false;
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards[0]!.handle.closed).toBe(true);
    const asked = requests.length;
    await runtime.scanNow();
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1', 'inline-1']);
    expect(requests).toHaveLength(asked);
  });

  it('a compose opened before the account is known gets its policy within seconds once it is, on a page that stays still', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    try {
      // Gmail has not yet shown the account: no title with it, no account button.
      const title = document.title;
      document.title = 'Gmail';
      const accountButton = document.querySelector('#gb')!;
      accountButton.remove();
      const runtime = startSite({ site: gmailSite, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0 });
      await runtime.scanNow();
      await vi.advanceTimersByTimeAsync(100);
      expect(requests.filter((r) => r.type === 'policyFor')).toEqual([]);
      document.title = title;
      document.body.prepend(accountButton);
      await vi.advanceTimersByTimeAsync(100);
      // Nothing on the page changes from here on: the retry comes by itself.
      await vi.advanceTimersByTimeAsync(5_100);
      expect(requests.filter((r) => r.type === 'policyFor')).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(0);
      press(page.sendButton(page.inline));
      expect(cards).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed Schedule send leaves the draft and tells which time to set by hand', async () => {
    await start();
    press(page.sendButton(page.inline));
    const at = cards[0]!.props.decision.suggestions[0]!.at;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The fixture's chevron opens no menu: the scheduler gives up after its step timeout.
    vi.spyOn(gmailSite, 'scheduleSend').mockResolvedValueOnce({ ok: false, reason: 'the Schedule send menu item did not appear' });
    cards[0]!.props.onChoice({ kind: 'schedule', at });
    await vi.waitFor(() => expect(cards[0]!.handle.failed).toBeDefined());
    expect(cards[0]!.handle.failed).toBe(cards[0]!.props.decision.suggestions[0]!.label);
    expect(page.sends).toEqual([]);
    expect(page.inline.isConnected).toBe(true);
    expect(outcomes()).toMatchObject([{ choice: 'schedule-failed', scheduledFor: at }]);
  });

  it('"Not for this client today" sends, records the snooze, and the next reply to them is not nudged', async () => {
    await start();
    press(page.sendButton(page.inline));
    cards[0]!.props.onChoice({ kind: 'snooze-client' });
    expect(page.sends).toEqual(['inline-1']);
    expect(requests.find((r) => r.type === 'snoozeClient')).toMatchObject({ clientKey: 'client:acme' });
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1', 'inline-1']);
    expect(cards).toHaveLength(1);
  });

  it('fails open when the background is unreachable: no snapshot, no nudge, the send goes', async () => {
    backgroundUp = false;
    const runtime = startSite({ site: gmailSite, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0 });
    await runtime.scanNow();
    await new Promise((r) => setTimeout(r, 10));
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(cards).toEqual([]);
  });

  it('a recipient added after the snapshot means no decision: the send goes', async () => {
    await start();
    const chip = page.inline.querySelector('[data-hovercard-id]')!.cloneNode(true) as Element;
    chip.setAttribute('data-hovercard-id', 'new.person@acme-corp.com');
    page.inline.querySelector('[role=listbox]')!.append(chip);
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
  });

  it('closes the card when its compose goes away', async () => {
    const runtime = await start();
    press(page.sendButton(page.inline));
    page.inline.closest('.ip')!.remove();
    await runtime.scanNow();
    expect(cards[0]!.handle.closed).toBe(true);
  });
});
