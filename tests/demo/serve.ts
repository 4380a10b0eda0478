/**
 * Serves a demo mailbox under its real origins, so that the built extension's content script runs
 * in it exactly as on the real site. Both demos are served the same way: the page's two files,
 * index.html for every document and demo.js next to it, answered from disk; anything else under
 * the origin is refused, so nothing reaches the network.
 *
 * `demoRoute` is browser-neutral (tests/kit adapts it to each browser); the Playwright functions
 * below it are the older API, kept for the tests and scripts that use them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Settings } from '../../src/core/settings.ts';
import { calendarDemoHtml } from './calendar/page.ts';
import type { RouteHandler } from '../kit/harness.ts';
import { routeOn } from '../kit/chromium.ts';

export type DemoName = 'gmail' | 'outlook';

/** Answers a demo's page and script under any path of the origins it is served on. */
export function demoRoute(demo: DemoName): RouteHandler {
  const dir = resolve(import.meta.dirname, demo);
  const html = readFileSync(resolve(dir, 'index.html'), 'utf8');
  const script = readFileSync(resolve(dir, 'demo.js'), 'utf8');
  return ({ url, destination }) => {
    if (url.pathname.endsWith('/demo.js')) return { contentType: 'text/javascript; charset=utf-8', body: script };
    return destination === 'document' ? { contentType: 'text/html; charset=utf-8', body: html } : null;
  };
}

export const GMAIL_DEMO_URL = 'https://mail.google.com/mail/u/0/';
export const OUTLOOK_DEMO_URL = 'https://outlook.live.com/mail/0/';

export async function serveGmailDemo(context: BrowserContext): Promise<void> {
  await routeOn(context, 'https://mail.google.com/', demoRoute('gmail'));
}

/** The Outlook demo mailbox at outlook.live.com (`npm start -- --site outlook`). */
export async function serveOutlookDemo(context: BrowserContext): Promise<void> {
  await routeOn(context, 'https://outlook.live.com/', demoRoute('outlook'));
}

/** Opens the Gmail demo; `faults` become ?faults=a,b (see demo.js). */
export async function openGmailDemo(context: BrowserContext, options: { faults?: string[]; hash?: string } = {}): Promise<Page> {
  const page = await context.newPage();
  const query = options.faults?.length ? `?faults=${options.faults.join(',')}` : '';
  await page.goto(`${GMAIL_DEMO_URL}${query}${options.hash ?? '#inbox'}`);
  await page.waitForFunction(() => '__demo' in window);
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
