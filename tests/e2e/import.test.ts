import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, readIndexedDb, type LaunchedExtension } from './harness.ts';
import { zipArchive } from '../support/archives.ts';
import { GENERATED_CLIENTS, ME, writeTakeoutMbox, type TakeoutTruth } from '../support/takeout-generator.ts';
import type { HistoryReport } from '../../src/import/report.ts';

// "Learn from your past mail" in the BUILT extension in Chromium: a generated Google Takeout is
// chosen on the options page, read by the packaged worker, previewed, written in one transaction,
// shown by the popup, undone and imported again; the page's figures are the CLI's.
const ROOT = resolve(import.meta.dirname, '..', '..');
const SCREENSHOTS = resolve(ROOT, 'tests', 'artifacts', 'screenshots', 'import');

let launched: LaunchedExtension;
let dir: string;
let mboxPath: string;
let zipPath: string;
let truth: TakeoutTruth;
/** Every request to anywhere but the extension itself, whatever made it (only extension pages are open here). */
const outgoing: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'replypace-import-'));
  mboxPath = join(dir, 'All mail Including Spam and Trash.mbox');
  const seed = 20250601;
  console.log(`takeout generator seed ${seed}`);
  truth = writeTakeoutMbox(mboxPath, { seed, targetBytes: 3_000_000, end: Date.now() - 3_600_000, attachmentBytes: 2000 });
  zipPath = join(dir, 'takeout-20250601T000000Z-001.zip');
  writeFileSync(zipPath, zipArchive([{ name: 'Takeout/Mail/All mail Including Spam and Trash.mbox', data: readFileSync(mboxPath) }]));
  launched = await launchWithExtension();
  launched.context.on('request', (request) => {
    const url = request.url();
    if (!/^(chrome-extension|data|blob|about):/.test(url)) outgoing.push(url);
  });
});

