import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReport, localStamp, periodLabel, reportCsvRows, resolvePeriod, type ReportInput, type ReportOutcome, type ReportPeriod } from '../../../src/core/report.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

const sydney = defaultSchedule('Australia/Sydney');
/** Thursday 16 April 2026, 15:00 in Sydney (AEST, UTC+10 after the April DST change). */
const NOW = at('2026-04-16T05:00:00Z');

function period(kind: '4w' | 'quarter' = '4w', now = NOW): ReportPeriod {
  const result = resolvePeriod(kind, now, 'Australia/Sydney');
  if (!result.ok) throw new Error(result.error);
  return result.period;
}

/** A reply received at `local` (Sydney wall time, "YYYY-MM-DDTHH:mm", AEST) and sent `minutes` later. */
function reply(local: string, minutes: number) {
  const receivedAt = at(`${local}:00+10:00`);
  return { receivedAt, sentAt: receivedAt + minutes * MIN };
}

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    clientName: 'Acme',
    schedule: sydney,
    responseTargetMinutes: 240,
    instantThresholdMinutes: 15,
    pairs: [],
    outcomes: [],
    period: period(),
    overridesPerMonth: 5,
    ...overrides,
  };
}

describe('report periods, in the client’s zone', () => {
  it('last 4 weeks: 28 days up to and including today, from local midnight to now', () => {
    const p = period();
    expect(p).toMatchObject({ kind: '4w', fromKey: '2026-03-20', toKey: '2026-04-16', to: NOW, label: 'March 20 – April 16, 2026' });
    expect(p.from).toBe(at('2026-03-20T00:00:00+11:00')); // still daylight time in March
  });

  it('last quarter: 13 weeks', () => {
    expect(period('quarter')).toMatchObject({ fromKey: '2026-01-16', toKey: '2026-04-16' });
  });

  it('custom: whole days inclusive, cut at now, with readable refusals', () => {
    const custom = resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2025-12-20', to: '2026-01-16' });
    expect(custom).toMatchObject({ ok: true, period: { from: at('2025-12-20T00:00:00+11:00'), to: at('2026-01-17T00:00:00+11:00'), label: 'December 20, 2025 – January 16, 2026' } });
    expect(resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2026-04-01', to: '2026-05-30' })).toMatchObject({ ok: true, period: { toKey: '2026-04-16', to: NOW } });
    expect(resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2026-04-10', to: '2026-04-01' })).toEqual({ ok: false, error: 'The period ends before it starts.' });
    expect(resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2026-05-10', to: '2026-06-01' })).toEqual({ ok: false, error: 'The period starts in the future.' });
    expect(resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2026-02-30', to: '2026-04-01' })).toEqual({ ok: false, error: 'Choose a start date for the custom period.' });
    expect(resolvePeriod('custom', NOW, 'Australia/Sydney', { from: '2020-01-01', to: '2026-04-01' })).toEqual({ ok: false, error: 'A report covers at most 731 days.' });
  });

  it('labels a single day without repeating it', () => {
    expect(periodLabel('2026-04-16', '2026-04-16')).toBe('April 16, 2026');
  });
});

describe('the report model', () => {
  const pairs = [
    reply('2026-04-06T09:30', 30), // Mon 10:00: within
    reply('2026-04-07T10:00', 90), // Tue 11:30: within
    reply('2026-04-08T11:00', 2), //  Wed 11:02: instant
    reply('2026-04-09T16:00', 6 * 60), // Thu 22:00: 1 working hour, after hours
    reply('2026-04-13T13:00', 5 * 60 + 30), // Mon 18:30 after hours, 4 working hours: at the target
    reply('2026-04-14T09:00', 7 * 60), // Tue 16:00: 7 working hours, over the target
    reply('2026-03-10T09:00', 60), // before the period: only the trend reads it
  ];
  const outcomes: ReportOutcome[] = [
    { at: at('2026-04-09T21:50:00+10:00'), choice: 'scheduled', reasons: ['outside-hours'], scheduledFor: at('2026-04-10T09:00:00+10:00') },
    { at: at('2026-04-11T10:00:00+10:00'), choice: 'scheduled', reasons: ['weekend'], scheduledFor: at('2026-04-13T09:00:00+10:00') },
    { at: at('2026-04-08T11:01:00+10:00'), choice: 'scheduled', reasons: ['too-fast'], scheduledFor: at('2026-04-08T11:20:00+10:00') },
    { at: at('2026-04-13T18:29:00+10:00'), choice: 'sent-anyway', reasons: ['outside-hours'], scheduledFor: null },
    { at: at('2026-04-14T08:00:00+10:00'), choice: 'dismissed', reasons: ['outside-hours'], scheduledFor: null },
    { at: at('2026-03-01T08:00:00+11:00'), choice: 'sent-anyway', reasons: ['weekend'], scheduledFor: null }, // outside the period
  ];
  const model = buildReport(input({ pairs, outcomes }));

  it('sets target against actual', () => {
    expect(model.replies).toBe(6);
    expect(model.withinTarget).toBe(5);
    expect(model.medianWorkingMs).toBe(75 * MIN); // 2, 30, 60, 90, 240, 420 working minutes
    expect(model.instant).toBe(1);
    expect(model.afterHours).toBe(2);
    expect(model.targetText).toBe('4 working hours');
  });

  it('bins the working-time delays and marks which bins keep the promise', () => {
    const counts = Object.fromEntries(model.histogram.bins.map((b) => [b.label, b.count]));
    expect(counts).toEqual({ '< 15 min': 1, '15–30 min': 0, '30–60 min': 1, '1–2 h': 2, '2–4 h': 0, '4–8 h': 2, '8–16 h': 0, '16–40 h': 0, '40 h +': 0 });
    expect(model.histogram.bins.filter((b) => b.withinTarget).map((b) => b.label)).toEqual(['< 15 min', '15–30 min', '30–60 min', '1–2 h', '2–4 h']);
    expect(model.histogram.targetPosition).toBe(5); // exactly on the 4 h edge
    expect(model.histogram.max).toBe(2);
  });

  it('places each reply in the heat map at the weekday and hour the client saw it, and shades their working hours', () => {
    const cell = (day: string, hour: number) => model.heatmap.rows.find((r) => r.label === day)!.hours[hour]!;
    expect(model.heatmap.rows.map((r) => r.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(cell('Mon', 10).count).toBe(1);
    expect(cell('Thu', 22)).toEqual({ count: 1, working: false });
    expect(cell('Mon', 18)).toEqual({ count: 1, working: false });
    expect(cell('Tue', 16)).toEqual({ count: 1, working: true });
    expect(cell('Sat', 12).working).toBe(false);
    expect(model.heatmap.rows.flatMap((r) => r.hours).reduce((sum, c) => sum + c.count, 0)).toBe(6);
  });

  it('counts after-hours replies avoided by scheduling, and "Send now" overrides, inside the period only', () => {
    expect(model.nudges).toBe(5);
    expect(model.scheduled).toBe(3);
    expect(model.afterHoursAvoided).toBe(2); // the too-fast one was not about their hours
    expect(model.overrides).toBe(1);
    expect(model.overridesByReason).toEqual({ 'outside-hours': 1 });
  });

  it('writes a summary a client can read, in the first person, with the facts only', () => {
    expect(model.summary).toBe(
      'Review of my replies to Acme, March 20 – April 16, 2026. I replied to you 6 times. ' +
        'We agreed on replies within 4 working hours; my typical reply took about 1.5 working hours, and 5 of 6 (83%) came within that time. ' +
        '2 replies went out outside your working hours (Monday to Friday 9:00–17:00 Sydney time). ' +
        '2 replies I wrote outside those hours were scheduled to reach you when your working day started.',
    );
    expect(model.summary).not.toMatch(/Send now|override|nudge/i);
  });

  it('keeps what is for the user alone in the notes', () => {
    expect(model.notes).toEqual(['You chose “Send now” on 1 of 5 nudges (1 outside their hours).']);
  });

  it('says so when the typical reply is slower than promised', () => {
    const slow = buildReport(input({ pairs: [reply('2026-04-06T09:00', 7 * 60), reply('2026-04-07T09:00', 7 * 60), reply('2026-04-08T09:00', 60)] }));
    expect(slow.summary).toContain('my typical reply took about 7 working hours, longer than agreed, and 1 of 3 (33%) came within that time.');
    expect(slow.summary).toContain('Every reply reached you within your working hours');
    expect(slow.notes).toContain('Your typical reply is slower than the 4 working hours you promised: fix it, reassign the account, or have the honest conversation about a new target.');
  });

  it('says urgent has become normal when overrides pile up', () => {
    const overrides = Array.from({ length: 6 }, (_, i): ReportOutcome => ({ at: NOW - (i + 1) * DAY, choice: 'sent-anyway', reasons: ['weekend', 'outside-hours'], scheduledFor: null }));
    const notes = buildReport(input({ outcomes: overrides })).notes;
    expect(notes).toEqual(['You chose “Send now” on 6 of 6 nudges (6 on their weekend, 6 outside their hours). That is urgent becoming normal: agree hours or a target that fit, or push back.']);
  });

  it('reports drift at the end of the period with the popup’s rule', () => {
    const recent = Array.from({ length: 5 }, (_, i) => reply(`2026-04-${String(6 + i).padStart(2, '0')}T10:00`, 15));
    const prior = Array.from({ length: 5 }, (_, i) => reply(`2026-02-${String(9 + i).padStart(2, '0')}T10:00`, 180));
    const drift = buildReport(input({ pairs: [...recent, ...prior] }));
    expect(drift.trend.direction).toBe('faster');
    expect(drift.notes[0]).toBe('Drift: over the last 30 days your typical reply took about 15 working minutes, against about 3 working hours in the 90 days before: markedly faster, so the client’s expectation is rising.');
  });

  it('reads well with no replies at all', () => {
    const empty = buildReport(input());
    expect(empty.summary).toBe(
      'Review of my replies to Acme, March 20 – April 16, 2026. I did not reply to any of your messages in this period, so there is no reply time to report. We agreed on replies within 4 working hours, Monday to Friday 9:00–17:00 Sydney time.',
    );
    expect(empty.histogram.max).toBe(0);
    expect(empty.medianWorkingMs).toBeNull();
  });

  it('shades a night shift that runs past midnight on the next day', () => {
    const night = { ...sydney, week: [[], [{ start: '22:00', end: '06:00' }], [], [], [], [], []] };
    const rows = buildReport(input({ schedule: night })).heatmap.rows;
    expect(rows[0]!.hours.map((c, h) => (c.working ? h : -1)).filter((h) => h >= 0)).toEqual([22, 23]);
    expect(rows[1]!.hours.map((c, h) => (c.working ? h : -1)).filter((h) => h >= 0)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('CSV rows', () => {
  it('lists replies and nudges in time order, in the client’s zone, with nothing but times and numbers', () => {
    const rows = reportCsvRows(
      input({
        pairs: [reply('2026-04-09T16:00', 6 * 60), reply('2026-04-06T09:30', 30), reply('2026-01-06T09:30', 30)],
        outcomes: [{ at: at('2026-04-09T21:50:00+10:00'), choice: 'scheduled', reasons: ['outside-hours'], scheduledFor: at('2026-04-10T09:00:00+10:00') }],
      }),
    );
    expect(rows.map((r) => r.record)).toEqual(['reply', 'nudge', 'reply']);
    expect(rows[0]).toMatchObject({ received_at: '2026-04-06 09:30', sent_at: '2026-04-06 10:00', wall_minutes: 30, working_minutes: 30, within_target: 'yes', instant: 'no', after_hours: 'no', time_zone: 'Australia/Sydney' });
    expect(rows[1]).toMatchObject({ nudge_at: '2026-04-09 21:50', nudge_choice: 'scheduled', nudge_reasons: 'outside-hours', scheduled_for: '2026-04-10 09:00', sent_at: '' });
    expect(rows[2]).toMatchObject({ sent_at: '2026-04-09 22:00', wall_minutes: 360, working_minutes: 60, after_hours: 'yes' });
  });

  it('writes local stamps across a change of clocks', () => {
    expect(localStamp(at('2026-04-04T15:30:00Z'), 'Australia/Sydney')).toBe('2026-04-05 02:30'); // AEDT
    expect(localStamp(at('2026-04-04T16:30:00Z'), 'Australia/Sydney')).toBe('2026-04-05 02:30'); // AEST, an hour later
  });
});

describe('the report page and the CSV measure replies the same way', () => {
  it('counts the same replies as within target, instant and after hours, for any replies', () => {
    const seed = Date.now();
    console.log(`report/CSV agreement: fast-check seed ${seed}`);
    const p = period();
    const pair = fc
      .record({ receivedAt: fc.integer({ min: p.from - 40 * DAY, max: p.to + DAY }), delayMs: fc.integer({ min: -HOUR, max: 5 * DAY }) })
      .map(({ receivedAt, delayMs }) => ({ receivedAt, sentAt: receivedAt + delayMs }));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 40 }), fc.integer({ min: 15, max: 3000 }), fc.integer({ min: 1, max: 1440 }), (pairs, target, instant) => {
        const data = input({ pairs, responseTargetMinutes: target, instantThresholdMinutes: instant });
        const model = buildReport(data);
        const rows = reportCsvRows(data).filter((r) => r.record === 'reply');
        expect(rows.length).toBe(model.replies);
        expect(rows.filter((r) => r.within_target === 'yes').length).toBe(model.withinTarget);
        expect(rows.filter((r) => r.instant === 'yes').length).toBe(model.instant);
        expect(rows.filter((r) => r.after_hours === 'yes').length).toBe(model.afterHours);
      }),
      { seed, numRuns: 60 },
    );
  });
});
