import { tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { MIN_PATTERN_SAMPLES, proposeWorkingPattern, type WritingSample } from '../../../src/core/workingPattern.ts';

const DAY = 86_400_000;

/**
 * Someone in `zone` writing on weekdays between `from` and `to` local hours, one message a working
 * day from `start` for `days` days, their Date headers carrying `zone`'s offset (or none).
 */
function writer(zone: string, start: number, days: number, from: number, to: number, withOffsets = true): WritingSample[] {
  const samples: WritingSample[] = [];
  for (let d = 0; d < days; d++) {
    const noon = start + d * DAY + 12 * 3_600_000;
    const offset = Math.round(tzOffset(zone, new Date(noon)));
    const localDay = new Date(noon + offset * 60_000).getUTCDay();
    if (localDay === 0 || localDay === 6) continue;
    const hour = from + (((d * 7) % 11) / 10) * (to - from);
    const localMidnight = Math.floor((noon + offset * 60_000) / DAY) * DAY;
    const at = localMidnight + hour * 3_600_000 - offset * 60_000;
    samples.push({ at, offsetMinutes: withOffsets ? Math.round(tzOffset(zone, new Date(at))) : null });
  }
  return samples;
}

const YEAR = Date.UTC(2024, 0, 8);
const WINTER = Date.UTC(2024, 10, 4);

describe('a client’s working pattern', () => {
  it('names a zone that keeps summer time when the offset moves in March and October', () => {
    const pattern = proposeWorkingPattern(writer('Europe/Berlin', YEAR, 365, 8, 18.5), { domain: 'acme.example' })!;
    expect(pattern.timeZone).toBe('Europe/Berlin');
    expect(pattern.observesDst).toBe(true);
    expect(pattern.offsets.sort()).toEqual([120, 60].sort());
    expect(pattern.days).toEqual([1, 2, 3, 4, 5]);
    expect(pattern.start).toBe('08:00');
    expect(pattern.end).toBe('18:30');
    expect(pattern.text).toBe('writes 8:00–18:30 on weekdays, UTC+01:00 (UTC+02:00 in summer): Europe/Berlin?');
    expect(pattern.schedule?.week[3]).toEqual([{ start: '08:00', end: '18:30' }]);
    expect(pattern.schedule?.week[0]).toEqual([]);
  });

  it('names a zone without summer time when the same offset holds all year', () => {
    const pattern = proposeWorkingPattern(writer('Africa/Lagos', YEAR, 365, 8, 17))!;
    expect(pattern.timeZone).toBe('Africa/Lagos');
    expect(pattern.observesDst).toBe(false);
    expect(pattern.text).toContain('UTC+01:00: Africa/Lagos?');
  });

  it('with winter mail only, prefers the company’s country among the zones that fit', () => {
    const winter = writer('Europe/Paris', WINTER, 60, 9, 17);
    expect(proposeWorkingPattern(winter, { domain: 'client.fr' })!.timeZone).toBe('Europe/Paris');
    expect(proposeWorkingPattern(winter, { domain: 'client.nl' })!.timeZone).toBe('Europe/Amsterdam');
    expect(proposeWorkingPattern(winter, { domain: 'client.com' })!.timeZone).toBe('Europe/Berlin');
  });

  it('tells New York from Bogotá by summer time, and handles half-hour zones', () => {
    expect(proposeWorkingPattern(writer('America/New_York', YEAR, 365, 9, 17))!.timeZone).toBe('America/New_York');
    expect(proposeWorkingPattern(writer('America/Bogota', YEAR, 365, 9, 17))!.timeZone).toBe('America/Bogota');
    const india = proposeWorkingPattern(writer('Asia/Kolkata', YEAR, 200, 10, 19))!;
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(india.timeZone);
    expect(india.text).toContain('UTC+05:30');
  });

  it('without offsets (live reading), guesses from the hours and says so', () => {
    const pattern = proposeWorkingPattern(writer('Asia/Tokyo', YEAR, 120, 9, 18, false), { domain: 'sakura.jp' })!;
    expect(pattern.basis).toBe('times');
    expect(pattern.timeZone).toBe('Asia/Tokyo');
    expect(pattern.text).toContain('guessed from the hours they write');
  });

  it('proposes nothing from too little mail', () => {
    expect(proposeWorkingPattern(writer('Europe/Berlin', YEAR, 20, 8, 18))).toBeNull();
    expect(writer('Europe/Berlin', YEAR, 40, 8, 18).length).toBeGreaterThanOrEqual(MIN_PATTERN_SAMPLES);
  });
});
