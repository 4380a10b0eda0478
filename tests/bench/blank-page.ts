/**
 * The popup benchmark's baseline: a blank extension page, what the browser itself costs to open
 * an extension page and paint it. It lives only in a bench copy of the built extension (the
 * product build has no bench page): .output/chrome-mv3 is copied to a temporary folder and the
 * page is added there, so it is loaded in the same profile, by the same browser, as the popup.
 *
 * Its one tiny script sets the same marks the popup sets, the same way: "ask" when the page's
 * script runs, "ready" after the first paint with content, through requestAnimationFrame then a
 * task (when Preact runs the popup's effects, which set its "ready" mark).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD } from '../e2e/harness.ts';

export const BLANK_PAGE = 'bench-blank.html';

const BLANK_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Blank</title></head>
  <body><p id="line"></p><script src="/bench-blank.js"></script></body>
</html>
`;

/** The popup's mark names (popup/marks.ts), so that one reader times both pages. */
const BLANK_SCRIPT = `performance.mark('replypace:popup-ask');
document.getElementById('line').textContent = 'Blank page';
requestAnimationFrame(() => setTimeout(() => performance.mark('replypace:popup-ready')));
`;

export interface BenchBuild {
  path: string;
  remove(): void;
}

/** A copy of the built Chrome extension with the blank page added. */
export function benchBuildWithBlankPage(from: string = CHROME_BUILD): BenchBuild {
  const path = mkdtempSync(join(tmpdir(), 'replypace-bench-'));
  cpSync(from, path, { recursive: true });
  writeFileSync(join(path, BLANK_PAGE), BLANK_HTML);
  writeFileSync(join(path, 'bench-blank.js'), BLANK_SCRIPT);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
