/**
 * The extension's own pages under hostile input, and "nothing leaves the browser" enforced by the
 * browser (issue 12, Hardening), written once over `BrowserHarness` and run in each browser
 * (tests/e2e/hardening.test.ts, tests/e2e-firefox/hardening.test.ts): an .ics file that ical.js
 * never finishes leaves the options page responsive and is refused; the content security policy
 * forbids any connection from an extension page and from the background, and leaves the pages
 * working; the manifest asks for no host permission.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedManifest, waitFor, waitForText, type BrowserHarness, type BrowserKind, type Tab } from './harness.ts';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

export function hardeningFlows(browser: BrowserKind): void {
  let h: BrowserHarness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replypace-ics-'));
    h = await browser.launch();
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An .ics file by this name on disk, to choose in a file input. */
  const icsFile = (name: string, ...lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, calendar(...lines));
    return path;
  };
  const openOptions = async () => {
    const tab = await h.openExtensionPage('options.html');
    await waitFor(() => tab.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Save defaults')), Boolean);
    return tab;
  };
  const ICS_INPUT = 'input[type=file][accept*=".ics"]';
  const holidays = (tab: Tab) => tab.evaluate(() => document.querySelector('ul[aria-label=Holidays]')?.textContent ?? null);

  /** How long the page's main thread takes to answer, in ms (a frozen page never does). */
  const responsiveness = async (tab: Tab) => {
    const started = Date.now();
    await Promise.race([tab.evaluate(() => 1), new Promise((_, reject) => setTimeout(() => reject(new Error('the page did not answer within 2 s')), 2000))]);
    return Date.now() - started;
  };

  describe(`holidays from an .ics file on the options page, in ${browser.name}`, () => {
    it('a rule ical.js never returns from does not freeze the page; the file is refused, naming the event', async () => {
      const tab = await openOptions();
      await tab.upload(ICS_INPUT, [icsFile('leap.ics', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day')]);
      await waitForText(tab, /Reading leap\.ics…/);
      // While the worker is stuck, the page answers at once.
      expect(await responsiveness(tab)).toBeLessThan(1000);
      const refused = 'leap.ics: Reading this calendar took too long: the repeating event “Leap day” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) never ends. Nothing was imported.';
      expect(await waitForText(tab, new RegExp(refused.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toContain(refused);
      expect(await holidays(tab)).toBeNull();
      await tab.close();
    });

    it('a rule that ical.js expands into dates it does not allow is refused; a sound file is read', async () => {
      const tab = await openOptions();
      await tab.upload(ICS_INPUT, [icsFile('yearly.ics', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day')]);
      await waitForText(tab, /yearly\.ics: The repeating event “Leap day” .* gives dates its own rule does not allow/);
      const year = new Date().getFullYear();
      await tab.upload(ICS_INPUT, [icsFile('christmas.ics', `DTSTART;VALUE=DATE:${year}1225`, 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas')]);
      await waitForText(tab, /days? added from christmas\.ics/);
      expect(await holidays(tab)).toContain(`25 Dec ${year}`);
      await tab.close();
    });
  });

  describe(`the content security policy of the extension pages, in ${browser.name}`, () => {
    it('is in the installed manifest and forbids every connection; the manifest asks for no host permission', async () => {
      const manifest = await installedManifest<{ content_security_policy?: string | { extension_pages?: string }; host_permissions?: string[]; permissions: string[] }>(h);
      // Chrome's MV3 names the pages' policy; Firefox's MV2 has one string.
      const policy = manifest.content_security_policy;
      const csp = typeof policy === 'string' ? policy : (policy?.extension_pages ?? '');
      expect(csp).toMatch(/(^|;)\s*connect-src 'none'/);
      expect(csp).toMatch(/(^|;)\s*default-src 'self'/);
      expect(manifest.host_permissions ?? []).toEqual([]);
      expect(manifest.permissions.filter((p) => p.includes(':') || p === '<all_urls>')).toEqual([]);
    });

    it('the browser refuses a request from an extension page and from the background before it leaves', async () => {
      h.network.clear();
      const page = await h.openExtensionPage('popup.html');
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
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { fetched, image, violations: [...new Set(violations)].sort() };
      });
      expect(refused).toEqual({ fetched: 'refused', image: 'refused', violations: ['connect-src', 'img-src'] });
      const fromBackground = await h.inBackground((scope) => scope.fetch('https://tracker.invalid/from-background').then(() => 'sent', (error: Error) => error.message));
      expect(fromBackground).not.toBe('sent');
      // Refused by the policy: fetch and beacon never became requests. Chromium reports the image as
      // a request it then stopped with the policy's error; Firefox stops it before it is one.
      const recorded = await h.network.settle();
      expect(recorded.map((r) => r.url)).toEqual(h.browser === 'chromium' ? ['https://tracker.invalid/pixel.png'] : []);
      for (const request of recorded) expect(request.failure, request.url).toMatch(/csp/i);
      await page.close();
    });

    it('leaves the pages working: the popup keeps its localStorage, the options page its .ics worker', async () => {
      const popup = await h.openExtensionPage('popup.html');
      await waitForText(popup, /ReplyPace/);
      expect(await popup.evaluate(() => (localStorage.setItem('replypace-probe', '1'), localStorage.getItem('replypace-probe')))).toBe('1');
      await popup.close();
      const again = await h.openExtensionPage('popup.html');
      expect(await again.evaluate(() => localStorage.getItem('replypace-probe'))).toBe('1');
      await again.close();
      const options = await openOptions();
      await options.upload(ICS_INPUT, [icsFile('day.ics', `DTSTART;VALUE=DATE:${new Date().getFullYear()}1226`, 'SUMMARY:Boxing Day')]);
      await waitForText(options, /1 day added from day\.ics/);
      await options.close();
    });
  });
}
