import { describe, expect, it } from 'vitest';
import { clientByKey, clientKeyFor, clientKeyOf, isColleague, isPersonalDomain, matchClient, parseClientKey, quietUntil, rulesFor } from '../../../src/core/clients.ts';
import { defaultSettings, type Client, type Settings } from '../../../src/core/settings.ts';

function client(id: string, fields: Partial<Client> = {}): Client {
  return { id, name: id.toUpperCase(), addresses: [], domains: [], mode: 'account', createdAt: 0, ...fields };
}

function settingsWith(clients: Client[], me: Settings['me'] = { addresses: ['me@mycorp.com'], ownDomains: ['mycorp.com'] }): Settings {
  return { ...defaultSettings('UTC'), clients, me };
}

const settings = settingsWith([
  client('acme', { domains: ['acme.com'] }),
  client('acme-eu', { domains: ['eu.acme.com'] }),
  client('wile', { addresses: ['wile@acme.com'] }),
  client('hank', { addresses: ['hank@gmail.com'], domains: ['gmail.com'] }),
]);

describe('matchClient', () => {
  it('an exact address wins over any domain', () => {
    expect(matchClient(settings, 'Wile@ACME.com ')?.id).toBe('wile');
  });

  it('domains match their subdomains, and the longest domain wins', () => {
    expect(matchClient(settings, 'road.runner@acme.com')?.id).toBe('acme');
    expect(matchClient(settings, 'sam@sales.acme.com')?.id).toBe('acme');
    expect(matchClient(settings, 'pierre@eu.acme.com')?.id).toBe('acme-eu');
    expect(matchClient(settings, 'pierre@paris.eu.acme.com')?.id).toBe('acme-eu');
  });

  it('a look-alike domain is not a subdomain', () => {
    expect(matchClient(settings, 'x@notacme.com')).toBeNull();
    expect(matchClient(settings, 'x@acme.com.evil.io')).toBeNull();
  });

  it('personal-mail domains match by exact address only, even when a client lists the domain', () => {
    expect(matchClient(settings, 'hank@gmail.com')?.id).toBe('hank');
    expect(matchClient(settings, 'someone.else@gmail.com')).toBeNull();
  });

  it('nothing matches a string without a domain', () => {
    expect(matchClient(settings, 'undisclosed-recipients')).toBeNull();
  });
});

describe('personal domains', () => {
  it.each(['gmail.com', 'outlook.com', 'hotmail.co.uk', 'yahoo.fr', 'gmx.de', 'gmx.net', 'web.de', 'mail.ru', 'yandex.ru', 'qq.com', '163.com', 'proton.me', 'icloud.com'])(
    '%s is personal mail',
    (domain) => expect(isPersonalDomain(domain)).toBe(true),
  );
  it.each(['acme.com', 'live.acme.com', 'outlook.acme.com', 'gmail.acme.io', 'mail.google.com'])('%s is not', (domain) =>
    expect(isPersonalDomain(domain)).toBe(false),
  );
});

describe('isColleague', () => {
  it('the user’s own domains and their subdomains', () => {
    expect(isColleague(settings, 'boss@mycorp.com')).toBe(true);
    expect(isColleague(settings, 'ops@uk.mycorp.com')).toBe(true);
    expect(isColleague(settings, 'someone@acme.com')).toBe(false);
  });

  it('the signed-in account’s domain, unless it is personal mail', () => {
    const bare = settingsWith([], { addresses: [], ownDomains: [] });
    expect(isColleague(bare, 'pat@startup.io', 'me@startup.io')).toBe(true);
    expect(isColleague(bare, 'friend@gmail.com', 'me@gmail.com')).toBe(false);
    expect(isColleague(bare, 'pat@startup.io')).toBe(false);
  });

  it('a colleague address configured as a client is a client', () => {
    const both = settingsWith([client('inside', { addresses: ['buyer@mycorp.com'] })]);
    expect(isColleague(both, 'buyer@mycorp.com')).toBe(false);
  });
});

