// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pickerTexts, scheduleWithGmail } from '../../../../src/sites/gmail/scheduler.ts';
import { loadGmailPage } from '../shared/page-double.ts';

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

describe('driving Schedule send on reconstructed pages', () => {
  let page: ReturnType<typeof loadGmailPage>;
  beforeEach(() => {
    page = loadGmailPage('2026-11-schedule-menu-and-dialog.html');
  });

  it('clicks through the menu and dialog, fills the picker, confirms, and reports failure when the compose stays open', async () => {
    const compose = document.querySelector<HTMLElement>('.M9')!;
    const pressed: string[] = [];
    for (const [selector, name] of [
      ['.hG', 'chevron'],
      ['[selector=scheduledSend]', 'schedule item'],
      ['.Az.AM', 'pick date & time'],
      ['button[name=ok]', 'confirm'],
    ] as const) {
      const el = document.querySelector(selector)!;
      // Gmail acts on the full pointer sequence; record that each control got all five events.
      const got: string[] = [];
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) el.addEventListener(type, () => got.push(type));
      el.addEventListener('click', () => got.length === 5 && pressed.push(name));
    }
    const at = new Date(2099, 0, 5, 9, 30).getTime();
    const result = await scheduleWithGmail(compose, at, { timeoutMs: 30 });
    expect(pressed).toEqual(['chevron', 'schedule item', 'pick date & time', 'confirm']);
    expect(document.querySelector<HTMLInputElement>('input[aria-label=Date]')!.value).toBe('Jan 5, 2099');
    expect(document.querySelector<HTMLInputElement>('input[aria-label=Time]')!.value).toBe('9:30 AM');
    expect(result).toEqual({ ok: false, reason: 'the compose did not close after confirming' });
    expect(compose.isConnected).toBe(true);
  });

  it('succeeds when the compose closes after confirming', async () => {
    const compose = document.querySelector<HTMLElement>('.M9')!;
    document.querySelector('button[name=ok]')!.addEventListener('click', () => setTimeout(() => compose.closest('.dw')!.remove(), 5));
    await expect(scheduleWithGmail(compose, Date.now() + 3_600_000, { timeoutMs: 200 })).resolves.toEqual({ ok: true });
  });

  it('gives up without touching the draft when the menu never shows Schedule send', async () => {
    for (const el of document.querySelectorAll('[role=menu], .Kj-JD')) el.remove();
    const compose = document.querySelector<HTMLElement>('.M9')!;
    const result = await scheduleWithGmail(compose, Date.now() + 3_600_000, { timeoutMs: 30 });
    expect(result).toEqual({ ok: false, reason: 'the Schedule send menu item did not appear' });
    expect(compose.isConnected).toBe(true);
    expect(page.sends).toEqual([]);
  });

  it('refuses a time already past', async () => {
    const compose = document.querySelector<HTMLElement>('.M9')!;
    await expect(scheduleWithGmail(compose, Date.now() - 1000)).resolves.toEqual({ ok: false, reason: 'the time is already past' });
  });
});
