/**
 * The calendar half in Chromium, on the demo Google Calendar editor (tests/demo/calendar) served
 * as https://calendar.google.com: a client guest at 7:30 their time is warned about and a
 * suggestion moves the meeting into their hours; colleagues are not warned about; a holiday is
 * named; Save is never blocked; an editor without the expected fields shows nothing and breaks
 * nothing; the calendar content script makes no network request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serveOn, type LaunchedExtension } from './harness.ts';
import { seedSettings } from '../demo/serve.ts';
import { calendarDemoHtml, calendarDemoUrl, type CalendarDemoQuery } from '../demo/calendar/page.ts';
import { CALENDAR_ACCOUNT, CLIENT_GUEST, CLIENT_ZONE, COLLEAGUE_GUEST, calendarDemoDates, calendarDemoSettings } from '../demo/calendar/settings.ts';

const NOTE = 'replypace-meeting [role=note]';
const STATE = 'data-replypace-meeting';

describe('calendar: meetings outside a client\'s hours (Chromium)', () => {
  let launched: LaunchedExtension;
  const dates = calendarDemoDates();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    launched = await launchWithExtension();
    await serveOn(launched.context, 'https://calendar.google.com/**', calendarDemoHtml());
    // The user's own hours are wide, so that the client's hours are what the note is about.
    await seedSettings(launched.context, launched.extensionId, calendarDemoSettings(Date.now(), 'UTC', { start: '05:00', end: '21:00' }));
  });
  afterAll(async () => {
    await launched?.close();
  });

  async function open(query: CalendarDemoQuery): Promise<Page> {
    const page = await launched.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(calendarDemoUrl({ zone: CLIENT_ZONE, account: CALENDAR_ACCOUNT, ...query }));
    await page.waitForFunction(() => (window as unknown as { __demo?: { ready?: boolean } }).__demo?.ready === true);
    return page;
  }

  const state = (page: Page) => page.evaluate((name) => document.documentElement.getAttribute(name), STATE);
  const waitForState = (page: Page, predicate: string) =>
    page.waitForFunction(([name, pattern]) => new RegExp(pattern!).test(document.documentElement.getAttribute(name!) ?? ''), [STATE, predicate] as const, { timeout: 15_000 });

  it('warns about a client guest at 7:30 their time, and a suggestion moves the meeting inside their hours', async () => {
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST, COLLEAGUE_GUEST] });
    const note = page.locator(NOTE);
    await note.waitFor({ timeout: 15_000 });
    const text = await note.innerText();
    expect(text).toContain('Acme (Berlin)');
    expect(text).toMatch(/7:30–8:00/);
    expect(text).toMatch(/outside their working hours/);
    const moves = note.getByRole('button', { name: /^Move to / });
    expect(await moves.count()).toBeGreaterThanOrEqual(1);
    expect(await moves.count()).toBeLessThanOrEqual(3);

    // Keyboard: the first suggestion is reachable and pressed with Enter.
    await moves.first().focus();
    await page.keyboard.press('Enter');
    await waitForState(page, '^fine:inside$');
    await note.waitFor({ state: 'detached' });
    const shown = await page.evaluate(() => {
      const demo = (window as unknown as { __demo: { state: { startDate: string; startMin: number; endMin: number } } }).__demo.state;
      return { ...demo, attr: document.querySelector('#xStTiIn')!.getAttribute('data-initial-value') };
    });
    // The demo's own state moved (typed the way Calendar takes values), and it is inside 9–17 Berlin.
    expect(shown.startMin).toBeGreaterThanOrEqual(9 * 60);
    expect(shown.endMin).toBeLessThanOrEqual(17 * 60);
    expect(shown.endMin - shown.startMin).toBe(30);
    expect(shown.attr).not.toBe('7:30am');
    await page.close();
  });

  it('does not warn about a colleague-only meeting at the same hour, and does once a client joins', async () => {
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [COLLEAGUE_GUEST] });
    await waitForState(page, '^fine:no-clients$');
    expect(await page.locator('replypace-meeting').count()).toBe(0);
    // The same page warns as soon as a client guest is added (the check was running all along).
    await page.locator('input[aria-label=Guests]').fill(CLIENT_GUEST);
    await page.locator('input[aria-label=Guests]').press('Enter');
    await page.locator(NOTE).waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('names a holiday, and Save is never blocked while the note is shown', async () => {
    const page = await open({ date: dates.holidayDate, start: '10:00', guests: [CLIENT_GUEST] });
    const note = page.locator(NOTE);
    await note.waitFor({ timeout: 15_000 });
    expect(await note.innerText()).toMatch(/one of their holidays/);
    await page.click('#xSaveBu');
    await page.waitForFunction(() => (window as unknown as { __demo: { saved: number } }).__demo.saved === 1);
    expect(await page.locator('.snackbar').innerText()).toBe('Event saved');
    await page.close();
  });

  it('an editor without the expected fields shows nothing and breaks nothing', async () => {
    const errorsBefore = pageErrors.length;
    const page = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST], variant: 'bare' });
    await waitForState(page, '^none$');
    expect(await page.locator('replypace-meeting').count()).toBe(0);
    // The page still works: typing a time and saving.
    await page.locator('input[aria-label="Start time"]').fill('9:00am');
    await page.locator('input[aria-label="Start time"]').press('Enter');
    await page.click('.save');
    await page.waitForFunction(() => (window as unknown as { __demo: { saved: number; state: { startMin: number } } }).__demo.saved === 1);
    expect(await page.evaluate(() => (window as unknown as { __demo: { state: { startMin: number } } }).__demo.state.startMin)).toBe(9 * 60);
    expect(await state(page)).toBe('none');
    expect(pageErrors.slice(errorsBefore)).toEqual([]);
    await page.close();
  });

  it('the calendar content script made no network request', async () => {
    const seen = await launched.network.settle();
    expect(seen.filter((r) => r.context === 'content-script')).toEqual([]);
    expect(seen).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
