/**
 * The calendar half, written once over `BrowserHarness` and run in each browser
 * (tests/e2e/calendar.test.ts, tests/e2e-firefox/calendar.test.ts), on the demo Google Calendar
 * event editor (tests/demo/calendar) served as https://calendar.google.com: a client guest at 7:30
 * their time is warned about and a suggestion moves the meeting into their hours; colleagues are
 * not warned about; a holiday is named; Save is never blocked; an editor without the expected
 * fields shows nothing and breaks nothing; the calendar content script makes no network request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDemoHtml, calendarDemoUrl, type CalendarDemoQuery, CALENDAR_DEMO_ORIGIN } from '../demo/calendar/page.ts';
import { CALENDAR_ACCOUNT, CLIENT_GUEST, CLIENT_ZONE, COLLEAGUE_GUEST, calendarDemoDates, calendarDemoSettings } from '../demo/calendar/settings.ts';
import { click, focus, htmlPage, press, seedSettings, typeInto, waitFor, type BrowserHarness, type BrowserKind, type Tab } from './harness.ts';

const STATE = 'data-replypace-meeting';
type CalendarWindow = { __demo?: { ready?: boolean; saved: number; state: { startDate: string; startMin: number; endMin: number } } };

export function calendarFlows(browser: BrowserKind): void {
  let h: BrowserHarness;
  const dates = calendarDemoDates();
  const opened: Tab[] = [];
  beforeAll(async () => {
    h = await browser.launch();
    await h.serve(`${CALENDAR_DEMO_ORIGIN}/`, htmlPage(calendarDemoHtml()));
    // The user's own hours are wide, so that the client's hours are what the note is about.
    await seedSettings(h, calendarDemoSettings(Date.now(), 'UTC', { start: '05:00', end: '21:00' }));
  });
  afterAll(async () => {
    await h?.close();
  });

  async function open(query: CalendarDemoQuery): Promise<Tab> {
    const tab = await h.openPage(calendarDemoUrl({ zone: CLIENT_ZONE, account: CALENDAR_ACCOUNT, ...query }));
    opened.push(tab);
    await waitFor(() => tab.evaluate(() => (window as unknown as CalendarWindow).__demo?.ready === true), Boolean);
    return tab;
  }
  const state = (tab: Tab) => tab.evaluate((name) => document.documentElement.getAttribute(name), STATE);
  const waitForState = (tab: Tab, pattern: RegExp) => waitFor(() => state(tab), (value) => pattern.test(value ?? ''), 15_000);
  /** The note's text, or null while there is none. */
  const noteText = (tab: Tab) =>
    tab.evaluate(() => (document.querySelector('replypace-meeting')?.shadowRoot?.querySelector('[role=note]') as HTMLElement | null)?.innerText ?? null);
  const notes = (tab: Tab) => tab.evaluate(() => document.querySelectorAll('replypace-meeting').length);
  const demo = (tab: Tab) => tab.evaluate(() => (window as unknown as CalendarWindow).__demo!);
  /** Replaces a field's text by typing, as a user who selects it first. */
  const retype = async (tab: Tab, selector: string, text: string) => {
    await focus(tab, selector);
    await tab.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement).select(), selector);
    await tab.keyboard.type(text);
  };

  describe(`calendar in ${browser.name}: meetings outside a client's hours`, () => {
    it('warns about a client guest at 7:30 their time, and a suggestion pressed with Enter moves the meeting inside their hours', async () => {
      const tab = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST, COLLEAGUE_GUEST] });
      const text = await waitFor(() => noteText(tab), (t) => t !== null, 15_000);
      expect(text).toContain('Acme (Berlin)');
      expect(text).toMatch(/7:30–8:00/);
      expect(text).toMatch(/outside their working hours/);
      const moves = await tab.evaluate(() =>
        [...document.querySelector('replypace-meeting')!.shadowRoot!.querySelectorAll('button')].filter((b) => /^Move to /.test(b.textContent ?? '')).length,
      );
      expect(moves).toBeGreaterThanOrEqual(1);
      expect(moves).toBeLessThanOrEqual(3);

      // Keyboard: the first suggestion is reachable and pressed with Enter.
      await tab.evaluate(() => (document.querySelector('replypace-meeting')!.shadowRoot!.querySelector('button.move') as HTMLElement).focus());
      await press(tab, 'Enter');
      expect(await waitForState(tab, /^fine:inside$/)).toBe('fine:inside');
      expect(await waitFor(() => notes(tab), (n) => n === 0)).toBe(0);
      // The demo's own state moved (typed the way Calendar takes values), and it is inside 9–17 Berlin.
      const shown = await demo(tab);
      expect(shown.state.startMin).toBeGreaterThanOrEqual(9 * 60);
      expect(shown.state.endMin).toBeLessThanOrEqual(17 * 60);
      expect(shown.state.endMin - shown.state.startMin).toBe(30);
      expect(await tab.evaluate(() => document.querySelector('#xStTiIn')!.getAttribute('data-initial-value'))).not.toBe('7:30am');
    });

    it('does not warn about a colleague-only meeting at the same hour, and does once a client joins', async () => {
      const tab = await open({ date: dates.meetingDate, start: '07:30', guests: [COLLEAGUE_GUEST] });
      expect(await waitForState(tab, /^fine:no-clients$/)).toBe('fine:no-clients');
      expect(await notes(tab)).toBe(0);
      // The same page warns as soon as a client guest is added (the check was running all along).
      await typeInto(tab, 'input[aria-label=Guests]', CLIENT_GUEST);
      await press(tab, 'Enter');
      expect(await waitFor(() => noteText(tab), (t) => t !== null, 15_000)).toContain('Acme');
    });

    it('names a holiday, and Save is never blocked while the note is shown', async () => {
      const tab = await open({ date: dates.holidayDate, start: '10:00', guests: [CLIENT_GUEST] });
      expect(await waitFor(() => noteText(tab), (t) => t !== null, 15_000)).toMatch(/one of their holidays/);
      await click(tab, '#xSaveBu');
      expect((await waitFor(() => demo(tab), (d) => d.saved === 1)).saved).toBe(1);
      expect(await tab.evaluate(() => (document.querySelector('.snackbar') as HTMLElement | null)?.innerText)).toBe('Event saved');
    });

    it('an editor without the expected fields shows nothing and breaks nothing', async () => {
      const tab = await open({ date: dates.meetingDate, start: '07:30', guests: [CLIENT_GUEST], variant: 'bare' });
      expect(await waitForState(tab, /^none$/)).toBe('none');
      expect(await notes(tab)).toBe(0);
      // The page still works: typing a time and saving.
      await retype(tab, 'input[aria-label="Start time"]', '9:00am');
      await press(tab, 'Enter');
      await click(tab, '.save');
      const saved = await waitFor(() => demo(tab), (d) => d.saved === 1);
      expect(saved.state.startMin).toBe(9 * 60);
      expect(await state(tab)).toBe('none');
    });

    it('the calendar content script made no network request, and no page had an error', async () => {
      expect(await h.network.settle(1500)).toEqual([]);
      expect(opened.flatMap((tab) => tab.errors)).toEqual([]);
    });
  });
}
