// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, within } from '@testing-library/preact';
import { showNudge } from '../../../src/ui/nudge';
import type { NudgeCardProps, NudgeHandle, NudgeUiChoice } from '../../../src/ui/nudge';
import { placeCard } from '../../../src/ui/nudge/placement';
import { fromDateTimeInput, toDateTimeInput } from '../../../src/ui/nudge/zonedTime';
import { decide } from '../../../src/core/decide';
import type { PolicySnapshot } from '../../../src/core/types';
import type { Envelope } from '../../../src/messaging/protocol';
import { gmailSite } from '../../../src/sites/gmail/site';
import { startSite, type SendRequest } from '../../../src/sites/shared/run-site';
import { hold, loadGmailPage, loneClick, press as click } from '../sites/shared/page-double';

const NOW = Date.UTC(2025, 4, 6, 21, 30); // Tue 6 May 2025, 23:30 in Berlin
const TOMORROW_830 = Date.UTC(2025, 4, 7, 6, 30);
const TOMORROW_1300 = Date.UTC(2025, 4, 7, 11, 0);

const decision: NudgeCardProps['decision'] = {
  kind: 'nudge',
  headline: 'Acme usually hears back in about 3 working hours. A reply 2 minutes after their message teaches them to expect that.',
  reasons: [
    { code: 'too-fast', text: 'Their message came in 2 minutes ago.' },
    { code: 'outside-hours', text: "It is 23:30 for Acme, outside their working hours." },
  ],
  suggestions: [
    { at: TOMORROW_830, label: 'Tomorrow 8:30 (their morning)' },
    { at: TOMORROW_1300, label: 'Tomorrow 13:00' },
  ],
};

let compose: HTMLElement;
let sendButton: HTMLButtonElement;
let handle: NudgeHandle | null = null;
let choices: NudgeUiChoice[];

function open(extra: Partial<NudgeCardProps> = {}): NudgeHandle {
  handle = showNudge(sendButton, {
    clientName: 'Acme',
    decision,
    userTimeZone: 'Europe/Berlin',
    onChoice: (choice) => choices.push(choice),
    ...extra,
  });
  return handle;
}

function card(h: NudgeHandle = handle!) {
  const root = h.element.shadowRoot!;
  return within(root as unknown as HTMLElement);
}

function dialogOf(h: NudgeHandle = handle!): HTMLElement {
  return h.element.shadowRoot!.querySelector<HTMLElement>('[role=alertdialog]')!;
}

function focused(h: NudgeHandle = handle!): Element | null {
  return h.element.shadowRoot!.activeElement;
}

function press(key: string, init: KeyboardEventInit = {}) {
  const target = (focused() as HTMLElement | null) ?? dialogOf();
  fireEvent.keyDown(target, { key, bubbles: true, cancelable: true, composed: true, ...init });
}

/** Lets the card arm itself (it ignores keys for a moment after each change of what it shows). */
function settle() {
  vi.advanceTimersByTime(1000);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'performance'] });
  vi.setSystemTime(NOW);
  choices = [];
  document.body.innerHTML = '';
  compose = document.createElement('div');
  compose.innerHTML = '<div contenteditable="true" class="body">Hi</div><button class="send">Send</button>';
  document.body.append(compose);
  sendButton = compose.querySelector('button')!;
  compose.querySelector<HTMLElement>('.body')!.focus();
});

afterEach(() => {
  handle?.close();
  handle = null;
  vi.useRealTimers();
});

