/**
 * Settings for the demo calendar, true NOW without faking clocks: Acme works 9:00–17:00 Monday to
 * Friday in Berlin and has a holiday on `holidayDate`; Lead Co is a lead (never warned about);
 * northwind.example is the user's own domain (colleagues, ignored). The demo meeting is put on a
 * Berlin weekday a few days ahead, so "7:30 their time" is always in the future.
 */
import type { Settings } from '../../../src/core/settings.ts';
import type { TimeRange } from '../../../src/core/types.ts';

export const CALENDAR_ACCOUNT = 'sam@northwind.example';
export const CLIENT_GUEST = 'jana.novak@acme-corp.com';
export const COLLEAGUE_GUEST = 'kim@northwind.example';
export const LEAD_GUEST = 'lee@leadco.example';
export const CLIENT_ZONE = 'Europe/Berlin';

const DAY = 86_400_000;
const weekdays = (range: TimeRange): TimeRange[][] => [[], [range], [range], [range], [range], [range], []];

/** A Tuesday to Thursday at least `minDays` ahead, as "YYYY-MM-DD" (UTC and Berlin agree at noon). */
export function weekdayAhead(now: number, minDays: number): string {
  for (let day = minDays; ; day++) {
    const noon = new Date(now + day * DAY);
    noon.setUTCHours(12, 0, 0, 0);
    const weekday = noon.getUTCDay();
    if (weekday >= 2 && weekday <= 4) return noon.toISOString().slice(0, 10);
  }
}

export function calendarDemoDates(now = Date.now()): { meetingDate: string; holidayDate: string } {
  const meetingDate = weekdayAhead(now, 3);
  const holidayDate = weekdayAhead(Date.parse(`${meetingDate}T12:00:00Z`), 7);
  return { meetingDate, holidayDate };
}

export function calendarDemoSettings(
  now = Date.now(),
  userTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ownHours: TimeRange = { start: '08:00', end: '18:00' },
): Settings {
  const { holidayDate } = calendarDemoDates(now);
  return {
    version: 1,
    me: { addresses: [CALENDAR_ACCOUNT], ownDomains: ['northwind.example'] },
    defaults: {
      schedule: { timeZone: userTimeZone, week: weekdays(ownHours), holidays: [] },
      responseTargetHours: 4,
      minReplyDelayMinutes: 15,
      instantThresholdMinutes: 15,
    },
    clients: [
      {
        id: 'acme',
        name: 'Acme',
        addresses: [],
        domains: ['acme-corp.com'],
        schedule: { timeZone: CLIENT_ZONE, week: weekdays({ start: '09:00', end: '17:00' }), holidays: [holidayDate] },
        responseTargetHours: 4,
        mode: 'account',
        createdAt: now,
      },
      { id: 'leadco', name: 'Lead Co', addresses: [], domains: ['leadco.example'], mode: 'lead', createdAt: now },
    ],
    pausedUntil: null,
    snoozes: {},
  };
}
