import { describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumSetup, INSTALL_CHROMIUM } from '../../../scripts/chromium.ts';

describe('starting Chromium (npm start and the browser tests)', () => {
  it('loads only the given build, and switches off the browser’s own calls home', () => {
    const args = chromiumArgs('/x/chrome-mv3');
    expect(args).toEqual(expect.arrayContaining(['--disable-extensions-except=/x/chrome-mv3', '--load-extension=/x/chrome-mv3', '--disable-background-networking', '--disable-component-update']));
  });

  it('installs a missing Chromium only as root, the way .ci/run does; anyone else is told the command', () => {
    expect(chromiumSetup(true, false)).toBe('ready');
    expect(chromiumSetup(true, true)).toBe('ready');
    expect(chromiumSetup(false, true)).toBe('install');
    expect(chromiumSetup(false, false)).toBe('explain');
    expect(INSTALL_CHROMIUM).toBe('apt-get install -y chromium');
  });
});
