// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pickerTexts, scheduleWithGmail } from '../../../../src/sites/gmail/scheduler.ts';
import { loadScheduleDouble } from './schedule-double.ts';

describe("Gmail's picker formats", () => {
  it('writes the date and time as English Gmail shows them ("May 16, 2026", "1:33 PM"), in the browser zone', () => {
    const at = new Date(2026, 4, 16, 13, 33).getTime();
    expect(pickerTexts(at, 'en')).toEqual({ date: 'May 16, 2026', time: '1:33 PM' });
    expect(pickerTexts(at, '')).toEqual({ date: 'May 16, 2026', time: '1:33 PM' });
    expect(pickerTexts(new Date(2026, 0, 2, 0, 5).getTime(), 'en-US')).toEqual({ date: 'Jan 2, 2026', time: '12:05 AM' });
  });

  it('follows the page language for other languages', () => {
    const at = new Date(2026, 4, 16, 13, 33).getTime();
    expect(pickerTexts(at, 'en-GB')).toEqual({ date: '16 May 2026', time: '13:33' });
    expect(pickerTexts(at, 'de').time).toBe('13:33');
  });
});

const LATER = new Date(2099, 0, 5, 9, 30).getTime();

describe('Schedule send on the reconstructed 2026-05 pages, two composes open', () => {
  it("schedules the compose asked for through its own menu, the late picker and the picker's confirm; the other compose is untouched", async () => {
    const gmail = loadScheduleDouble({ pickerDelayMs: 120 });
    const [first, second] = gmail.composes as [HTMLElement, HTMLElement];
    const firstBefore = gmail.draftOf(first);

    const result = await scheduleWithGmail(second, LATER, { timeoutMs: 1000 });

    expect(result).toEqual({
      ok: true,
      matched: { 'send-options': 0, 'menu-item': 0, 'pick-date-time': 0, picker: 0, 'picker-confirm': 0, snackbar: 0 },
    });
    expect(gmail.scheduled).toEqual([{ composeId: 'popup-2', at: LATER }]);
    expect(gmail.pressed).toEqual(['popup-2 chevron', 'popup-2 schedule send', 'pick date & time', 'picker confirm']);
    expect(second.isConnected).toBe(false);
    expect(gmail.draftOf(first)).toEqual(firstBefore);
    expect(first.querySelector<HTMLElement>('[role=menu]')!.style.display).toBe('none');
    expect(gmail.escapesInComposes).toEqual([]);
  });

  it('waits for the picker mounted late and never takes a compose for it, even one whose two fields read as a date and a time', async () => {
    const gmail = loadScheduleDouble({ pickerDelayMs: 300 });
    const [first, second] = gmail.composes as [HTMLElement, HTMLElement];
    // Both pop-ups are dialogs with two text fields; these two look like a picker's to a careless eye.
    for (const compose of [first, second]) {
      compose.querySelector<HTMLInputElement>('input[role=combobox]')!.value = 'May 16, 2026';
      compose.querySelector<HTMLInputElement>('input[name=subjectbox]')!.value = '1:33 PM call';
    }
    const before = [gmail.draftOf(first), gmail.draftOf(second)];

    const result = await scheduleWithGmail(first, LATER, { timeoutMs: 1500 });

    expect(result.ok).toBe(true);
    expect(gmail.scheduled).toEqual([{ composeId: 'popup-1', at: LATER }]);
    expect(gmail.draftOf(second)).toEqual(before[1]);
    // The scheduled compose went with its draft as the user left it (nothing typed into To or Subject).
    expect({ to: before[0]!.to, subject: before[0]!.subject }).toEqual({ to: 'May 16, 2026', subject: '1:33 PM call' });
  });

  it('a picker that never mounts fails at the "picker" step, writes nothing anywhere, and leaves both drafts', async () => {
    const gmail = loadScheduleDouble({ noPicker: true });
    const [first, second] = gmail.composes as [HTMLElement, HTMLElement];
    const before = [gmail.draftOf(first), gmail.draftOf(second)];

    const result = await scheduleWithGmail(first, LATER, { timeoutMs: 400 });

    expect(result).toMatchObject({ ok: false, step: 'picker', reason: 'no date and time picker' });
    expect([gmail.draftOf(first), gmail.draftOf(second)]).toEqual(before);
    expect(gmail.scheduled).toEqual([]);
    expect(gmail.escapesInComposes).toEqual([]);
  });

  it('"Invalid date" fails at the "picker-rejected" step: the picker is cancelled with its own button and the draft stays as it was', async () => {
    const gmail = loadScheduleDouble({ rejectAll: true, pickerDelayMs: 50 });
    const [first, second] = gmail.composes as [HTMLElement, HTMLElement];
    const before = [gmail.draftOf(first), gmail.draftOf(second)];

    const result = await scheduleWithGmail(second, LATER, { timeoutMs: 800 });

    expect(result).toMatchObject({ ok: false, step: 'picker-rejected' });
    expect(result.ok === false && result.reason).toMatch(/Invalid date/);
    expect(gmail.pressed).toContain('picker cancel');
    expect(gmail.pressed).not.toContain('picker confirm');
    expect(gmail.openDialogs()).toEqual([]);
    expect([gmail.draftOf(first), gmail.draftOf(second)]).toEqual(before);
    expect(gmail.scheduled).toEqual([]);
    expect(gmail.escapesInComposes).toEqual([]);
  });

  it('in another language, a picker that stays open after confirming is a failure too (no English words needed)', async () => {
    // German Gmail's date text "05.01.2099" is not what this double reads: it answers "Invalid date",
    // which the driver does not read outside English; the picker staying open tells instead.
    const gmail = loadScheduleDouble({ lang: 'de', pickerDelayMs: 20 });
    const [first, second] = gmail.composes as [HTMLElement, HTMLElement];
    const before = gmail.draftOf(second);

    const result = await scheduleWithGmail(first, LATER, { timeoutMs: 300 });

    expect(result).toMatchObject({ ok: false, step: 'compose-close', reason: 'the picker stayed open' });
    expect(gmail.pressed).toEqual(expect.arrayContaining(['picker confirm', 'picker cancel']));
    expect(gmail.openDialogs()).toEqual([]);
    expect(gmail.draftOf(first).open).toBe(true);
    expect(gmail.draftOf(second)).toEqual(before);
  });

  it('gives up at the "menu-item" step when the menu has no Schedule send, and closes the menu with its chevron', async () => {
    const gmail = loadScheduleDouble();
    const [first] = gmail.composes as [HTMLElement];
    first.querySelector('[selector=scheduledSend]')!.remove();

    const result = await scheduleWithGmail(first, LATER, { timeoutMs: 60 });

    expect(result).toMatchObject({ ok: false, step: 'menu-item', reason: 'no Schedule send item in the menu' });
    // Pressed once to open the menu, once more to close it.
    expect(gmail.pressed).toEqual(['popup-1 chevron', 'popup-1 chevron']);
    expect(first.querySelector<HTMLElement>('[role=menu]')!.style.display).toBe('none');
  });

  it('a Schedule send dialog left open is closed without any Escape reaching a compose', async () => {
    const gmail = loadScheduleDouble({ noPickRow: true });
    const [first] = gmail.composes as [HTMLElement];
    const before = gmail.draftOf(first);

    const result = await scheduleWithGmail(first, LATER, { timeoutMs: 100 });

    expect(result).toMatchObject({ ok: false, step: 'pick-date-time' });
    expect(gmail.openDialogs()).toEqual([]);
    expect(gmail.escapesInComposes).toEqual([]);
    expect(gmail.draftOf(first)).toEqual(before);
  });

  it('a snackbar naming another time than asked is not a success', async () => {
    const gmail = loadScheduleDouble({ pickerDelayMs: 10, snackbarOffsetMs: 3_600_000 });
    const result = await scheduleWithGmail(gmail.composes[0]!, LATER, { timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, step: 'snackbar' });
  });

  it('an earlier snackbar still on screen, naming another time, does not count against this schedule', async () => {
    const gmail = loadScheduleDouble({ pickerDelayMs: 10 });
    gmail.showSnackbar(LATER - 86_400_000 + 3_600_000);
    const result = await scheduleWithGmail(gmail.composes[1]!, LATER, { timeoutMs: 500 });
    expect(result).toMatchObject({ ok: true, matched: { snackbar: 0 } });
    expect(gmail.scheduled).toEqual([{ composeId: 'popup-2', at: LATER }]);
  });

  it('refuses a time already past before touching anything', async () => {
    const gmail = loadScheduleDouble();
    await expect(scheduleWithGmail(gmail.composes[0]!, Date.now() - 1000)).resolves.toMatchObject({
      ok: false,
      step: 'time',
      reason: 'the time is already past',
    });
    expect(gmail.pressed).toEqual([]);
  });
});
