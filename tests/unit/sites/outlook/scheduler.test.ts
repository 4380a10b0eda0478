// @vitest-environment happy-dom
/**
 * Outlook's Schedule send driver on the demo mailbox (tests/demo/outlook), which behaves like the
 * public evidence: "Custom time" a button or a menu item by build, the "Select a date" / "Select a
 * time" comboboxes, a confirm labelled by build, dialogs that mount late, and Escape or a backdrop
 * click that opens or confirms "Discard message". Whatever fails, the draft stays as it was and
 * no Escape ever reaches the page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customTimeTexts, scheduleWithOutlook } from '../../../../src/sites/outlook/scheduler.ts';
import { outlookSelectors as sel } from '../../../../src/sites/outlook/selectors.ts';
import { setMailboxTimeZone } from '../../../../src/sites/outlook/time.ts';
import { demo, loadOutlookDemo, settle } from './load-demo.ts';

const inline = () => document.querySelector<HTMLElement>(sel.inlineCompose)!;

/** What the user wrote, as the page holds it: recipients, subject and body. */
const draftOf = (compose: HTMLElement) => ({
  to: Array.from(compose.querySelectorAll('[aria-label="To"] [aria-label]'), (chip) => chip.getAttribute('aria-label')),
  subject: compose.querySelector<HTMLInputElement>('input[aria-label="Subject"]')!.value,
  body: compose.querySelector('[aria-label^="Message body"]')!.textContent,
});

/** A future time on a whole minute (the custom time fields have minutes, not seconds). */
const inThreeDays = () => {
  const d = new Date(Date.now() + 3 * 86_400_000);
  d.setHours(9, 30, 0, 0);
  return d.getTime();
};

/** Every Escape key press anywhere in the page, seen before anything else can stop it. */
let escapes: string[];
const recordEscape = (event: KeyboardEvent) => {
  if (event.key === 'Escape' || event.keyCode === 27) escapes.push((event.target as Element).outerHTML.slice(0, 60));
};

const openPopups = () => document.querySelectorAll('[role=menu], [role=dialog], [role=alertdialog]').length;

beforeEach(() => {
  escapes = [];
  window.addEventListener('keydown', recordEscape, true);
});
afterEach(() => {
  window.removeEventListener('keydown', recordEscape, true);
  setMailboxTimeZone(null);
});

