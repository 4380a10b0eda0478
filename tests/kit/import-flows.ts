/**
 * "Learn from your past mail" in the BUILT extension, written once over `BrowserHarness` and run
 * in each browser (tests/e2e/import.test.ts, tests/e2e-firefox/import.test.ts): a generated Google
 * Takeout is chosen on the options page, read by the packaged worker, previewed (accessible),
 * written in one transaction, shown by the popup, undone and imported again as a .zip; a file that
 * is not mail is refused and a long read cancelled at once; the page's figures are the CLI's, and
 * nothing goes to the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryReport } from '../../src/import/report.ts';
import { zipArchive } from '../support/archives.ts';
import { GENERATED_CLIENTS, ME, writeTakeoutMbox, type TakeoutTruth } from '../support/takeout-generator.ts';
import { accessibilityFindings } from './accessibility.ts';
import { pressButton, readIndexedDbIn, sleep, waitFor, waitForText, type BrowserHarness, type BrowserKind, type Tab } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const IMPORT_BUTTON = /^Import [\d,]+ replies$/;

export function importFlows(browser: BrowserKind, options: { seed: number }): void {
  let h: BrowserHarness;
  let dir: string;
  let mboxPath: string;
  let zipPath: string;
  let truth: TakeoutTruth;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replypace-import-'));
    mboxPath = join(dir, 'All mail Including Spam and Trash.mbox');
    console.log(`takeout generator seed ${options.seed}`);
    truth = writeTakeoutMbox(mboxPath, { seed: options.seed, targetBytes: 3_000_000, end: Date.now() - 3_600_000, attachmentBytes: 2000 });
    zipPath = join(dir, 'takeout-20250601T000000Z-001.zip');
    writeFileSync(zipPath, zipArchive([{ name: 'Takeout/Mail/All mail Including Spam and Trash.mbox', data: readFileSync(mboxPath) }]));
    h = await browser.launch();
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = <T>(tab: Tab, table: string) => readIndexedDbIn<T>(tab, table);
  const openOptions = async () => {
    const tab = await h.openExtensionPage('options.html#history');
    await waitForText(tab, /Learn from your past mail/);
    return tab;
  };
  const chooseFile = async (tab: Tab, path: string) => {
    await tab.upload('#history-files', [path]);
    await waitFor(() => tab.evaluate(() => document.querySelector('[data-testid="history-summary"]') !== null), Boolean, 60_000);
  };
  const importAndWait = async (tab: Tab, done: RegExp = /./) => {
    await pressButton(tab, IMPORT_BUTTON);
    await waitFor(() => tab.evaluate(() => document.querySelector('[data-testid="history-done"]') !== null), Boolean, 60_000);
    await waitForText(tab, done, 60_000);
  };
  /** The clients the popup shows once its fresh figures are painted (not the last view of an earlier opening). */
  const popupNames = async () => {
    const popup = await h.openExtensionPage('popup.html');
    try {
      await waitFor(() => popup.evaluate(() => performance.getEntriesByName('replypace:popup-live').length > 0), Boolean, 15_000);
      return await popup.evaluate(() => [...document.querySelectorAll('.norms-name')].map((e) => (e as HTMLElement).innerText));
    } finally {
      await popup.close();
    }
  };

  describe(`history import in ${browser.name}`, () => {
    it('previews a Takeout with the CLI’s figures, accessibly, writes it, and the popup shows its clients', async () => {
      const tab = await openOptions();
      await chooseFile(tab, mboxPath);

      // Own address suggested from Delivered-To and sent mail, ticked before anything else.
      const ownTicked = await tab.evaluate((me) => [...document.querySelectorAll('label')].find((l) => l.textContent?.includes(me))?.querySelector('input')?.checked, ME);
      expect(ownTicked).toBe(true);
      const cli = JSON.parse(execFileSync('npx', ['tsx', 'scripts/history.ts', '--me', ME, mboxPath], { cwd: ROOT, encoding: 'utf8' })) as HistoryReport;
      const shown = await tab.evaluate(() =>
        [...document.querySelectorAll('tr[data-client]')].map((r) => ({
          key: r.getAttribute('data-client'),
          replies: Number(r.getAttribute('data-replies')),
          median: Number(r.getAttribute('data-median-working-ms')),
          pattern: r.querySelector('[data-testid="pattern"]')?.textContent ?? '',
        })),
      );
      expect(shown.map((r) => r.key).sort()).toEqual(GENERATED_CLIENTS.map((c) => c.key).sort());
      for (const client of cli.clients) {
        const row = shown.find((r) => r.key === client.key)!;
        expect(row.replies, client.key).toBe(client.replies);
        expect(client.replies).toBe(truth.pairs.get(client.key)!.length);
        // The CLI prints minutes to a tenth (report.ts): the page's milliseconds, rounded the same way.
        expect(Math.round((row.median / 60_000) * 10) / 10, client.key).toBe(client.typicalReplyWorkingMinutes);
        if (client.proposal) expect(row.pattern).toContain(client.proposal.text.replace(/\?$/, ''));
      }
      expect(await tab.evaluate(() => document.querySelector('[data-testid="left-out"]')?.textContent)).toContain(`${truth.leftOut.draft} drafts`);
      expect(shown.find((r) => r.key === 'domain:acme-corp.de')?.pattern).toContain('Europe/Berlin?');
      expect(await accessibilityFindings(tab, h.browser, 'import-preview', { fullPage: true })).toEqual([]);

      // Nothing is written before the click.
      expect(await rows(tab, 'imports')).toEqual([]);
      await importAndWait(tab);
      const records = await rows<{ pairs: number; importId: string }>(tab, 'imports');
      expect(records.map((r) => r.pairs)).toEqual([cli.counts.pairs]);
      const threads = await rows<{ messages: { importId?: string }[] }>(tab, 'threads');
      expect(threads.flatMap((t) => t.messages).every((m) => m.importId === records[0]!.importId)).toBe(true);
      expect(JSON.stringify(threads)).not.toMatch(/Thanks, see below|order \d|Subject/);
      expect((await popupNames()).sort()).toEqual(cli.clients.map((c) => c.name).sort());
      await tab.close();
    });

    it('"Undo this import" removes it, and the same Takeout as a .zip, imported twice, is one import', async () => {
      const tab = await openOptions();
      await pressButton(tab, /Undo the import of/);
      await waitForText(tab, /undone/, 30_000);
      expect(await rows(tab, 'threads')).toEqual([]);
      expect(await rows(tab, 'aggregates')).toEqual([]);
      expect(await popupNames()).toEqual([]);

      await chooseFile(tab, zipPath);
      await importAndWait(tab);
      const first = await rows<{ importId: string }>(tab, 'imports');
      const threadsOf = async () => (await rows<{ threadId: string; messages: unknown[] }>(tab, 'threads')).map((t) => [t.threadId, t.messages.length]).sort();
      const threadsOnce = await threadsOf();

      // The same file once more replaces the first import instead of adding to it.
      await waitFor(() => tab.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Undo this import')), Boolean);
      await chooseFile(tab, zipPath);
      await importAndWait(tab, /It replaces the earlier import of the same files\./);
      const second = await rows<{ importId: string }>(tab, 'imports');
      expect(second).toHaveLength(1);
      expect(second[0]!.importId).not.toBe(first[0]!.importId);
      expect(await threadsOf()).toEqual(threadsOnce);
      expect((await popupNames()).length).toBe(GENERATED_CLIENTS.length);
      await tab.close();
    });

    it('says what is wrong with a file that is not a mailbox, and cancels a long read within 250 ms', async () => {
      const tab = await openOptions();
      const notMail = join(dir, 'notes.txt');
      writeFileSync(notMail, 'Shopping list\nmilk\neggs\n');
      await tab.upload('#history-files', [notMail]);
      const alert = await waitFor(
        () => tab.evaluate(() => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '').join('\n')),
        (text) => text.includes('notes.txt: no message found: this is not an mbox file'),
      );
      expect(alert).toContain('notes.txt: no message found: this is not an mbox file');

      // Big enough that it is still being read when Cancel is pressed.
      const big = join(dir, 'big.mbox');
      writeTakeoutMbox(big, { seed: 7, targetBytes: 400_000_000, end: Date.now() - 3_600_000, attachmentBytes: 4_000_000 });
      await tab.upload('#history-files', [big]);
      await waitFor(() => tab.evaluate(() => document.querySelector('[data-testid="history-progress"]') !== null), Boolean);
      const took = await tab.evaluate(async () => {
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
      await sleep(500);
      expect(await tab.evaluate(() => document.querySelector('[data-testid="history-progress"]') === null)).toBe(true);
      expect(await rows(tab, 'imports')).toHaveLength(1);
      rmSync(big);
      await tab.close();
    });

    it('made no network request', async () => {
      expect(await h.network.settle()).toEqual([]);
    });
  });
}
