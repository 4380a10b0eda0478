/**
 * The extension's own pages under hostile input and with the browser enforcing "nothing leaves the
 * browser": an .ics file that ical.js never finishes (the page must stay responsive and refuse it),
 * and the content security policy that forbids any connection from an extension page.
 * Chromium with the built extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, type LaunchedExtension } from './harness.ts';

let ext: LaunchedExtension;

beforeAll(async () => {
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
});

const calendar = (...lines: string[]) =>
  Buffer.from(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'));

async function openOptions(): Promise<Page> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await page.getByRole('button', { name: 'Save defaults' }).waitFor();
  return page;
}

/** How long the page's main thread takes to answer, in ms (a frozen page never does). */
async function responsiveness(page: Page): Promise<number> {
  const started = Date.now();
  await Promise.race([page.evaluate(() => 1), new Promise((_, reject) => setTimeout(() => reject(new Error('the page did not answer within 2 s')), 2000))]);
  return Date.now() - started;
}

describe('holidays from an .ics file on the options page', () => {
  it('a rule ical.js never returns from does not freeze the page; the file is refused, naming the event', async () => {
    const page = await openOptions();
    const input = page.locator('input[type=file][accept*=".ics"]').first();
    await input.setInputFiles({ name: 'leap.ics', mimeType: 'text/calendar', buffer: calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day') });
    await page.getByText('Reading leap.ics…').waitFor();
    // While the worker is stuck, the page answers at once.
    expect(await responsiveness(page)).toBeLessThan(1000);
    await page.getByText('leap.ics: Reading this calendar took too long: the repeating event “Leap day” (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) never ends. Nothing was imported.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('list', { name: 'Holidays' }).count()).toBe(0);
    await page.close();
  });

  it('a rule that ical.js expands into dates it does not allow is refused; a sound file is read', async () => {
    const page = await openOptions();
    const input = page.locator('input[type=file][accept*=".ics"]').first();
    await input.setInputFiles({ name: 'yearly.ics', mimeType: 'text/calendar', buffer: calendar('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Leap day') });
    await page.getByText(/yearly\.ics: The repeating event “Leap day” .* gives dates its own rule does not allow/).waitFor();
    const year = new Date().getFullYear();
    await input.setInputFiles({ name: 'christmas.ics', mimeType: 'text/calendar', buffer: calendar(`DTSTART;VALUE=DATE:${year}1225`, 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas') });
    await page.getByText(/days? added from christmas\.ics/).waitFor();
    await expect(page.getByRole('list', { name: 'Holidays' }).textContent()).resolves.toContain(`25 Dec ${year}`);
    await page.close();
  });
});