describe('scheduling on each build of the Schedule send dialogs', () => {
  it.each([
    ['button', 'Send', 0],
    ['menuitem', 'Schedule', 1],
    ['schedule-send', 'Schedule send', 1],
  ] as const)('build "%s" (confirm "%s"): schedules at the chosen minute, the compose closes, and says which alternatives matched', async (build, confirm, customAlternative) => {
    await loadOutlookDemo(`?build=${build}`);
    const at = inThreeDays();
    const confirmed: string[] = [];
    document.addEventListener('click', (event) => confirmed.push((event.target as Element).textContent ?? ''), true);

    const result = await scheduleWithOutlook(inline(), at, { timeoutMs: 300 });

    expect(result).toEqual({
      ok: true,
      matched: { 'send-options': 0, 'menu-item': 0, 'custom-time': customAlternative, 'picker-date': 0, 'picker-time': 0, 'picker-confirm': 0 },
    });
    expect(confirmed.at(-1)).toBe(confirm);
    expect(demo().scheduled.map((s) => [s.composeId, s.scheduledFor])).toEqual([['c1', at]]);
    expect(demo().sent).toEqual([]);
    await settle();
    expect(document.querySelector(sel.inlineCompose)).toBeNull();
    expect(openPopups()).toBe(0);
    expect(escapes).toEqual([]);
  });

  it('waits for dialogs that mount a few hundred milliseconds after the click that asks for them', async () => {
    await loadOutlookDemo('?faults=late-dialogs');
    const at = inThreeDays();
    const started = Date.now();
    await expect(scheduleWithOutlook(inline(), at, { timeoutMs: 1500 })).resolves.toMatchObject({ ok: true });
    // Two late dialogs: the Schedule send dialog and the custom time dialog.
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(demo().scheduled.map((s) => s.scheduledFor)).toEqual([at]);
  });

  it('a compose that closes slowly once the dialog has gone is waited for, not reported as failed (no second send by hand)', async () => {
    await loadOutlookDemo('?faults=slow-send');
    await expect(scheduleWithOutlook(inline(), inThreeDays(), { timeoutMs: 200 })).resolves.toMatchObject({ ok: true });
    expect(demo().scheduled).toHaveLength(1);
  });

  it('schedules an in-page compose form the same way, and leaves the other compose alone', async () => {
    await loadOutlookDemo();
    const id = demo().openPopOut(['ops@acme.example']);
    const form = document.querySelector<HTMLElement>(`[data-compose-id="${id}"]`)!;
    const other = draftOf(inline());
    await expect(scheduleWithOutlook(form, inThreeDays(), { timeoutMs: 300 })).resolves.toMatchObject({ ok: true });
    expect(demo().scheduled.map((s) => s.composeId)).toEqual([id]);
    expect(draftOf(inline())).toEqual(other);
  });

  it("types the time in the mailbox's zone when the options name one", async () => {
    // The mailbox's zone is not the browser's here: Outlook shows and takes times in Tokyo's.
    await loadOutlookDemo('?tz=Asia/Tokyo');
    setMailboxTimeZone('Asia/Tokyo');
    const at = inThreeDays();
    await expect(scheduleWithOutlook(inline(), at, { timeoutMs: 300 })).resolves.toMatchObject({ ok: true });
    expect(demo().scheduled.map((s) => s.scheduledFor)).toEqual([at]);
  });
});

