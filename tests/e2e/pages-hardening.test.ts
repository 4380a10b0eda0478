/**
 * The extension's own pages under hostile input and with the browser enforcing "nothing leaves the
 * browser": an .ics file that ical.js never finishes (the page must stay responsive and refuse it),
 * and the content security policy that forbids any connection from an extension page.
 * Chromium with the built extension.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { CHROME_BUILD, launchWithExtension, openExtensionPage, type LaunchedExtension } from './harness.ts';
import { nudgeCard } from './site-support.ts';
import { demo, replyInThread, THREADS } from './gmail-support.ts';
import { seedSettings, serveGmailDemo } from '../demo/serve.ts';
import { demoSettings } from '../demo/gmail/settings.ts';

let ext: LaunchedExtension;

beforeAll(async () => {
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
});

const calendar = (...lines: string[]) =>
  Buffer.from(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'));

async function openOptions(): Promise<Page> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await page.getByRole('button', { name: 'Save defaults' }).waitFor();
  return page;
}

/** How long the page's main thread takes to answer, in ms (a frozen page never does). */
async function responsiveness(page: Page): Promise<number> {
  const started = Date.now();
  await Promise.race([page.evaluate(() => 1), new Promise((_, reject) => setTimeout(() => reject(new Error('the page did not answer within 2 s')), 2000))]);
  return Date.now() - started;
}

