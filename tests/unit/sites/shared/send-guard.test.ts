// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Decision } from '../../../../src/core/types.ts';
import { gmailSite } from '../../../../src/sites/gmail/site.ts';
import { installSendGuard, type SendGuard } from '../../../../src/sites/shared/send-guard.ts';
import { hold, key, loadGmailPage, loneClick, press, type SendsOn } from './page-double.ts';

const NUDGE: Decision = { kind: 'nudge', reasons: [{ code: 'outside-hours', text: 'It is 23:10 for Acme.' }], headline: 'It is late for Acme.', suggestions: [{ at: Date.now() + 3_600_000, label: 'Tomorrow 9:00' }] };
const SEND: Decision = { kind: 'send', why: 'fine' };

let controller: AbortController;
let page: ReturnType<typeof loadGmailPage>;
let decision: Decision | null;
let decideFor: ReturnType<typeof vi.fn>;
let onNudge: ReturnType<typeof vi.fn>;
let guard: SendGuard;

function install(sendsOn: SendsOn = 'mousedown') {
  controller?.abort();
  page = loadGmailPage(undefined, { sendsOn });
  controller = new AbortController();
  guard = installSendGuard({ site: gmailSite, doc: document, signal: controller.signal, decideFor: decideFor as never, onNudge: onNudge as never });
}

beforeEach(() => {
  page = loadGmailPage();
  controller = new AbortController();
  decision = NUDGE;
  decideFor = vi.fn(() => decision);
  onNudge = vi.fn();
  guard = installSendGuard({ site: gmailSite, doc: document, signal: controller.signal, decideFor: decideFor as never, onNudge: onNudge as never });
});
afterEach(() => controller.abort());

describe('send guard: pointer gestures on Send', () => {
  it('lets a send through untouched when the decision is send', () => {
    decision = SEND;
    const events = press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(events.every((e) => !e.defaultPrevented)).toBe(true);
    expect(page.reached).toEqual(['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'].map((t) => `inline-1:${t}`));
    expect(onNudge).not.toHaveBeenCalled();
  });

  it('stops the whole gesture (down, up and click) and shows the nudge once when the decision is nudge', () => {
    const events = press(page.sendButton(page.inline));
    expect(page.sends).toEqual([]);
    expect(page.reached).toEqual([]);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(onNudge).toHaveBeenCalledTimes(1);
    expect(onNudge.mock.calls[0]![0]).toBe(page.inline);
    // The mousedown of the same gesture reuses the pointerdown's verdict: one decision per gesture.
    expect(decideFor).toHaveBeenCalledTimes(1);
  });

  it('stops a gesture that starts with mousedown alone (no pointer events)', () => {
    const button = page.sendButton(page.inline);
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0, detail: 1 });
    button.dispatchEvent(down);
    button.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, button: 0, detail: 1 }));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, detail: 1 }));
    expect(down.defaultPrevented).toBe(true);
    expect(page.sends).toEqual([]);
    expect(page.reached).toEqual([]);
  });

  it('decides per compose: a colleague pop-up sends while the client reply is held', () => {
    decideFor.mockImplementation((compose: HTMLElement) => (compose === page.inline ? NUDGE : SEND));
    press(page.sendButton(page.popup));
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['popup-2']);
  });

  it('ignores other buttons and right clicks', () => {
    press(page.sendButton(page.inline), { button: 2 });
    press(page.inline.querySelector('.hG')!);
    expect(decideFor).not.toHaveBeenCalled();
    expect(page.reached).toContain('inline-1:pointerdown');
  });
});

describe.each(['mousedown', 'click'] as const)('send guard on a site that sends on %s', (sendsOn) => {
  beforeEach(() => install(sendsOn));

  it('holds a whole press on Send when the decision is nudge, and lets it through when it is send', () => {
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual([]);
    decision = SEND;
    press(page.sendButton(page.popup));
    expect(page.sends).toEqual(['popup-2']);
  });

  it('decides on a lone click on Send (assistive technology, a scripted click) like on any gesture', () => {
    const click = loneClick(page.sendButton(page.inline));
    expect(click.defaultPrevented).toBe(true);
    expect(onNudge).toHaveBeenCalledTimes(1);
    expect(page.sends).toEqual([]);
    decision = SEND;
    loneClick(page.sendButton(page.inline));
    expect(page.sends).toEqual(sendsOn === 'click' ? ['inline-1'] : []);
  });

  it('"Send now" after a lone click sends exactly once, by a replayed press or a replayed lone click', () => {
    loneClick(page.sendButton(page.inline));
    guard.allowNextSend(page.inline);
    gmailSite.triggerSend(page.inline);
    expect(page.sends).toEqual(['inline-1']);
    guard.allowNextSend(page.inline);
    loneClick(page.sendButton(page.inline));
    expect(page.sends).toEqual(sendsOn === 'click' ? ['inline-1', 'inline-1'] : ['inline-1']);
    loneClick(page.sendButton(page.inline));
    press(page.sendButton(page.inline));
    expect(page.sends).toHaveLength(sendsOn === 'click' ? 2 : 1);
  });

  it('a press held on Send for a minute releases into nothing while the card is open', () => {
    vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout'] });
    try {
      const held = hold(page.sendButton(page.inline));
      vi.advanceTimersByTime(60_000);
      const events = held.release();
      expect(events.every((e) => e.defaultPrevented)).toBe(true);
      expect(page.sends).toEqual([]);
      expect(page.reached).toEqual([]);
      expect(onNudge).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a held press released elsewhere (on the card that appeared) is still the blocked gesture, to its click', () => {
    const card = document.createElement('div');
    document.body.append(card);
    const seen: string[] = [];
    card.addEventListener('click', () => seen.push('card:click'));
    hold(page.sendButton(page.inline)).release(card);
    expect(page.sends).toEqual([]);
    expect(seen).toEqual([]);
    // The gesture ended with its click: the next click on the card reaches it.
    press(card);
    expect(seen).toEqual(['card:click']);
  });

  it('while a blocked press lives, only its own events are swallowed, and it ends with pointercancel', async () => {
    const box = page.inline.querySelector<HTMLElement>('[role=textbox]')!;
    const seen: string[] = [];
    for (const type of ['pointerdown', 'pointerup', 'click']) box.addEventListener(type, (e) => seen.push(`${type}:${(e as PointerEvent).pointerId ?? ''}`));
    const touch = hold(page.sendButton(page.inline), { pointerType: 'touch' });
    // A keyboard click elsewhere during the press is not part of it.
    loneClick(box);
    expect(seen).toEqual(['click:']);
    // The touch turns into a scroll: no click follows. The page's next click is its own.
    touch.cancel();
    press(box);
    expect(seen).toEqual(['click:', 'pointerdown:1', 'pointerup:1', 'click:1']);
    expect(page.sends).toEqual([]);
  });

  it('a released blocked press that gets no click (released outside the page) ends with its release', async () => {
    const box = page.inline.querySelector<HTMLElement>('[role=textbox]')!;
    const clicks: number[] = [];
    box.addEventListener('click', () => clicks.push(1));
    const button = page.sendButton(page.inline);
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true, composed: true, button: 0, pointerId: 1 }));
    document.documentElement.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, cancelable: true, composed: true, button: 0, pointerId: 1 }));
    // The click of a release comes in the same task as the release; after it, the gesture is over.
    await new Promise((r) => setTimeout(r, 0));
    press(box);
    expect(clicks).toEqual([1]);
  });
});

