import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { meetingCheck, reasonOutside, type Meeting, type MeetingVerdict } from '../../../src/core/meeting.ts';
import { buildMeetingPolicies, type GuestPolicy, type MeetingPolicies } from '../../../src/core/meetingPolicy.ts';
import { defaultSchedule, hasWorkingTime, workingTimeBetween } from '../../../src/core/schedule.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { TimeRange, WorkSchedule } from '../../../src/core/types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string): number => Date.parse(iso);

// Property runs print their seed; FC_SEED=<n> replays one.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`meeting properties: FC_SEED=${SEED}`);
const runs = { seed: SEED, numRuns: 150 };
/** CPU-bound (each case computes weeks of working intervals in up to four zones): on a shared
 * two-core machine a run can take several seconds, which is load, not a hang. */
const PROPERTY_TIMEOUT_MS = 60_000;

function client(overrides: Partial<GuestPolicy> = {}): GuestPolicy {
  return {
    clientKey: 'client:acme',
    clientName: 'Acme',
    mode: 'account',
    schedule: defaultSchedule('Europe/Berlin'),
    guests: ['jana@acme-corp.com'],
    quietUntil: null,
    ...overrides,
  };
}

function policies(clients: GuestPolicy[], own: WorkSchedule = defaultSchedule('America/New_York')): MeetingPolicies {
  return { own, userTimeZone: own.timeZone, clients };
}

function warned(verdict: MeetingVerdict) {
  if (verdict.kind !== 'warn') throw new Error(`expected a warning, got fine (${verdict.why})`);
  return verdict;
}

const meeting = (startIso: string, minutes = 30): Meeting => ({ start: at(startIso), end: at(startIso) + minutes * MIN, allDay: false });
// Monday 2025-03-03; "now" is the Friday before.
const NOW = at('2025-02-28T12:00:00Z');

