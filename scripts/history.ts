/**
 * `npm run history -- --me you@example.com [--me other@example.com] [--settings replypace-settings.json]
 *  [--zone Europe/London] [--now 2025-06-01T00:00:00Z] FILE…`
 *
 * Reads mailbox exports (Takeout .mbox/.zip/.tgz, any .mbox, .eml files) with the same code as the
 * options page's import worker and prints what would be learned as JSON (format: README, "History
 * from the command line"). Nothing is written anywhere. Exit code 0 when a file was read, 2 when
 * none could be, 1 on a usage error.
 */
import { openAsBlob, statSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { HistoryCollector } from '../src/core/history/collector.ts';
import { buildHistoryPreview } from '../src/core/history/preview.ts';
import { defaultSettings, parseSettingsFile, type Settings } from '../src/core/settings.ts';
import { historyReport } from '../src/import/report.ts';
import { scanFiles, type ImportFile } from '../src/import/scan.ts';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run history -- --me you@example.com [--settings file.json] [--zone Area/City] [--now ISO-time] FILE…`);
  process.exit(1);
}

function parseArgs(argv: string[]) {
  const me: string[] = [];
  const files: string[] = [];
  let settingsPath: string | null = null;
  let zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  let now = Date.now();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? usage(`${arg} needs a value.`);
    if (arg === '--me') me.push(...value().split(',').map((a) => a.trim().toLowerCase()).filter(Boolean));
    else if (arg === '--settings') settingsPath = value();
    else if (arg === '--zone') zone = value();
    else if (arg === '--now') {
      now = Date.parse(value());
      if (Number.isNaN(now)) usage('--now needs an ISO time, e.g. 2025-06-01T00:00:00Z.');
    } else if (arg.startsWith('--')) usage(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (files.length === 0) usage('No file given.');
  return { me, files, settingsPath, zone, now };
}

/** A folder stands for every file in it (a folder of .eml files, Apple Mail's Name.mbox folder). */
function expand(path: string, root = path): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => expand(join(path, name), root));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let settings: Settings = defaultSettings(args.zone);
  if (args.settingsPath) {
    const checked = parseSettingsFile(readFileSync(args.settingsPath, 'utf8'));
    if (!checked.ok) usage(`${args.settingsPath} is not a ReplyPace settings file:\n${checked.errors.join('\n')}`);
    settings = checked.settings;
  }
  const files: ImportFile[] = [];
  for (const path of args.files) {
    for (const file of expand(path)) {
      const name = file === path ? basename(file) : `${basename(path)}/${relative(path, file)}`;
      files.push({ name, blob: await openAsBlob(file) });
    }
  }
  const known = [...new Set([...args.me, ...settings.me.addresses])];
  const collector = new HistoryCollector({ now: args.now, ownAddresses: known });
  const reports = await scanFiles(files, collector);
  const own = known.length > 0 ? known : collector.likelyOwnAddresses();
  const preview = buildHistoryPreview(collector, { ownAddresses: own, settings, now: args.now });
  console.log(JSON.stringify(historyReport(preview, reports, args.now), null, 2));
  if (reports.every((r) => r.problem !== null)) process.exitCode = 2;
}

await main();
