import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { ElementHandle, Page as FirefoxPage } from 'puppeteer-core';
import type { Figure } from './figure.ts';
import { launchWithExtension, openExtensionPage } from '../e2e/harness.ts';
import { FIREFOX_BUILD, launchFirefox } from '../e2e-firefox/harness.ts';
import { writeTakeoutMbox } from '../support/takeout-generator.ts';

/**
 * History import speed and memory (issue 14), in the BUILT extensions: a seeded Takeout-like mbox
 * (256 MB by default; `REPLYPACE_BENCH_IMPORT_MB=2048` or `--import-mb 2048` for 2 GB) is chosen
 * on the options page with setInputFiles, and in the same browser, on the same file:
 * - the plain read speed: File.stream() read to the end with nothing done (the limit), the faster of
 *   the default reader and a BYOB reader into a reused buffer (as the import reads plain files);
 * - the import speed to the preview (goal: at least 0.8 times the plain read speed), and on a
 *   dense file (small messages, no attachments) the messages read per second (goal: 4,000);
 * - the worker's memory: its V8 heap (committed) plus its array buffers, sampled every 100 ms
 *   through the DevTools protocol (Runtime.getHeapUsage on the worker's target; goal: 150 MB);
 * - the write of the previewed import, and the popup showing the imported clients right after;
 * - the same import speed, and the plain read speed, in Firefox.
 */
const SECTION = 'import';
const MB = 1024 * 1024;

function sizeMb(): number {
  const at = process.argv.indexOf('--import-mb');
  const value = Number(at >= 0 ? process.argv[at + 1] : (process.env.REPLYPACE_BENCH_IMPORT_MB ?? 256));
  return Number.isFinite(value) && value > 0 ? value : 256;
}