describe('meetingCheck', () => {
  it('warns about a client guest at 7:30 their time, names them and their clock, and suggests slots inside both windows', () => {
    // 7:30 Berlin (CET, +1) is 1:30 New York: outside both.
    const verdict = warned(meetingCheck(meeting('2025-03-03T06:30:00Z'), policies([client()]), NOW));
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toMatchObject({ clientName: 'Acme', reason: 'outside-hours', localTime: 'Mon 7:30–8:00' });
    expect(verdict.findings[0]!.text).toContain('Acme (Berlin)');
    expect(verdict.own?.reason).toBe('outside-hours');
    expect(verdict.suggestions.length).toBeGreaterThan(0);
    for (const slot of verdict.suggestions) {
      // Common time of Berlin 9–17 and New York 9–17 on a March weekday: 15:00–17:00 Berlin (NY still on EST until 9 March).
      expect(workingTimeBetween(defaultSchedule('Europe/Berlin'), slot.start, slot.end)).toBe(30 * MIN);
      expect(workingTimeBetween(defaultSchedule('America/New_York'), slot.start, slot.end)).toBe(30 * MIN);
      expect(slot.label).toMatch(/\(their /);
    }
  });

  it('is fine inside everyone\'s hours, and for colleagues, leads, clients set to off and quiet clients', () => {
    // 15:00 Berlin = 9:00 New York.
    expect(meetingCheck(meeting('2025-03-03T14:00:00Z'), policies([client()]), NOW)).toEqual({ kind: 'fine', why: 'inside' });
    const early = meeting('2025-03-03T06:30:00Z');
    expect(meetingCheck(early, policies([]), NOW)).toEqual({ kind: 'fine', why: 'no-clients' });
    expect(meetingCheck(early, policies([client({ mode: 'lead' }), client({ mode: 'off', clientKey: 'client:b' })]), NOW)).toEqual({ kind: 'fine', why: 'no-clients' });
    expect(meetingCheck(early, policies([client({ quietUntil: NOW + HOUR })]), NOW)).toEqual({ kind: 'fine', why: 'quiet' });
    expect(meetingCheck({ ...early, allDay: true }, policies([client()]), NOW)).toEqual({ kind: 'fine', why: 'all-day' });
  });

  it('names a holiday and a weekend', () => {
    const holiday = client({ schedule: { ...defaultSchedule('Europe/Berlin'), holidays: ['2025-03-03'] } });
    const onHoliday = warned(meetingCheck(meeting('2025-03-03T14:00:00Z'), policies([holiday]), NOW));
    expect(onHoliday.findings[0]!.reason).toBe('holiday');
    expect(onHoliday.findings[0]!.text).toMatch(/holidays/);
    expect(onHoliday.suggestions.every((s) => s.start >= at('2025-03-03T23:00:00Z') || s.end <= at('2025-03-02T23:00:00Z'))).toBe(true);
    const saturday = warned(meetingCheck(meeting('2025-03-08T14:00:00Z'), policies([client()]), NOW));
    expect(saturday.findings[0]).toMatchObject({ reason: 'weekend', localTime: 'Sat 15:00–15:30' });
  });

  it('warns when only the end leaves their hours, and when only the user\'s own hours are left', () => {
    const overrun = warned(meetingCheck(meeting('2025-03-03T15:30:00Z', 60), policies([client()]), NOW));
    expect(overrun.findings[0]).toMatchObject({ reason: 'outside-hours', localTime: 'Mon 16:30–17:30' });
    // Same zone for both, but the user starts at 10:00: 9:00 is only outside the user's hours.
    const own: WorkSchedule = { ...defaultSchedule('Europe/Berlin'), week: defaultSchedule('Europe/Berlin').week.map((d) => d.map(() => ({ start: '10:00', end: '18:00' }))) };
    const ownOnly = warned(meetingCheck(meeting('2025-03-03T08:00:00Z'), policies([client()], own), NOW));
    expect(ownOnly.findings).toEqual([]);
    expect(ownOnly.own?.text).toMatch(/your own hours/);
  });

  it('suggests nothing rather than a slot outside anyone\'s time when the windows never meet', () => {
    const night: WorkSchedule = { timeZone: 'Europe/Berlin', week: [[], ...Array.from({ length: 5 }, () => [{ start: '01:00', end: '02:00' }]), []], holidays: [] };
    const verdict = warned(meetingCheck(meeting('2025-03-03T06:30:00Z'), policies([client({ schedule: night })], defaultSchedule('Europe/Berlin')), NOW));
    expect(verdict.suggestions).toEqual([]);
  });

  it('keeps suggestions DST-exact: across New York\'s spring change their wall clock stays inside 9–17', () => {
    // Sunday 9 March 2025 New York springs forward; the client is in New York, the user in Berlin.
    const nyClient = client({ schedule: defaultSchedule('America/New_York') });
    const verdict = warned(meetingCheck(meeting('2025-03-10T11:00:00Z'), policies([nyClient], defaultSchedule('Europe/Berlin')), at('2025-03-07T12:00:00Z')));
    const nyHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
    for (const slot of verdict.suggestions) {
      const hour = Number(nyHour.format(slot.start));
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
    }
    expect(verdict.suggestions.length).toBeGreaterThan(0);
  });
});

describe('buildMeetingPolicies', () => {
  function settings(): Settings {
    const s = defaultSettings('America/New_York');
    return {
      ...s,
      me: { addresses: ['me@mine.com'], ownDomains: ['mine.com'] },
      clients: [
        { id: 'acme', name: 'Acme', addresses: [], domains: ['acme-corp.com'], schedule: defaultSchedule('Europe/Berlin'), mode: 'account', createdAt: 0 },
        { id: 'lead', name: 'Lead Co', addresses: [], domains: ['lead.io'], mode: 'lead', createdAt: 0 },
      ],
      snoozes: { 'client:acme': NOW + HOUR },
    };
  }

  it('groups guests by client, skips the user and colleagues, and carries modes, schedules and snoozes', () => {
    const result = buildMeetingPolicies(settings(), ['Jana@Acme-Corp.com', 'me@mine.com', 'bob@mine.com', 'pete@acme-corp.com', 'x@lead.io', 'sam@other.org'], { userTimeZone: 'America/New_York', now: NOW });
    expect(result.clients.map((c) => [c.clientKey, c.mode, c.guests])).toEqual([
      ['client:acme', 'account', ['jana@acme-corp.com', 'pete@acme-corp.com']],
      ['client:lead', 'lead', ['x@lead.io']],
      ['domain:other.org', 'default', ['sam@other.org']],
    ]);
    expect(result.clients[0]!.schedule.timeZone).toBe('Europe/Berlin');
    expect(result.clients[0]!.quietUntil).toBe(NOW + HOUR);
    expect(result.own).toEqual(settings().defaults.schedule);
  });

  it('a colleague-only meeting has no clients to check', () => {
    const result = buildMeetingPolicies(settings(), ['bob@mine.com', 'ann@eu.mine.com'], { userTimeZone: 'America/New_York', now: NOW });
    expect(result.clients).toEqual([]);
    expect(meetingCheck(meeting('2025-03-03T06:30:00Z'), result, NOW)).toEqual({ kind: 'fine', why: 'no-clients' });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties across zones and DST changes

const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const rangeArb: fc.Arbitrary<TimeRange> = fc
  .tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 4, max: 48 }))
  .map(([q, len]) => ({ start: hhmm(q * 15), end: hhmm(Math.min(1440, q * 15 + len * 15)) }));
const START = at('2024-01-01T00:00:00Z');
const TRANSITIONS = ['2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z', '2024-04-06T16:00:00Z', '2024-10-05T16:00:00Z', '2025-03-09T07:00:00Z'].map(at);
const instantArb = fc.oneof(
  fc.integer({ min: START, max: at('2025-12-01T00:00:00Z') }).map((t) => Math.floor(t / (15 * MIN)) * 15 * MIN),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -48 * 4, max: 48 * 4 })).map(([t, q]) => t + q * 15 * MIN),
);
const scheduleArb: fc.Arbitrary<WorkSchedule> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.array(fc.array(rangeArb, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 4 }),
  })
  .map(({ timeZone, week, holidays }) => ({ timeZone, week, holidays: holidays.map((d) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10)) }))
  .filter(hasWorkingTime);
