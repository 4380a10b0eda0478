/**
 * "Save a page report" in Firefox ESR: the built add-on, the Gmail demo in the active tab and the
 * real popup page as a background tab of the same window (what the popup asks about is the active
 * tab, as when it opens from the toolbar). The report is saved through the popup's `<a download>`
 * of a blob URL, with no `downloads` permission; WebDriver BiDi sends the download to a temporary
 * folder, where the test reads it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type ExtensionGlobals, type FirefoxExtension } from './harness.ts';
import { demo, GMAIL_DEMO_URL, openDemo, seedSettings, serveGmailDemo, waitForStoredMessages } from './demo.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PRIVATE = ['Renewal terms for 2027', 'board meeting', 'Jana Berger', 'Sam Seller', 'acme-corp', 'northwind-sales', 'Typed body 4712'];

let ext: FirefoxExtension;
let gmail: Page;
const downloads = mkdtempSync(join(tmpdir(), 'replypace-ff-download-'));

/** The BiDi connection under puppeteer's Firefox browser (as the harness reaches it). */
type Bidi = { send(method: string, params: object): Promise<unknown> };
const bidi = () => (ext.browser as unknown as { connection: Bidi }).connection;

/** The tab whose document is at `url` (puppeteer's own page URLs lag for tabs the add-on opens). */
async function pageAt(matches: (href: string) => boolean, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await ext.browser.pages()) {
      if (matches(await page.evaluate(() => location.href).catch(() => ''))) return page;
    }
    if (Date.now() > deadline) throw new Error('The popup tab did not open');
    await new Promise((done) => setTimeout(done, 100));
  }
}

beforeAll(async () => {
  ext = await launchFirefox();
  serveGmailDemo(ext);
  await seedSettings(ext);
  await bidi().send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: downloads } });
  gmail = await openDemo(ext, GMAIL_DEMO_URL, { hash: '#inbox' });
  await demo.openThread(gmail, 0);
  await waitForStoredMessages(ext, await demo.threadMessageIds(gmail, 0));
  await gmail.click('.ams');
  await gmail.type('.M9 [role=textbox]', 'Typed body 4712');
});
afterAll(async () => {
  await ext?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('Firefox: site health and page reports', () => {
  it('shows the health line beside a Gmail tab and saves a censored report that inspect reads', async () => {
    for (let i = 0; i < 2; i++) {
      await ext.ask({ type: 'scheduleResult', site: 'gmail', ok: false, step: 'menu-item', reason: 'the Schedule send menu item did not appear' });
    }
    const popupUrl = await ext.extensionPage.evaluate(async () => {
      const api = (globalThis as unknown as ExtensionGlobals).browser as ExtensionGlobals['browser'] & {
        tabs: { update(id: number, p: object): Promise<unknown>; create(p: object): Promise<unknown> };
      };
      const [tab] = (await api.tabs.query({ url: 'https://mail.google.com/*' })) as { id?: number; windowId?: number }[];
      await api.tabs.update(tab!.id!, { active: true });
      const url = api.runtime.getURL('/popup.html');
      await api.tabs.create({ url, windowId: tab!.windowId, active: false });
      return url;
    });
    const popup = await pageAt((href) => href === popupUrl);
    await popup.waitForFunction(() => document.querySelector('.health')?.textContent?.includes("Gmail's Schedule send failed twice this week"), { timeout: 15_000 });

    await popup.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'save a page report')!;
      button.focus();
    });
    // Keys go to the focused tab: bring the popup forward now that it has found the Gmail tab.
    await popup.bringToFront();
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => /^Saved replypace-page-report-gmail-/.test(document.querySelector('.health [role=status]')?.textContent ?? ''), { timeout: 30_000 });

    const deadline = Date.now() + 15_000;
    let name: string | undefined;
    while (!(name = readdirSync(downloads).find((f) => /^replypace-page-report-gmail-\d{4}-\d{2}-\d{2}\.html$/.test(f))) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(name, `downloads: ${readdirSync(downloads).join(', ')}`).toBeDefined();
    const path = join(downloads, name!);
    // The file is complete once Firefox has renamed it from its .part file.
    await expect.poll(() => existsSync(`${path}.part`) === false && readFileSync(path, 'utf8').includes('</html>'), { timeout: 15_000 }).toBe(true);
    const report = readFileSync(path, 'utf8');
    expect(PRIVATE.filter((text) => report.toLowerCase().includes(text.toLowerCase()))).toEqual([]);

    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/inspect.ts', path], { cwd: ROOT, encoding: 'utf8' }));
    expect(out.report).toMatchObject({ browser: 'firefox', site: 'gmail', host: 'mail.google.com' });
    expect(out.report.health.weeks[out.report.health.thisWeek].gmail.failedSteps['menu-item'].count).toBe(2);
    expect(out.messages.map((m: { id: string }) => m.id)).toEqual(await demo.threadMessageIds(gmail, 0));
    expect(out.account).toMatch(/^a\d+@example\.invalid$/);
  });

  it('made no network request from any extension context', async () => {
    expect(await ext.network.settle()).toEqual([]);
  });
});
