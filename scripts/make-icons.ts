/**
 * Renders assets/icon.svg to the PNG sizes the manifests need (public/icon/<size>.png) with
 * Debian's Chromium. Run by hand after changing the SVG: `npx tsx scripts/make-icons.ts`.
 */
import { readFile, mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];

const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
await mkdir(new URL('../public/icon/', import.meta.url), { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: new URL(`../public/icon/${size}.png`, import.meta.url).pathname, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