describe('clientKeyFor', () => {
  it('client, company domain, or personal address', () => {
    expect(clientKeyFor(settings, 'pierre@eu.acme.com')).toMatchObject({ key: 'client:acme-eu', name: 'ACME-EU' });
    expect(clientKeyFor(settings, 'Bob@Globex.com')).toEqual({ key: 'domain:globex.com', name: 'globex.com', client: null });
    expect(clientKeyFor(settings, 'Jane.Doe@Gmail.com')).toEqual({ key: 'address:jane.doe@gmail.com', name: 'jane.doe@gmail.com', client: null });
  });
});

describe('client keys', () => {
  it('are written and read back the same way, a colon in the value included', () => {
    for (const [kind, value] of [['client', 'acme'], ['client', 'id:with:colons'], ['domain', 'globex.com'], ['address', 'jane@gmail.com']] as const) {
      expect(parseClientKey(clientKeyOf(kind, value))).toEqual({ kind, value });
    }
  });

  it('anything else is not a key', () => {
    for (const text of ['', 'acme', 'team:acme', ':acme', 'Client:acme']) expect(parseClientKey(text), text).toBeNull();
  });

  it('a client key names its configured client; a domain, an address or a deleted client names none', () => {
    expect(clientByKey(settings, 'client:acme-eu')?.name).toBe('ACME-EU');
    expect(clientByKey(settings, 'client:gone')).toBeNull();
    expect(clientByKey(settings, 'domain:acme')).toBeNull();
    expect(clientByKey(settings, 'address:acme')).toBeNull();
  });
});

describe('rulesFor', () => {
  const own = { timeZone: 'Asia/Tokyo', week: [[], [{ start: '10:00', end: '18:00' }], [], [], [], [], []], holidays: [] };
  const base = settingsWith([]);

  it('the defaults for anyone without a client entry', () => {
    expect(rulesFor(base, null)).toEqual({
      mode: 'default',
      schedule: base.defaults.schedule,
      responseTargetMinutes: base.defaults.responseTargetHours * 60,
      minReplyDelayMinutes: base.defaults.minReplyDelayMinutes,
      instantThresholdMinutes: base.defaults.instantThresholdMinutes,
      tracked: true,
    });
  });

  it('what a client sets, the defaults for the rest (the instant threshold is never per client)', () => {
    const custom = client('c', { schedule: own, responseTargetHours: 24, minReplyDelayMinutes: 90, mode: 'lead' });
    expect(rulesFor(base, custom)).toEqual({ mode: 'lead', schedule: own, responseTargetMinutes: 1440, minReplyDelayMinutes: 90, instantThresholdMinutes: base.defaults.instantThresholdMinutes, tracked: true });
    const partial = rulesFor(base, client('p', { minReplyDelayMinutes: 0 }));
    expect(partial).toMatchObject({ mode: 'account', schedule: base.defaults.schedule, responseTargetMinutes: base.defaults.responseTargetHours * 60, minReplyDelayMinutes: 0 });
  });

  it('a client set to off is not learned from', () => {
    expect(rulesFor(base, client('o', { mode: 'off' })).tracked).toBe(false);
  });
});

describe('quietUntil', () => {
  it('the later of the global pause and the key’s own snooze', () => {
    const base = settingsWith([]);
    expect(quietUntil(base, 'client:acme')).toBeNull();
    expect(quietUntil({ ...base, pausedUntil: 50 }, 'client:acme')).toBe(50);
    expect(quietUntil({ ...base, snoozes: { 'client:acme': 70 } }, 'client:acme')).toBe(70);
    expect(quietUntil({ ...base, pausedUntil: 90, snoozes: { 'client:acme': 70 } }, 'client:acme')).toBe(90);
    expect(quietUntil({ ...base, pausedUntil: 50, snoozes: { 'client:acme': 70 } }, 'domain:acme.com')).toBe(50);
  });
});
