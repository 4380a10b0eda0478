import { describe, expect, it } from 'vitest';
import {
  addScheduleResult,
  addUnreadable,
  emptySiteHealth,
  healthProblems,
  healthSentence,
  MAX_STEPS,
  OTHER_STEP,
  UNNAMED_STEP,
} from '../../../src/core/siteHealth.ts';

const WEEK = '2026-06-15';

describe('site-health counters', () => {
  it('never changes the record it is given', () => {
    const before = addScheduleResult(emptySiteHealth(), WEEK, 'gmail', { ok: false, step: 'menu-item', reason: 'a', matched: { chevron: 0 } });
    const frozen = JSON.stringify(before);
    addScheduleResult(before, WEEK, 'gmail', { ok: false, step: 'menu-item', reason: 'b', matched: { chevron: 1 } });
    addUnreadable(before, WEEK, 'gmail', 3);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('counts a failure without a step name, and bounds the steps kept per week', () => {
    let health = addScheduleResult(emptySiteHealth(), WEEK, 'outlook', { ok: false, reason: 'old driver' });
    for (let i = 0; i < MAX_STEPS + 5; i++) health = addScheduleResult(health, WEEK, 'outlook', { ok: false, step: `step-${i}`, reason: 'r' });
    const steps = health.weeks[WEEK]!.outlook!.failedSteps;
    expect(steps[UNNAMED_STEP]).toEqual({ count: 1, reason: 'old driver' });
    expect(Object.keys(steps)).toHaveLength(MAX_STEPS + 1);
    expect(steps[OTHER_STEP]!.count).toBe(6);
    expect(health.weeks[WEEK]!.outlook!.schedules.failed).toBe(MAX_STEPS + 6);
  });

  it('tells which sites failed this week, and says so in one quiet sentence', () => {
    let health = addScheduleResult(emptySiteHealth(), WEEK, 'gmail', { ok: true });
    expect(healthProblems(health, WEEK)).toEqual([]);
    for (let i = 0; i < 3; i++) health = addScheduleResult(health, WEEK, 'gmail', { ok: false, step: 'picker', reason: 'r' });
    health = addUnreadable(health, WEEK, 'outlook', 1);
    // Last week's failures are not this week's.
    health = addUnreadable(health, '2026-06-08', 'gmail', 9);
    const problems = healthProblems(health, WEEK);
    expect(problems).toEqual([
      { site: 'gmail', scheduleFailures: 3, unreadable: 0 },
      { site: 'outlook', scheduleFailures: 0, unreadable: 1 },
    ]);
    expect(problems.map(healthSentence)).toEqual([
      "Gmail's Schedule send failed 3 times this week",
      'the time of 1 message in Outlook could not be read this week',
    ]);
    expect(healthSentence({ site: 'outlook', scheduleFailures: 1, unreadable: 2 })).toBe(
      "Outlook's Schedule send failed once, and the time of 2 messages could not be read this week",
    );
  });
});
