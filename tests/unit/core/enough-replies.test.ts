import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENTION, detectAttention, type ClientActivity } from '../../../src/core/attention.ts';
import { normsStatus } from '../../../src/core/clientStatus.ts';
import { decide } from '../../../src/core/decide.ts';
import { MIN_REPLIES } from '../../../src/core/norms.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import type { NormsSummary, PolicySnapshot } from '../../../src/core/types.ts';

// "Enough replies to judge": the fixed floor MIN_REPLIES decides whether the norms are read (the
// popup's status and the nudge's "faster than usual"); the user's attention.minReplies decides only
// when the coaching findings start (core/norms.ts says why).
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MON_10 = Date.parse('2024-06-10T14:00:00Z'); // Monday 10:00 in New York
const schedule = defaultSchedule('America/New_York');

function summary(count: number): NormsSummary {
  return {
    count,
    medianWorkingMs: 3 * HOUR,
    p90WorkingMs: 6 * HOUR,
    medianWallMs: 3 * HOUR,
    p90WallMs: 6 * HOUR,
    instantShare: 0,
    afterHoursShare: 0,
    weekly: [],
    trend: { recentMedianWorkingMs: null, priorMedianWorkingMs: null, recentCount: 0, priorCount: 0, ratio: null, direction: 'unknown' },
  };
}

function snapshot(norms: NormsSummary): PolicySnapshot {
  return {
    clientKey: 'client:acme',
    clientName: 'Acme',
    mode: 'account',
    schedule,
    responseTargetMinutes: 240,
    minReplyDelayMinutes: 15,
    instantThresholdMinutes: 15,
    userTimeZone: schedule.timeZone,
    norms,
    lastInboundAt: MON_10 - 30 * MIN,
    quietUntil: null,
  };
}

const fasterThanUsual = (count: number) => {
  const decision = decide(MON_10, snapshot(summary(count)));
  return decision.kind === 'nudge' && decision.reasons.some((r) => r.code === 'faster-than-norm');
};

function waitingClient(count: number): ClientActivity {
  return {
    clientKey: 'client:acme',
    name: 'Acme',
    mode: 'account',
    schedule,
    responseTargetMinutes: 240,
    norms: summary(count),
    waitingSince: [MON_10 - 5 * DAY], // Wednesday 10:00: 24 working hours by Monday 10:00
    outboundAt: [],
    outcomes: [],
  };
}

describe('enough replies to judge', () => {
  it('the popup’s status and the nudge change their minds at the same reply, the fixed floor', () => {
    for (const count of [1, MIN_REPLIES - 1, MIN_REPLIES, MIN_REPLIES + 1, 40]) {
      const judged = normsStatus(summary(count), 4 * HOUR).kind !== 'not-enough-data';
      expect(judged, `${count} replies`).toBe(count >= MIN_REPLIES);
      expect(fasterThanUsual(count), `${count} replies`).toBe(judged);
    }
  });

  it('the user’s threshold starts the findings, and its default is the same floor', () => {
    expect(DEFAULT_ATTENTION.minReplies).toBe(MIN_REPLIES);
    const waiting = (count: number, minReplies: number) =>
      detectAttention(waitingClient(count), { ...DEFAULT_ATTENTION, minReplies }, MON_10).some((f) => f.kind === 'waiting');
    expect(waiting(MIN_REPLIES - 1, DEFAULT_ATTENTION.minReplies)).toBe(false);
    expect(waiting(MIN_REPLIES, DEFAULT_ATTENTION.minReplies)).toBe(true);
    expect(waiting(2, 2)).toBe(true);
    expect(waiting(MIN_REPLIES + 3, MIN_REPLIES + 4)).toBe(false);
  });

});
