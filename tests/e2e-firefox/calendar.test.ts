/**
 * The calendar half in Firefox ESR, on the demo Google Calendar editor served as
 * https://calendar.google.com: the same flows as tests/e2e/calendar.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, launchFirefox, type FirefoxExtension } from './harness.ts';
import { seedSettings, waitUntil } from './demo.ts';
import { calendarDemoHtml, calendarDemoUrl, type CalendarDemoQuery } from '../demo/calendar/page.ts';
import { CALENDAR_ACCOUNT, CLIENT_GUEST, CLIENT_ZONE, COLLEAGUE_GUEST, calendarDemoDates, calendarDemoSettings } from '../demo/calendar/settings.ts';

const STATE = 'data-replypace-meeting';
type DemoWindow = { __demo?: { ready?: boolean; saved: number; state: { startDate: string; startMin: number; endMin: number } } };

let ext: FirefoxExtension;
const dates = calendarDemoDates();
const pageErrors: string[] = [];

beforeAll(async () => {
  ext = await launchFirefox();
  ext.serve('https://calendar.google.com/', htmlPage(calendarDemoHtml()));
  await seedSettings(ext, calendarDemoSettings(Date.now(), 'UTC', { start: '05:00', end: '21:00' }));
});
afterAll(async () => {
  await ext?.close();
});

async function open(query: CalendarDemoQuery): Promise<Page> {
  const page = await ext.openPage(calendarDemoUrl({ zone: CLIENT_ZONE, account: CALENDAR_ACCOUNT, ...query }));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.waitForFunction(() => (window as unknown as DemoWindow).__demo?.ready === true);
  return page;
}

const state = (page: Page) => page.evaluate((name) => document.documentElement.getAttribute(name), STATE);
const waitForState = (page: Page, pattern: RegExp) => waitUntil(() => state(page), (value) => pattern.test(value ?? ''), 15_000);
/** The note's text, or null while there is none. */
const noteText = (page: Page) =>
  page.evaluate(() => (document.querySelector('replypace-meeting')?.shadowRoot?.querySelector('[role=note]') as HTMLElement | null)?.innerText ?? null);
const demoState = (page: Page) => page.evaluate(() => (window as unknown as DemoWindow).__demo!);

describe('Firefox · calendar: meetings outside a client\'s hours', () => {
  it('warns about a client guest at 7:30 their time, and a suggestion moves the meeting inside their hours', async () => {
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST, COLLEAGUE_GUEST] });
    const text = await waitUntil(() => noteText(page), (t) => t !== null, 15_000);
    expect(text).toContain('Acme (Berlin)');
    expect(text).toMatch(/7:30–8:00/);
    expect(text).toMatch(/outside their working hours/);
    const moves = await page.evaluate(() => [...document.querySelector('replypace-meeting')!.shadowRoot!.querySelectorAll('button.move')].length);
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(moves).toBeLessThanOrEqual(3);

    await page.evaluate(() => (document.querySelector('replypace-meeting')!.shadowRoot!.querySelector('button.move') as HTMLElement).focus());
    await page.keyboard.press('Enter');
    expect(await waitForState(page, /^fine:inside$/)).toBe('fine:inside');
    expect(await waitUntil(() => noteText(page), (t) => t === null)).toBeNull();
    const demo = await demoState(page);
    expect(demo.state.startMin).toBeGreaterThanOrEqual(9 * 60);
    expect(demo.state.endMin).toBeLessThanOrEqual(17 * 60);
    expect(demo.state.endMin - demo.state.startMin).toBe(30);
    await page.close();
  });

  it('does not warn about a colleague-only meeting, and does once a client joins', async () => {
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [COLLEAGUE_GUEST] });
    expect(await waitForState(page, /^fine:no-clients$/)).toBe('fine:no-clients');
    expect(await noteText(page)).toBeNull();
    await page.type('input[aria-label=Guests]', CLIENT_GUEST);
    await page.keyboard.press('Enter');
    expect(await waitUntil(() => noteText(page), (t) => t !== null, 15_000)).toContain('Acme');
    await page.close();
  });

  it('names a holiday, and Save is never blocked while the note is shown', async () => {
    const page = await open({ date: dates.holidayDate, start: '10:00', guests: [CLIENT_GUEST] });
    expect(await waitUntil(() => noteText(page), (t) => t !== null, 15_000)).toMatch(/one of their holidays/);
    await page.click('#xSaveBu');
    expect((await waitUntil(() => demoState(page), (d) => d.saved === 1)).saved).toBe(1);
    await page.close();
  });

  it('an editor without the expected fields shows nothing and breaks nothing', async () => {
    const errorsBefore = pageErrors.length;
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST], variant: 'bare' });
    expect(await waitForState(page, /^none$/)).toBe('none');
    expect(await noteText(page)).toBeNull();
    await page.click('input[aria-label="Start time"]', { count: 3 });
    await page.type('input[aria-label="Start time"]', '9:00am');
    await page.keyboard.press('Enter');
    await page.click('.save');
    const demo = await waitUntil(() => demoState(page), (d) => d.saved === 1);
    expect(demo.state.startMin).toBe(9 * 60);
    expect(pageErrors.slice(errorsBefore)).toEqual([]);
    await page.close();
  });

  it('the calendar content script made no network request', async () => {
    const seen = await ext.network.settle(1500);
    expect(seen).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
