/**
 * The hosts ReplyPace runs on, named once: the content scripts' matches
 * (entrypoints/*.content/index.ts, the manifest's only host access: it asks for no host permission)
 * and `detectSite` (contract.ts) read them from here, so a host added for one is added for all. A
 * new host is a new site the browser names at install: the manifest test
 * (tests/unit/sites/calendar/entrypoints.test.ts) lists every one.
 */
import type { SiteId } from '../core/types.ts';

export const GMAIL_MATCHES = ['https://mail.google.com/*'];
export const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];
/** Google Calendar has a host of its own. */
export const GOOGLE_CALENDAR_MATCHES = ['https://calendar.google.com/*'];
/** Outlook's calendar lives on the Outlook mail hosts: its script wakes on /calendar routes only. */
export const OUTLOOK_CALENDAR_MATCHES = OUTLOOK_MATCHES;
/** Calendars with a host of their own (the only hosts the calendars add to the manifest). */
export const CALENDAR_MATCHES = GOOGLE_CALENDAR_MATCHES;

/** "https://outlook.live.com/*" → "outlook.live.com". */
export function hostOfMatch(pattern: string): string {
  return pattern.replace(/^https:\/\//, '').replace(/\/.*$/, '');
}

/** The mail site served from `host`, or null for any other host. */
export function mailSiteOfHost(host: string): SiteId | null {
  if (GMAIL_MATCHES.some((pattern) => hostOfMatch(pattern) === host)) return 'gmail';
  if (OUTLOOK_MATCHES.some((pattern) => hostOfMatch(pattern) === host)) return 'outlook';
  return null;
}
