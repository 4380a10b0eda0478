/**
 * `npm run lint:firefox`: builds the Firefox package and runs Mozilla's add-on linter on it
 * (`web-ext lint`, offline), failing on every error and on every warning that is not one of the
 * waivers below, each explained to reviewers in store/REVIEW-NOTES.md.
 *
 *   tsx scripts/lint-firefox.ts [--no-build] [--source-dir DIR]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const sourceDirArg = args.indexOf('--source-dir');
const sourceDir = sourceDirArg >= 0 ? resolve(args[sourceDirArg + 1]!) : join(ROOT, '.output', 'firefox-mv2');

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

interface Waiver {
  why: string;
  applies(message: LintMessage, sourceLine: string): boolean;
}

/** The bundled code around a message, to tell library internals from the project's own code. */
function sourceLineOf(message: LintMessage): string {
  if (!message.file || !message.line) return '';
  const line = readFileSync(join(sourceDir, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const column = message.column ?? 0;
  return line.slice(Math.max(0, column - 200), column + 200);
}

const WAIVERS: Waiver[] = [
  {
    why: "Preact's renderer implements dangerouslySetInnerHTML; ReplyPace never uses it (checked below)",
    applies: (m, source) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(m.message) && /\.__html/.test(source),
  },
];

/** The waiver above holds only while the project's own code never writes HTML strings. */
function ownHtmlWrites(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name)) {
        readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
          if (/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(line)) {
            found.push(`${path.slice(ROOT.length + 1)}:${index + 1}: ${line.trim()}`);
          }
        });
      }
    }
  };
  for (const dir of ['src', 'entrypoints']) walk(join(ROOT, dir));
  return found;
}

if (!args.includes('--no-build')) {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

let output: string;
try {
  output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  // web-ext exits non-zero when there are errors; the report is still on stdout.
  output = String((error as { stdout?: string }).stdout ?? '');
}
const report = JSON.parse(output) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };

const problems: string[] = [];
const where = (m: LintMessage) => `${m.file ?? 'manifest'}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;
for (const m of report.errors) problems.push(`error   ${m.code} ${where(m)}: ${m.message}`);
for (const m of report.warnings) {
  const waiver = WAIVERS.find((w) => w.applies(m, sourceLineOf(m)));
  if (waiver) console.log(`waived  ${m.code} ${where(m)}: ${waiver.why}`);
  else problems.push(`warning ${m.code} ${where(m)}: ${m.message}`);
}
for (const m of report.notices) console.log(`notice  ${m.code} ${where(m)}: ${m.message}`);
for (const write of ownHtmlWrites()) problems.push(`html    ${write} (the Preact waiver requires that ReplyPace never writes HTML strings)`);

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\nweb-ext lint: ${problems.length} problem(s) a reviewer would reject (see store/REVIEW-NOTES.md).`);
  process.exit(1);
}
console.log(`web-ext lint: clean (${report.errors.length} errors, ${report.warnings.length} waived warnings, ${report.notices.length} notices) on ${sourceDir}`);
