/**
 * The demo Google Calendar event editor as one HTML document (its script inlined), for Playwright
 * and for Firefox's request interception alike.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIR = import.meta.dirname;

export const CALENDAR_DEMO_ORIGIN = 'https://calendar.google.com';
export const CALENDAR_DEMO_PATH = '/calendar/u/0/r/eventedit/ZGVtbzEyMyBzYW1Abm9ydGh3aW5kLmV4YW1wbGU';

export function calendarDemoHtml(): string {
  const html = readFileSync(resolve(DIR, 'index.html'), 'utf8');
  const script = readFileSync(resolve(DIR, 'demo.js'), 'utf8');
  return html.replace('<script src="demo.js"></script>', () => `<script>\n${script}\n</script>`);
}

export interface CalendarDemoQuery {
  zone?: string;
  date?: string;
  start?: string;
  minutes?: number;
  guests?: string[];
  account?: string;
  allday?: boolean;
  variant?: 'full' | 'bare';
}

export function calendarDemoUrl(query: CalendarDemoQuery = {}): string {
  const params = new URLSearchParams();
  if (query.zone) params.set('zone', query.zone);
  if (query.date) params.set('date', query.date);
  if (query.start) params.set('start', query.start);
  if (query.minutes) params.set('minutes', String(query.minutes));
  if (query.guests) params.set('guests', query.guests.join(','));
  if (query.account) params.set('account', query.account);
  if (query.allday) params.set('allday', '1');
  if (query.variant) params.set('variant', query.variant);
  const search = params.toString();
  return `${CALENDAR_DEMO_ORIGIN}${CALENDAR_DEMO_PATH}${search ? `?${search}` : ''}`;
}
