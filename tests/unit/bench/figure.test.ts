import { describe, expect, it } from 'vitest';
import { againstBaseline, isTiming, verdictOf, type Figure } from '../../bench/figure.ts';

const timing = (ok: boolean): Figure => ({ section: 's', name: 'n', value: 10, unit: 'ms', goal: '< 16', ok });

describe('bench verdicts', () => {
  it('calls a timing ok only on a quiet machine, and noisy above a load of 1.0', () => {
    expect(verdictOf(timing(true), 0.4)).toBe('ok');
    expect(verdictOf(timing(true), 1.0)).toBe('ok');
    expect(verdictOf(timing(true), 1.01)).toBe('noisy');
    expect(verdictOf(timing(false), 0.4)).toBe('MISSED');
    expect(verdictOf(timing(false), 12)).toBe('noisy, missed');
  });

  it('judges sizes and counts whatever the load', () => {
    expect(verdictOf({ section: 's', name: 'gzip', value: 100, unit: 'B', goal: '< 200', ok: true }, 12)).toBe('ok');
    expect(verdictOf({ section: 's', name: 'lost', value: 1, unit: 'failures', goal: '= 0', ok: false }, 12)).toBe('MISSED');
  });

  it('says nothing about a figure without a goal, and treats an unknown load as noisy', () => {
    expect(verdictOf({ section: 's', name: 'n', value: 1, unit: 'ms' }, 0)).toBe('');
    expect(verdictOf(timing(true), Number.NaN)).toBe('noisy');
  });

  it('knows durations, rates and ratios for timings', () => {
    for (const unit of ['ms', 's', 'records/s', '×']) expect(isTiming({ section: 's', name: 'n', value: 1, unit })).toBe(true);
    for (const unit of ['B', 'gestures', 'messages']) expect(isTiming({ section: 's', name: 'n', value: 1, unit })).toBe(false);
    expect(isTiming({ section: 's', name: 'n', value: 1, unit: 'B', timing: true })).toBe(true);
  });
});

describe('figures against a baseline', () => {
  const base = { section: 'popup', name: 'rows painted', unit: 'ms' };
  it('gives the ratio and judges "at most" goals on it', () => {
    const met = againstBaseline({ ...base, value: 90 }, { name: 'blank page', value: 60 }, { most: 1.5 });
    expect(met).toMatchObject({ ratio: 1.5, ok: true, goal: '≤ 1.5× baseline', baseline: { value: 60 } });
    expect(againstBaseline({ ...base, value: 91 }, { name: 'blank page', value: 60 }, { most: 1.5 }).ok).toBe(false);
  });

  it('judges "at least" goals for rates', () => {
    const rate = { section: 'store', name: 'ingest', unit: 'records/s' };
    expect(againstBaseline({ ...rate, value: 5000 }, { name: 'raw', value: 10_000 }, { least: 0.5 }).ok).toBe(true);
    expect(againstBaseline({ ...rate, value: 4999 }, { name: 'raw', value: 10_000 }, { least: 0.5 }).ok).toBe(false);
  });

  it('never calls a figure with an empty baseline ok', () => {
    expect(againstBaseline({ ...base, value: 1 }, { name: 'blank page', value: 0 }, { most: 1.5 }).ok).toBe(false);
  });
});