describe('the nudge card', () => {
  it('is a replypace-nudge element with an open shadow root holding a labelled alertdialog and its own styles', () => {
    const h = open();
    const hosts = document.querySelectorAll('replypace-nudge');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toBe(h.element);
    const root = h.element.shadowRoot!;
    expect(root.mode).toBe('open');
    const dialog = dialogOf(h);
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(decision.headline);
    expect(root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('2 minutes ago');
    expect(root.querySelector('style')!.textContent).toContain('.card');
    // Nothing of the card leaks into the page's own style sheets.
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    expect(h.element.style.getPropertyValue('position')).toBe('fixed');
    expect(Number(h.element.style.getPropertyValue('z-index'))).toBeGreaterThan(1_000_000);
  });

  it('says why in one sentence with the reasons, and offers every action by its visible text', () => {
    open();
    const c = card();
    expect(c.getByText(decision.headline)).toBeTruthy();
    expect(c.getByText('Their message came in 2 minutes ago.')).toBeTruthy();
    expect(c.getByText('It is 23:30 for Acme, outside their working hours.')).toBeTruthy();
    const names = c.getAllByRole('button').map((b) => b.textContent);
    expect(names).toEqual([
      'Tomorrow 8:30 (their morning)',
      'Tomorrow 13:00',
      'Pick a time…',
      'Send now',
      'Not for this client today',
    ]);
  });

  it.each([
    ['Tomorrow 8:30 (their morning)', { kind: 'schedule', at: TOMORROW_830 }],
    ['Tomorrow 13:00', { kind: 'schedule', at: TOMORROW_1300 }],
    ['Send now', { kind: 'send-now' }],
    ['Not for this client today', { kind: 'snooze-client' }],
  ] as const)('"%s" yields its choice exactly once, however often it is clicked', (name, expected) => {
    open();
    const button = card().getByText(name);
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.click(button);
    expect(choices).toEqual([expected]);
  });

  it('"Send now" closes the card before reporting, and hands focus back to the compose', () => {
    let shownWhenReported: boolean | null = null;
    let focusWhenReported: Element | null = null;
    open({
      onChoice: () => {
        shownWhenReported = document.querySelector('replypace-nudge') !== null;
        focusWhenReported = document.activeElement;
      },
    });
    fireEvent.click(card().getByText('Send now'));
    expect(shownWhenReported).toBe(false);
    expect(focusWhenReported).toBe(compose.querySelector('.body'));
  });

  it('moves focus to the first suggestion when shown', () => {
    open();
    expect(focused()?.textContent).toBe('Tomorrow 8:30 (their morning)');
  });

  it('focusing the card element again (a second Send while it is open) puts focus back on its first control', () => {
    const h = open();
    compose.querySelector<HTMLElement>('.body')!.focus();
    h.element.focus();
    expect(focused()?.textContent).toBe('Tomorrow 8:30 (their morning)');
  });

  it('Enter takes the first suggestion when focus is on the card itself', () => {
    open();
    settle();
    dialogOf().focus();
    press('Enter');
    press('Enter');
    expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_830 }]);
  });

  it('Enter on another button activates that button, not the first suggestion', () => {
    open();
    settle();
    card().getByText('Send now').focus();
    press('Enter');
    expect(choices).toEqual([{ kind: 'send-now' }]);
  });

  describe('one keystroke never makes a choice the user did not make', () => {
    const keyOn = (el: Element, key: string, init: KeyboardEventInit = {}) => {
      const down = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
      el.dispatchEvent(down);
      el.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true, composed: true, ...init }));
      return down;
    };

    it('ignores Enter and Space for a moment after it appears (a key pressed for the compose lands here)', () => {
      open();
      const first = focused()!;
      expect(keyOn(first, 'Enter').defaultPrevented).toBe(true);
      keyOn(first, ' ');
      expect(choices).toEqual([]);
      settle();
      keyOn(focused()!, 'Enter');
      expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_830 }]);
    });

    it('ignores a second Ctrl+Enter, ⌘+Enter, Shift+Enter and Alt+Enter', () => {
      open();
      settle();
      for (const mods of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }]) {
        expect(keyOn(focused()!, 'Enter', mods).defaultPrevented).toBe(true);
      }
      dialogOf().focus();
      keyOn(dialogOf(), 'Enter', { ctrlKey: true });
      expect(choices).toEqual([]);
    });

    it('ignores a held key: repeats of Enter, Space and Esc', () => {
      open();
      settle();
      keyOn(focused()!, 'Enter', { repeat: true });
      card().getByText('Send now').focus();
      keyOn(focused()!, ' ', { repeat: true });
      keyOn(focused()!, 'Escape', { repeat: true });
      expect(choices).toEqual([]);
      expect(document.querySelector('replypace-nudge')).not.toBeNull();
    });

    it('Space on a focused button chooses it once (handled by the card, not the browser)', () => {
      open();
      settle();
      card().getByText('Not for this client today').focus();
      const down = keyOn(focused()!, ' ');
      expect(down.defaultPrevented).toBe(true);
      expect(choices).toEqual([{ kind: 'snooze-client' }]);
    });

    it('after a failed schedule, leaves focus where the user put it, and arms again', () => {
      const h = open();
      settle();
      fireEvent.click(card().getByText('Tomorrow 8:30 (their morning)'));
      // The user goes back to the draft while Schedule send runs.
      const body = compose.querySelector<HTMLElement>('.body')!;
      body.focus();
      act(() => h.showScheduleFailed(TOMORROW_830, 'Wed 8:30'));
      expect(document.activeElement).toBe(body);
      // A Space typed in the draft is the draft's.
      keyOn(body, ' ');
      expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_830 }]);
      // Back in the card, a key right after the change is ignored.
      card().getByText('Send now').focus();
      keyOn(focused()!, 'Enter');
      expect(choices).toHaveLength(1);
      settle();
      keyOn(focused()!, 'Enter');
      expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_830 }, { kind: 'send-now' }]);
    });
  });

  it('Esc closes the card, reports a dismissal, leaves the compose as it was and restores focus', () => {
    open();
    const before = compose.innerHTML;
    press('Escape');
    expect(choices).toEqual([{ kind: 'dismiss' }]);
    expect(document.querySelector('replypace-nudge')).toBeNull();
    expect(compose.innerHTML).toBe(before);
    expect(document.activeElement).toBe(compose.querySelector('.body'));
  });

  it('keeps Tab and Shift+Tab inside the card', () => {
    open();
    const buttons = card().getAllByRole('button');
    buttons.at(-1)!.focus();
    press('Tab');
    expect(focused()).toBe(buttons[0]);
    press('Tab', { shiftKey: true });
    expect(focused()).toBe(buttons.at(-1));
    press('Tab', { shiftKey: true });
    expect(focused()).toBe(buttons.at(-2));
  });

  it('does not let its keys reach the page (mail shortcuts, the compose)', () => {
    const seen: string[] = [];
    document.addEventListener('keydown', (event) => seen.push(event.key));
    open();
    press('k');
    press('Tab');
    expect(seen).toEqual([]);
  });

  describe('Pick a time…', () => {
    function openPicker() {
      open();
      fireEvent.click(card().getByText('Pick a time…'));
      const input = handle!.element.shadowRoot!.querySelector<HTMLInputElement>('input[type=datetime-local]')!;
      return input;
    }

    it('reveals a date-time field, focused, prefilled with the first suggestion in the user zone', () => {
      const input = openPicker();
      expect(input).not.toBeNull();
      expect(focused()).toBe(input);
      expect(input.value).toBe('2025-05-07T08:30');
      expect(card().getByText('Schedule')).toBeTruthy();
    });

    it('schedules a future time picked in the user zone', () => {
      const input = openPicker();
      fireEvent.input(input, { target: { value: '2025-05-08T10:15' } });
      fireEvent.click(card().getByText('Schedule'));
      expect(choices).toEqual([{ kind: 'schedule', at: Date.UTC(2025, 4, 8, 8, 15) }]);
    });

    it('rejects a past time with a message next to the field, and schedules nothing', () => {
      const input = openPicker();
      fireEvent.input(input, { target: { value: '2025-05-06T09:00' } });
      fireEvent.click(card().getByText('Schedule'));
      expect(choices).toEqual([]);
      const error = card().getByRole('alert');
      expect(error.textContent).toMatch(/passed\. Pick a time in the future\./);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(document.querySelector('replypace-nudge')).not.toBeNull();
    });

    it('rejects an empty field', () => {
      const input = openPicker();
      fireEvent.input(input, { target: { value: '' } });
      fireEvent.click(card().getByText('Schedule'));
      expect(choices).toEqual([]);
      expect(card().getByRole('alert').textContent).toBe('Choose a date and a time.');
    });

    it('Enter in the field schedules the picked time, not the first suggestion', () => {
      const input = openPicker();
      fireEvent.input(input, { target: { value: '2025-05-09T16:45' } });
      settle();
      press('Enter');
      expect(choices).toEqual([{ kind: 'schedule', at: Date.UTC(2025, 4, 9, 14, 45) }]);
    });
  });

  describe('scheduling and its failure', () => {
    it('a schedule choice disables every button and says which time is being set', () => {
      open();
      fireEvent.click(card().getByText('Tomorrow 13:00'));
      expect(card().getByText('Scheduling for Tomorrow 13:00…')).toBeTruthy();
      for (const button of card().getAllByRole('button')) expect((button as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(card().getByText('Send now'));
      press('Escape');
      expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_1300 }]);
      expect(document.querySelector('replypace-nudge')).not.toBeNull();
    });

    it('showScheduling names the time by its suggestion label', () => {
      const h = open();
      act(() => h.showScheduling(TOMORROW_830));
      expect(card().getByText('Scheduling for Tomorrow 8:30 (their morning)…')).toBeTruthy();
    });

    it('on failure the card stays, says plainly what to do by hand, and offers Send now and Close once each', () => {
      const h = open();
      fireEvent.click(card().getByText('Tomorrow 8:30 (their morning)'));
      act(() => h.showScheduleFailed(TOMORROW_830, 'Wed, May 7, 8:30 AM'));
      const dialog = dialogOf(h);
      expect(dialog.textContent).toContain(
        "Couldn't schedule automatically. Your draft is intact: schedule it for Wed, May 7, 8:30 AM with Gmail's Schedule send, or send now.",
      );
      expect(card().getAllByRole('button').map((b) => b.textContent)).toEqual(['Send now', 'Close']);
      // Focus moves to the harmless way out, never onto a sending action.
      expect(focused()?.textContent).toBe('Close');
      const sendNow = card().getByText('Send now');
      fireEvent.click(sendNow);
      fireEvent.click(sendNow);
      expect(choices).toEqual([{ kind: 'schedule', at: TOMORROW_830 }, { kind: 'send-now' }]);
      expect(document.querySelector('replypace-nudge')).toBeNull();
    });

    it('"Close" after a failure dismisses, and names the site it was given', () => {
      const h = open({ siteName: 'Outlook' });
      act(() => h.showScheduleFailed(TOMORROW_830, 'Wed 8:30'));
      expect(dialogOf(h).textContent).toContain("with Outlook's Schedule send");
      fireEvent.click(card().getByText('Close'));
      expect(choices).toEqual([{ kind: 'dismiss' }]);
      expect(document.querySelector('replypace-nudge')).toBeNull();
    });

    it('"Not sent yet" (a Send now the site did not carry out) says to press Send again and offers only Close', () => {
      const h = open({ phase: { kind: 'unsent' }, siteName: 'Outlook' });
      expect(dialogOf(h).textContent).toContain('Not sent yet. Outlook did not send it. Press Send again to send it now.');
      expect(card().getAllByRole('button').map((b) => b.textContent)).toEqual(['Close']);
      expect(focused()?.textContent).toBe('Close');
      fireEvent.click(card().getByText('Close'));
      expect(choices).toEqual([{ kind: 'dismiss' }]);
    });

    it('a handler that throws on a schedule choice leaves the card offering the manual way, not stuck', () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      handle = showNudge(sendButton, {
        clientName: 'Acme',
        decision,
        onChoice: () => {
          throw new Error('scheduler missing');
        },
      });
      fireEvent.click(card().getByText('Tomorrow 8:30 (their morning)'));
      expect(dialogOf().textContent).toContain('schedule it for Tomorrow 8:30 (their morning)');
      expect(card().getByText('Send now')).toBeTruthy();
      error.mockRestore();
    });

    it('close() removes the card without reporting a choice', () => {
      const h = open();
      h.close();
      h.close();
      expect(document.querySelector('replypace-nudge')).toBeNull();
      expect(choices).toEqual([]);
    });
  });

  it('does not repeat the headline among the reasons below it', () => {
    const outside = decision.reasons[1]!;
    open({ decision: { ...decision, headline: outside.text } });
    const reasons = [...handle!.element.shadowRoot!.querySelectorAll('.reasons li')].map((li) => li.textContent);
    expect(reasons).toEqual([decision.reasons[0]!.text]);
    expect(card().getAllByText(outside.text)).toHaveLength(1);
  });

  describe('theme', () => {
    it('turns dark over a dark mail page, whatever the system says', () => {
      compose.style.backgroundColor = 'rgb(32, 33, 36)';
      open();
      expect(dialogOf().dataset.theme).toBe('dark');
    });

    it('stays light over a light mail page even though the Send button itself is dark blue', () => {
      compose.style.backgroundColor = 'rgb(255, 255, 255)';
      sendButton.style.backgroundColor = 'rgb(11, 87, 208)';
      open();
      expect(dialogOf().dataset.theme).toBe('light');
    });

    it('stays light over a light mail page', () => {
      compose.style.backgroundColor = 'rgb(255, 255, 255)';
      open();
      expect(dialogOf().dataset.theme).toBe('light');
    });

    it('follows prefers-color-scheme when the page has no readable background', () => {
      const original = window.matchMedia;
      window.matchMedia = ((query: string) => ({ matches: query.includes('dark'), media: query })) as typeof window.matchMedia;
      try {
        open();
        expect(dialogOf().dataset.theme).toBe('dark');
      } finally {
        window.matchMedia = original;
      }
    });
  });
});

