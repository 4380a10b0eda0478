import { describe, expect, it } from 'vitest';
import { parseOutlookTime } from '../../../../src/sites/outlook/time';

const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();

describe('parseOutlookTime', () => {
  it.each([
    ['Wed 4/30/2025 3:03 PM', 'en-US', local(2025, 4, 30, 15, 3)],
    ['Wed 4/30/2025 12:00 PM', 'en-US', local(2025, 4, 30, 12, 0)],
    ['Wed 4/30/2025 12:59 AM', 'en-US', local(2025, 4, 30, 0, 59)],
    ['Wed 4/30/25 3:03 p.m.', 'en-US', local(2025, 4, 30, 15, 3)],
    ['Wed 30/04/2025 15:03', 'en-GB', local(2025, 4, 30, 15, 3)],
    ['Wed 30/04/2025 3:03 pm', 'en-GB', local(2025, 4, 30, 15, 3)],
    ['Mi 30.04.2025 15:03', 'de', local(2025, 4, 30, 15, 3)],
    ['Mi., 30. April 2025 15:03', 'de', local(2025, 4, 30, 15, 3)],
    ['mer. 30/04/2025 15:03', 'fr', local(2025, 4, 30, 15, 3)],
    ['mercredi 30 avril 2025 15:03', 'fr', local(2025, 4, 30, 15, 3)],
    ['Wednesday, April 30, 2025 3:03 PM', 'en-US', local(2025, 4, 30, 15, 3)],
    ['3:03 PM April 30, 2025', 'en-US', local(2025, 4, 30, 15, 3)],
    ['2025/04/30 (水) 15:03', 'ja', local(2025, 4, 30, 15, 3)],
    ['\u200eWed 4/30/2025\u202f3:03\u202fPM', 'en-US', local(2025, 4, 30, 15, 3)],
  ])('"%s" (%s)', (text, lang, expected) => {
    expect(parseOutlookTime(text, lang)).toBe(expected);
  });

  it.each([
    ['', 'en-US'],
    ['Wed 3:03 PM', 'en-US'],
    ['Wed 4/30/2025', 'en-US'],
    ['Wed 30/4/2025 3:03 PM', 'en-US'],
    ['Wed 2/29/2025 3:03 PM', 'en-US'],
    ['Wed 4/30/2025 13:03 PM', 'en-US'],
    ['Wed 4/30/2025 25:03', 'en-GB'],
  ])('never guesses: "%s" (%s) is unreadable', (text, lang) => {
    expect(parseOutlookTime(text, lang)).toBeNull();
  });

  it('falls back to en-US reading for an unknown language tag', () => {
    expect(parseOutlookTime('Wed 4/30/2025 3:03 PM', 'not a tag!')).toBe(local(2025, 4, 30, 15, 3));
  });

  it("reads the text in the zone it is given, daylight saving included (Outlook's mailbox zone)", () => {
    expect(parseOutlookTime('Wed 4/30/2025 3:03 PM', 'en-US', 'Asia/Tokyo')).toBe(Date.UTC(2025, 3, 30, 6, 3));
    expect(parseOutlookTime('Wed 1/15/2025 3:03 PM', 'en-US', 'America/New_York')).toBe(Date.UTC(2025, 0, 15, 20, 3));
    expect(parseOutlookTime('Wed 7/16/2025 3:03 PM', 'en-US', 'America/New_York')).toBe(Date.UTC(2025, 6, 16, 19, 3));
    // A wall time that does not exist (spring forward) is the first instant after the gap.
    expect(parseOutlookTime('Sun 3/9/2025 2:30 AM', 'en-US', 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 7, 0));
  });
});
