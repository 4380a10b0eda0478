// @vitest-environment happy-dom
/**
 * The calendar runtime with the real Google Calendar site and the real check, on a reconstructed
 * editor page, the background played by a double: when the note shows, what a Save press records,
 * and that nothing breaks when the background does not answer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMeetingPolicies } from '../../../../src/core/meetingPolicy.ts';
import { defaultSchedule } from '../../../../src/core/schedule.ts';
import { defaultSettings, type Settings } from '../../../../src/core/settings.ts';
import type { Envelope } from '../../../../src/messaging/protocol.ts';
import { startCalendar, STATE_ATTRIBUTE } from '../../../../src/sites/calendar/run-calendar.ts';
import { googleCalendarSite } from '../../../../src/sites/google-calendar/site.ts';
import type { SendRequest } from '../../../../src/sites/shared/run-site.ts';

const FIXTURE = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'calendar', '2020-01-eventedit-zoom-hooks.html');
// The fixture's meeting: Sunday 30 March 2025, 1:30–3:30 Berlin (a weekend night); "now" is the Friday before.
const NOW = Date.parse('2025-03-28T12:00:00Z');

function settings(): Settings {
  return {
    ...defaultSettings('UTC'),
    me: { addresses: ['sam@northwind.example'], ownDomains: ['northwind.example'] },
    clients: [{ id: 'acme', name: 'Acme', addresses: [], domains: ['acme-corp.com'], schedule: defaultSchedule('Europe/Berlin'), mode: 'account', createdAt: 0 }],
  };
}

let controller: AbortController;
let requests: { type: string; [key: string]: unknown }[];
let answer: (request: { type: string; guests?: string[]; account?: string | null }) => Envelope<unknown> | Promise<Envelope<unknown>>;

const send = ((request: { type: string; guests?: string[]; account?: string | null }) => {
  requests.push(request);
  return Promise.resolve(answer(request));
}) as unknown as SendRequest;

const note = () => document.querySelector('replypace-meeting')?.shadowRoot?.querySelector('[role=note]')?.textContent ?? null;
const state = () => document.documentElement.getAttribute(STATE_ATTRIBUTE);
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 0));
};

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://calendar.google.com/calendar/u/0/r/eventedit/abc');
  const html = readFileSync(FIXTURE, 'utf8');
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  document.body.setAttribute('data-viewfamily', 'EVENT_EDIT');
  controller = new AbortController();
  requests = [];
  answer = (request) =>
    request.type === 'meetingPolicies'
      ? { ok: true, value: buildMeetingPolicies(settings(), request.guests ?? [], { account: request.account, userTimeZone: 'UTC', now: NOW }) }
      : { ok: true, value: { recorded: true } };
});
afterEach(() => controller.abort());

describe('the calendar runtime', () => {
  it('asks once for the guests\' rules, then shows the note naming the client and their weekend', async () => {
    startCalendar({ site: googleCalendarSite, doc: document, signal: controller.signal, send, now: () => NOW });
    await settle();
    expect(requests.filter((r) => r.type === 'meetingPolicies')).toHaveLength(1);
    expect(requests[0]).toMatchObject({ account: 'sam@northwind.example', guests: ['sam@northwind.example', 'jana.novak@acme-corp.com', 'kim@northwind.example'] });
    expect(state()).toBe('warn');
    expect(note()).toContain('For Acme (Berlin) this is Sun 1:30–3:30, on their weekend');
  });

  it('shows nothing, and throws nothing, when the background does not answer', async () => {
    answer = () => ({ ok: false, code: 'timeout', error: 'No answer' });
    startCalendar({ site: googleCalendarSite, doc: document, signal: controller.signal, send, now: () => NOW });
    await settle();
    expect(state()).toBe('waiting');
    expect(note()).toBeNull();
  });

  it('a Save press goes on untouched and records times, client keys and the reason, never the title', async () => {
    startCalendar({ site: googleCalendarSite, doc: document, signal: controller.signal, send, now: () => NOW });
    await settle();
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.querySelector('#xSaveBu')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    await settle();
    const recorded = requests.find((r) => r.type === 'meetingBooked') as { meeting: Record<string, unknown> } | undefined;
    expect(recorded?.meeting).toEqual({
      site: 'google-calendar',
      at: NOW,
      start: Date.parse('2025-03-30T00:30:00Z'),
      end: Date.parse('2025-03-30T01:30:00Z'),
      clients: [{ clientKey: 'client:acme', reason: 'weekend' }],
      own: 'weekend',
    });
    expect(JSON.stringify(recorded)).not.toMatch(/Renewal/);
  });

  it('follows a change of guests, and leaves the page as it found it when stopped', async () => {
    startCalendar({ site: googleCalendarSite, doc: document, signal: controller.signal, send, now: () => NOW });
    await settle();
    expect(state()).toBe('warn');
    document.querySelector('[data-email="Jana.Novak@acme-corp.com"]')!.remove();
    await settle();
    expect(state()).toBe('fine:no-clients');
    expect(note()).toBeNull();
    controller.abort();
    expect(state()).toBeNull();
    expect(document.querySelector('replypace-meeting')).toBeNull();
  });
});
