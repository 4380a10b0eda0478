import { describe, expect, it } from 'vitest';
import { LIMITS, validateSettings } from '../../../src/core/settings.ts';
import { normsStatus } from '../../../src/core/clientStatus.ts';
import { rankByAttention } from '../../../src/ui/pages/attentionRanking.ts';
import { clientSuggestions, nameFromDomain } from '../../../src/ui/pages/clientSuggestions.ts';
import { popupRows } from '../../../src/ui/pages/popup/popupRows.ts';
import { clientFromDraft, draftErrors, draftFromClient, newDraft, restoreClient, withoutClient } from '../../../src/ui/pages/options/clientDraft.ts';
import { draftFromHash } from '../../../src/ui/pages/options/OptionsApp.tsx';
import { addressListError, domainListError, numberError, timeZoneError, holidayError } from '../../../src/ui/pages/validate.ts';
import { fast, norms, settingsWithClients, slow, summary } from './fixtures.ts';

const HOUR = 3_600_000;

describe('normsStatus', () => {
  it('names what needs attention, in plain words', () => {
    expect(normsStatus(summary({ count: 3 }), 4 * HOUR)).toMatchObject({ kind: 'not-enough-data', label: 'Not enough data yet' });
    expect(normsStatus(summary({ count: 3 }), 4 * HOUR).reason).toBe('2 more replies before ReplyPace can tell a habit.');
    expect(normsStatus(slow, 4 * HOUR).label).toBe('Slower than promised');
    expect(normsStatus(fast, 4 * HOUR).label).toBe('Training them too fast');
    expect(normsStatus(summary({ afterHoursShare: 0.5 }), 4 * HOUR).reason).toContain('outside their working hours');
    expect(normsStatus(summary({ medianWorkingMs: 0.5 * HOUR, instantShare: 0 }), 4 * HOUR).kind).toBe('too-fast');
    const drifting = summary({ trend: { recentMedianWorkingMs: HOUR, priorMedianWorkingMs: 3 * HOUR, recentCount: 5, priorCount: 9, ratio: 0.33, direction: 'faster' } });
    expect(normsStatus(drifting, 4 * HOUR)).toMatchObject({ kind: 'drifting', reason: 'Over the last 30 days you have been replying faster than before.' });
    expect(normsStatus(summary(), 4 * HOUR).kind).toBe('on-track');
  });

  it('judges against the target it is given: the same replies are too slow for a tighter promise', () => {
    expect(normsStatus(summary(), 1 * HOUR).kind).toBe('too-slow');
  });

  it('sorts broken promises first, then too fast, drifting, on track, unknown; busier clients first within a status', () => {
    const items = [
      { name: 'Quiet', summary: summary({ count: 1 }) },
      { name: 'Fine', summary: summary() },
      { name: 'Fast small', summary: { ...fast, count: 6 } },
      { name: 'Slow', summary: slow },
      { name: 'Fast big', summary: { ...fast, count: 60 } },
    ];
    expect(rankByAttention(items, () => 4 * HOUR).map((r) => r.item.name)).toEqual(['Slow', 'Fast big', 'Fast small', 'Fine', 'Quiet']);
  });
});

describe('popup rows and suggestions', () => {
  it('shows configured clients even before their first reply, uses their name and target, and hides clients set to off', () => {
    const settings = settingsWithClients();
    settings.clients.push({ id: 'off', name: 'Muted', addresses: ['x@muted.com'], domains: [], mode: 'off', createdAt: 3 });
    const rows = popupRows(settings, [
      norms('client:globex', 'stale name', summary({ medianWorkingMs: 3 * HOUR })),
      norms('client:off', 'Muted', slow),
      norms('domain:initech.com', 'initech.com', fast),
      norms('domain:empty.com', 'empty.com', summary({ count: 0 })),
    ]);
    expect(rows.map((r) => [r.name, r.status.kind, r.isClient])).toEqual([
      ['Globex', 'too-slow', true],
      ['initech.com', 'too-fast', false],
      ['Acme', 'not-enough-data', true],
    ]);
    expect(rows[0]!.targetMs).toBe(2 * HOUR);
  });

  it('suggests the busiest company domains that are not clients, with a readable name', () => {
    const list = [norms('domain:b.com', 'b.com', summary({ count: 3 })), norms('domain:initech-corp.com', 'x', summary({ count: 30 })), norms('address:bob@gmail.com', 'bob', summary())];
    expect(clientSuggestions(list)).toEqual([
      { domain: 'initech-corp.com', count: 30 },
      { domain: 'b.com', count: 3 },
    ]);
    expect(nameFromDomain('initech-corp.com')).toBe('Initech Corp');
  });
});

