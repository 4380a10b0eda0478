import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, type LaunchedExtension } from './harness.ts';

// A client review report rendered by the built extension in Chromium from a seeded history:
// screenshots in both themes, the printed PDF, the CSV download and the weekly review page.
// Time is not faked: the history is written relative to now, in the client's zone.
const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts', 'report');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ZONE = 'Europe/London';

type Answer = { ok: boolean; value?: unknown; code?: string; error?: string };

async function ask(page: Page, request: unknown): Promise<Answer> {
  return page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(message),
    request,
  );
}

/** 10:00 in London on the weekday `daysAgo` calendar days before today, or null at weekends. */
function londonMorning(daysAgo: number): number | null {
  const today = new TZDate(Date.now(), ZONE);
  const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, 10, 0, 0, ZONE);
  const weekday = day.getDay();
  return weekday === 0 || weekday === 6 ? null : day.getTime();
}

/** Five months of replies to Acme: mostly within a few working hours, a few at night, a few instant. */
function seededHistory() {
  const delays = [25, 40, 70, 90, 120, 150, 200, 35, 55, 300, 3, 80];
  const messages: { id: string; threadId: string; from: string; to: string[]; at: number }[] = [];
  for (let daysAgo = 1; daysAgo <= 150; daysAgo++) {
    const received = londonMorning(daysAgo);
    if (received === null) continue;
    const thread = `acme-${daysAgo}`;
    // Every ninth working day the reply went out at 21:30 that night.
    const sent = daysAgo % 9 === 0 ? received + 11.5 * HOUR : received + (delays[daysAgo % delays.length] as number) * MIN;
    messages.push({ id: `${thread}-in`, threadId: thread, from: 'dana@acme.com', to: ['me@mine.com'], at: received });
    messages.push({ id: `${thread}-out`, threadId: thread, from: 'me@mine.com', to: ['dana@acme.com'], at: sent });
  }
  // Dana's question from three or more working days ago is still unanswered: the review should say so.
  const waitingFrom = [3, 4, 5].map(londonMorning).find((at): at is number => at !== null)!;
  messages.push({ id: 'acme-waiting-in', threadId: 'acme-waiting', from: 'dana@acme.com', to: ['me@mine.com'], at: waitingFrom + HOUR });
  return messages;
}

