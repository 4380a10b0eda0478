/**
 * How ReplyPace's scripts and tests start Chromium, in one place: Debian's Chromium, the unpacked
 * Chrome build loaded as the only extension, and the browser's own background traffic switched off
 * (see /work/shared/notes/browser-tests.md). Used by `npm start` and by the browser tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The command that installs Chromium on Debian, as .ci/run does. */
export const INSTALL_CHROMIUM = 'apt-get install -y chromium';

/** Launch arguments: the extension at `extensionPath` and nothing else, and no calls home. */
export function chromiumArgs(extensionPath: string): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

/** What to do about a missing browser: nothing, install it (as root, like .ci/run), or say how. */
export function chromiumSetup(present: boolean, isRoot: boolean): 'ready' | 'install' | 'explain' {
  if (present) return 'ready';
  return isRoot ? 'install' : 'explain';
}

/**
 * Makes sure Chromium is there: as root it is installed from Debian the way .ci/run does; anyone
 * else is told the one command to run. Throws when Chromium is still missing.
 */
export function ensureChromium(log: (line: string) => void = console.log): void {
  const setup = chromiumSetup(existsSync(CHROMIUM_PATH), process.getuid?.() === 0);
  if (setup === 'ready') return;
  if (setup === 'explain') throw new Error(`${CHROMIUM_PATH} is missing. Install it with: sudo ${INSTALL_CHROMIUM}`);
  log(`Chromium is missing: installing it from Debian (${INSTALL_CHROMIUM})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing.`);
}
