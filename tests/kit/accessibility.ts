/** Accessibility of the extension's pages, checked with axe-core the same way in either browser. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { screenshotPath, type BrowserName, type Tab } from './harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe findings on the page, in each colour scheme the driver can show (light
 * and dark in Chromium; Firefox's driver cannot switch, so its own), with a screenshot of each
 * (`<browser>-<name>-<scheme>.png`).
 */
export async function accessibilityFindings(tab: Tab, browser: BrowserName, name: string, options: { fullPage?: boolean } = {}): Promise<string[]> {
  const found: string[] = [];
  await tab.addScript(AXE_SOURCE);
  const schemes = tab.colorScheme ? (['light', 'dark'] as const) : (['as shown'] as const);
  for (const scheme of schemes) {
    if (tab.colorScheme && scheme !== 'as shown') await tab.colorScheme(scheme);
    await tab.screenshot(screenshotPath(browser, `${browser}-${name}-${scheme.replace(' ', '-')}.png`), options);
    const violations = await tab.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    found.push(...violations.map((v) => `${scheme}: ${v}`));
  }
  if (tab.colorScheme) await tab.colorScheme('light');
  return found;
}