describe('holidays from an .ics file on the options page', () => {
  it('a rule ical.js never returns from does not freeze the page; the file is refused, naming the event', async () => {
    const page = await openOptions();
    const input = page.locator('input[type=file][accept*=".ics"]').first();
    await input.setInputFiles({ name: 'leap.ics', mimeType: 'text/calendar', buffer: calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day') });
    await page.getByText('Reading leap.ics…').waitFor();
    // While the worker is stuck, the page answers at once.
    expect(await responsiveness(page)).toBeLessThan(1000);
    await page.getByText('leap.ics: Reading this calendar took too long: the repeating event “Leap day” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) never ends. Nothing was imported.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('list', { name: 'Holidays' }).count()).toBe(0);
    await page.close();
  });

  it('a rule that ical.js expands into dates it does not allow is refused; a sound file is read', async () => {
    const page = await openOptions();
    const input = page.locator('input[type=file][accept*=".ics"]').first();
    await input.setInputFiles({ name: 'yearly.ics', mimeType: 'text/calendar', buffer: calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day') });
    await page.getByText(/yearly\.ics: The repeating event “Leap day” .* gives dates its own rule does not allow/).waitFor();
    const year = new Date().getFullYear();
    await input.setInputFiles({ name: 'christmas.ics', mimeType: 'text/calendar', buffer: calendar(`DTSTART;VALUE=DATE:${year}1225`, 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas') });
    await page.getByText(/days? added from christmas\.ics/).waitFor();
    await expect(page.getByRole('list', { name: 'Holidays' }).textContent()).resolves.toContain(`25 Dec ${year}`);
    await page.close();
  });
});

describe('the content security policy of the extension pages', () => {
  it('is declared in the manifest and forbids every connection', async () => {
    const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    const csp = await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { content_security_policy?: { extension_pages?: string } } } } }).chrome.runtime.getManifest().content_security_policy?.extension_pages ?? '');
    expect(csp).toMatch(/(^|;)\s*connect-src 'none'/);
    expect(csp).toMatch(/(^|;)\s*default-src 'self'/);
    await page.close();
  });

  it('the browser refuses a request from an extension page and from the background before it leaves', async () => {
    ext.network.clear();
    // How each request that got as far as the browser's network code ended: the policy's refusal
    // ("csp") is not this harness's (ERR_BLOCKED_BY_CLIENT, for what no test serves).
    const endings = new Map<string, string>();
    const onFailed = (request: Request) => endings.set(request.url(), request.failure()?.errorText ?? '');
    ext.context.on('requestfailed', onFailed);
    const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    const refused = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const fetched = await fetch('https://tracker.invalid/from-page').then(() => 'sent', () => 'refused');
      // A beacon is only queued (sendBeacon says true); the policy stops it before it is sent.
      navigator.sendBeacon('https://tracker.invalid/beacon', 'x');
      const image = await new Promise<string>((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
        img.src = 'https://tracker.invalid/pixel.png';
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { fetched, image, violations: [...new Set(violations)].sort() };
    });
    expect(refused).toEqual({ fetched: 'refused', image: 'refused', violations: ['connect-src', 'img-src'] });
    const worker = ext.context.serviceWorkers().find((w) => w.url().includes(ext.extensionId))!;
    const fromWorker = await worker.evaluate(() => fetch('https://tracker.invalid/from-worker').then(() => 'sent', (error: Error) => error.message));
    expect(fromWorker).not.toBe('sent');
    // Refused by the policy: fetch and beacon never became requests; the image was stopped as one.
    const recorded = await ext.network.settle();
    ext.context.off('requestfailed', onFailed);
    expect(recorded.map((r) => r.url)).toEqual(['https://tracker.invalid/pixel.png']);
    expect(endings.get('https://tracker.invalid/pixel.png')).toMatch(/csp/i);
    await page.close();
  });

  it('leaves the pages working: the popup keeps its last view in localStorage, the options page its worker', async () => {
    const popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    await popup.getByText(/ReplyPace/).first().waitFor();
    const stored = await popup.evaluate(() => {
      localStorage.setItem('replypace-probe', '1');
      return localStorage.getItem('replypace-probe');
    });
    expect(stored).toBe('1');
    await popup.reload();
    expect(await popup.evaluate(() => localStorage.getItem('replypace-probe'))).toBe('1');
    await popup.close();
    const options = await openOptions();
    const input = options.locator('input[type=file][accept*=".ics"]').first();
    await input.setInputFiles({ name: 'day.ics', mimeType: 'text/calendar', buffer: calendar(`DTSTART;VALUE=DATE:${new Date().getFullYear()}1226`, 'SUMMARY:Boxing Day') });
    await options.getByText(/1 day added from day\.ics/).waitFor();
    await options.close();
  });
});

describe('least privilege: the content scripts’ matches are all the host access the features need', () => {
  it('a build without host_permissions reads threads, nudges, and answers the popup’s question to the active mail tab', async () => {
    // The built extension with its host permissions taken out of the manifest.
    const dir = mkdtempSync(join(tmpdir(), 'replypace-no-hosts-'));
    cpSync(CHROME_BUILD, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
    delete manifest.host_permissions;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const bare = await launchWithExtension({ extensionPath: dir });
    try {
      await serveGmailDemo(bare.context);
      await seedSettings(bare.context, bare.extensionId, demoSettings());
      const extensionPage = await openExtensionPage(bare.context, bare.extensionId, 'popup.html');
      const mail = await demo.open(bare.context);
      await replyInThread(mail, extensionPage, THREADS.initechInstant);
      await mail.click('.aoO');
      await expect.poll(() => nudgeCard(mail).count()).toBe(1);
      expect(await demo.sent(mail)).toEqual([]);
      // What the popup does (src/ui/pages/activeThread.ts): the active tab of its window, by id only.
      await mail.bringToFront();
      const answer = await extensionPage.evaluate(async () => {
        type Tabs = { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown): Promise<{ counterparts: string[] }> };
        const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
        const [tab] = await tabs.query({ active: true, currentWindow: true });
        return { url: tab?.url ?? null, answer: await tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' }) };
      });
      // The tab's address stays hidden from the extension; the content script answers anyway.
      expect(answer.url).toBeNull();
      expect(answer.answer.counterparts).toContain('tom@initech-labs.com');
      expect(await bare.network.settle()).toEqual([]);
    } finally {
      await bare.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
