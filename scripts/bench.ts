/**
 * `npm run bench [-- --only NAME] [--build] [--json-only]`: runs every tests/bench/*.bench.ts
 * module (each default-exports `async () => Figure[]`) and prints all figures as JSON, then as a
 * table. Builds the Chrome extension first when .output/chrome-mv3 is missing (several benchmarks
 * measure the built files); `--build` rebuilds both browsers first.
 *
 * The machine's load (1-minute average) is printed before each module and beside each of its
 * figures; a timing taken above a load of 1.0 is called "noisy", never "ok" (see verdictOf).
 * Timings with a baseline print it and the ratio to it: the goals are on the ratios.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QUIET_LOAD, verdictOf, type Figure, type Verdict } from '../tests/bench/figure.ts';

/** A figure with the load it was measured at and what the bench concludes from both. */
type Reported = Figure & { load: number; verdict: Verdict };

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'tests', 'bench');

function parseArgs(argv: string[]): { only: string | null; jsonOnly: boolean; build: boolean } {
  const onlyAt = argv.indexOf('--only');
  return { only: onlyAt >= 0 ? (argv[onlyAt + 1] ?? null) : null, jsonOnly: argv.includes('--json-only'), build: argv.includes('--build') };
}

function build(browser: 'chrome' | 'firefox'): void {
  console.error(`bench: building the ${browser} extension (npx wxt build -b ${browser})`);
  execFileSync('npx', ['wxt', 'build', '-b', browser], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

function table(figures: Reported[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    formatValue(f.value),
    f.unit,
    f.baseline ? formatValue(f.baseline.value) : '',
    f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`,
    f.goal ?? '',
    f.verdict,
    f.load.toFixed(2),
  ]);
  const header = ['section', 'figure', 'value', 'unit', 'baseline', 'ratio', 'goal', '', 'load'];
  const numeric = new Set([2, 4, 5, 8]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const baselines = figures
    .filter((f) => f.baseline)
    .map((f) => `  ${f.section}: ${f.name}\n    baseline: ${f.baseline!.name}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(baselines.length > 0 ? ['', 'Baselines (measured in the same run, same browser):', ...baselines] : []),
  ].join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The load before a module. The previous module's own work lingers in the 1-minute average, so
 * while the average is above QUIET_LOAD and still falling, wait for it (up to REPLYPACE_BENCH_SETTLE_S
 * seconds, 90 by default); a load that does not fall is other work, and waiting would not help.
 */
async function loadBeforeModule(): Promise<number> {
  const limitMs = Number(process.env.REPLYPACE_BENCH_SETTLE_S ?? 90) * 1000;
  const pollMs = 10_000;
  let load = loadavg()[0]!;
  for (let waited = 0; load > QUIET_LOAD && waited + pollMs <= limitMs; waited += pollMs) {
    await sleep(pollMs);
    const next = loadavg()[0]!;
    const falling = next < load - 0.05;
    load = next;
    if (!falling) break;
  }
  return load;
}

async function main(): Promise<void> {
  const { only, jsonOnly, build: rebuild } = parseArgs(process.argv.slice(2));
  const modules = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f === only || f === `${only}.bench.ts`)
    .sort();
  if (modules.length === 0) throw new Error(only ? `No benchmark named ${only} in tests/bench` : 'No benchmarks in tests/bench');

  if (rebuild) {
    build('chrome');
    build('firefox');
  } else if (!existsSync(join(root, '.output', 'chrome-mv3', 'manifest.json'))) {
    build('chrome');
  }

  const figures: Reported[] = [];
  const failures: string[] = [];
  for (const file of modules) {
    const load = await loadBeforeModule();
    const started = performance.now();
    console.error(`bench: ${file} … (machine load ${load.toFixed(2)}${load > QUIET_LOAD ? ': timings will be called noisy' : ''})`);
    try {
      const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { default: () => Promise<Figure[]> };
      figures.push(...(await module.default()).map((f) => ({ ...f, load: Number(load.toFixed(2)), verdict: verdictOf(f, load) })));
      console.error(`bench: ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s (load now ${loadavg()[0]!.toFixed(2)})`);
    } catch (error) {
      // One broken benchmark must not hide the others' figures.
      failures.push(`${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`bench: ${file} FAILED`);
    }
  }

  console.log(JSON.stringify({ figures, failures }, null, 2));
  if (!jsonOnly) console.log(`\n${table(figures)}`);
  if (failures.length > 0) {
    console.error(`\n${failures.join('\n\n')}`);
    process.exitCode = 1;
  }
}

await main();
