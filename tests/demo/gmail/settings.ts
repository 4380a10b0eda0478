/**
 * Settings for the demo mailbox, built so that the situations the demo shows are true NOW, without
 * faking clocks: Acme's zone is the one where it is the middle of the night, so a reply to Acme is
 * after hours; Initech's desk works around the clock, so a reply to Initech is nudged only for
 * being instant; Kim shares the user's domain and is never nudged.
 */
import type { Settings } from '../../../src/core/settings.ts';
import type { TimeRange } from '../../../src/core/types.ts';

export const DEMO_ACCOUNT = 'sam@northwind-sales.com';
export const DEMO_OWN_DOMAIN = 'northwind-sales.com';

/** Real zones a client may sit in, about two hours apart. */
const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo',
  'Atlantic/Azores', 'Europe/London', 'Europe/Berlin', 'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Karachi',
  'Asia/Kolkata', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland',
];

function hourIn(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') + get('minute') / 60;
}

/** The listed zone whose local time is closest to `targetHour` (circular distance). */
export function zoneWhereItIs(targetHour: number, at = Date.now()): string {
  const distance = (zone: string) => {
    const d = Math.abs(hourIn(zone, at) - targetHour);
    return Math.min(d, 24 - d);
  };
  return ZONES.reduce((best, zone) => (distance(zone) < distance(best) ? zone : best));
}

const weekdays = (range: TimeRange): TimeRange[][] => [[], [range], [range], [range], [range], [range], []];
const everyDay = (range: TimeRange): TimeRange[][] => Array.from({ length: 7 }, () => [range]);

export function demoSettings(now = Date.now(), userTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): Settings {
  return {
    version: 1,
    // The Outlook demo's account and domains are set up too, so one profile serves both demos.
    me: { addresses: [DEMO_ACCOUNT, 'so.getter@outlook.com'], ownDomains: [DEMO_OWN_DOMAIN, 'mine.example'] },
    defaults: {
      schedule: { timeZone: userTimeZone, week: weekdays({ start: '09:00', end: '17:00' }), holidays: [] },
      responseTargetHours: 4,
      minReplyDelayMinutes: 15,
      instantThresholdMinutes: 15,
    },
    clients: [
      {
        id: 'acme',
        name: 'Acme',
        addresses: [],
        domains: ['acme-corp.com', 'acme.example'],
        // 02:00 there now: outside their hours for the next seven hours at least.
        schedule: { timeZone: zoneWhereItIs(2, now), week: weekdays({ start: '09:00', end: '17:00' }), holidays: [] },
        responseTargetHours: 3,
        minReplyDelayMinutes: 15,
        mode: 'account',
        createdAt: now,
      },
      {
        id: 'initech',
        name: 'Initech',
        addresses: [],
        domains: ['initech-labs.com'],
        schedule: { timeZone: 'UTC', week: everyDay({ start: '00:00', end: '24:00' }), holidays: [] },
        responseTargetHours: 4,
        minReplyDelayMinutes: 15,
        mode: 'account',
        createdAt: now,
      },
    ],
    pausedUntil: null,
    snoozes: {},
  };
}
