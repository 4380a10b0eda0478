// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Decision } from '../../../../src/core/types.ts';
import { gmailSite } from '../../../../src/sites/gmail/site.ts';
import { installSendGuard, type SendGuard } from '../../../../src/sites/shared/send-guard.ts';
import { key, loadGmailPage, press } from './page-double.ts';

const NUDGE: Decision = { kind: 'nudge', reasons: [{ code: 'outside-hours', text: 'It is 23:10 for Acme.' }], headline: 'It is late for Acme.', suggestions: [{ at: Date.now() + 3_600_000, label: 'Tomorrow 9:00' }] };
const SEND: Decision = { kind: 'send', why: 'fine' };

let controller: AbortController;
let page: ReturnType<typeof loadGmailPage>;
let decision: Decision | null;
let decideFor: ReturnType<typeof vi.fn>;
let onNudge: ReturnType<typeof vi.fn>;
let guard: SendGuard;

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
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 });
    button.dispatchEvent(down);
    button.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, button: 0 }));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
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