describe('when scheduling cannot be completed: the draft stays as it was, closed with the dialogs\' own controls, never Escape', () => {
  it.each([
    ['no-menu', 'menu-item'],
    ['no-dialog', 'custom-time'],
  ])('fault %s: fails at step %s', async (fault, step) => {
    await loadOutlookDemo(`?faults=${fault}`);
    const before = draftOf(inline());
    const result = await scheduleWithOutlook(inline(), inThreeDays(), { timeoutMs: 50 });
    expect(result).toMatchObject({ ok: false, step, matched: { 'send-options': 0 } });
    await settle();
    expect(inline().isConnected).toBe(true);
    expect(draftOf(inline())).toEqual(before);
    expect(demo().sent).toEqual([]);
    expect(demo().scheduled).toEqual([]);
    expect(openPopups()).toBe(0);
    expect(inline().querySelector(sel.menu)).toBeNull();
    expect(inline().querySelector('[aria-haspopup=menu]')!.getAttribute('aria-expanded')).toBe('false');
    expect(escapes).toEqual([]);
    expect(demo().discardPrompts).toBe(0);
  });

  it('a date field that does not take the typed date: the read-back stops it, the dialog closes with its own close button', async () => {
    await loadOutlookDemo('?faults=reject-typed-date');
    const before = draftOf(inline());
    const result = await scheduleWithOutlook(inline(), inThreeDays(), { timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, step: 'picker-values' });
    expect(result.ok ? '' : result.reason).toBe('the dialog shows " 9:30 AM"');
    expect(openPopups()).toBe(0);
    expect(draftOf(inline())).toEqual(before);
    expect(demo().scheduled).toEqual([]);
    expect(demo().sent).toEqual([]);
    expect(escapes).toEqual([]);
    expect(demo().discardPrompts).toBe(0);
  });

  it('the dialog refuses the time: the compose stays open, the dialog is cancelled, nothing discarded', async () => {
    await loadOutlookDemo();
    // The demo's fields take en-US; a German page writes German dates, which it refuses.
    document.documentElement.lang = 'de-DE';
    const before = draftOf(inline());
    const result = await scheduleWithOutlook(inline(), inThreeDays(), { timeoutMs: 80 });
    expect(result).toMatchObject({ ok: false, step: 'compose-closed' });
    expect(inline().isConnected).toBe(true);
    expect(draftOf(inline())).toEqual(before);
    expect(openPopups()).toBe(0);
    expect(demo().scheduled).toEqual([]);
    expect(escapes).toEqual([]);
  });

  it('a dialog without any close control is left open rather than closed by Escape or a backdrop click', async () => {
    // A page of its own: the chevron opens a menu, its item opens a dialog with neither "Custom time" nor a way to close it.
    document.body.innerHTML = `
      <div id="docking_InitVisiblePart_0"><div data-testid="ComposeSendButton">
        <button aria-label="Send">Send</button><button aria-haspopup="menu" aria-expanded="false" aria-label="More send options">v</button>
      </div><input aria-label="Subject" value="Terms"><div aria-label="Message body">Hello</div></div>`;
    const compose = inline();
    const chevron = compose.querySelector<HTMLElement>('[aria-haspopup=menu]')!;
    chevron.addEventListener('click', () => {
      chevron.setAttribute('aria-expanded', 'true');
      document.body.insertAdjacentHTML('beforeend', '<div role="menu"><div role="menuitem">Schedule send</div></div>');
      document.querySelector<HTMLElement>('[role=menuitem]')!.addEventListener('click', () => {
        document.querySelector('[role=menu]')!.remove();
        chevron.setAttribute('aria-expanded', 'false');
        document.body.insertAdjacentHTML('beforeend', '<div class="backdrop"></div><div role="dialog" aria-label="Schedule send"><button>Tomorrow morning 8:00 AM</button></div>');
      });
    });
    let backdropClicks = 0;
    document.addEventListener('click', (event) => (event.target as Element).matches('.backdrop') && backdropClicks++, true);

    const result = await scheduleWithOutlook(compose, inThreeDays(), { timeoutMs: 50 });

    expect(result).toMatchObject({ ok: false, step: 'custom-time' });
    expect(document.querySelector('[role=dialog]')).not.toBeNull();
    expect(escapes).toEqual([]);
    expect(backdropClicks).toBe(0);
    expect(compose.querySelector<HTMLInputElement>('input')!.value).toBe('Terms');
  });

  it('refuses a time already past without opening anything', async () => {
    await loadOutlookDemo();
    await expect(scheduleWithOutlook(inline(), Date.now() - 1000)).resolves.toMatchObject({ ok: false, step: 'time', reason: 'the time is already past' });
    expect(openPopups()).toBe(0);
  });
});

describe('custom time texts', () => {
  it('follow the page language (en-US "5/16/2026" "1:33 PM"; others by their own order)', () => {
    const at = new Date(2026, 4, 16, 13, 33).getTime();
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(customTimeTexts(at, 'en-US', here)).toEqual({ date: '5/16/2026', time: '1:33 PM' });
    expect(customTimeTexts(at, '', here)).toEqual({ date: '5/16/2026', time: '1:33 PM' });
    expect(customTimeTexts(at, 'en-GB', here)).toEqual({ date: '16/05/2026', time: '13:33' });
    expect(customTimeTexts(at, 'de-DE', here)).toEqual({ date: '16.5.2026', time: '13:33' });
    expect(customTimeTexts(new Date(2026, 0, 2, 0, 5).getTime(), 'en-US', here).time).toBe('12:05 AM');
  });

  it("are written in the mailbox's zone", () => {
    const at = Date.UTC(2026, 4, 16, 4, 33);
    expect(customTimeTexts(at, 'en-US', 'Asia/Tokyo')).toEqual({ date: '5/16/2026', time: '1:33 PM' });
    expect(customTimeTexts(at, 'en-US', 'America/Los_Angeles')).toEqual({ date: '5/15/2026', time: '9:33 PM' });
  });
});

