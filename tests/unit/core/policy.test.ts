import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/decide.ts';
import { buildPolicySnapshot } from '../../../src/core/policy.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import { defaultSettings, type Client, type Settings } from '../../../src/core/settings.ts';
import type { NormsSummary } from '../../../src/core/types.ts';

const now = Date.parse('2024-06-10T14:00:00Z');

function client(id: string, fields: Partial<Client> = {}): Client {
  return { id, name: id[0]!.toUpperCase() + id.slice(1), addresses: [], domains: [], mode: 'account', createdAt: 0, ...fields };
}

function settings(clients: Client[] = [], extra: Partial<Settings> = {}): Settings {
  return { ...defaultSettings('Europe/London'), me: { addresses: ['me@mycorp.com'], ownDomains: ['mycorp.com'] }, clients, ...extra };
}

const context = (recipients: string[], more: Partial<Parameters<typeof buildPolicySnapshot>[1]> = {}) => ({
  recipients,
  account: 'me@mycorp.com',
  now,
  userTimeZone: 'Europe/London',
  ...more,
});

describe('buildPolicySnapshot', () => {
  it('no recipients, or only the user, is no counterpart', () => {
    expect(buildPolicySnapshot(settings(), context([]))).toBeNull();
    expect(buildPolicySnapshot(settings(), context(['ME@mycorp.com', ' ']))).toBeNull();
  });

  it('only colleagues: mode colleague', () => {
    const snapshot = buildPolicySnapshot(settings(), context(['boss@mycorp.com', 'me@mycorp.com']));
    expect(snapshot).toMatchObject({ mode: 'colleague', clientKey: 'domain:mycorp.com' });
  });

  it('an outside contact with no client entry gets the defaults', () => {
    const snapshot = buildPolicySnapshot(settings(), context(['boss@mycorp.com', 'Bob@Globex.com'], { lastInboundAt: now - 60_000 }));
    expect(snapshot).toEqual({
      clientKey: 'domain:globex.com',
      clientName: 'globex.com',
      mode: 'default',
      schedule: defaultSchedule('Europe/London'),
      responseTargetMinutes: 240,
      minReplyDelayMinutes: 15,
      instantThresholdMinutes: 15,
      userTimeZone: 'Europe/London',
      norms: null,
      lastInboundAt: now - 60_000,
      quietUntil: null,
    });
  });

  it("a client's own schedule, target and delay replace the defaults", () => {
    const sydney = { ...defaultSchedule('Australia/Sydney'), holidays: ['2024-12-25'] };
    const acme = client('acme', { domains: ['acme.com'], schedule: sydney, responseTargetHours: 2, minReplyDelayMinutes: 30 });
    const snapshot = buildPolicySnapshot(settings([acme]), context(['wile@acme.com']));
    expect(snapshot).toMatchObject({
      clientKey: 'client:acme',
      clientName: 'Acme',
      mode: 'account',
      schedule: sydney,
      responseTargetMinutes: 120,
      minReplyDelayMinutes: 30,
    });
  });

  it('an account client among the recipients is chosen over other outside contacts and over a lead', () => {
    const clients = [client('lead', { domains: ['newco.com'], mode: 'lead' }), client('acme', { domains: ['acme.com'] })];
    expect(buildPolicySnapshot(settings(clients), context(['x@other.com', 'y@newco.com', 'wile@acme.com']))?.clientKey).toBe('client:acme');
    expect(buildPolicySnapshot(settings(clients), context(['x@other.com', 'y@newco.com']))).toMatchObject({ clientKey: 'client:lead', mode: 'lead' });
  });

  it('quiet until the later of the global pause and this client’s snooze', () => {
    const acme = client('acme', { domains: ['acme.com'] });
    const snoozed = settings([acme], { pausedUntil: now + 1000, snoozes: { 'client:acme': now + 5000, 'domain:other.com': now + 9000 } });
    expect(buildPolicySnapshot(snoozed, context(['wile@acme.com']))?.quietUntil).toBe(now + 5000);
    expect(buildPolicySnapshot(snoozed, context(['x@globex.com']))?.quietUntil).toBe(now + 1000);
  });

  it('norms can be looked up for whichever counterpart is chosen', () => {
    const norms = { count: 7 } as NormsSummary;
    const snapshot = buildPolicySnapshot(settings(), context(['x@globex.com'], { norms: (key) => (key === 'domain:globex.com' ? norms : null) }));
    expect(snapshot?.norms).toBe(norms);
  });
});

describe('out of the box', () => {
  const fresh = defaultSettings('Europe/London');
  it('an instant reply to any outside contact is nudged from the first minute', () => {
    // Monday 15:00 in London: working time, two minutes after their message.
    const snapshot = buildPolicySnapshot(fresh, { recipients: ['pat@client.example'], now, userTimeZone: 'Europe/London', lastInboundAt: now - 120_000 });
    expect(decide(now, snapshot)).toMatchObject({ kind: 'nudge', reasons: [{ code: 'too-fast' }] });
  });

  it('an after-hours reply is nudged; the same reply at 15:00 goes through', () => {
    const evening = Date.parse('2024-06-10T21:30:00Z'); // 22:30 BST
    const snapshot = buildPolicySnapshot(fresh, { recipients: ['pat@client.example'], now: evening, userTimeZone: 'Europe/London' });
    expect(decide(evening, snapshot)).toMatchObject({ kind: 'nudge', reasons: [{ code: 'outside-hours' }] });
    expect(decide(now, snapshot)).toEqual({ kind: 'send', why: 'fine' });
  });
});
