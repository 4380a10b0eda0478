import { describe, expect, it } from 'vitest';
import googleCalendarScript from '../../../../entrypoints/google-calendar.content/index.ts';
import outlookCalendarScript from '../../../../entrypoints/outlook-calendar.content/index.ts';
import config, { CALENDAR_MATCHES, OUTLOOK_MATCHES } from '../../../../wxt.config.ts';
import { outlookCalendarSelectors } from '../../../../src/sites/outlook-calendar/selectors.ts';

describe('the calendar content scripts', () => {
  it('Google Calendar\'s runs on the one calendar host', () => {
    expect([...(googleCalendarScript.matches as string[])]).toEqual(CALENDAR_MATCHES);
    expect(CALENDAR_MATCHES).toEqual(['https://calendar.google.com/*']);
  });

  it('Outlook\'s calendar script runs on the Outlook hosts (no new permission) and wakes only on calendar routes', () => {
    expect([...(outlookCalendarScript.matches as string[])].sort()).toEqual([...OUTLOOK_MATCHES].sort());
    for (const path of ['/calendar/', '/calendar/view/week', '/calendar/deeplink/compose', '/calendar/action/compose', '/calendar']) {
      expect(outlookCalendarSelectors.calendarRoute.test(path), path).toBe(true);
    }
    for (const path of ['/mail/', '/mail/0/inbox', '/people/', '/calendarx']) {
      expect(outlookCalendarSelectors.calendarRoute.test(path), path).toBe(false);
    }
  });
});

describe('the manifest', () => {
  it('asks for no host permission (the content scripts\' matches are the host access) and no other permission', () => {
    const manifest = (config.manifest as (env: { browser: string }) => Record<string, unknown>)({ browser: 'chrome' });
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.optional_permissions).toEqual(['notifications']);
  });
});