describe('the card on a mail page (real send guard, runtime and card; the page sends on click)', () => {
  const allDay = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
  const snapshot = (): PolicySnapshot => ({
    clientKey: 'client:acme',
    clientName: 'Acme',
    mode: 'account',
    schedule: { timeZone: 'UTC', week: allDay, holidays: [] },
    responseTargetMinutes: 180,
    minReplyDelayMinutes: 15,
    instantThresholdMinutes: 15,
    userTimeZone: 'UTC',
    norms: null,
    lastInboundAt: Date.now() - 2 * 60_000,
    quietUntil: null,
  });
  let policies = 0;
  const background: SendRequest = async (request) => {
    if (request.type === 'policyFor') policies += 1;
    return { ok: true, value: request.type === 'policyFor' ? snapshot() : { added: 0, known: 0, skipped: 0 } } as Envelope<never>;
  };

  it('clicking outside the card sends nothing, keeps it open, and the page gets its clicks', async () => {
    const page = loadGmailPage(undefined, { sendsOn: 'click' });
    const controller = new AbortController();
    // happy-dom lays nothing out, so the card's "can it be seen" check is taken as passed here; the
    // browser test (tests/e2e/send-path.test.ts) runs the real one.
    const laidOut: typeof showNudge = (anchor, props) => ({ ...showNudge(anchor, props), isShown: () => true });
    const runtime = startSite({ site: gmailSite, doc: document, signal: controller.signal, send: background, decide, showNudge: laidOut, scanDelayMs: 0 });
    try {
      await runtime.scanNow();
      await vi.waitFor(() => expect(policies).toBe(2));
      await new Promise((r) => setTimeout(r, 0));
      click(gmailSite.sendButton(page.inline));
      expect(document.querySelector('replypace-nudge')).not.toBeNull();
      const clicked: string[] = [];
      const textbox = page.inline.querySelector<HTMLElement>('[role=textbox]')!;
      const chevron = page.inline.querySelector<HTMLElement>('.hG')!;
      textbox.addEventListener('click', () => clicked.push('textbox'));
      chevron.addEventListener('click', () => clicked.push('chevron'));
      document.body.addEventListener('click', () => clicked.push('body'));
      // A touch on Send that turns into a scroll (no click), then a screen reader's click on the
      // send options, and pointer clicks around the page.
      hold(gmailSite.sendButton(page.inline), { pointerType: 'touch' }).cancel();
      loneClick(chevron);
      click(textbox);
      click(document.body);
      expect(clicked).toEqual(['chevron', 'body', 'textbox', 'body', 'body']);
      expect(page.sends).toEqual([]);
      expect(document.querySelectorAll('replypace-nudge')).toHaveLength(1);
    } finally {
      controller.abort();
    }
  });
});

