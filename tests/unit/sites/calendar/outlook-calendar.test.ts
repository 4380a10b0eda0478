// @vitest-environment happy-dom
/**
 * Outlook's calendar reader on a RECONSTRUCTED form (no public evidence of the real one exists:
 * src/sites/outlook-calendar/selectors.ts). These tests hold the reader to its own promises: it
 * reads what it can read without guessing and otherwise reads nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { outlookCalendarSite } from '../../../../src/sites/outlook-calendar/site.ts';
import { SelectorMissingError } from '../../../../src/sites/contract.ts';

const FORM = `
<div data-app-section="CalendarCompose">
  <div class="times">
    <input aria-label="Start date" value="Tue 3/4/2025"><input aria-label="Start time" value="7:30 AM">
    <input aria-label="End time" value="8:00 AM"><input aria-label="End date" value="3/4/2025">
  </div>
  <div data-app-section="Attendees">
    <span data-lpc-hover-target-id="1" title="Jana Novak &lt;jana.novak@acme-corp.com&gt;">Jana Novak</span>
    <span data-lpc-hover-target-id="2" title="Kim">Kim</span>
  </div>
  <button aria-label="Send">Send</button>
</div>`;

function at(path: string, lang = 'en-US') {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://outlook.office.com${path}`);
  document.documentElement.lang = lang;
  document.body.innerHTML = FORM;
}

describe('Outlook calendar (reconstructed)', () => {
  beforeEach(() => at('/calendar/deeplink/compose'));

  it('reads US dates, AM/PM times in the browser zone and attendees whose address the page states', () => {
    const editor = outlookCalendarSite.findEditor(document)!;
    const meeting = outlookCalendarSite.readMeeting(editor);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(clock.format(meeting.start)).toBe('07:30');
    expect(meeting.end - meeting.start).toBe(30 * 60_000);
    expect(meeting.guests).toEqual(['jana.novak@acme-corp.com']);
    expect(outlookCalendarSite.saveButton(editor)?.textContent).toBe('Send');
    expect(outlookCalendarSite.noteAnchor(editor)?.className).toBe('times');
  });

  it('stays silent off the calendar routes and in page languages whose dates it cannot be sure of', () => {
    at('/mail/0/inbox');
    expect(outlookCalendarSite.findEditor(document)).toBeNull();
    at('/calendar/view/week', 'en-GB');
    expect(outlookCalendarSite.findEditor(document)).toBeNull();
    at('/calendar/view/week');
    (document.querySelector('[aria-label="Start date"]') as HTMLInputElement).value = '4.3.2025';
    expect(() => outlookCalendarSite.readMeeting(outlookCalendarSite.findEditor(document)!)).toThrow(SelectorMissingError);
  });
});
