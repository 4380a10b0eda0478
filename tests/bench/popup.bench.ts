import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { Figure } from './figure.ts';
import { launchWithExtension, openExtensionPage } from '../e2e/harness.ts';
import { defaultSettings, type Settings } from '../../src/core/settings.ts';

/**
 * How fast the popup opens with a big history: 500 clients and 200,000 stored messages, seeded
 * through the extension's own protocol into the BUILT extension's IndexedDB (Chromium), then the
 * popup page opened again and again. Measured inside the page, from navigation start to the
 * popup's own marks: "data" when settings and all norms have arrived from the background,
 * "ready" after the list of 500 rows is painted.
 */
const CLIENTS = 500;
const MESSAGES = 200_000;
const OPENS = 9;
const ACCOUNT = 'sam@northwind-sales.com';
const HOUR = 3_600_000;

type Answer = { ok: boolean; value?: unknown; error?: string };

function ask(page: Page, request: unknown): Promise<Answer> {
  return page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Answer> } } }).chrome.runtime.sendMessage(message),
    request,
  );
}

function benchSettings(): Settings {
  const settings = defaultSettings('Europe/London');
  settings.me = { addresses: [ACCOUNT], ownDomains: ['northwind-sales.com'] };
  for (let i = 0; i < CLIENTS; i++) {
    settings.clients.push({ id: `c${i}`, name: `Client ${i}`, addresses: [], domains: [`client${i}.com`], mode: 'account', createdAt: 0, responseTargetHours: 1 + (i % 8) });
  }
  return settings;
}

/** 200,000 messages: for each client, 200 threads of one client message and one reply. */
function* messageBatches(now: number, size: number) {
  let batch: unknown[] = [];
  const perClient = MESSAGES / CLIENTS / 2;
  for (let k = 0; k < perClient; k++) {
    for (let c = 0; c < CLIENTS; c++) {
      const at = now - (k * 17 + (c % 13)) * 0.5 * 24 * HOUR - (c % 7) * HOUR;
      const delay = ((c * 7 + k * 3) % 40) * 6 * 60_000 + 60_000;
      const thread = `t${c}-${k}`;
      batch.push(
        { id: `i${c}-${k}`, threadId: thread, from: `buyer${k % 5}@client${c}.com`, to: [ACCOUNT], at },
        { id: `o${c}-${k}`, threadId: thread, from: ACCOUNT, to: [`buyer${k % 5}@client${c}.com`], at: at + delay },
      );
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function popupBench(): Promise<Figure[]> {
  const loadBefore = loadavg()[0]!;
  const launched = await launchWithExtension();
  try {
    const { context, extensionId } = launched;
    const seeder = await openExtensionPage(context, extensionId, 'popup.html');
    const saved = await ask(seeder, { type: 'saveSettings', settings: benchSettings() });
    if (!saved.ok) throw new Error(`Settings refused: ${saved.error}`);
    const seedStart = performance.now();
    let stored = 0;
    for (const batch of messageBatches(Date.now(), 5000)) {
      const answer = await ask(seeder, { type: 'messagesSeen', site: 'gmail', account: ACCOUNT, messages: batch });
      if (!answer.ok) throw new Error(`Seeding failed: ${answer.error}`);
      stored += (answer.value as { added: number }).added;
    }
    const seedMs = performance.now() - seedStart;
    const norms = await ask(seeder, { type: 'listNorms' });
    const clientsWithNorms = (norms.value as unknown[]).length;
    // The two requests the popup makes, timed alone (round trip from a page, warm worker).
    const roundTrip = async (request: unknown) => {
      const times: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        times.push(await seeder.evaluate(async (message) => {
          const start = performance.now();
          await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message);
          return performance.now() - start;
        }, request));
      }
      return median(times);
    };
    const getSettingsMs = await roundTrip({ type: 'getSettings' });
    const listNormsMs = await roundTrip({ type: 'listNorms' });
    await seeder.close();

    const scriptMs: number[] = [];
    const dataMs: number[] = [];
    const readyMs: number[] = [];
    let rows = 0;
    for (let i = 0; i < OPENS; i++) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 420, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      await page.waitForFunction(() => performance.getEntriesByName('replypace:popup-ready').length > 0, null, { timeout: 30_000 });
      const marks = await page.evaluate(() => ({
        script: performance.getEntriesByName('replypace:popup-ask')[0]!.startTime,
        data: performance.getEntriesByName('replypace:popup-data')[0]!.startTime,
        ready: performance.getEntriesByName('replypace:popup-ready')[0]!.startTime,
        rows: document.querySelectorAll('.norms-row').length,
      }));
      scriptMs.push(marks.script);
      dataMs.push(marks.data);
      readyMs.push(marks.ready);
      rows = marks.rows;
      await page.close();
    }
    const readyMedian = median(readyMs);
    return [
      { section: 'popup', name: 'machine load (1-min average) before the run', value: Number(loadBefore.toFixed(2)), unit: 'procs' },
      { section: 'popup', name: `seeded: messages stored through the protocol`, value: stored, unit: 'messages' },
      { section: 'popup', name: 'seeding time (batches of 5,000)', value: Math.round(seedMs), unit: 'ms' },
      { section: 'popup', name: 'clients with norms / rows rendered', value: clientsWithNorms, unit: `clients (${rows} rows)` },
      { section: 'popup', name: `getSettings round trip, ${CLIENTS} clients (median of ${OPENS})`, value: Number(getSettingsMs.toFixed(1)), unit: 'ms' },
      { section: 'popup', name: `listNorms round trip, ${CLIENTS} clients (median of ${OPENS})`, value: Number(listNormsMs.toFixed(1)), unit: 'ms' },
      { section: 'popup', name: `open → popup script running, requests sent (median of ${OPENS})`, value: Number(median(scriptMs).toFixed(1)), unit: 'ms' },
      { section: 'popup', name: `open → settings and norms received (median of ${OPENS})`, value: Number(median(dataMs).toFixed(1)), unit: 'ms' },
      { section: 'popup', name: `open → ${rows} rows painted (median of ${OPENS})`, value: Number(readyMedian.toFixed(1)), unit: 'ms', goal: '< 150', ok: readyMedian < 150 },
      { section: 'popup', name: `open → rows painted, slowest of ${OPENS} (first open included)`, value: Number(Math.max(...readyMs).toFixed(1)), unit: 'ms' },
    ];
  } finally {
    await launched.close();
  }
}
