/**
 * What settings may hold and what a fresh install starts with. No zod here: the options and
 * welcome forms read the same bounds the schema (settings-schema.ts) enforces, without loading
 * the schema library into their pages.
 */
import { defaultSchedule, isValidTimeZone } from './schedule.ts';
import type { Settings } from './settings-schema.ts';

export const SETTINGS_VERSION = 1;

export const LIMITS = {
  responseTargetHours: { min: 0.25, max: 200 },
  minReplyDelayMinutes: { min: 0, max: 24 * 60 },
  instantThresholdMinutes: { min: 1, max: 24 * 60 },
  rangesPerDay: 12,
  holidays: 1000,
  addresses: 1000,
  clients: 5000,
} as const;

/** What a fresh install uses: the browser's zone, Mon–Fri 9–17, 4 working hours, 15 minutes. */
export function defaultSettings(timeZone: string): Settings {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return {
    version: SETTINGS_VERSION,
    me: { addresses: [], ownDomains: [] },
    defaults: { schedule: defaultSchedule(zone), responseTargetHours: 4, minReplyDelayMinutes: 15, instantThresholdMinutes: 15 },
    clients: [],
    pausedUntil: null,
    snoozes: {},
  };
}
