import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { againstBaseline, type Figure } from './figure.ts';
import type { Page } from 'playwright-core';
import type { StoreBenchResult } from './store-page.ts';

/**
 * Runs `work` in the page while sampling its JS heap through the DevTools protocol (the page's own
 * performance.memory is coarse and lags): the peak above the heap in use at the start, after a GC.
 */
async function watchingHeap<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const start = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  let peak = start;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    return { result: await work(), peakBytes: peak - start };
  } finally {
    running = false;
    await sampling;
    await cdp.detach();
  }
}

/**
 * Store throughput in REAL IndexedDB: the store code is bundled with esbuild into a page served at
 * an https origin inside headless Chromium (Debian's), and timed there beside what IndexedDB alone
 * costs for the same data (store-page.ts). REPLYPACE_BENCH_STORE_MESSAGES (100,000 by default)
 * shrinks the run while developing.
 */
export default async function storeBench(): Promise<Figure[]> {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'store-page.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const bulk = Number(process.env.REPLYPACE_BENCH_STORE_MESSAGES ?? 100_000);
  const rounds = Number(process.env.REPLYPACE_BENCH_STORE_ROUNDS ?? 3);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route('https://bench.invalid/**', (route) =>
      route.request().url().endsWith('/bench.js')
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/bench.js"></script>' }),
    );
    await page.goto('https://bench.invalid/');
    const r = await page.evaluate(
      ([messages, times]) => (globalThis as unknown as { runStoreBench(n: number, rounds: number): Promise<StoreBenchResult> }).runStoreBench(messages, times),
      [bulk, rounds] as const,
    );
    const rebuild = await watchingHeap(page, () => page.evaluate(() => (globalThis as unknown as { runRebuildBench(): Promise<number> }).runRebuildBench()));

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const rate = (messages: number, ms: number) => Math.round(messages / (ms / 1000));
    const count = r.bulkMessages.toLocaleString('en-US');
    const normsMedian = Number(median(r.normsReadMs).toFixed(2));
    const rawReadMedian = Number(median(r.rawAggregatesReadMs).toFixed(2));
    const of = `median of ${r.ingestBulkMs.length}, alternating`;
    return [
      againstBaseline(
        { section: 'store', name: `ingest ${count} messages (batches of 1,000; ${of})`, value: rate(r.bulkMessages, median(r.ingestBulkMs)), unit: 'records/s' },
        { name: 'the same thread records written raw to IndexedDB, same batches (no reads, no aggregates)', value: rate(r.bulkMessages, median(r.rawWriteBulkMs)) },
        { least: 0.5 },
      ),
      { section: 'store', name: `ingest ${count} messages: total time (median)`, value: Math.round(median(r.ingestBulkMs)), unit: 'ms' },
      againstBaseline(
        { section: 'store', name: `ingest thread by thread (6 a batch, ${r.threadBatchCount} messages; ${of})`, value: rate(r.threadBatchCount, median(r.ingestThreadBatchesMs)), unit: 'records/s' },
        { name: 'the same thread records written raw, one transaction a thread', value: rate(r.threadBatchCount, median(r.rawWriteThreadBatchesMs)) },
        { least: 0.5 },
      ),
      againstBaseline(
        { section: 'store', name: `list norms, ${r.clientsRead} clients / ${r.messagesStored} messages, every aggregate read (median of 15)`, value: normsMedian, unit: 'ms' },
        { name: `the ${r.clientsRead} aggregates read raw from IndexedDB, nothing summarised (median of 15, alternating)`, value: rawReadMedian },
        { most: 2 },
      ),
      { section: 'store', name: 'list norms, every aggregate read, slowest of 15 (first read included)', value: Number(Math.max(...r.normsReadMs).toFixed(2)), unit: 'ms' },
      againstBaseline(
        { section: 'store', name: `list norms from its snapshot (nothing changed since; a background started again), median of 15`, value: Number(median(r.normsSnapshotReadMs).toFixed(2)), unit: 'ms' },
        { name: `the ${r.clientsRead} aggregates read raw from IndexedDB, nothing summarised (median of 15, alternating)`, value: rawReadMedian },
      ),
      againstBaseline(
        { section: 'store', name: `rebuild every pair and aggregate, ${r.threadsStored} threads (a settings change)`, value: Math.round(rebuild.result), unit: 'ms' },
        { name: 'every thread read and written back raw in one transaction (median of 3)', value: Math.round(r.rawRewriteMs) },
      ),
      {
        section: 'store',
        name: 'rebuild: peak JS heap above its start, sampled through DevTools',
        value: Number((rebuild.peakBytes / 1024 / 1024).toFixed(1)),
        unit: 'MB',
      },
    ];
  } finally {
    await browser.close();
  }
}
