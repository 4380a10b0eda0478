/**
 * The pure core: how long the send-time decision takes (it runs inside the Send gesture), what it
 * weighs in a content script, and how the schedule arithmetic and exact norms scale.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { decide } from '../../src/core/decide.ts';
import { computeNorms } from '../../src/core/norms.ts';
import { defaultSchedule, workingTimeBetween } from '../../src/core/schedule.ts';
import type { PolicySnapshot, ReplyPair } from '../../src/core/types.ts';
import type { Figure } from './figure.ts';

const root = resolve(import.meta.dirname, '..', '..');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function snapshot(overrides: Partial<PolicySnapshot> = {}): PolicySnapshot {
  return {
    clientKey: 'domain:acme.com',
    clientName: 'Acme',
    mode: 'default',
    schedule: defaultSchedule('Australia/Sydney'),
    responseTargetMinutes: 240,
    minReplyDelayMinutes: 15,
    instantThresholdMinutes: 15,
    userTimeZone: 'Europe/London',
    norms: null,
    lastInboundAt: null,
    quietUntil: null,
    ...overrides,
  };
}

function quantiles(samplesMs: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

/** Each call timed on its own, as the Send gesture would run it, after the snapshot has been used once. */
function timeDecide(name: string, instants: number[], snap: PolicySnapshot): Figure[] {
  decide(instants[0] ?? 0, snap);
  const samples = instants.map((now) => {
    const started = performance.now();
    decide(now, snap);
    return performance.now() - started;
  });
  const { p50, p95 } = quantiles(samples);
  return [
    { section: 'core', name: `decide ${name}: p50`, value: p50 * 1000, unit: 'µs' },
    { section: 'core', name: `decide ${name}: p95`, value: p95 * 1000, unit: 'µs', goal: '< 1000 (well inside one 16 ms frame)', ok: p95 < 1 },
  ];
}

async function decideBundleSize(): Promise<Figure> {
  const result = await build({
    stdin: { contents: "export { decide } from './src/core/decide.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(bytes, { level: 9 }).length;
  return {
    section: 'core',
    name: 'decide() with its dependencies, minified + gzip',
    value: gzip / 1024,
    unit: 'KB',
    goal: '< 10 (the Gmail content script has 25 in all)',
    ok: gzip < 10 * 1024,
  };
}

export default async function core(): Promise<Figure[]> {
  const base = Date.parse('2024-06-10T00:00:00Z');
  // A week of send moments every 7 minutes: working hours, nights, the weekend, two zones.
  const instants = Array.from({ length: 1440 }, (_, i) => base + i * 7 * MIN);
  const figures: Figure[] = [];

  figures.push(...timeDecide('lead (early exit)', instants, snapshot({ mode: 'lead' })));
  figures.push(...timeDecide('no message waiting', instants, snapshot()));
  // The client's message is always two minutes old: reasons, suggestions and labels every time.
  const withInbound = snapshot({ lastInboundAt: base - 2 * MIN });
  decide(base, withInbound);
  const samples = instants.map((now) => {
    const snap = { ...withInbound, lastInboundAt: now - 2 * MIN };
    const started = performance.now();
    decide(now, snap);
    return performance.now() - started;
  });
  const nudge = quantiles(samples);
  figures.push(
    { section: 'core', name: 'decide nudge with suggestions: p50', value: nudge.p50 * 1000, unit: 'µs' },
    { section: 'core', name: 'decide nudge with suggestions: p95', value: nudge.p95 * 1000, unit: 'µs', goal: '< 1000', ok: nudge.p95 < 1 },
    { section: 'core', name: 'decide nudge with suggestions: max', value: nudge.max * 1000, unit: 'µs' },
  );

  {
    const schedule = defaultSchedule('America/New_York');
    const started = performance.now();
    workingTimeBetween(schedule, Date.parse('2023-01-01T00:00:00Z'), Date.parse('2024-01-01T00:00:00Z'));
    figures.push({ section: 'core', name: 'workingTimeBetween over a year (cold)', value: performance.now() - started, unit: 'ms' });
  }

  {
    const schedule = defaultSchedule('Europe/London');
    const now = Date.parse('2024-06-14T12:00:00Z');
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pairs: ReplyPair[] = Array.from({ length: 1000 }, () => {
      const receivedAt = now - random() * 180 * DAY;
      return { clientKey: 'k', receivedAt, sentAt: receivedAt + random() * 3 * DAY };
    });
    const started = performance.now();
    computeNorms(pairs, schedule, now);
    figures.push({ section: 'core', name: 'computeNorms, 1000 pairs over 6 months', value: performance.now() - started, unit: 'ms' });
  }

  figures.push(await decideBundleSize());
  return figures;
}
