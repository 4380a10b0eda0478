import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALENDAR_MATCHES, GMAIL_MATCHES, OUTLOOK_MATCHES } from '../../../wxt.config.ts';
import type { MessageSender } from '../../../src/background/server.ts';
import { extensionPage, RUNTIME_ID, testServer, WEDNESDAY_NOON, type TestServer } from './test-server.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { META_MEETINGS_BOOKED } from '../../../src/store/meetings.ts';
import { computeAttention } from '../../../src/store/attention.ts';
import { readReportData } from '../../../src/store/report-data.ts';

const NOW = WEDNESDAY_NOON;
const DAY = 86_400_000;
const calendarTab: MessageSender = { id: RUNTIME_ID, url: 'https://calendar.google.com/calendar/u/0/r/eventedit/x', tab: { id: 4, url: 'https://calendar.google.com/calendar/u/0/r/eventedit/x' } };
const popup = extensionPage('popup.html');

let db: ReplyPaceDb;
let server: TestServer;

function settings(): Settings {
  return {
    ...defaultSettings('UTC'),
    me: { addresses: ['sam@northwind.example'], ownDomains: ['northwind.example'] },
    clients: [
      { id: 'acme', name: 'Acme', addresses: [], domains: ['acme-corp.com'], schedule: defaultSchedule('Europe/Berlin'), mode: 'account', createdAt: 0 },
      { id: 'lead', name: 'Lead Co', addresses: [], domains: ['leadco.example'], mode: 'lead', createdAt: 0 },
    ],
  };
}

beforeEach(async () => {
  db = openDatabase(`calendar-server-${Math.random()}`);
  server = testServer(db, { mailMatches: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES, ...CALENDAR_MATCHES] });
  expect(await server.handle({ type: 'saveSettings', settings: settings() }, popup)).toMatchObject({ ok: true });
});
afterEach(async () => {
  await db.delete();
});

const booked = (clients: { clientKey: string; reason: string | null }[], at = NOW - DAY, extra: object = {}) => ({
  type: 'meetingBooked',
  meeting: { site: 'google-calendar', at, start: at + 2 * DAY, end: at + 2 * DAY + 1_800_000, clients, own: null, ...extra },
});

describe('calendar requests', () => {
  it('answers the Google Calendar content script with the guests\' rules: colleagues and the user left out, leads kept with their mode', async () => {
    const answer = await server.handle(
      { type: 'meetingPolicies', site: 'google-calendar', account: 'sam@northwind.example', guests: ['sam@northwind.example', 'Jana@Acme-Corp.com', 'kim@northwind.example', 'lee@leadco.example'] },
      calendarTab,
    );
    expect(answer.ok).toBe(true);
    const value = (answer as { value: { clients: { clientKey: string; mode: string; guests: string[] }[]; own: { timeZone: string } } }).value;
    expect(value.clients.map((c) => [c.clientKey, c.mode, c.guests])).toEqual([
      ['client:acme', 'account', ['jana@acme-corp.com']],
      ['client:lead', 'lead', ['lee@leadco.example']],
    ]);
    expect(value.own.timeZone).toBe('UTC');
  });

  it('refuses the calendar messages from pages of other sites, and page-only requests from the calendar', async () => {
    const evil: MessageSender = { id: RUNTIME_ID, url: 'https://calendar.google.com.evil.example/', tab: { id: 1, url: 'https://calendar.google.com.evil.example/' } };
    expect(await server.handle({ type: 'meetingPolicies', site: 'google-calendar', account: null, guests: [] }, evil)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await server.handle({ type: 'eraseAll' }, calendarTab)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('stores a booked meeting with times, client keys and reasons only (a title sent along is dropped), once per double click', async () => {
    const request = booked([{ clientKey: 'client:acme', reason: 'outside-hours' }], NOW - DAY, { title: 'Secret merger call', guests: ['jana@acme-corp.com'] });
    expect(await server.handle(request, calendarTab)).toMatchObject({ ok: true });
    expect(await server.handle({ ...request, meeting: { ...request.meeting, at: NOW - DAY + 500 } }, calendarTab)).toMatchObject({ ok: true });
    const stored = (await db.meta.get(META_MEETINGS_BOOKED))?.value as object[];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/Secret|jana/);
    expect(await server.handle(booked([]), calendarTab)).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('the report and the weekly review count meetings booked outside a client\'s hours', async () => {
    await server.handle(booked([{ clientKey: 'client:acme', reason: 'outside-hours' }], NOW - DAY), calendarTab);
    await server.handle(booked([{ clientKey: 'client:acme', reason: null }], NOW - 2 * DAY), calendarTab);
    await server.handle(booked([{ clientKey: 'client:acme', reason: 'weekend' }], NOW - 20 * DAY), calendarTab);
    await server.handle(booked([{ clientKey: 'domain:other.org', reason: null }], NOW - 3 * DAY), calendarTab);

    const report = await readReportData(db, settings(), 'client:acme', NOW - 28 * DAY, NOW);
    expect(report?.meetings?.map((m) => m.reason)).toEqual(['weekend', null, 'outside-hours']);
    // Known only from a meeting: still a report.
    expect(await readReportData(db, settings(), 'domain:other.org', NOW - 28 * DAY, NOW)).not.toBeNull();

    const review = await computeAttention(db, settings(), NOW);
    expect(review.meetingsThisWeek).toEqual([
      { clientKey: 'client:acme', name: 'Acme', booked: 2, outside: 1 },
      { clientKey: 'domain:other.org', name: 'other.org', booked: 1, outside: 0 },
    ]);
  });
});
