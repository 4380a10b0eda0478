// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { detectOutlook, readOutlookPage } from '../../../../src/sites/outlook/reader';
import { outlookChains, outlookSelectors as sel } from '../../../../src/sites/outlook/selectors';
import { outlookDemoHtml } from '../../../demo/outlook/page';
import { demo, loadOutlookDemo, settle } from './load-demo';

const RECEIVED = new Date(2026, 4, 12, 23, 58).getTime();
const SEND = outlookChains.send[0]!;
const CHEVRON = outlookChains.sendOptions[0]!;
const compose = () => document.querySelector<HTMLElement>(sel.inlineCompose);
const button = (root: ParentNode, text: string) => Array.from(root.querySelectorAll<HTMLElement>('button')).find((e) => e.textContent === text)!;

beforeEach(() => loadOutlookDemo(`?received=${RECEIVED}`));

describe("the Outlook demo page speaks the real captures' hooks", () => {
  it('the reader reads it as Outlook: the conversation, its times, the account, and a reply compose in the thread', () => {
    expect(detectOutlook(document)).toBe(true);
    const reading = readOutlookPage(document);
    expect(reading.account).toBe('so.getter@outlook.com');
    expect(reading.messages.map((m) => [m.from, m.threadId, m.to])).toEqual([
      ['bob@acme.example', 'DEMO-CONV-ACME-1', ['so.getter@outlook.com']],
      ['so.getter@outlook.com', 'DEMO-CONV-ACME-1', ['bob@acme.example']],
      ['bob@acme.example', 'DEMO-CONV-ACME-1', ['so.getter@outlook.com']],
    ]);
    expect(reading.messages[2]!.at).toBe(RECEIVED);
    // The To chip shows only "Bob Acme": the address comes from the message list pairing.
    expect(reading.composes).toEqual([{ kind: 'inline', recipients: ['bob@acme.example'], threadId: 'DEMO-CONV-ACME-1' }]);
  });

  it('opens other conversations and pop-out composes the reader understands', () => {
    demo().openConversation(2);
    demo().reply();
    demo().openPopOut(['ops@acme.example']);
    const reading = readOutlookPage(document);
    expect(reading.messages.map((m) => [m.from, m.threadId])).toEqual([['tom@initech-labs.com', 'DEMO-CONV-INITECH-1']]);
    expect(reading.composes).toEqual([
      { kind: 'inline', recipients: ['tom@initech-labs.com'], threadId: 'DEMO-CONV-INITECH-1' },
      { kind: 'popup', recipients: ['ops@acme.example'], threadId: null },
    ]);
  });

  it('serves inline as one document', () => {
    const html = outlookDemoHtml();
    expect(html).not.toContain('src="demo.js"');
    expect(html).toContain('installOutlookDemo');
  });
});

