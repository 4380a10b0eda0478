import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ATTENTION_FIELDS,
  DEFAULT_ATTENTION,
  DRIFT_RULE_TEXT,
  clientsNeedingAttention,
  detectAttention,
  resolveAttentionSettings,
  usualGapDays,
  type AttentionSettings,
  type ClientActivity,
} from '../../../src/core/attention.ts';
import { computeNorms } from '../../../src/core/norms.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import { defaultSettings, repairSettings, validateSettings } from '../../../src/core/settings.ts';
import type { NudgeChoice, ReplyPair } from '../../../src/core/types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

const london = defaultSchedule('Europe/London');
/** Wednesday, London on GMT. */
const NOW = at('2026-03-18T12:00:00Z');

/** `count` replies on past weekdays, each received at 10:00 and answered `delayMinutes` later (same day). */
function replies(count: number, delayMinutes: number, endBefore = NOW, timeZoneOffsetHours = 0): ReplyPair[] {
  const pairs: ReplyPair[] = [];
  let day = Math.floor(endBefore / DAY) * DAY - DAY;
  while (pairs.length < count) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const receivedAt = day + (10 - timeZoneOffsetHours) * HOUR;
      pairs.push({ clientKey: 'client:acme', receivedAt, sentAt: receivedAt + delayMinutes * MIN });
    }
    day -= DAY;
  }
  return pairs;
}

function activity(overrides: Partial<ClientActivity> & { pairs?: ReplyPair[] } = {}): ClientActivity {
  const schedule = overrides.schedule ?? london;
  const pairs = overrides.pairs ?? replies(20, 60);
  return {
    clientKey: 'client:acme',
    name: 'Acme',
    mode: 'account',
    schedule,
    responseTargetMinutes: 240,
    norms: computeNorms(pairs, schedule, NOW),
    waitingSince: [],
    outboundAt: pairs.map((p) => p.sentAt),
    outcomes: [],
    ...overrides,
  };
}

const kinds = (a: ClientActivity, settings: AttentionSettings = DEFAULT_ATTENTION, now = NOW) => detectAttention(a, settings, now).map((f) => f.kind);

