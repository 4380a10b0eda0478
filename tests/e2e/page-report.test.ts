/**
 * Site health and "Save a page report" in Chromium: the built extension, the Gmail demo mailbox in
 * the active tab, the real popup page beside it in the same window. The popup shows the health
 * line, its button is reached and pressed with the keyboard, the report arrives as a real download
 * (no `downloads` permission), holds nothing private, and `npm run inspect` reads it. Nothing goes
 * to the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demo, launchOnDemo, THREADS, waitForStoredMessages } from './gmail-support.ts';
import type { LaunchedExtension } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCREENSHOTS = resolve(ROOT, 'tests', 'artifacts', 'screenshots', 'pages');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** What the demo mailbox shows that is private: subjects, bodies, names, addresses, and what the test types. */
const PRIVATE = [
  'Renewal terms for 2027',
  'board meeting',
  'renewal start in February',
  'Jana Berger',
  'Sam Seller',
  'jana.berger@acme-corp.com',
  'sam@northwind-sales.com',
  'acme-corp',
  'northwind-sales',
  'Typed body 4712',
];

let ext: LaunchedExtension & { extensionPage: Page };
let gmail: Page;
let popup: Page;
const downloads = mkdtempSync(join(tmpdir(), 'replypace-download-'));

/** The background's answer to a request sent from an extension page. */
async function ask(page: Page, request: unknown): Promise<{ ok: boolean }> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(m), request);
}

/**
 * Opens the popup page as a background tab of the Gmail tab's window: the Gmail tab stays the
 * active tab of that window, which is what the popup asks about, as when it opens from the toolbar.
 */
async function openPopupBesideGmail(): Promise<Page> {
  const opened = ext.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/popup.html') });
  await ext.extensionPage.evaluate(async () => {
    type Tab = { id?: number; windowId?: number };
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]>; update(id: number, p: object): Promise<Tab>; create(p: object): Promise<Tab> }; runtime: { getURL(p: string): string } } }).chrome;
    const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
    await chrome.tabs.update(tab!.id!, { active: true });
    await chrome.tabs.create({ url: chrome.runtime.getURL('/popup.html'), windowId: tab!.windowId, active: false });
  });
  const page = await opened;
  await page.waitForLoadState('load');
  await page.setViewportSize({ width: 420, height: 600 });
  return page;
}

beforeAll(async () => {
  ext = await launchOnDemo();
  gmail = await demo.open(ext.context);
  await demo.openThread(gmail, THREADS.acmeInstant);
  await waitForStoredMessages(ext.extensionPage, await demo.threadMessageIds(gmail, THREADS.acmeInstant));
  // A reply being written and a new message with a subject: neither may reach the report.
  await gmail.click('.ams');
  await gmail.locator('.M9 [role=textbox]').first().fill('Typed body 4712');
});
afterAll(async () => {
  await ext?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('site health and page reports in Chromium', () => {
  it('shows a quiet health line after Schedule send failed this week, in both themes, accessible', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await ask(ext.extensionPage, { type: 'scheduleResult', site: 'gmail', ok: false, step: 'picker-confirm', reason: 'the picker has no confirm button', matched: { 'menu-item': 0 } });
      expect(answer.ok).toBe(true);
    }
    popup = await openPopupBesideGmail();
    const line = popup.getByRole('region', { name: 'Site health' });
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toContain("Gmail's Schedule send failed 3 times this week: save a page report");
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await popup.evaluate(AXE_SOURCE);
      const serious = await popup.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(c: Document): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(serious, colorScheme).toEqual([]);
      await popup.screenshot({ path: resolve(SCREENSHOTS, `popup-site-health-${colorScheme}.png`) });
    }
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('saves a censored page report with the keyboard, as a real download, and inspect reads it', async () => {
    // Keyboard only: Tab until the button has focus, then Enter.
    const button = popup.getByRole('button', { name: 'save a page report' });
    await popup.locator('body').focus();
    for (let i = 0; i < 30 && !(await button.evaluate((b) => b === document.activeElement)); i++) await popup.keyboard.press('Tab');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    const download = popup.waitForEvent('download', { timeout: 30_000 });
    await popup.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^replypace-page-report-gmail-\d{4}-\d{2}-\d{2}\.html$/);
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    await popup.getByText(/^Saved replypace-page-report-gmail-/).waitFor();

    const report = readFileSync(path, 'utf8');
    const lower = report.toLowerCase();
    expect(PRIVATE.filter((text) => lower.includes(text.toLowerCase()))).toEqual([]);
    // The demo's script and the extension's own card never come along.
    expect(report).not.toContain('__demoFaults');

    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/inspect.ts', path], { cwd: ROOT, encoding: 'utf8' }));
    const version = JSON.parse(readFileSync(resolve(ROOT, '.output', 'chrome-mv3', 'manifest.json'), 'utf8')).version;
    expect(out.report).toMatchObject({ extensionVersion: version, browser: 'chrome', site: 'gmail', host: 'mail.google.com' });
    expect(out.report.health.weeks[out.report.health.thisWeek].gmail.failedSteps['picker-confirm'].count).toBe(3);
    expect(out.site).toBe('gmail');
    expect(out.account).toMatch(/^a\d+@example\.invalid$/);
    const ids = await demo.threadMessageIds(gmail, THREADS.acmeInstant);
    expect(out.messages.map((m: { id: string }) => m.id)).toEqual(ids);
    expect(out.composes.map((c: { kind: string; recipients: string[] }) => [c.kind, c.recipients.length])).toEqual([['inline', 1]]);
  });

  it('made no network request from any extension context', async () => {
    expect(await ext.network.settle()).toEqual([]);
  });
});