describe('the Outlook demo behaves like Outlook for send and Schedule send', () => {
  it('Send sends once, closes the compose and adds the reply to the conversation', async () => {
    document.querySelector<HTMLElement>(SEND)!.click();
    expect(demo().sent).toHaveLength(1);
    expect(demo().sent[0]).toMatchObject({ to: ['Bob Acme'], duplicate: false, composeId: 'c1' });
    await settle();
    expect(compose()).toBeNull();
    expect(document.getElementById('sent-count')!.textContent).toBe('1');
    expect(readOutlookPage(document).messages.at(-1)!.from).toBe('so.getter@outlook.com');
  });

  it('a second Send while the first is going out is recorded as a duplicate', () => {
    document.querySelector<HTMLElement>(SEND)!.click();
    document.querySelector<HTMLElement>(SEND)!.click();
    expect(demo().sent.map((s) => s.duplicate)).toEqual([false, true]);
  });

  it('Ctrl+Enter in the body sends', () => {
    const body = compose()!.querySelector('[aria-label^="Message body"]')!;
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(demo().sent).toHaveLength(1);
  });

  it('More send options → Schedule send → Custom time (a button) → "Select a date" / "Select a time" → Send schedules at the typed time', async () => {
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    button(document.querySelector('[role=dialog][aria-label="Schedule send"]')!, 'Custom time').click();
    const dialog = document.querySelector<HTMLElement>('[role=dialog][aria-label="Set custom date and time"]')!;
    const future = new Date(Date.now() + 3 * 86_400_000);
    dialog.querySelector<HTMLInputElement>('input[role=combobox][aria-label="Select a date"]')!.value = `${future.getMonth() + 1}/${future.getDate()}/${future.getFullYear()}`;
    dialog.querySelector<HTMLInputElement>('input[role=combobox][aria-label="Select a time"]')!.value = '8:30 AM';
    button(dialog, 'Send').click();
    future.setHours(8, 30, 0, 0);
    expect(demo().scheduled.map((r) => r.scheduledFor)).toEqual([future.getTime()]);
    expect(demo().sent).toEqual([]);
    await settle();
    expect(compose()).toBeNull();
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });

  it.each([
    ['menuitem', 'Schedule'],
    ['schedule-send', 'Schedule send'],
  ])('build %s: "Custom time" is a menu item and the confirm reads "%s"', async (build, label) => {
    await loadOutlookDemo(`?received=${RECEIVED}&build=${build}`);
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    const custom = document.querySelector<HTMLElement>('[role=dialog] [data-demo=custom]')!;
    expect([custom.tagName, custom.getAttribute('role'), custom.textContent]).toEqual(['DIV', 'menuitem', 'Custom time']);
    custom.click();
    expect(document.querySelector('[role=dialog] [data-demo=send]')!.textContent).toBe(label);
  });

  it('Escape in a compose asks "Discard message"; Escape again confirms it and the draft is gone', () => {
    const body = compose()!.querySelector('[aria-label^="Message body"]')!;
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('[role=alertdialog][aria-label="Discard message"]')).not.toBeNull();
    expect(compose()).not.toBeNull();
    document.querySelector('[role=alertdialog]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(compose()).toBeNull();
    expect(demo().discarded).toEqual(['c1']);
    expect(demo().escapes).toBe(2);
  });

  it("Escape in the Schedule send dialog is not a close: it closes the dialog and asks to discard the message", () => {
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    document.querySelector('[role=dialog]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('[role=dialog][aria-label="Schedule send"]')).toBeNull();
    expect(document.querySelector('[role=alertdialog][aria-label="Discard message"]')).not.toBeNull();
    expect(demo().discardPrompts).toBe(1);
  });

  it('a click on a dialog\'s backdrop asks "Discard message", and a second click confirms it', () => {
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    document.querySelector<HTMLElement>('.fui-DialogSurface__backdrop')!.click();
    expect(document.querySelector('[role=alertdialog][aria-label="Discard message"]')).not.toBeNull();
    document.querySelector<HTMLElement>('.fui-DialogSurface__backdrop')!.click();
    expect(compose()).toBeNull();
    expect(demo().discarded).toEqual(['c1']);
  });

  it("the dialogs' own close button and Cancel close them and keep the draft", () => {
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    document.querySelector<HTMLElement>('[role=dialog] .fui-DialogTitle__action button')!.click();
    expect(document.querySelector('[role=dialog], .fui-DialogSurface__backdrop')).toBeNull();
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    document.querySelector<HTMLElement>('[role=dialog] [data-demo=custom]')!.click();
    button(document.querySelector('[role=dialog]')!, 'Cancel').click();
    expect(document.querySelector('[role=dialog], [role=alertdialog]')).toBeNull();
    expect(compose()).not.toBeNull();
    expect(demo().discardPrompts).toBe(0);
  });

  it('the chevron toggles its menu', () => {
    const chevron = document.querySelector<HTMLElement>(CHEVRON)!;
    chevron.click();
    expect([document.querySelectorAll('[role=menu]').length, chevron.getAttribute('aria-expanded')]).toEqual([1, 'true']);
    chevron.click();
    expect([document.querySelectorAll('[role=menu]').length, chevron.getAttribute('aria-expanded')]).toEqual([0, 'false']);
  });

  it('fault "no-dialog": Schedule send opens nothing and the draft stays', async () => {
    await loadOutlookDemo(`?received=${RECEIVED}&faults=no-dialog`);
    document.querySelector<HTMLElement>(CHEVRON)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(compose()).not.toBeNull();
    expect(demo().sent).toEqual([]);
  });

  it('fault "no-send-button": new composes have a Send without Outlook\'s hooks, which still sends', async () => {
    (window as unknown as { __outlookDemoFaults: Record<string, boolean> }).__outlookDemoFaults['no-send-button'] = true;
    const id = demo().openPopOut(['ops@acme.example']);
    const popOut = document.querySelector<HTMLElement>(`[data-compose-id="${id}"]`)!;
    expect(popOut.querySelector(SEND)).toBeNull();
    button(popOut, 'Send').click();
    expect(demo().sent.map((s) => s.composeId)).toEqual([id]);
  });
});
