import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Figure } from './figure.ts';
import type { StoreBenchResult } from './store-page.ts';

/**
 * Store throughput in REAL IndexedDB: the store code is bundled with esbuild into a page served at
 * an https origin inside headless Chromium (Debian's), and timed there.
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
  // Timings on a shared 2-core machine depend on what else runs: the load is printed beside them.
  const loadBefore = loadavg()[0]!;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route('https://bench.invalid/**', (route) =>
      route.request().url().endsWith('/bench.js')
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/bench.js"></script>' }),
    );
    await page.goto('https://bench.invalid/');
    const result = await page.evaluate(() => (globalThis as unknown as { runStoreBench(): Promise<StoreBenchResult> }).runStoreBench());

    const sorted = [...result.normsReadMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = sorted[sorted.length - 1]!;
    const bulkRate = 100_000 / (result.ingest100kMs / 1000);
    const threadRate = result.threadBatchCount / (result.ingestThreadBatchesMs / 1000);
    return [
      { section: 'store', name: 'machine load (1-min average) before the run', value: Number(loadBefore.toFixed(2)), unit: 'procs' },
      { section: 'store', name: 'ingest 100,000 messages (batches of 1,000)', value: Math.round(bulkRate), unit: 'records/s', goal: '≥ 20000', ok: bulkRate >= 20_000 },
      { section: 'store', name: 'ingest 100,000 messages: total time', value: Math.round(result.ingest100kMs), unit: 'ms' },
      { section: 'store', name: `ingest thread by thread (6 a batch, ${result.threadBatchCount} messages)`, value: Math.round(threadRate), unit: 'records/s' },
      { section: 'store', name: `list norms, ${result.clientsRead} clients / ${result.messagesStored} messages (median of 15)`, value: Number(median.toFixed(2)), unit: 'ms', goal: '< 50', ok: median < 50 },
      { section: 'store', name: 'list norms, slowest of 15 (first read included)', value: Number(worst.toFixed(2)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
