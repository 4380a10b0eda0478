import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, type LaunchedExtension } from './harness.ts';
import { openGmailDemo, seedSettings, serveGmailDemo } from '../demo/serve.ts';
import { demoSettings } from '../demo/gmail/settings.ts';
import type { Settings } from '../../src/core/settings.ts';
import { LAST_VIEW_KEY } from '../../src/ui/pages/popup/lastView.ts';

// The popup, options and welcome pages of the BUILT extension in Chromium: real clicks and keys,
// the real background and IndexedDB, the demo mailbox for live norms, axe-core for accessibility,
// and screenshots in both themes for a person to look at.
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'artifacts', 'screenshots', 'pages');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOUR = 3_600_000;

async function ask<T = unknown>(page: Page, request: unknown): Promise<{ ok: boolean; value: T; error?: string }> {
  return page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(message),
    request,
  );
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the extension page's CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Every page passes axe in both themes (contrast differs between them). */
async function expectAccessibleInBothThemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousAxeViolations(page), `${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('extension pages in Chromium', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;
  let id: string;

  beforeAll(async () => {
    launched = await launchWithExtension();
    context = launched.context;
    id = launched.extensionId;
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('opens the welcome page on install and walks through hours, promise and the note', async () => {
    await expect.poll(() => context.pages().some((p) => p.url().endsWith('/welcome.html')), { timeout: 10_000 }).toBe(true);
    const page = context.pages().find((p) => p.url().endsWith('/welcome.html'))!;
    await page.setViewportSize({ width: 900, height: 900 });
    await page.getByRole('heading', { name: 'When do you work?' }).waitFor();
    await expectAccessibleInBothThemes(page);
    await screenshotBothThemes(page, 'welcome-1-hours');

    await page.getByLabel('Your time zone').fill('Australia/Sydney');
    await page.getByLabel('Monday range 1 start').fill('08:30');
    await page.getByLabel('Monday range 1 end').fill('17:30');
    await page.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'What do you promise clients?' }).waitFor();
    await page.getByLabel('I reply within (working hours)').fill('4');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Tell your clients' }).waitFor();
    await page.getByLabel('For urgent matters, they should…').fill('call me on 0400 123 456');
    const note = await page.getByLabel('Note (edit freely)').inputValue();
    expect(note).toContain("How we'll work together: I reply within 4 working hours, Monday to Friday 8:30–17:30 Sydney time.");
    expect(note).toContain('For urgent matters, please call me on 0400 123 456.');
    await expectAccessibleInBothThemes(page);
    await screenshotBothThemes(page, 'welcome-3-note');

    const settings = await ask<Settings>(page, { type: 'getSettings' });
    expect(settings.value.defaults.schedule.timeZone).toBe('Australia/Sydney');
    expect(settings.value.defaults.schedule.week[5]).toEqual([{ start: '08:30', end: '17:30' }]);
    await page.close();
  });

  it('options: adds a client with the keyboard only, with messages as the user types', async () => {
    const page = await openExtensionPage(context, id, 'options.html');
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.getByRole('button', { name: 'Add a client' }).waitFor();

    // Tab from the top of the page to "Add a client", as a keyboard user would.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Add a client');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    // Focus moves into the new form's first field.
    // (The form renders on the next frame: poll, a loaded machine may take longer than one.)
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('client-new-name');
    await page.keyboard.type('Umbrella');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada@umbrella');
    await expect.poll(() => page.getByText('“ada@umbrella” is not an email address.').count()).toBe(1);
    await page.keyboard.type('.com');
    await expect.poll(() => page.getByText('“ada@umbrella” is not an email address.').count()).toBe(0);
    await page.keyboard.press('Tab');
    await page.keyboard.type('umbrella.com');
    // Back to the name field, where Enter submits the form.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Added Umbrella.').waitFor();

    const settings = await ask<Settings>(page, { type: 'getSettings' });
    expect(settings.value.clients).toMatchObject([{ name: 'Umbrella', addresses: ['ada@umbrella.com'], domains: ['umbrella.com'], mode: 'account' }]);
    await page.close();
  });

  it('options: sets a client’s own zone and hours, and deletes it with undo', async () => {
    const page = await openExtensionPage(context, id, 'options.html');
    await page.getByRole('button', { name: 'Edit Umbrella' }).click();
    await page.getByLabel('Their own time zone, hours and holidays').check();
    await page.getByLabel('Their time zone').fill('America/New_Yor');
    await page.getByText('“America/New_Yor” is not a known time zone. Pick one from the list.').waitFor();
    await page.getByLabel('Their time zone').fill('America/New_York');
    // The defaults form on the same page has the same fields: work inside the client's form.
    const form = page.locator('form.client-form');
    await form.getByLabel('Friday range 1 end').fill('13:00');
    await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await form.getByLabel('Saturday range 1 start').fill('10:00');
    await form.getByLabel('Saturday range 1 end').fill('12:00');
    await form.getByLabel('Add a day off').fill('2026-12-25');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await form.getByRole('button', { name: 'Save client' }).click();
    await page.getByText('Saved Umbrella.').waitFor();

    const saved = (await ask<Settings>(page, { type: 'getSettings' })).value.clients[0]!;
    expect(saved.schedule).toEqual({
      timeZone: 'America/New_York',
      // A client's own hours start from the defaults the welcome page saved (8:30–17:30).
      week: [[], ...Array.from({ length: 4 }, () => [{ start: '08:30', end: '17:30' }]), [{ start: '08:30', end: '13:00' }], [{ start: '10:00', end: '12:00' }]],
      holidays: ['2026-12-25'],
    });
    await expectAccessibleInBothThemes(page);

    await page.getByRole('button', { name: 'Delete Umbrella' }).click();
    await page.getByText('Deleted Umbrella.').waitFor();
    expect((await ask<Settings>(page, { type: 'getSettings' })).value.clients).toEqual([]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Umbrella is back.').waitFor();
    expect((await ask<Settings>(page, { type: 'getSettings' })).value.clients.map((c) => c.name)).toEqual(['Umbrella']);
    await page.close();
  });

  it('options: a bad settings file is refused with the reason and changes nothing; a good one replaces the settings', async () => {
    const page = await openExtensionPage(context, id, 'options.html');
    await page.getByRole('button', { name: 'Edit Umbrella' }).waitFor();
    const before = (await ask<Settings>(page, { type: 'getSettings' })).value;

    const wrongZone = { format: 'replypace-settings', version: 1, exportedAt: 0, settings: { ...before, defaults: { ...before.defaults, schedule: { ...before.defaults.schedule, timeZone: 'Mars/Base' } } } };
    for (const [name, text, reason] of [
      ['broken.json', '{ "format": "replypace-settings", ', /JSON/i],
      ['future.json', JSON.stringify({ format: 'replypace-settings', version: 99, exportedAt: 0, settings: before }), /version/i],
      ['mars.json', JSON.stringify(wrongZone), /Mars\/Base/],
    ] as const) {
      await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      const alert = page.getByRole('alert').filter({ hasText: `${name} was not imported. Nothing was changed.` });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(reason);
    }
    expect((await ask<Settings>(page, { type: 'getSettings' })).value).toEqual(before);
    await screenshotBothThemes(page, 'options-bad-import');

    const exported = await ask<{ text: string }>(page, { type: 'exportSettings' });
    const file = JSON.parse(exported.value.text) as { settings: Settings };
    file.settings.clients[0]!.name = 'Umbrella Corp';
    await page.locator('#import-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByText('Settings imported: 1 client.').waitFor();
    await page.getByRole('button', { name: 'Edit Umbrella Corp' }).waitFor();
    await page.close();
  });

  it('popup: a norm appears live after a reply in the demo mailbox', async () => {
    // Nudges paused, so the demo's after-hours reply to Acme goes straight out.
    const settings = { ...demoSettings(), pausedUntil: Date.now() + 2 * HOUR };
    await seedSettings(context, id, settings);
    const popup = await openExtensionPage(context, id, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByText('Nudges paused').waitFor();
    const acmeRow = popup.getByRole('listitem').filter({ has: popup.locator('.norms-name', { hasText: /^Acme$/ }) });
    await expect.poll(() => acmeRow.textContent()).toContain('Not enough data yet');
    expect(await acmeRow.textContent()).toContain('Replies 0');

    await serveGmailDemo(context);
    const gmail = await openGmailDemo(context);
    await gmail.getByText('Renewal terms for 2027').click();
    // Reading the thread teaches the first reply (1 h after Jana's message, a day ago).
    await expect.poll(() => acmeRow.textContent(), { timeout: 15_000 }).toContain('Replies 1');
    await gmail.getByRole('link', { name: 'Reply' }).click();
    await gmail.locator('[role=textbox][aria-label="Message Body"]').fill('February works.');
    await gmail.locator('[data-demo-send]').click();
    await expect.poll(() => acmeRow.textContent(), { timeout: 15_000 }).toContain('Replies 2');
    await gmail.close();

    await popup.bringToFront();
    await expectAccessibleInBothThemes(popup);
    await screenshotBothThemes(popup, 'popup-demo');
    await popup.close();
  });

  it('popup: many clients, sorted by attention, searchable, with pause and resume', async () => {
    const page = await openExtensionPage(context, id, 'popup.html');
    await page.setViewportSize({ width: 420, height: 600 });
    const now = Date.now();
    // Twelve companies: some answered within minutes (training them too fast), some after days.
    const messages = Array.from({ length: 12 }, (_, company) =>
      Array.from({ length: 6 }, (_, k) => {
        const at = now - (k + 1) * 2 * 24 * HOUR;
        const delay = company % 3 === 0 ? 3 * 60_000 : company % 3 === 1 ? 2 * HOUR : 3 * 24 * HOUR;
        const thread = `t-${company}-${k}`;
        return [
          { id: `in-${company}-${k}`, threadId: thread, from: `buyer@company${company}.com`, to: ['sam@northwind-sales.com'], at },
          { id: `out-${company}-${k}`, threadId: thread, from: 'sam@northwind-sales.com', to: [`buyer@company${company}.com`], at: at + delay },
        ];
      }).flat(),
    ).flat();
    expect((await ask(page, { type: 'messagesSeen', site: 'gmail', account: 'sam@northwind-sales.com', messages })).ok).toBe(true);
    await page.reload();
    const search = page.getByRole('searchbox', { name: 'Search clients' });
    await search.waitFor();
    const statuses = await page.locator('.norms-row .status').allTextContents();
    const order = ['Slower than promised', 'Training them too fast', 'Drifting', 'On track', 'Not enough data yet'];
    expect(statuses.map((s) => order.indexOf(s))).toEqual([...statuses.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    expect(statuses).toContain('Slower than promised');
    expect(statuses).toContain('Training them too fast');

    await search.fill('company1');
    expect(await page.locator('.norms-name').allTextContents()).toEqual(expect.arrayContaining(['company1.com', 'company10.com', 'company11.com']));
    expect(await page.locator('.norms-name').count()).toBe(3);
    await search.fill('');

    await page.getByRole('button', { name: 'Resume nudges' }).click();
    await page.getByLabel('No nudges').selectOption({ label: 'for a week' });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Nudges paused').waitFor();
    const paused = (await ask<Settings>(page, { type: 'getSettings' })).value.pausedUntil!;
    expect(paused - Date.now()).toBeGreaterThan(6.9 * 24 * HOUR);
    await page.getByRole('button', { name: 'Resume nudges' }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    expect((await ask<Settings>(page, { type: 'getSettings' })).value.pausedUntil).toBeNull();

    await page.locator('.norms-row').first().getByRole('button', { name: /^Details/ }).click();
    await expectAccessibleInBothThemes(page);
    await screenshotBothThemes(page, 'popup-many');
    await page.close();
  });

  it('options: suggestions and defaults, then erase everything after confirmation', async () => {
    const page = await openExtensionPage(context, id, 'options.html');
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.getByRole('button', { name: /^Make company\d+\.com a client$/ }).first().waitFor();
    await expectAccessibleInBothThemes(page);
    await screenshotBothThemes(page, 'options');

    // An opened popup keeps its last view (localStorage of the extension's pages) for the next opening's first paint.
    const lastView = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { rows: unknown[] } | null, LAST_VIEW_KEY);
    const before = await openExtensionPage(context, id, 'popup.html');
    await before.locator('.norms-row').first().waitFor();
    await expect.poll(async () => (await lastView())?.rows.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    await before.close();

    await page.getByRole('button', { name: 'Erase all data…' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await ask<unknown[]>(page, { type: 'listNorms' })).value.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Erase all data…' }).click();
    await page.getByRole('button', { name: 'Yes, erase everything' }).click();
    await page.getByText('All data erased.').waitFor();
    expect((await ask<unknown[]>(page, { type: 'listNorms' })).value).toEqual([]);
    expect((await ask<Settings>(page, { type: 'getSettings' })).value.clients).toEqual([]);
    // Erased with the rest: the next popup never paints an erased client.
    expect(await lastView()).toBeNull();

    const popup = await openExtensionPage(context, id, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByRole('button', { name: 'Set up your first client' }).waitFor();
    await expectAccessibleInBothThemes(popup);
    await screenshotBothThemes(popup, 'popup-empty');
    await popup.close();
    await page.close();
  });

  it('popup: a neglected client shows its finding first; options: an attention threshold saves', async () => {
    const page = await openExtensionPage(context, id, 'popup.html');
    await page.setViewportSize({ width: 420, height: 600 });
    const now = Date.now();
    const me = 'sam@northwind-sales.com';
    // Six answered messages, then one left waiting for five days.
    const messages = Array.from({ length: 6 }, (_, k) => {
      const at = now - (k + 8) * 24 * HOUR;
      return [
        { id: `n-in-${k}`, threadId: `n-t-${k}`, from: 'cfo@neglected.com', to: [me], at },
        { id: `n-out-${k}`, threadId: `n-t-${k}`, from: me, to: ['cfo@neglected.com'], at: at + HOUR },
      ];
    }).flat();
    messages.push({ id: 'n-waiting', threadId: 'n-w', from: 'cfo@neglected.com', to: [me], at: now - 5 * 24 * HOUR });
    expect((await ask(page, { type: 'messagesSeen', site: 'gmail', account: me, messages })).ok).toBe(true);
    await page.reload();

    const row = page.locator('.norms-row', { hasText: 'neglected.com' });
    await row.getByText('Waiting on you').waitFor();
    expect(await page.locator('.norms-name').first().textContent()).toBe('neglected.com');
    expect(await row.textContent()).toMatch(/A message from them has waited .+ for your answer/);
    expect(await row.textContent()).toContain('have the honest conversation');
    expect(await row.getByRole('link', { name: 'Report for neglected.com' }).getAttribute('href')).toBe('report.html?client=domain%3Aneglected.com&period=4w');
    await page.getByText('1 need attention').waitFor();
    await expectAccessibleInBothThemes(page);
    await screenshotBothThemes(page, 'popup-attention');
    await page.close();

    const options = await openExtensionPage(context, id, 'options.html');
    await options.setViewportSize({ width: 1000, height: 900 });
    const factor = options.getByLabel('Waiting too long: times your usual reply');
    await factor.fill('0');
    await options.getByText('Enter between 1 and 20 times.').waitFor();
    await factor.fill('5');
    await options.getByRole('button', { name: 'Save drift and neglect settings' }).click();
    await options.getByText('Drift and neglect settings saved.').waitFor();
    expect((await ask<Settings>(options, { type: 'getSettings' })).value.attention?.waitingFactor).toBe(5);
    await options.locator('#attention').scrollIntoViewIfNeeded();
    await expectAccessibleInBothThemes(options);
    await options.close();
  });

  it('popup: opened again, one classic script paints the last view with the styles in the page, and the rest takes it over', async () => {
    await seedSettings(context, id, demoSettings());
    const first = await openExtensionPage(context, id, 'popup.html');
    await first.locator('.norms-row').first().waitFor();
    await expect.poll(() => first.evaluate((key) => localStorage.getItem(key) !== null, LAST_VIEW_KEY), { timeout: 10_000 }).toBe(true);
    await first.close();

    const popup = await openExtensionPage(context, id, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.waitForFunction(() => performance.getEntriesByName('replypace:popup-ready').length > 0);
    // What the first paint waits for: one classic script, run before the modules, and no stylesheet file.
    const shape = await popup.evaluate(() => ({
      stylesheetLinks: document.querySelectorAll('link[rel="stylesheet"]').length,
      styleElements: document.querySelectorAll('style').length,
      scripts: [...document.scripts].map((script) => ({ path: new URL(script.src).pathname, module: script.type === 'module', defer: script.defer })),
      bodyWidth: getComputedStyle(document.body).width,
    }));
    expect(shape.stylesheetLinks).toBe(0);
    expect(shape.styleElements).toBeGreaterThan(0);
    expect(shape.scripts[0]).toEqual({ path: '/popup-start.js', module: false, defer: true });
    expect(shape.scripts.slice(1).every((script) => script.module)).toBe(true);
    expect(shape.bodyWidth).toBe('420px');
    // Taken over: the painted row's buttons answer.
    await popup.waitForFunction(() => !document.getElementById('app')!.hasAttribute('aria-busy'));
    const details = popup.locator('.norms-row button[aria-controls]').first();
    await details.click();
    await expect.poll(() => details.getAttribute('aria-expanded')).toBe('true');
    await popup.close();
  });
});
