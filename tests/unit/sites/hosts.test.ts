import { describe, expect, it } from 'vitest';
import gmailScript from '../../../entrypoints/gmail.content/index.ts';
import outlookScript from '../../../entrypoints/outlook.content/index.ts';
import googleCalendarScript from '../../../entrypoints/google-calendar.content/index.ts';
import outlookCalendarScript from '../../../entrypoints/outlook-calendar.content/index.ts';
import config from '../../../wxt.config.ts';
import { detectSite } from '../../../src/sites/contract.ts';
import { CALENDAR_MATCHES, GMAIL_MATCHES, GOOGLE_CALENDAR_MATCHES, OUTLOOK_CALENDAR_MATCHES, OUTLOOK_MATCHES, hostOfMatch } from '../../../src/sites/hosts.ts';

/** A page at `host` with nothing on it: only its address can tell the site. */
const pageAt = (host: string) => ({ location: { hostname: host }, title: '', querySelector: () => null }) as unknown as Document;

describe('the hosts, named once (src/sites/hosts.ts)', () => {
  it('the content scripts run on the hosts named there, and the manifest asks for no host beyond them', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = (config.manifest as (env: { browser: string }) => Record<string, unknown>)({ browser });
      expect(manifest.host_permissions, browser).toBeUndefined();
      expect((manifest.permissions as string[]).filter((p) => p.includes(':') || p === '<all_urls>'), browser).toEqual([]);
    }
    expect(gmailScript.matches).toEqual(GMAIL_MATCHES);
    expect(outlookScript.matches).toEqual(OUTLOOK_MATCHES);
    expect(googleCalendarScript.matches).toEqual(GOOGLE_CALENDAR_MATCHES);
    expect(outlookCalendarScript.matches).toEqual(OUTLOOK_CALENDAR_MATCHES);
    expect(CALENDAR_MATCHES).toEqual(['https://calendar.google.com/*']);
  });

  it('detectSite knows every mail host by its address, and no other host', () => {
    for (const pattern of GMAIL_MATCHES) expect(detectSite(pageAt(hostOfMatch(pattern))), pattern).toBe('gmail');
    for (const pattern of OUTLOOK_MATCHES) expect(detectSite(pageAt(hostOfMatch(pattern))), pattern).toBe('outlook');
    for (const host of ['calendar.google.com', 'google.com', 'mail.google.com.evil.io', 'outlook.office.com.evil.io', 'outlook.com', 'example.org']) {
      expect(detectSite(pageAt(host)), host).toBeNull();
    }
  });
});