describe('neglect: a client message waiting too long', () => {
  it('flags a message that has waited well past three times the usual reply and the target, in working time', () => {
    // Usual reply 1 working hour, target 4: the limit is 4 working hours.
    const since = at('2026-03-16T09:00:00Z'); // Monday 9:00: 8 + 8 + 3 = 19 working hours by Wednesday noon
    const [finding] = detectAttention(activity({ waitingSince: [since] }), DEFAULT_ATTENTION, NOW);
    expect(finding?.kind).toBe('waiting');
    expect(finding?.text).toBe(
      'A message from them has waited about 19 working hours for your answer; you usually reply in about one working hour and promised about 4 working hours.',
    );
    expect(finding?.suggestion).toMatch(/Fix it.*reassign the account.*honest conversation/);
  });

  it('leaves a message alone while it is within the target, even when slower than usual', () => {
    expect(kinds(activity({ waitingSince: [at('2026-03-18T09:00:00Z')] }))).toEqual([]); // 3 working hours
    expect(kinds(activity({ waitingSince: [at('2026-03-18T07:30:00Z')] }))).toEqual([]); // arrived before hours: 3
  });

  it('uses three times the usual reply when that is longer than the target', () => {
    const slowPairs = replies(20, 180); // usual 3 working hours: limit 9
    expect(kinds(activity({ pairs: slowPairs, waitingSince: [at('2026-03-17T11:00:00Z')] }))).toEqual([]); // 6 + 3 = 9 h: not past it
    expect(kinds(activity({ pairs: slowPairs, waitingSince: [at('2026-03-17T10:00:00Z')] }))).toEqual(['waiting']); // 10 h
  });

  it('does not count holidays: a message before a long weekend has not waited', () => {
    const since = at('2026-03-13T16:30:00Z'); // Friday 16:30; now is Wednesday noon
    const easter = { ...london, holidays: ['2026-03-16', '2026-03-17'] };
    expect(kinds(activity({ schedule: easter, waitingSince: [since] }))).toEqual([]); // 0.5 h + 3 h
    expect(kinds(activity({ waitingSince: [since] }))).toEqual(['waiting']); // 0.5 + 8 + 8 + 3 h
  });

  it('measures in the client’s own zone: a Friday-afternoon message in Sydney has barely waited on their Monday morning', () => {
    const sydney = defaultSchedule('Australia/Sydney');
    const now = at('2026-03-15T22:30:00Z'); // Monday 9:30 in Sydney (UTC+11)
    const since = at('2026-03-13T05:00:00Z'); // Friday 16:00 in Sydney, 65 wall-clock hours earlier
    const pairs = replies(20, 60, now, 11);
    const client = activity({ schedule: sydney, pairs, norms: computeNorms(pairs, sydney, now), waitingSince: [since] });
    expect(kinds(client, DEFAULT_ATTENTION, now)).toEqual([]);
    // The same wait read in London hours (Friday 5:00 → Sunday 22:30) would be 8 working hours.
    const readInLondon = activity({ pairs, norms: computeNorms(pairs, london, now), waitingSince: [since] });
    expect(kinds(readInLondon, DEFAULT_ATTENTION, now)).toEqual(['waiting']);
  });

  it('follows a change of clocks: across New York’s spring-forward weekend only real working hours count', () => {
    const newYork = defaultSchedule('America/New_York');
    const now = at('2026-03-09T15:00:00Z'); // Monday 11:00 EDT (clocks went forward on Sunday)
    const since = at('2026-03-06T20:00:00Z'); // Friday 15:00 EST
    const pairs = replies(20, 60, now, -5);
    const waitingClient = activity({ schedule: newYork, pairs, norms: computeNorms(pairs, newYork, now), waitingSince: [since] });
    expect(kinds(waitingClient, DEFAULT_ATTENTION, now)).toEqual([]); // 2 + 2 = 4 working hours: at the target, not past it
    expect(kinds(waitingClient, DEFAULT_ATTENTION, now + 10 * MIN)).toEqual(['waiting']);
  });

  it('treats messages older than the lookback as closed (a last "thanks" needs no answer)', () => {
    const old = NOW - 15 * DAY;
    expect(kinds(activity({ waitingSince: [old] }))).toEqual([]);
    expect(kinds(activity({ waitingSince: [old] }), { ...DEFAULT_ATTENTION, waitingLookbackDays: 30 })).toEqual(['waiting']);
  });

  it('counts every overdue thread and names the longest wait', () => {
    const findings = detectAttention(
      activity({ waitingSince: [at('2026-03-16T09:00:00Z'), at('2026-03-17T09:00:00Z'), at('2026-03-18T11:00:00Z')] }),
      DEFAULT_ATTENTION,
      NOW,
    );
    expect(findings[0]?.text).toMatch(/^2 messages from them have waited about 19 working hours/);
  });
});

describe('neglect: silence much longer than the usual gap', () => {
  /** Outbound mail every `everyDays` days, the last one `lastDaysAgo` days before NOW. */
  const outbound = (everyDays: number, lastDaysAgo: number, count = 8) =>
    Array.from({ length: count }, (_, i) => NOW - (lastDaysAgo + i * everyDays) * DAY);

  it('finds the usual gap from distinct writing days (several mails on one day are one day)', () => {
    const days = outbound(7, 1, 5);
    expect(usualGapDays([...days, days[0]! + HOUR, days[0]! + 2 * HOUR], 'Europe/London', NOW)).toBe(7);
    expect(usualGapDays(outbound(7, 1, 3), 'Europe/London', NOW)).toBeNull(); // two gaps are not a rhythm
  });

  it('flags a weekly client after three missed weeks, not after two', () => {
    expect(kinds(activity({ outboundAt: outbound(7, 20) }))).toEqual([]);
    const [finding] = detectAttention(activity({ outboundAt: outbound(7, 22) }), DEFAULT_ATTENTION, NOW);
    expect(finding?.kind).toBe('silent');
    expect(finding?.text).toBe('They have not heard from you for 22 days; you usually write every week.');
  });

  it('never flags less than two weeks of silence, however regular the client', () => {
    expect(kinds(activity({ outboundAt: outbound(1, 10, 30) }))).toEqual([]);
    expect(kinds(activity({ outboundAt: outbound(1, 15, 30) }))).toEqual(['silent']);
    expect(kinds(activity({ outboundAt: outbound(1, 15, 30) }), { ...DEFAULT_ATTENTION, silenceMinDays: 21 })).toEqual([]);
  });

  it('leaves a quiet monthly client alone after 40 days, and speaks up after 100', () => {
    expect(kinds(activity({ outboundAt: outbound(25, 40, 5) }))).toEqual([]);
    expect(kinds(activity({ outboundAt: outbound(25, 100, 4) }))).toEqual(['silent']);
  });
});

