import { describe, expect, it } from 'vitest';
import { formatApproxDuration, formatDuration, formatShare } from '../../../src/core/format.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatDuration', () => {
  it.each([
    [0, 'under 1 min'],
    [59_999, 'under 1 min'],
    [-5 * MIN, 'under 1 min'],
    [Number.NaN, 'under 1 min'],
    [2 * MIN, '2 min'],
    [2 * MIN + 59_000, '2 min'],
    [59 * MIN, '59 min'],
    [HOUR, '1 h'],
    [3 * HOUR + 10 * MIN, '3 h 10 min'],
    [23 * HOUR + 59 * MIN, '23 h 59 min'],
    [24 * HOUR, '1 d'],
    [52 * HOUR + 30 * MIN, '2 d 4 h'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatApproxDuration', () => {
  it.each([
    [20_000, '', 'under a minute'],
    [MIN, '', 'about a minute'],
    [7 * MIN, '', 'about 7 minutes'],
    [43 * MIN, '', 'about 45 minutes'],
    [HOUR, '', 'about an hour'],
    [HOUR, 'working', 'about one working hour'],
    [95 * MIN, 'working', 'about 1.5 working hours'],
    [3 * HOUR + 5 * MIN, 'working', 'about 3 working hours'],
    [50 * HOUR, 'working', 'about 50 working hours'],
    [50 * HOUR, '', 'about 2 days'],
  ] as const)('%d ms (%s) reads "%s"', (ms, kind, text) => {
    expect(formatApproxDuration(ms, kind)).toBe(text);
  });
});

describe('formatShare', () => {
  it.each([
    [0.42, '42%'],
    [0, '0%'],
    [1, '100%'],
    [0.004, '<1%'],
    [0.996, '>99%'],
    [1.7, '100%'],
    [Number.NaN, '–'],
  ])('%d reads "%s"', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});
