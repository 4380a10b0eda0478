import { describe, expect, it } from 'vitest';
import { buildReport, resolvePeriod, type ReportInput } from '../../../src/core/report.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';

const NOW = Date.parse('2026-04-16T05:00:00Z');
const DAY = 86_400_000;

function input(meetings: ReportInput['meetings']): ReportInput {
  const period = resolvePeriod('4w', NOW, 'Europe/Berlin');
  if (!period.ok) throw new Error(period.error);
  return {
    clientName: 'Acme',
    schedule: defaultSchedule('Europe/Berlin'),
    responseTargetMinutes: 240,
    instantThresholdMinutes: 15,
    pairs: [],
    outcomes: [],
    period: period.period,
    overridesPerMonth: 5,
    meetings,
  };
}

describe('meetings in the review report', () => {
  it('counts the meetings booked in the period and those outside the client\'s time, with a note for the user', () => {
    const model = buildReport(
      input([
        { at: NOW - 2 * DAY, start: NOW, reason: 'outside-hours' },
        { at: NOW - 3 * DAY, start: NOW, reason: 'outside-hours' },
        { at: NOW - 4 * DAY, start: NOW, reason: 'holiday' },
        { at: NOW - 5 * DAY, start: NOW, reason: null },
        // Booked before the period: not counted.
        { at: NOW - 60 * DAY, start: NOW, reason: 'weekend' },
      ]),
    );
    expect(model.meetings).toBe(4);
    expect(model.meetingsOutside).toBe(3);
    expect(model.meetingsOutsideByReason).toEqual({ 'outside-hours': 2, holiday: 1 });
    expect(model.notes.join(' ')).toContain('3 of 4 meetings booked with Acme fell outside their working time (2 outside their hours, 1 on their holiday)');
  });

  it('says nothing about meetings when none left their time (or none are known)', () => {
    for (const meetings of [undefined, [{ at: NOW - DAY, start: NOW, reason: null }]]) {
      const model = buildReport(input(meetings));
      expect(model.meetingsOutside).toBe(0);
      expect(model.notes.join(' ')).not.toMatch(/meeting/);
    }
  });
});
