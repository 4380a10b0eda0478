import { describe, expect, it } from 'vitest';
import { parseMailDate, parseReceivedDate, parseSeparatorDate } from '../../../../src/core/history/mail-date.ts';

const utc = (text: string) => Date.parse(text);

describe('mail dates', () => {
  it('reads an RFC 5322 date with its offset', () => {
    expect(parseMailDate('Tue, 8 Aug 2023 05:36:29 -0700')).toEqual({ at: utc('2023-08-08T12:36:29Z'), offsetMinutes: -420 });
    expect(parseMailDate('Mon, 4 Mar 2026 21:34:56 +0530')).toEqual({ at: utc('2026-03-04T16:04:56Z'), offsetMinutes: 330 });
  });

  it('drops comments anywhere, and reads obsolete zone names', () => {
    expect(parseMailDate('Tue, 8 Aug 2023 05:36:29 -0700 (PDT)')?.offsetMinutes).toBe(-420);
    expect(parseMailDate('(sent) Fri, 13 Dec 2019 (winter) 10:00:00 EST')).toEqual({ at: utc('2019-12-13T15:00:00Z'), offsetMinutes: -300 });
    expect(parseMailDate('Tue, 08 Aug 2023 12:36:28 GMT')).toEqual({ at: utc('2023-08-08T12:36:28Z'), offsetMinutes: 0 });
    expect(parseMailDate('1 Jul 2019 09:00 PDT')).toEqual({ at: utc('2019-07-01T16:00:00Z'), offsetMinutes: -420 });
  });

  it('reads "-0000" and military zones as UTC with an unknown offset', () => {
    expect(parseMailDate('Sat, 4 Jan 2025 10:00:00 -0000')).toEqual({ at: utc('2025-01-04T10:00:00Z'), offsetMinutes: null });
    expect(parseMailDate('Sat, 4 Jan 2025 10:00:00 Q')).toEqual({ at: utc('2025-01-04T10:00:00Z'), offsetMinutes: null });
  });

  it('reads two- and three-digit years as RFC 5322 says', () => {
    expect(parseMailDate('Wed, 3 Mar 99 08:00:00 +0100')?.at).toBe(utc('1999-03-03T07:00:00Z'));
    expect(parseMailDate('Wed, 3 Mar 04 08:00:00 +0100')?.at).toBe(utc('2004-03-03T07:00:00Z'));
    expect(parseMailDate('Wed, 3 Mar 104 08:00:00 +0100')?.at).toBe(utc('2004-03-03T07:00:00Z'));
  });

  it('refuses what is not a date', () => {
    for (const text of ['', 'yesterday', 'Mon, 31 Feb 2024 10:00:00 +0000', 'Mon, 1 Foo 2024 10:00:00 +0000', 'Mon, 1 Jan 2024 25:00:00 +0000', 'Mon, 1 Jan 2024 10:00:00 +9900', 'Mon, 1 Jan 2024 10:00:00 XYZW']) {
      expect(parseMailDate(text), text).toBeNull();
    }
  });

  it('reads the date at the end of a Received header', () => {
    expect(parseReceivedDate('by 2002:ab4:1806:0 with SMTP id p6csp1730711vll;\n        Tue, 8 Aug 2023 05:36:29 -0700 (PDT)')?.at).toBe(utc('2023-08-08T12:36:29Z'));
    expect(parseReceivedDate('from nowhere')).toBeNull();
  });

  it('reads a separator line date, with or without a zone', () => {
    expect(parseSeparatorDate('Tue Aug 08 12:36:29 +0000 2023')?.at).toBe(utc('2023-08-08T12:36:29Z'));
    expect(parseSeparatorDate('Mon Jan 15 15:30:00 2018')?.at).toBe(utc('2018-01-15T15:30:00Z'));
    expect(parseSeparatorDate('Mon Jan  1 00:00:00 2024')?.at).toBe(utc('2024-01-01T00:00:00Z'));
    expect(parseSeparatorDate('not a date')).toBeNull();
  });
});
