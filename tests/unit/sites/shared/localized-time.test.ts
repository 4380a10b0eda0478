import { describe, expect, it } from 'vitest';
import { parseLocalizedDateTime } from '../../../../src/sites/shared/localized-time.ts';
import { legacyIdAt, legacyIdFromMessageId, receivedAtFromLegacyId } from '../../../../src/sites/gmail/message-id.ts';

describe('localized date and time text, as Gmail shows it in its tooltips', () => {
  const cases: [string, string, [number, number, number, number, number]][] = [
    ['en-US 2014', 'Thu, Dec 18, 2014 at 12:35 PM', [2014, 12, 18, 12, 35]],
    ['en-US', 'Wed, May 13, 2026, 12:05 AM', [2026, 5, 13, 0, 5]],
    ['en-US with a narrow no-break space', 'Wed, May 13, 2026, 6:45\u202fPM', [2026, 5, 13, 18, 45]],
    ['en-GB', '20 Aug 2025, 13:19', [2025, 8, 20, 13, 19]],
    ['de', 'Mi., 20. Aug. 2025, 13:19', [2025, 8, 20, 13, 19]],
    ['de März', 'Di., 3. März 2026, 08:00', [2026, 3, 3, 8, 0]],
    ['fr (Tuesday looks like March)', 'mar. 12 mai 2026, 17:41', [2026, 5, 12, 17, 41]],
    ['fr août', '20 août 2025 à 13:19', [2025, 8, 20, 13, 19]],
    ['es', 'mié, 20 ago 2025, 13:19', [2025, 8, 20, 13, 19]],
    ['es p. m.', '20 ago 2025, 1:19 p. m.', [2025, 8, 20, 13, 19]],
    ['ru', '26 дек. 2019 г., 22:53', [2019, 12, 26, 22, 53]],
    ['ru genitive', '13 мая 2026 г., 11:12', [2026, 5, 13, 11, 12]],
    ['zh-CN morning', '2016年5月4日 上午10:08', [2016, 5, 4, 10, 8]],
    ['zh-CN afternoon', '2016年5月4日 下午2:08', [2016, 5, 4, 14, 8]],
    ['ja', '2026年5月13日(水) 18:45', [2026, 5, 13, 18, 45]],
    ['ja 午後', '2026年5月13日 午後6:45', [2026, 5, 13, 18, 45]],
    ['numeric de', '20.08.2025, 13:19', [2025, 8, 20, 13, 19]],
  ];
  for (const [name, text, [year, month, day, hour, minute]] of cases) {
    it(`reads ${name}: "${text}"`, () => {
      expect(parseLocalizedDateTime(text)).toEqual({ year, month, day, hour, minute });
    });
  }

  it('refuses what it cannot read for certain instead of guessing', () => {
    for (const text of ['gestern', '13:19', 'Yesterday, 4:05 PM', '08/20/2025, 13:19', '31 Feb 2026, 10:00', 'May 2026, 10:00', '', '2026年5月 10:00']) {
      expect(parseLocalizedDateTime(text), text).toBeNull();
    }
  });
});

describe('legacy message ids', () => {
  it('decode to the server receive time (a real id checked against Gmail)', () => {
    expect(new Date(receivedAtFromLegacyId('1547986a2fbf2cbf')!).toISOString()).toBe('2016-05-04T02:09:07.323Z');
    expect(legacyIdFromMessageId('#msg-f:1775568780109575075')).toBe('18a41665ecb473a3');
    expect(legacyIdFromMessageId('#msg-a:r-4452397871046123930')).toBeNull();
  });

  it('refuse ids that do not encode a plausible time', () => {
    expect(receivedAtFromLegacyId('0000a1b2c3d4e5f6')).toBeNull();
    expect(receivedAtFromLegacyId('zz')).toBeNull();
    const future = legacyIdAt(Date.UTC(2030, 0, 1));
    expect(receivedAtFromLegacyId(future, Date.UTC(2026, 0, 1))).toBeNull();
  });

  it('round-trip through legacyIdAt', () => {
    const at = Date.UTC(2026, 10, 23, 8, 30, 12, 345);
    expect(receivedAtFromLegacyId(legacyIdAt(at, 0xabcde), at)).toBe(at);
  });
});
