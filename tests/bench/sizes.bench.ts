import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './figure.ts';
import { filesUnder } from '../../scripts/files-under.ts';

const root = resolve(import.meta.dirname, '..', '..');
const CONTENT_SCRIPT_GOAL_BYTES = 25 * 1024;
/** The calendar scripts do one thing (the meeting check): they get a tighter budget (issue 15). */
const CALENDAR_SCRIPT_GOAL_BYTES = 15_000;
const STALE_MS = 10 * 60_000;

function builtAt(target: string): number {
  const manifest = join(root, '.output', target, 'manifest.json');
  return existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
}


/** Raw and gzip size of every file of each built extension (chrome-mv3, and firefox-mv2 when built). */
export default async function sizes(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const chromeBuiltAt = builtAt('chrome-mv3');
  for (const target of ['chrome-mv3', 'firefox-mv2']) {
    const dir = join(root, '.output', target);
    if (!existsSync(join(dir, 'manifest.json'))) continue;
    // A Firefox build left from long before the Chrome one would report sizes of old code.
    if (target !== 'chrome-mv3' && chromeBuiltAt - builtAt(target) > STALE_MS) {
      console.error(`sizes: skipping ${target}, built well before chrome-mv3 (run \`npm run build\` or \`npm run bench -- --build\`)`);
      continue;
    }
    let rawTotal = 0;
    let gzipTotal = 0;
    for (const file of filesUnder(dir).sort()) {
      const bytes = readFileSync(file);
      const gzip = gzipSync(bytes, { level: 9 }).length;
      rawTotal += bytes.length;
      gzipTotal += gzip;
      const name = relative(dir, file);
      const isContentScript = /^content-scripts\/.+\.js$/.test(name);
      const goalBytes = /calendar/.test(name) ? CALENDAR_SCRIPT_GOAL_BYTES : CONTENT_SCRIPT_GOAL_BYTES;
      figures.push({ section: `size ${target}`, name: `${name} raw`, value: bytes.length, unit: 'B' });
      figures.push({
        section: `size ${target}`,
        name: `${name} gzip`,
        value: gzip,
        unit: 'B',
        ...(isContentScript ? { goal: `<= ${goalBytes}`, ok: gzip <= goalBytes } : {}),
      });
    }
    figures.push({ section: `size ${target}`, name: 'total raw', value: rawTotal, unit: 'B' });
    figures.push({ section: `size ${target}`, name: 'total gzip', value: gzipTotal, unit: 'B' });
  }
  return figures;
}