describe('card placement', () => {
  const viewport = { width: 1200, height: 800 };
  const cardSize = { width: 360, height: 300 };

  it('sits above the Send button when there is room', () => {
    expect(placeCard({ left: 100, top: 700, width: 80, height: 36 }, cardSize, viewport)).toEqual({ left: 100, top: 392 });
  });

  it('goes below when the button is near the top', () => {
    expect(placeCard({ left: 100, top: 50, width: 80, height: 36 }, cardSize, viewport)).toEqual({ left: 100, top: 94 });
  });

  it('stays on screen near the right edge and in a short window', () => {
    const placed = placeCard({ left: 1150, top: 200, width: 80, height: 36 }, cardSize, { width: 1200, height: 400 });
    expect(placed.left).toBe(1200 - 8 - 360);
    expect(placed.top).toBeGreaterThanOrEqual(8);
    expect(placed.top + cardSize.height).toBeLessThanOrEqual(400 - 8);
  });
});

describe('picker time zone conversions', () => {
  it('reads a wall time in the given zone, across a DST change', () => {
    expect(fromDateTimeInput('2025-03-30T12:00', 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 10, 0));
    expect(fromDateTimeInput('2025-03-29T12:00', 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 29, 11, 0));
    expect(fromDateTimeInput('2025-11-02T09:00', 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 14, 0));
    expect(fromDateTimeInput('not a time', 'Europe/Berlin')).toBeNull();
  });

  it('writes an instant back as the same wall time', () => {
    expect(toDateTimeInput(Date.UTC(2025, 2, 30, 10, 0), 'Europe/Berlin')).toBe('2025-03-30T12:00');
    expect(toDateTimeInput(Date.UTC(2025, 0, 1, 0, 0), 'Asia/Kolkata')).toBe('2025-01-01T05:30');
  });
});