describe('client review report in Chromium', () => {
  let launched: LaunchedExtension;
  let page: Page;
  let reportUrl: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    launched = await launchWithExtension();
    const seeder = await openExtensionPage(launched.context, launched.extensionId, 'popup.html');
    const settings = (await ask(seeder, { type: 'getSettings' })).value as Record<string, unknown>;
    const saved = await ask(seeder, {
      type: 'saveSettings',
      settings: {
        ...settings,
        me: { addresses: ['me@mine.com'], ownDomains: [] },
        defaults: { ...(settings.defaults as object), schedule: { timeZone: ZONE, week: [[], ...Array.from({ length: 5 }, () => [{ start: '09:00', end: '17:30' }]), []], holidays: [] } },
        clients: [{ id: 'acme', name: 'Acme Logistics', addresses: [], domains: ['acme.com'], mode: 'account', responseTargetHours: 4, createdAt: Date.now() - 200 * DAY }],
      },
    });
    expect(saved.ok, saved.error).toBe(true);
    const seen = await ask(seeder, { type: 'messagesSeen', site: 'gmail', account: 'me@mine.com', messages: seededHistory() });
    expect(seen).toMatchObject({ ok: true, value: { skipped: 0 } });
    // The nudges of the last weeks: late replies scheduled into the morning, a few sent anyway.
    const outcomes = [
      { daysAgo: 2, choice: 'scheduled', reasons: ['outside-hours'] },
      { daysAgo: 6, choice: 'scheduled', reasons: ['outside-hours'] },
      { daysAgo: 11, choice: 'scheduled', reasons: ['weekend'] },
      { daysAgo: 13, choice: 'sent-anyway', reasons: ['outside-hours'] },
      { daysAgo: 20, choice: 'sent-anyway', reasons: ['too-fast'] },
      { daysAgo: 22, choice: 'dismissed', reasons: ['faster-than-norm'] },
    ];
    for (const { daysAgo, choice, reasons } of outcomes) {
      const at = Date.now() - daysAgo * DAY;
      const answer = await ask(seeder, { type: 'outcome', outcome: { site: 'gmail', clientKey: 'client:acme', at, choice, reasons, scheduledFor: choice === 'scheduled' ? at + 10 * HOUR : null } });
      expect(answer.ok).toBe(true);
    }
    await seeder.close();
    reportUrl = `report.html?client=${encodeURIComponent('client:acme')}&period=4w`;
    page = await openExtensionPage(launched.context, launched.extensionId, reportUrl);
    await page.setViewportSize({ width: 900, height: 1200 });
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('renders the report as a person reads it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics' }).waitFor();
    const summary = await page.getByRole('textbox', { name: 'Summary for Acme Logistics' }).inputValue();
    expect(summary).toMatch(/^Review of my replies to Acme Logistics, \w+ \d+ – \w+ \d+, \d{4}\. I replied to you \d+ times\. We agreed on replies within 4 working hours; my typical reply took about [\w.]+ working hours?, and \d+ of \d+ \(\d+%\) came within that time\./);
    expect(summary).toMatch(/went out outside your working hours \(Monday to Friday 9:00–17:30 London time\)\./);
    expect(summary).toMatch(/3 replies I wrote outside those hours were scheduled to reach you when your working day started\.$/);
    expect(await page.getByRole('img', { name: /How long replies took/ }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /When replies went out/ }).isVisible()).toBe(true);
    const notes = await page.getByRole('region', { name: 'For you, before the review' }).textContent();
    expect(notes).toContain('You chose “Send now” on 2 of 6 nudges');
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('prints without the controls or the private notes, and saves a PDF', async () => {
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.getByRole('navigation', { name: 'Report actions' }).isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'For you, before the review' }).isVisible()).toBe(false);
    expect(await page.locator('.summary-text').isVisible()).toBe(true);
    // Print is always dark text on white, whatever the screen theme.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-print.png'), fullPage: true });
    const pdfPath = resolve(ARTIFACTS, 'report.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(pdfPath).size).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  });

  it('exports the period as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^replypace-acme-logistics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = resolve(ARTIFACTS, 'report.csv');
    await download.saveAs(path);
    const lines = readFileSync(path, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('record,time_zone,received_at,sent_at,wall_minutes,working_minutes,within_target,instant,after_hours,nudge_at,nudge_choice,nudge_reasons,scheduled_for');
    expect(lines.filter((l) => l.startsWith('nudge,'))).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('reply,')).length).toBeGreaterThanOrEqual(18);
  });

  it('switches to the last quarter', async () => {
    await page.getByRole('combobox', { name: 'Period' }).selectOption('quarter');
    await page.waitForURL(/period=quarter/);
    await expect.poll(() => page.getByRole('textbox', { name: /Summary for/ }).inputValue()).toMatch(/I replied to you (6\d|5\d|7\d) times/);
  });

  it('lists the client on the weekly review, with the toolbar badge counting them', async () => {
    const review = await openExtensionPage(launched.context, launched.extensionId, 'report.html');
    await review.setViewportSize({ width: 900, height: 1000 });
    await review.getByRole('link', { name: 'Acme Logistics' }).first().waitFor();
    expect(await review.getByRole('region', { name: 'Needs attention' }).textContent()).toContain('Acme Logistics');
    await review.screenshot({ path: resolve(ARTIFACTS, 'weekly-review.png'), fullPage: true });

    const worker = launched.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${launched.extensionId}/`))!;
    // Fire the review alarm now instead of waiting for its first minute.
    await worker.evaluate(() => (globalThis as unknown as { chrome: { alarms: { create(n: string, o: object): Promise<void> } } }).chrome.alarms.create('replypace-review', { when: Date.now() + 100, periodInMinutes: 60 }));
    const badge = () => worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(o: object): Promise<string> } } }).chrome.action.getBadgeText({}));
    await expect.poll(badge, { timeout: 20_000 }).toBe('1');
    await review.close();
  });

  it('made no network request from any extension context', async () => {
    expect(await launched.network.settle()).toEqual([]);
  });
});
