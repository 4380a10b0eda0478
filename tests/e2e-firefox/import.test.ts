/**
 * "Learn from your past mail" in Firefox ESR with the built Firefox package: the options page
 * (opened from the add-on's own welcome tab, as Firefox allows) reads a generated Takeout in its
 * packaged worker, previews it, writes it, the popup shows its clients, and undo and a second
 * import of the same file work. The page's figures are the CLI's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, readIndexedDb, screenshotPath, type FirefoxExtension } from './harness.ts';
import { GENERATED_CLIENTS, ME, writeTakeoutMbox, type TakeoutTruth } from '../support/takeout-generator.ts';
import type { HistoryReport } from '../../src/import/report.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
let ext: FirefoxExtension;
let dir: string;
let mboxPath: string;
let truth: TakeoutTruth;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replypace-import-ff-'));
  mboxPath = join(dir, 'All mail Including Spam and Trash.mbox');
  const seed = 20250602;
  console.log(`takeout generator seed ${seed}`);
  truth = writeTakeoutMbox(mboxPath, { seed, targetBytes: 3_000_000, end: Date.now() - 3_600_000, attachmentBytes: 2000 });
  ext = await launchFirefox();
});

afterAll(async () => {
  await ext?.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (page: Page) => page.evaluate(() => document.body.innerText);

async function clickButton(page: Page, name: RegExp): Promise<void> {
  const clicked = await page.evaluate((source) => {
    const pattern = new RegExp(source);
    const button = [...document.querySelectorAll('button')].find((b) => pattern.test(b.textContent ?? '') || pattern.test(b.getAttribute('aria-label') ?? ''));
    button?.click();
    return !!button;
  }, name.source);
  if (!clicked) throw new Error(`No button ${name}`);
}

async function importThroughPage(page: Page): Promise<void> {
  const input = (await page.waitForSelector('#history-files')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(mboxPath);
  await page.waitForSelector('[data-testid="history-summary"]', { timeout: 60_000 });
}

async function popupNames(): Promise<string[]> {
  const popup = await ext.openExtensionPage('popup.html');
  try {
    await popup.waitForFunction(() => performance.getEntriesByName('replypace:popup-live').length > 0, { timeout: 15_000 });
    return await popup.evaluate(() => [...document.querySelectorAll('.norms-name')].map((e) => e.textContent ?? ''));
  } finally {
    await popup.close();
  }
}

describe('Firefox: history import', () => {
  it('previews a Takeout with the CLI’s figures, writes it, and the popup shows its clients', async () => {
    const page = await ext.openExtensionPage('options.html');
    await page.setViewport({ width: 1280, height: 900 });
    await page.waitForFunction(() => /Learn from your past mail/.test(document.body.innerText), { timeout: 15_000 });
    await importThroughPage(page);

    const cli = JSON.parse(execFileSync('npx', ['tsx', 'scripts/history.ts', '--me', ME, mboxPath], { cwd: ROOT, encoding: 'utf8' })) as HistoryReport;
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('tr[data-client]')].map((r) => ({ key: r.getAttribute('data-client'), replies: Number(r.getAttribute('data-replies')), median: Number(r.getAttribute('data-median-working-ms')) })),
    );
    expect(rows.map((r) => r.key).sort()).toEqual(GENERATED_CLIENTS.map((c) => c.key).sort());
    for (const client of cli.clients) {
      const row = rows.find((r) => r.key === client.key)!;
      expect(row.replies, client.key).toBe(client.replies);
      expect(row.replies).toBe(truth.pairs.get(client.key)!.length);
      expect(Math.abs(row.median - client.typicalReplyWorkingMinutes! * 60_000), client.key).toBeLessThanOrEqual(3000);
    }
    expect(await text(page)).toContain(`${truth.leftOut.draft} drafts`);
    await page.screenshot({ path: screenshotPath('firefox-import-preview.png'), fullPage: true });

    expect(await readIndexedDb(page, 'imports')).toEqual([]);
    await clickButton(page, /^Import [\d,]+ replies$/);
    await page.waitForSelector('[data-testid="history-done"]', { timeout: 60_000 });
    const records = await readIndexedDb<{ pairs: number }>(page, 'imports');
    expect(records.map((r) => r.pairs)).toEqual([cli.counts.pairs]);
    expect((await popupNames()).sort()).toEqual(cli.clients.map((c) => c.name).sort());
    await page.close();
  });

  it('undoes the import, and the same file imported twice is one import', async () => {
    const page = await ext.openExtensionPage('options.html');
    await page.waitForFunction(() => /Past imports/.test(document.body.innerText), { timeout: 15_000 });
    await clickButton(page, /Undo the import of/);
    await page.waitForFunction(() => /undone/.test(document.body.innerText), { timeout: 30_000 });
    expect(await readIndexedDb(page, 'threads')).toEqual([]);
    expect(await popupNames()).toEqual([]);

    for (let round = 0; round < 2; round++) {
      await importThroughPage(page);
      await clickButton(page, /^Import [\d,]+ replies$/);
      await page.waitForSelector('[data-testid="history-done"]', { timeout: 60_000 });
    }
    expect(await text(page)).toContain('It replaces the earlier import of the same files.');
    expect(await readIndexedDb(page, 'imports')).toHaveLength(1);
    expect((await popupNames()).length).toBe(GENERATED_CLIENTS.length);
    await page.close();
  });

  it('made no network request', async () => {
    expect(await ext.network.settle()).toEqual([]);
  });
});