describe('send guard: keyboard', () => {
  it('holds Ctrl+Enter and ⌘+Enter in the compose, but not a plain Enter while typing', () => {
    const body = page.inline.querySelector('[role=textbox]')!;
    const [ctrl] = key(body, 'Enter', { ctrlKey: true });
    key(body, 'Enter', { metaKey: true });
    const [plain] = key(body, 'Enter');
    expect(ctrl!.defaultPrevented).toBe(true);
    expect(plain!.defaultPrevented).toBe(false);
    expect(page.sends).toEqual([]);
    expect(onNudge).toHaveBeenCalledTimes(2);
  });

  it('holds Enter and Space (down and up) on a focused Send button', () => {
    const button = page.sendButton(page.inline);
    key(button, 'Enter');
    const [spaceDown, spaceUp] = key(button, ' ');
    expect(spaceDown!.defaultPrevented && spaceUp!.defaultPrevented).toBe(true);
    expect(page.sends).toEqual([]);
  });

  it('the click a key makes on a focused Send shares the key’s verdict: one decision per key press', () => {
    decision = SEND;
    const button = page.sendButton(page.inline);
    key(button, ' ');
    // A native button clicks on Space's keyup, in the same task.
    const click = loneClick(button);
    expect(click.defaultPrevented).toBe(false);
    expect(decideFor).toHaveBeenCalledTimes(1);
    decision = NUDGE;
    key(button, 'Enter');
    expect(loneClick(button).defaultPrevented).toBe(true);
    expect(onNudge).toHaveBeenCalledTimes(1);
  });

  it('a held Ctrl+Enter repeats without deciding again, and its repeats are held too', () => {
    const body = page.inline.querySelector('[role=textbox]')!;
    const first = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true });
    body.dispatchEvent(first);
    const repeats = [1, 2, 3].map(() => {
      const event = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, repeat: true, bubbles: true, cancelable: true });
      body.dispatchEvent(event);
      return event;
    });
    expect(repeats.every((e) => e.defaultPrevented)).toBe(true);
    expect(decideFor).toHaveBeenCalledTimes(1);
    expect(page.sends).toEqual([]);
  });

  it('lets Ctrl+Enter send when the decision is send', () => {
    decision = SEND;
    key(page.popup.querySelector('[role=textbox]')!, 'Enter', { ctrlKey: true });
    expect(page.sends).toEqual(['popup-2']);
  });
});

describe('send guard: fails open', () => {
  it('sends when there is no decision yet (no snapshot)', () => {
    decision = null;
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
  });

  it('sends when deciding throws', () => {
    decideFor.mockImplementation(() => {
      throw new Error('broken snapshot');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    press(page.sendButton(page.inline));
    key(page.inline.querySelector('[role=textbox]')!, 'Enter', { ctrlKey: true });
    expect(page.sends).toEqual(['inline-1', 'inline-1']);
  });

  it('sends when the nudge card cannot be shown', () => {
    onNudge.mockImplementation(() => {
      throw new Error('card failed');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
  });

  it('is gone once its context ends', () => {
    controller.abort();
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
  });
});

describe('send guard: "Send now" replays exactly once', () => {
  it('lets exactly one replayed gesture through, then guards again', () => {
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual([]);
    guard.allowNextSend(page.inline);
    gmailSite.triggerSend(page.inline);
    expect(page.sends).toEqual(['inline-1']);
    press(page.sendButton(page.inline));
    expect(page.sends).toEqual(['inline-1']);
    expect(onNudge).toHaveBeenCalledTimes(2);
  });

  it('keeps the bypass for the user’s own next Send when the replay finds no Send button', () => {
    press(page.sendButton(page.inline));
    guard.allowNextSend(page.inline);
    const button = page.sendButton(page.inline);
    button.classList.remove('aoO');
    expect(() => gmailSite.triggerSend(page.inline)).toThrow(/Send button/);
    button.classList.add('aoO');
    press(button);
    expect(page.sends).toEqual(['inline-1']);
  });
});
