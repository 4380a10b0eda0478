import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

export interface DemoRecord { composeId: string; at: number; to: string[]; scheduledFor: number | null; duplicate: boolean }
export interface OutlookDemo {
  sent: DemoRecord[];
  scheduled: DemoRecord[];
  /** Ids of composes thrown away by "Discard message". */
  discarded: string[];
  discardPrompts: number;
  /** Escape key presses that reached the page. */
  escapes: number;
  build: 'button' | 'menuitem' | 'schedule-send';
  compose(id: string): HTMLElement | null;
  popOutWindow(id?: string): string | null;
  openComposes(): string[];
  openConversation(index: number): void;
  reply(): HTMLElement;
  openPopOut(addresses: string[]): string;
}

export const faults = () => (window as unknown as { __outlookDemoFaults: Record<string, boolean> }).__outlookDemoFaults;

export const demo = () => (window as unknown as { __outlookDemo: OutlookDemo }).__outlookDemo;

/** Loads tests/demo/outlook into the test's happy-dom document at an Outlook address and runs its script. */
export async function loadOutlookDemo(query = ''): Promise<void> {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://outlook.live.com/mail/0/${query}`);
  const html = readFileSync(join(process.cwd(), 'tests/demo/outlook/index.html'), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  delete (window as unknown as { __outlookDemoFaults?: unknown }).__outlookDemoFaults;
  document.documentElement.setAttribute('lang', parsed.documentElement.getAttribute('lang') ?? '');
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML.replace(/<script[\s\S]*?<\/script>/g, '');
  vi.resetModules();
  // @ts-expect-error plain browser script without types
  await import('../../../demo/outlook/demo.js');
}

/** Waits for the demo's "Sending…" moment to pass. */
export const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));