const modeArb = fc.constantFrom('account', 'default', 'lead', 'off') as fc.Arbitrary<GuestPolicy['mode']>;
const caseArb = fc.record({
  own: scheduleArb,
  clients: fc.array(fc.record({ schedule: scheduleArb, mode: modeArb }), { minLength: 0, maxLength: 3 }),
  start: instantArb,
  minutes: fc.constantFrom(15, 30, 45, 60, 90),
  nowBefore: fc.integer({ min: 0, max: 10 * 24 * 4 }),
});

describe('meetingCheck properties', () => {
  it('warns exactly when a checked client\'s or (with clients) the user\'s time does not hold the whole meeting', () => {
    fc.assert(
      fc.property(caseArb, ({ own, clients, start, minutes, nowBefore }) => {
        const m: Meeting = { start, end: start + minutes * MIN, allDay: false };
        const guests = clients.map((c, i) => client({ clientKey: `k${i}`, clientName: `C${i}`, schedule: c.schedule, mode: c.mode }));
        const verdict = meetingCheck(m, policies(guests, own), start - nowBefore * 15 * MIN);
        const checked = guests.filter((g) => g.mode === 'account' || g.mode === 'default');
        const inside = (s: WorkSchedule) => workingTimeBetween(s, m.start, m.end) === m.end - m.start;
        const expectWarn = checked.length > 0 && (!inside(own) || checked.some((g) => !inside(g.schedule)));
        expect(verdict.kind).toBe(expectWarn ? 'warn' : 'fine');
        if (verdict.kind === 'warn') {
          expect(verdict.findings.map((f) => f.clientKey)).toEqual(checked.filter((g) => !inside(g.schedule)).map((g) => g.clientKey));
          expect(verdict.own !== null).toBe(!inside(own));
          for (const f of verdict.findings) expect(reasonOutside(guests.find((g) => g.clientKey === f.clientKey)!.schedule, m)).toBe(f.reason);
        }
      }),
      runs,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('every suggestion is in the future, as long as the meeting, inside everyone\'s time, ascending, at most three', () => {
    fc.assert(
      fc.property(caseArb, ({ own, clients, start, minutes, nowBefore }) => {
        const m: Meeting = { start, end: start + minutes * MIN, allDay: false };
        const now = start - nowBefore * 15 * MIN;
        const guests = clients.map((c, i) => client({ clientKey: `k${i}`, schedule: c.schedule, mode: c.mode }));
        const verdict = meetingCheck(m, policies(guests, own), now);
        if (verdict.kind !== 'warn') return;
        const schedules = [own, ...guests.filter((g) => g.mode === 'account' || g.mode === 'default').map((g) => g.schedule)];
        expect(verdict.suggestions.length).toBeLessThanOrEqual(3);
        let previous = -Infinity;
        for (const slot of verdict.suggestions) {
          expect(slot.start).toBeGreaterThan(now);
          expect(slot.start).toBeGreaterThan(previous);
          expect(slot.end - slot.start).toBe(m.end - m.start);
          expect(slot.start % (15 * MIN)).toBe(0);
          for (const s of schedules) expect(workingTimeBetween(s, slot.start, slot.end)).toBe(slot.end - slot.start);
          previous = slot.start;
        }
      }),
      runs,
    );
  }, PROPERTY_TIMEOUT_MS);
});
