/**
 * `npm run bench [-- --only NAME] [--build] [--json-only]`: runs every tests/bench/*.bench.ts
 * module (each default-exports `async () => Figure[]`) and prints all figures as JSON, then as a
 * table. Builds the Chrome extension first when .output/chrome-mv3 is missing (several benchmarks
 * measure the built files); `--build` rebuilds both browsers first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Figure } from '../tests/bench/figure.ts';

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

function table(figures: Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, formatValue(f.value), f.unit, f.goal ?? '', f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED']);
  const header = ['section', 'figure', 'value', 'unit', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
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

  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const file of modules) {
    const started = performance.now();
    console.error(`bench: ${file} …`);
    try {
      const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { default: () => Promise<Figure[]> };
      figures.push(...(await module.default()));
      console.error(`bench: ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
