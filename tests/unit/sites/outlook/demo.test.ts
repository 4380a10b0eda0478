// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { detectOutlook, readOutlookPage } from '../../../../src/sites/outlook/reader';
import { outlookSelectors as sel } from '../../../../src/sites/outlook/selectors';
import { outlookDemoHtml } from '../../../demo/outlook/page';

interface DemoRecords {
  sent: Array<{ at: number; to: string[]; scheduledFor: number | null }>;
  scheduled: Array<{ at: number; to: string[]; scheduledFor: number | null }>;
}
const records = () => (window as unknown as { __outlookDemo: DemoRecords }).__outlookDemo;

const RECEIVED = new Date(2026, 4, 12, 23, 58).getTime();

async function loadDemo(query = `?received=${RECEIVED}`) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://outlook.live.com/mail/0/${query}`);
  const html = readFileSync(join(process.cwd(), 'tests/demo/outlook/index.html'), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.setAttribute('lang', parsed.documentElement.getAttribute('lang') ?? '');
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML.replace(/<script[\s\S]*?<\/script>/g, '');
  vi.resetModules();
  // @ts-expect-error plain browser script without types
  await import('../../../demo/outlook/demo.js');
}

const compose = () => document.querySelector<HTMLElement>(sel.inlineCompose);

beforeEach(() => loadDemo());

describe('the Outlook demo page speaks the real captures\' hooks', () => {
  it('the reader reads it as Outlook: the client message, its time, the account, and a reply compose in the thread', () => {
    expect(detectOutlook(document)).toBe(true);
    const reading = readOutlookPage(document);
    expect(reading.account).toBe('so.getter@outlook.com');
    expect(reading.messages.map((m) => [m.from, m.at, m.threadId, m.to])).toEqual([
      ['bob@acme.example', RECEIVED, 'DEMO-CONV-ACME-1', ['so.getter@outlook.com']],
    ]);
    // The To chip shows only "Bob Acme": the address comes from the message list pairing.
    expect(reading.composes).toEqual([{ kind: 'inline', recipients: ['bob@acme.example'], threadId: 'DEMO-CONV-ACME-1' }]);
  });

  it('the page script needs the data-testid hooks, and serves inline as one document', () => {
    const html = outlookDemoHtml();
    expect(html).toContain('data-testid="ComposeSendButton"');
    expect(html).not.toContain('src="demo.js"');
    expect(html).toContain('installOutlookDemo');
  });
});

describe('the Outlook demo behaves like Outlook for send and Schedule send', () => {
  it('Send sends once and closes the compose', () => {
    document.querySelector<HTMLElement>(sel.sendButton)!.click();
    expect(records().sent).toHaveLength(1);
    expect(records().sent[0]!.to).toEqual(['Bob Acme']);
    expect(compose()).toBeNull();
    expect(document.getElementById('sent-count')!.textContent).toBe('1');
  });

  it('Ctrl+Enter in the body sends', () => {
    const body = compose()!.querySelector('[aria-label^="Message body"]')!;
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(records().sent).toHaveLength(1);
  });

  it('More send options → Schedule send → Custom time schedules at the typed time', () => {
    document.querySelector<HTMLElement>(sel.sendOptionsButton)!.click();
    const item = Array.from(document.querySelectorAll<HTMLElement>('[role=menu] [role=menuitem]')).find((e) => e.textContent === 'Schedule send')!;
    item.click();
    const dialog = document.querySelector<HTMLElement>('[role=dialog][aria-label="Schedule send"]')!;
    Array.from(dialog.querySelectorAll<HTMLElement>('[role=menuitem]')).find((e) => e.textContent === 'Custom time')!.click();
    const future = new Date(Date.now() + 3 * 86_400_000);
    dialog.querySelector<HTMLInputElement>('input[aria-label=Date]')!.value = `${future.getMonth() + 1}/${future.getDate()}/${future.getFullYear()}`;
    dialog.querySelector<HTMLInputElement>('input[aria-label=Time]')!.value = '8:30 AM';
    Array.from(dialog.querySelectorAll<HTMLElement>('button')).find((e) => e.textContent === 'Send')!.click();
    future.setHours(8, 30, 0, 0);
    expect(records().scheduled.map((r) => r.scheduledFor)).toEqual([future.getTime()]);
    expect(records().sent).toEqual([]);
    expect(compose()).toBeNull();
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });

  it('refuses a past custom time and keeps the draft', () => {
    document.querySelector<HTMLElement>(sel.sendOptionsButton)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    const dialog = document.querySelector<HTMLElement>('[role=dialog]')!;
    dialog.querySelector<HTMLElement>('[data-demo=custom]')!.click();
    dialog.querySelector<HTMLInputElement>('input[aria-label=Date]')!.value = '1/2/2020';
    dialog.querySelector<HTMLInputElement>('input[aria-label=Time]')!.value = '9:00 AM';
    dialog.querySelector<HTMLElement>('[data-demo=send]')!.click();
    expect(dialog.querySelector('[role=alert]')!.textContent).toMatch(/already passed/);
    expect(records().scheduled).toEqual([]);
    expect(compose()).not.toBeNull();
  });

  it('fault "no-dialog": Schedule send opens nothing and the draft stays', async () => {
    await loadDemo(`?received=${RECEIVED}&faults=no-dialog`);
    document.querySelector<HTMLElement>(sel.sendOptionsButton)!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(compose()).not.toBeNull();
    expect(records().sent).toEqual([]);
  });
});