describe('client drafts', () => {
  it('explains each invalid field as typed', () => {
    const settings = settingsWithClients();
    const draft = { ...newDraft(settings), name: ' acme ', addresses: 'bob@', domains: 'acme', targetHours: '500', minDelayMinutes: 'soon' };
    expect(draftErrors(draft, settings)).toEqual({
      name: 'Another client already has this name.',
      addresses: '“bob@” is not an email address.',
      domains: '“acme” is not a domain like acme.com.',
      targetHours: 'Enter between 0.25 and 200 working hours.',
      minDelayMinutes: 'Enter a number of minutes, like 15.',
    });
    expect(draftErrors({ ...newDraft(settings), name: 'Initech' }, settings).match).toMatch(/at least one address or domain/);
    expect(draftErrors({ ...newDraft(settings), name: 'Initech', domains: 'acme.com' }, settings).match).toBe('acme.com already belongs to Acme.');
  });

  it('takes a client target and delay up to the largest the settings allow (core LIMITS)', () => {
    const settings = settingsWithClients();
    const named = { ...newDraft(settings), name: 'Initech', domains: 'initech.com' };
    const atMax = { ...named, targetHours: String(LIMITS.responseTargetHours.max), minDelayMinutes: String(LIMITS.minReplyDelayMinutes.max) };
    expect(draftErrors(atMax, settings)).toEqual({});
    expect(validateSettings({ ...settings, clients: [...settings.clients, clientFromDraft(atMax, 5, () => 'initech')] }).ok).toBe(true);
    const beyond = { ...named, targetHours: String(LIMITS.responseTargetHours.max + 1), minDelayMinutes: String(LIMITS.minReplyDelayMinutes.max + 1) };
    expect(Object.keys(draftErrors(beyond, settings)).sort()).toEqual(['minDelayMinutes', 'targetHours']);
  });

  it('checks a client schedule only when the client has its own', () => {
    const settings = settingsWithClients();
    const base = { ...newDraft(settings), name: 'Initech', domains: 'initech.com' };
    const bad = { ...base.schedule, timeZone: 'Mars/Base' };
    expect(draftErrors({ ...base, schedule: bad }, settings)).toEqual({});
    expect(draftErrors({ ...base, ownSchedule: true, schedule: bad }, settings).schedule).toBe('“Mars/Base” is not a known time zone. Pick one from the list.');
    expect(draftErrors({ ...base, ownSchedule: true, schedule: { ...base.schedule, week: [[], [], [], [], [], [], []] } }, settings).schedule).toMatch(/at least one day/);
  });

  it('turns a valid draft into a client: lists split and lower-cased, empty fields left to the defaults', () => {
    const settings = settingsWithClients();
    const draft = { ...newDraft(settings), name: 'Initech', addresses: 'Peter@Initech.com, bill@initech.com\nbill@initech.com', domains: '@initech.io', targetHours: '1,5' };
    expect(clientFromDraft(draft, 42, () => 'new-id')).toEqual({
      id: 'new-id',
      name: 'Initech',
      addresses: ['peter@initech.com', 'bill@initech.com'],
      domains: ['initech.io'],
      mode: 'account',
      createdAt: 42,
      responseTargetHours: 1.5,
    });
    const globex = settings.clients[1]!;
    expect(clientFromDraft(draftFromClient(globex, settings), 99, () => 'unused')).toEqual(globex);
  });

  it('puts a deleted client back in its place on undo, once', () => {
    const settings = settingsWithClients();
    const acme = settings.clients[0]!;
    const restored = restoreClient(withoutClient(settings, 'acme'), acme, 0);
    expect(restored.clients.map((c) => c.id)).toEqual(['acme', 'globex']);
    expect(restoreClient(restored, acme, 0).clients).toHaveLength(2);
  });

  it('opens a prefilled form from the popup link', () => {
    const settings = settingsWithClients();
    expect(draftFromHash('#new-client=domain%3Ainitech-corp.com', settings)).toMatchObject({ name: 'Initech Corp', domains: 'initech-corp.com' });
    expect(draftFromHash('#new-client=address:bob@gmail.com', settings)).toMatchObject({ name: 'bob', addresses: 'bob@gmail.com' });
    expect(draftFromHash('#new-client', settings)).toMatchObject({ name: '', id: null });
    expect(draftFromHash('#defaults', settings)).toBeNull();
  });
});

describe('field checks', () => {
  it('accepts what people type and names what is wrong', () => {
    expect(timeZoneError('Australia/Sydney')).toBeNull();
    expect(timeZoneError('UTC')).toBeNull();
    expect(timeZoneError('Sydney')).toBe('“Sydney” is not a known time zone. Pick one from the list.');
    expect(addressListError('a@b.com; C@D.org')).toBeNull();
    expect(addressListError('a@b.com x y@')).toBe('These are not email addresses: x, y@.');
    expect(domainListError('acme.com eu.acme.co.uk')).toBeNull();
    expect(numberError('', 0, 10, 'minutes', true)).toBeNull();
    expect(numberError('', 0, 10, 'minutes')).toBe('Enter a number of minutes.');
    expect(holidayError('2026-02-30')).toBe('2026-02-30 is not a calendar date.');
    expect(holidayError('2028-02-29')).toBeNull();
  });
});