/** The worker's memory, from its own DevTools target (auto-attached, not flattened, so this session can talk to it). */
async function workerMemory(session: CDPSession) {
  const pending = new Map<number, (result: { usedSize: number; totalSize: number; backingStorageSize?: number }) => void>();
  let worker: string | null = null;
  let nextId = 1;
  session.on('Target.attachedToTarget' as never, (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (event.targetInfo.type === 'worker' && event.targetInfo.url.endsWith('/import-worker.js')) worker = event.sessionId;
  });
  session.on('Target.detachedFromTarget' as never, (event: { sessionId: string }) => {
    if (event.sessionId === worker) worker = null;
  });
  session.on('Target.receivedMessageFromTarget' as never, (event: { message: string }) => {
    const message = JSON.parse(event.message) as { id: number; result?: never };
    if (message.result) pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  await session.send('Target.setAutoAttach' as never, { autoAttach: true, waitForDebuggerOnStart: false, flatten: false } as never);
  let peakCommitted = 0;
  let peakUsed = 0;
  let samples = 0;
  const sample = async () => {
    if (!worker) return;
    const id = nextId++;
    const answer = new Promise<{ usedSize: number; totalSize: number; backingStorageSize?: number }>((resolve) => pending.set(id, resolve));
    await session.send('Target.sendMessageToTarget' as never, { sessionId: worker, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) } as never).catch(() => undefined);
    const result = await Promise.race([answer, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    if (!result) return;
    samples++;
    const buffers = result.backingStorageSize ?? 0;
    peakCommitted = Math.max(peakCommitted, result.totalSize + buffers);
    peakUsed = Math.max(peakUsed, result.usedSize + buffers);
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { peakCommittedMb: peakCommitted / MB, peakUsedMb: peakUsed / MB, samples };
    },
  };
}

/**
 * In the page: the file chosen in #bench-plain-read read to the end, nothing done with the bytes, in
 * MB/s. The fastest plain read the browser offers: the default reader and a BYOB reader into one
 * reused 1 MB buffer (as the import reads plain files), twice each. Passed to both browsers' drivers
 * as source text, so no named inner functions (tsx would wrap them in a helper the page lacks).
 */
async function plainReadInPage(): Promise<number> {
  const file = (document.getElementById('bench-plain-read') as HTMLInputElement).files![0]!;
  let best = 0;
  for (let run = 0; run < 4; run++) {
    const started = performance.now();
    if (run % 2 === 0) {
      const reader = file.stream().getReader();
      for (;;) if ((await reader.read()).done) break;
    } else {
      const reader = file.stream().getReader({ mode: 'byob' });
      let buffer = new ArrayBuffer(1 << 20);
      for (;;) {
        const { done, value } = await reader.read(new Uint8Array(buffer));
        if (done || !value) break;
        buffer = value.buffer as ArrayBuffer;
      }
    }
    best = Math.max(best, file.size / 1048576 / ((performance.now() - started) / 1000));
  }
  document.getElementById('bench-plain-read')!.remove();
  return best;
}

/** File.stream() read to the end in the page, nothing done with the bytes: MB/s. */
async function plainReadChromium(page: Page, path: string): Promise<number> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-plain-read';
    input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#bench-plain-read').setInputFiles(path);
  return page.evaluate(plainReadInPage);
}

/** Milliseconds between two of the import's marks in the page. */
function between(from: string, to: string): string {
  return `performance.getEntriesByName('replypace:import-${to}')[0].startTime - performance.getEntriesByName('replypace:import-${from}')[0].startTime`;
}

async function importInChromium(page: Page, path: string, timeoutMs: number) {
  await page.evaluate(() => {
    performance.clearMarks();
    // Counts the progress line's updates while the files are read (the page promises four a second).
    const seen = { updates: 0, last: '' };
    (globalThis as unknown as { benchProgress: typeof seen }).benchProgress = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="history-progress"]')?.textContent ?? '';
      if (text && text !== seen.last) {
        seen.updates++;
        seen.last = text;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.locator('#history-files').setInputFiles(path);
  await page.waitForFunction(() => performance.getEntriesByName('replypace:import-preview').length > 0, null, { timeout: timeoutMs });
  const toPreviewMs = (await page.evaluate(between('start', 'preview'))) as number;
  const readMs = (await page.evaluate(between('start', 'scanned'))) as number;
  const messages = Number(await page.getByTestId('history-summary').getAttribute('data-messages-read'));
  const progressUpdates = (await page.evaluate(() => (globalThis as unknown as { benchProgress: { updates: number } }).benchProgress.updates)) as number;
  return { toPreviewMs, readMs, messages, progressPerSecond: progressUpdates / (readMs / 1000) };
}

async function chromiumFigures(path: string, densePath: string, bytes: number, timeoutMs: number): Promise<Figure[]> {
  const launched = await launchWithExtension({ instrumented: false });
  const figures: Figure[] = [];
  try {
    const page = await openExtensionPage(launched.context, launched.extensionId, 'options.html#history');
    await page.getByRole('heading', { name: 'Learn from your past mail' }).waitFor();
    const readMbS = await plainReadChromium(page, path);
    figures.push({ section: SECTION, name: 'Chromium: plain File.stream() read (best of default and BYOB readers)', value: readMbS, unit: 'MB/s' });

    const session = await launched.context.newCDPSession(page);
    const memory = await workerMemory(session);
    const run = await importInChromium(page, path, timeoutMs);
    const mem = await memory.stop();
    const importMbS = bytes / MB / (run.toPreviewMs / 1000);
    figures.push(
      { section: SECTION, name: `Chromium: import to preview (${Math.round(bytes / MB)} MB, ${run.messages.toLocaleString('en-US')} messages)`, value: importMbS, unit: 'MB/s' },
      { section: SECTION, name: 'Chromium: import speed / plain read speed', value: importMbS / readMbS, unit: '×', goal: '≥ 0.8', ok: importMbS / readMbS >= 0.8 },
      { section: SECTION, name: 'Chromium: time to preview', value: run.toPreviewMs, unit: 'ms' },
      { section: SECTION, name: 'Chromium: of which reading the files (worker start included)', value: run.readMs, unit: 'ms' },
      { section: SECTION, name: 'Chromium: of which working out the preview', value: run.toPreviewMs - run.readMs, unit: 'ms' },
      { section: SECTION, name: 'Chromium: progress updates shown while reading', value: run.progressPerSecond, unit: '/s', goal: '≥ 4', ok: run.progressPerSecond >= 4 },
      { section: SECTION, name: `Chromium: worker memory, peak (heap committed + buffers; ${mem.samples} samples)`, value: mem.peakCommittedMb, unit: 'MB', goal: '≤ 150', ok: mem.samples > 0 && mem.peakCommittedMb <= 150 },
      { section: SECTION, name: 'Chromium: worker memory, peak used (heap used + buffers)', value: mem.peakUsedMb, unit: 'MB' },
    );

    // The write of what was previewed, then the popup with the imported clients.
    const clients = await page.locator('tr[data-client]').count();
    await page.getByRole('button', { name: /^Import [\d,]+ repl(y|ies)$/ }).click();
    await page.waitForFunction(() => performance.getEntriesByName('replypace:import-written').length > 0, null, { timeout: timeoutMs });
    figures.push({ section: SECTION, name: 'Chromium: write of the previewed import (one transaction)', value: (await page.evaluate(between('commit', 'written'))) as number, unit: 'ms' });
    const popup = await launched.context.newPage();
    const opened = Date.now();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await popup.waitForFunction((n) => performance.getEntriesByName('replypace:popup-live').length > 0 && document.querySelectorAll('.norms-name').length >= n, clients, { timeout: 60_000 });
    const rows = await popup.locator('.norms-name').count();
    figures.push({ section: SECTION, name: `Chromium: popup shows the ${clients} imported clients after`, value: Date.now() - opened, unit: 'ms', goal: `all ${clients} shown`, ok: rows >= clients });
    await popup.close();
    await page.close();

    const dense = await openExtensionPage(launched.context, launched.extensionId, 'options.html#history');
    await dense.getByRole('heading', { name: 'Learn from your past mail' }).waitFor();
    const denseRun = await importInChromium(dense, densePath, timeoutMs);
    const perSecond = denseRun.messages / (denseRun.readMs / 1000);
    figures.push({
      section: SECTION,
      name: `Chromium: dense file (${Math.round(statSync(densePath).size / MB)} MB, ${denseRun.messages.toLocaleString('en-US')} messages), messages read`,
      value: perSecond,
      unit: 'msg/s',
      goal: '≥ 4000',
      ok: perSecond >= 4000,
    });
    await dense.close();
  } finally {
    await launched.close();
  }
  return figures;
}

async function firefoxFigures(path: string, bytes: number, timeoutMs: number): Promise<Figure[]> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) {
    console.error('bench import: no Firefox build (npm run build:firefox); Firefox figures skipped');
    return [];
  }
  const ext = await launchFirefox();
  try {
    const page: FirefoxPage = await ext.openExtensionPage('options.html');
    await page.waitForFunction(() => /Learn from your past mail/.test(document.body.innerText), { timeout: 30_000 });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-plain-read';
      input.hidden = true;
      document.body.append(input);
    });
    await ((await page.$('#bench-plain-read')) as ElementHandle<HTMLInputElement>).uploadFile(path);
    const readMbS = await page.evaluate(plainReadInPage);
    await page.evaluate(() => performance.clearMarks());
    await ((await page.$('#history-files')) as ElementHandle<HTMLInputElement>).uploadFile(path);
    await page.waitForFunction(() => performance.getEntriesByName('replypace:import-preview').length > 0, { timeout: timeoutMs });
    const toPreviewMs = (await page.evaluate(between('start', 'preview'))) as number;
    const importMbS = bytes / MB / (toPreviewMs / 1000);
    return [
      { section: SECTION, name: 'Firefox: plain File.stream() read (best of default and BYOB readers)', value: readMbS, unit: 'MB/s' },
      { section: SECTION, name: 'Firefox: import to preview', value: importMbS, unit: 'MB/s' },
      { section: SECTION, name: 'Firefox: import speed / plain read speed', value: importMbS / readMbS, unit: '×', goal: '≥ 0.8', ok: importMbS / readMbS >= 0.8 },
    ];
  } finally {
    await ext.close();
  }
}

export default async function importBench(): Promise<Figure[]> {
  const mb = sizeMb();
  const dir = join(tmpdir(), `replypace-bench-import-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const path = join(dir, 'All mail Including Spam and Trash.mbox');
    const densePath = join(dir, 'dense.mbox');
    const end = Date.now() - 3_600_000;
    console.error(`bench import: writing a ${mb} MB Takeout-like mbox (seed 14) and a dense one (seed 15) in ${dir}; load ${loadavg()[0]!.toFixed(1)}`);
    writeTakeoutMbox(path, { seed: 14, targetBytes: mb * MB, end, attachmentBytes: 60_000 });
    writeTakeoutMbox(densePath, { seed: 15, targetBytes: Math.min(mb, 128) * MB, end, attachmentBytes: 0 });
    const bytes = statSync(path).size;
    const timeoutMs = 120_000 + (bytes / MB) * 1000;
    const figures = [
      { section: SECTION, name: 'load average (1 min) at start', value: loadavg()[0]!, unit: '' },
      ...(await chromiumFigures(path, densePath, bytes, timeoutMs)),
      ...(await firefoxFigures(path, bytes, timeoutMs)),
    ];
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
