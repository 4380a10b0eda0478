/**
 * The hardening of issue 12 in Firefox ESR (MV2, where the policy is a string and host permissions
 * sit among the permissions): the extension pages' content security policy refuses connections
 * but leaves the .ics worker working, and a package without host permissions keeps every feature.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD, launchFirefox, type ExtensionGlobals, type FirefoxExtension } from './harness.ts';
import { demo, GMAIL_DEMO_URL, openDemo, serveGmailDemo, waitForStoredMessages } from './demo.ts';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

describe('Firefox: the content security policy of the extension pages', () => {
  let ext: FirefoxExtension;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('is in the manifest and refuses a fetch and an image from an extension page before they leave', async () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { content_security_policy?: unknown };
    expect(manifest.content_security_policy).toEqual(expect.stringMatching(/(^|;)\s*connect-src 'none'/));
    ext.network.clear();
    const options = await ext.openExtensionPage('options.html');
    const refused = await options.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const fetched = await fetch('https://tracker.invalid/from-page').then(() => 'sent', () => 'refused');
      const image = await new Promise<string>((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
        img.src = 'https://tracker.invalid/pixel.png';
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { fetched, image, violations: [...new Set(violations)].sort() };
    });
    expect(refused).toEqual({ fetched: 'refused', image: 'refused', violations: ['connect-src', 'img-src'] });
    expect(await ext.network.settle()).toEqual([]);
    await options.close();
  });

  it('leaves the packaged .ics worker working: it reads a calendar, and says which rule it is stuck in', async () => {
    const options = await ext.openExtensionPage('options.html');
    const year = new Date().getFullYear();
    const replies = await options.evaluate(
      (good, stuck) =>
        new Promise<unknown[]>((resolve) => {
          const api = (globalThis as unknown as ExtensionGlobals).browser as unknown as { runtime: { getURL(path: string): string } };
          const seen: unknown[] = [];
          const reader = new Worker(api.runtime.getURL('/ics-worker.js'));
          reader.onmessage = ({ data }) => {
            seen.push(data);
            if ('ok' in data) {
              reader.terminate();
              const hanging = new Worker(api.runtime.getURL('/ics-worker.js'));
              hanging.onmessage = (event) => {
                seen.push(event.data);
                hanging.terminate();
                resolve(seen);
              };
              hanging.postMessage({ text: stuck, from: '2024-01-01', to: '2027-12-31' });
            }
          };
          reader.postMessage({ text: good, from: `${new Date().getFullYear()}-01-01`, to: `${new Date().getFullYear()}-12-31` });
        }),
      calendar(`DTSTART;VALUE=DATE:${year}1226`, 'SUMMARY:Boxing Day'),
      calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day'),
    );
    expect(replies).toEqual([
      { ok: true, holidays: { dates: [`${year}-12-26`], notes: [] } },
      { expanding: '“Leap day” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)' },
    ]);
    await options.close();
  });
});

describe('Firefox: least privilege', () => {
  it('a package without host permissions reads threads and answers the popup’s question to the active mail tab', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replypace-firefox-no-hosts-'));
    cpSync(FIREFOX_BUILD, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[] };
    manifest.permissions = manifest.permissions.filter((permission) => !permission.includes('://'));
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const bare = await launchFirefox({ extensionPath: dir });
    try {
      serveGmailDemo(bare);
      const page = await openDemo(bare, GMAIL_DEMO_URL, { hash: '#inbox' });
      await demo.openThread(page, 0);
      await waitForStoredMessages(bare, await demo.threadMessageIds(page, 0));
      await page.bringToFront();
      // What the popup does (src/ui/pages/activeThread.ts): the active tab of the window, by id only.
      const answer = await bare.extensionPage.evaluate(async () => {
        type Tabs = { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
        const api = (globalThis as unknown as { browser: { tabs: Tabs } }).browser;
        const [tab] = await api.tabs.query({ active: true, currentWindow: true });
        return api.tabs.sendMessage(tab!.id!, { type: 'replypace:threadCounterparts' }) as Promise<{ counterparts: string[] }>;
      });
      expect(answer.counterparts).toContain('jana.berger@acme-corp.com');
      await page.close();
    } finally {
      await bare.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
