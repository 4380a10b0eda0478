/**
 * Serves a demo mailbox under its real origin (https://mail.google.com) in a Playwright browser
 * context, so that the built extension's content script runs in it exactly as on the real site.
 * Nothing reaches the network: the demo's two files are answered from disk, anything else under
 * the origin is aborted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Settings } from '../../src/core/settings.ts';
import { outlookDemoHtml } from './outlook/page.ts';
import { calendarDemoHtml } from './calendar/page.ts';

export const GMAIL_DEMO_URL = 'https://mail.google.com/mail/u/0/';
const DEMO_DIR = resolve(import.meta.dirname, 'gmail');

export async function serveGmailDemo(context: BrowserContext): Promise<void> {
  const html = readFileSync(resolve(DEMO_DIR, 'index.html'), 'utf8');
  const script = readFileSync(resolve(DEMO_DIR, 'demo.js'), 'utf8');
  await context.route('https://mail.google.com/**', (route) => {
    const request = route.request();
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('/demo.js')) return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script });
    if (request.resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    return route.abort('blockedbyclient');
  });
}

export const OUTLOOK_DEMO_URL = 'https://outlook.live.com/mail/0/';

/** The Outlook demo mailbox (tests/demo/outlook, by the Outlook issue) under its real origin. */
export async function serveOutlookDemo(context: BrowserContext): Promise<void> {
  const html = outlookDemoHtml();
  await context.route('https://outlook.live.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort('blockedbyclient'),
  );
}

/** Opens the demo; `faults` become ?faults=a,b (see demo.js). */
export async function openGmailDemo(context: BrowserContext, options: { faults?: string[]; hash?: string } = {}): Promise<Page> {
  const page = await context.newPage();
  const query = options.faults?.length ? `?faults=${options.faults.join(',')}` : '';
  await page.goto(`${GMAIL_DEMO_URL}${query}${options.hash ?? '#inbox'}`);
  await page.waitForFunction(() => 'demo' in window || '__demo' in window);
  return page;
}

/**
 * Saves settings through the extension's own protocol, from one of its pages (the background
 * answers settings requests from extension pages only).
 */
export async function seedSettings(context: BrowserContext, extensionId: string, settings: Settings): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const answer = await page.evaluate(async (s) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return runtime.sendMessage({ type: 'saveSettings', settings: s });
    }, settings);
    const ok = (answer as { ok?: boolean } | undefined)?.ok;
    if (!ok) throw new Error(`The background refused the demo settings: ${JSON.stringify(answer)}`);
    const problems = (answer as { value?: { problems?: string[] } }).value?.problems ?? [];
    if (problems.length) throw new Error(`The demo settings had problems: ${problems.join('; ')}`);
  } finally {
    await page.close();
  }
}

/** The demo Google Calendar event editor (tests/demo/calendar) under https://calendar.google.com. */
export async function serveCalendarDemo(context: BrowserContext): Promise<void> {
  const html = calendarDemoHtml();
  await context.route('https://calendar.google.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort('blockedbyclient'),
  );
}