afterAll(async () => {
  await launched?.close();
  rmSync(dir, { recursive: true, force: true });
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe findings in the light and the dark theme, with a screenshot of each. */
async function accessibilityInBothThemes(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  await page.evaluate(AXE_SOURCE);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    found.push(...violations.map((v) => `${colorScheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function openOptions(): Promise<Page> {
  const page = await openExtensionPage(launched.context, launched.extensionId, 'options.html#history');
  await page.getByRole('heading', { name: 'Learn from your past mail' }).waitFor();
  return page;
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.locator('#history-files').setInputFiles(path);
  await page.getByTestId('history-summary').waitFor({ timeout: 60_000 });
}

async function popupNames(): Promise<string[]> {
  const popup = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
  try {
    // "live": the fresh figures from the background are painted (not the last view of an earlier opening).
    await popup.waitForFunction(() => performance.getEntriesByName('replypace:popup-live').length > 0, null, { timeout: 15_000 });
    return await popup.locator('.norms-name').allInnerTexts();
  } finally {
    await popup.close();
  }
}

describe('history import in Chromium', () => {
  it('previews a Takeout with the CLI’s figures, writes it, and the popup shows its clients', async () => {
    const page = await openOptions();
    await importFile(page, mboxPath);

    // Own address suggested from Delivered-To and sent mail, ticked before anything else.
    expect(await page.getByRole('checkbox', { name: new RegExp(ME) }).isChecked()).toBe(true);
    const rows = page.locator('tr[data-client]');
    await expect.poll(() => rows.count()).toBe(GENERATED_CLIENTS.length);

    const cli = JSON.parse(execFileSync('npx', ['tsx', 'scripts/history.ts', '--me', ME, mboxPath], { cwd: ROOT, encoding: 'utf8' })) as HistoryReport;
    for (const client of cli.clients) {
      const row = page.locator(`tr[data-client="${client.key}"]`);
      expect(Number(await row.getAttribute('data-replies')), client.key).toBe(client.replies);
      expect(client.replies).toBe(truth.pairs.get(client.key)!.length);
      const pageMedian = Number(await row.getAttribute('data-median-working-ms'));
      expect(Math.abs(pageMedian - client.typicalReplyWorkingMinutes! * 60_000), client.key).toBeLessThanOrEqual(3000);
      if (client.proposal) expect(await row.getByTestId('pattern').textContent()).toContain(client.proposal.text.replace(/\?$/, ''));
    }
    expect(await page.getByTestId('left-out').textContent()).toContain(`${truth.leftOut.draft} drafts`);
    expect(await page.locator('tr[data-client="domain:acme-corp.de"]').getByTestId('pattern').textContent()).toContain('Europe/Berlin?');
    expect(await accessibilityInBothThemes(page, 'preview')).toEqual([]);

    // Nothing is written before the click.
    expect(await readIndexedDb(page, 'imports')).toEqual([]);
    await page.getByRole('button', { name: /^Import [\d,]+ replies$/ }).click();
    await page.getByTestId('history-done').waitFor({ timeout: 60_000 });
    const records = await readIndexedDb<{ pairs: number; importId: string }>(page, 'imports');
    expect(records.map((r) => r.pairs)).toEqual([cli.counts.pairs]);
    const threads = await readIndexedDb<{ messages: { importId?: string }[] }>(page, 'threads');
    expect(threads.flatMap((t) => t.messages).every((m) => m.importId === records[0]!.importId)).toBe(true);
    expect(JSON.stringify(threads)).not.toMatch(/Thanks, see below|order \d|Subject/);

    expect((await popupNames()).sort()).toEqual(cli.clients.map((c) => c.name).sort());
    await page.close();
  });

  it('"Undo this import" removes it, and the same Takeout as a .zip again replaces nothing left behind', async () => {
    const page = await openOptions();
    await page.getByRole('button', { name: /Undo the import of/ }).click();
    await page.getByText(/undone/).waitFor();
    expect(await readIndexedDb(page, 'threads')).toEqual([]);
    expect(await readIndexedDb(page, 'aggregates')).toEqual([]);
    expect(await popupNames()).toEqual([]);

    await importFile(page, zipPath);
    await page.getByRole('button', { name: /^Import [\d,]+ replies$/ }).click();
    await page.getByTestId('history-done').waitFor({ timeout: 60_000 });
    const first = await readIndexedDb<{ importId: string }>(page, 'imports');
    const threadsOnce = (await readIndexedDb<{ threadId: string; messages: unknown[] }>(page, 'threads')).map((t) => [t.threadId, t.messages.length]).sort();

    // The same file once more replaces the first import instead of adding to it.
    await page.getByRole('button', { name: 'Undo this import' }).waitFor();
    await importFile(page, zipPath);
    await page.getByRole('button', { name: /^Import [\d,]+ replies$/ }).click();
    await page.getByText('It replaces the earlier import of the same files.').waitFor({ timeout: 60_000 });
    const second = await readIndexedDb<{ importId: string }>(page, 'imports');
    expect(second).toHaveLength(1);
    expect(second[0]!.importId).not.toBe(first[0]!.importId);
    const threadsTwice = (await readIndexedDb<{ threadId: string; messages: unknown[] }>(page, 'threads')).map((t) => [t.threadId, t.messages.length]).sort();
    expect(threadsTwice).toEqual(threadsOnce);
    expect((await popupNames()).length).toBe(GENERATED_CLIENTS.length);
    await page.close();
  });

  it('says what is wrong with a file that is not a mailbox, and cancels a long read within 250 ms', async () => {
    const page = await openOptions();
    const notMail = join(dir, 'notes.txt');
    writeFileSync(notMail, 'Shopping list\nmilk\neggs\n');
    await page.locator('#history-files').setInputFiles(notMail);
    await page.getByRole('alert').filter({ hasText: 'notes.txt: no message found: this is not an mbox file' }).waitFor();

    // Big enough that it is still being read when Cancel is pressed.
    const big = join(dir, 'big.mbox');
    writeTakeoutMbox(big, { seed: 7, targetBytes: 400_000_000, end: Date.now() - 3_600_000, attachmentBytes: 4_000_000 });
    await page.locator('#history-files').setInputFiles(big);
    await page.getByTestId('history-progress').waitFor();
    const took = await page.evaluate(async () => {
      const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
      const started = performance.now();
      cancel.click();
      for (;;) {
        if (document.body.innerText.includes('Cancelled. Nothing was written.')) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    expect(took).toBeLessThan(250);
    // The worker is gone: no more progress, nothing written.
    await page.waitForTimeout(500);
    expect(await page.getByTestId('history-progress').count()).toBe(0);
    expect((await readIndexedDb(page, 'imports')).length).toBe(1);
    rmSync(big);
    await page.close();
  });

  it('made no network request', () => {
    expect(outgoing).toEqual([]);
  });
});