describe('quiet and new clients', () => {
  it('judges neither waiting, silence nor drift before the client has enough replies', () => {
    const few = replies(3, 60);
    const client = activity({ pairs: few, waitingSince: [NOW - 5 * DAY], outboundAt: [NOW - 60 * DAY, NOW - 70 * DAY, NOW - 80 * DAY, NOW - 90 * DAY] });
    expect(kinds(client)).toEqual([]);
    expect(kinds(client, { ...DEFAULT_ATTENTION, minReplies: 3 })).toEqual(['waiting', 'silent']);
  });

  it('never flags a sender the user has never answered (a newsletter is not a neglected client)', () => {
    expect(kinds(activity({ pairs: [], norms: null, outboundAt: [], waitingSince: [NOW - 3 * DAY, NOW - 4 * DAY] }))).toEqual([]);
  });

  it('ignores clients switched off entirely', () => {
    expect(kinds(activity({ mode: 'off', waitingSince: [NOW - 3 * DAY] }))).toEqual([]);
  });
});

describe('drift: the popup’s trend rule, last 30 days against the 90 before', () => {
  const driftPairs = (recentMinutes: number, priorMinutes: number): ReplyPair[] => [
    ...replies(10, recentMinutes, NOW),
    ...replies(10, priorMinutes, NOW - 40 * DAY),
  ];

  it('says the expectation is rising when replies got markedly faster', () => {
    const [finding] = detectAttention(activity({ pairs: driftPairs(20, 120) }), DEFAULT_ATTENTION, NOW);
    expect(finding?.kind).toBe('drift-faster');
    expect(finding?.text).toBe('Your replies got markedly faster: typically about 20 working minutes in the last 30 days against about 2 working hours in the 90 before.');
    expect(finding?.suggestion).toMatch(/learning to expect this pace/);
  });

  it('says the promise is slipping when replies got markedly slower', () => {
    const [finding] = detectAttention(activity({ pairs: driftPairs(200, 60) }), DEFAULT_ATTENTION, NOW);
    expect(finding?.kind).toBe('drift-slower');
    expect(finding?.suggestion).toMatch(/promise is slipping.*reassign/);
  });

  it('keeps quiet about a modest change', () => {
    expect(kinds(activity({ pairs: driftPairs(70, 60) }))).toEqual([]);
  });

  it('does not call a lead getting faster replies a problem, but does flag a lead waiting longer', () => {
    expect(kinds(activity({ mode: 'lead', pairs: driftPairs(20, 120) }))).toEqual([]);
    expect(kinds(activity({ mode: 'lead', pairs: driftPairs(200, 60) }))).toEqual(['drift-slower']);
  });

  it('agrees with the norms trend on any history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ageMinutes: fc.integer({ min: 1, max: 150 * 24 * 60 }), delay: fc.integer({ min: 0, max: 3 * 24 * 60 }) }), { maxLength: 40 }),
        (raw) => {
          const pairs = raw.map(({ ageMinutes, delay }) => ({ clientKey: 'client:acme', sentAt: NOW - ageMinutes * MIN, receivedAt: NOW - (ageMinutes + delay) * MIN }));
          const client = activity({ pairs, outboundAt: [] });
          const drift = kinds(client, { ...DEFAULT_ATTENTION, minReplies: 1 }).filter((k) => k.startsWith('drift'));
          const direction = client.norms!.trend.direction;
          expect(drift).toEqual(direction === 'faster' || direction === 'slower' ? [`drift-${direction}`] : []);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('explains the shared rule with its real numbers', () => {
    expect(DRIFT_RULE_TEXT).toContain('last 30 days with the 90 days before');
    expect(DRIFT_RULE_TEXT).toContain('under 67%');
  });
});

describe('exceptions creeping in: many "Send now" overrides in a month', () => {
  const outcomes = (count: number, choice: NudgeChoice, daysAgo = 2) => Array.from({ length: count }, (_, i) => ({ at: NOW - (daysAgo + i) * DAY, choice }));

  it('says urgent has become normal at five overrides in 30 days', () => {
    const client = activity({ outcomes: [...outcomes(5, 'sent-anyway'), ...outcomes(3, 'scheduled')] });
    const [finding] = detectAttention(client, DEFAULT_ATTENTION, NOW);
    expect(finding?.kind).toBe('exceptions');
    expect(finding?.text).toBe('You chose “Send now” on 5 of 8 nudges for them in the last 30 days.');
    expect(finding?.suggestion).toMatch(/^Urgent has become normal/);
  });

  it('does not count four, nor overrides older than 30 days', () => {
    expect(kinds(activity({ outcomes: outcomes(4, 'sent-anyway') }))).toEqual([]);
    expect(kinds(activity({ outcomes: outcomes(5, 'sent-anyway', 26) }))).toEqual([]); // the fifth is 30 days old
    expect(kinds(activity({ outcomes: outcomes(4, 'sent-anyway') }), { ...DEFAULT_ATTENTION, overridesPerMonth: 4 })).toEqual(['exceptions']);
  });

  it('applies to a new client too: overrides need no reply history', () => {
    expect(kinds(activity({ pairs: [], norms: null, outcomes: outcomes(6, 'sent-anyway') }))).toEqual(['exceptions']);
  });
});

describe('the review list', () => {
  it('puts a waiting client before a drifting one, and leaves out clients that are fine', () => {
    const waiting = activity({ clientKey: 'client:w', name: 'Zeta', waitingSince: [at('2026-03-16T09:00:00Z')] });
    const drifting = activity({ clientKey: 'client:d', name: 'Alpha', pairs: [...replies(10, 20, NOW), ...replies(10, 120, NOW - 40 * DAY)] });
    const fine = activity({ clientKey: 'client:f', name: 'Beta' });
    const list = clientsNeedingAttention([fine, drifting, waiting], DEFAULT_ATTENTION, NOW);
    expect(list.map((c) => c.name)).toEqual(['Zeta', 'Alpha']);
  });
});

describe('attention settings', () => {
  it('explains every setting next to its field', () => {
    for (const key of Object.keys(DEFAULT_ATTENTION) as (keyof AttentionSettings)[]) {
      expect(ATTENTION_FIELDS[key].label.length).toBeGreaterThan(3);
      expect(ATTENTION_FIELDS[key].description.length).toBeGreaterThan(30);
    }
  });

  it('fills in defaults for settings written before attention existed', () => {
    expect(resolveAttentionSettings(undefined)).toEqual(DEFAULT_ATTENTION);
    expect(resolveAttentionSettings({ overridesPerMonth: 8 }).overridesPerMonth).toBe(8);
  });

  it('accepts stored settings without an attention section, unchanged', () => {
    const settings = defaultSettings('Europe/London');
    expect(repairSettings(settings, 'UTC')).toEqual({ settings, problems: [] });
    expect(validateSettings(settings).ok).toBe(true);
  });

  it('repairs attention thresholds field by field, keeping the valid ones', () => {
    const raw = { ...defaultSettings('Europe/London'), attention: { ...DEFAULT_ATTENTION, waitingFactor: 0, overridesPerMonth: 9, weeklyReview: 'yes' } };
    const { settings, problems } = repairSettings(raw, 'UTC');
    expect(settings.attention).toEqual({ ...DEFAULT_ATTENTION, overridesPerMonth: 9 });
    expect(problems).toEqual([
      'attention.waitingFactor: 0 is below the minimum of 1; reset to the default',
      'attention.weeklyReview: \'yes\' is not a boolean; reset to the default',
    ]);
  });

  it('refuses an out-of-range threshold in a save, with a message a person can act on', () => {
    const check = validateSettings({ ...defaultSettings('UTC'), attention: { ...DEFAULT_ATTENTION, weeklyReviewHour: 24 } });
    expect(check).toEqual({ ok: false, errors: ['attention.weeklyReviewHour: 24 is above the maximum of 23'] });
  });
});
