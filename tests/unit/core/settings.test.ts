import { describe, expect, it } from 'vitest';
import {
  SETTINGS_FILE_FORMAT,
  defaultSettings,
  parseSettingsFile,
  repairSettings,
  serializeSettingsFile,
  validateSettings,
  type Settings,
} from '../../../src/core/settings.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';

function sample(): Settings {
  const settings = defaultSettings('Europe/London');
  settings.me = { addresses: ['me@mycorp.com'], ownDomains: ['mycorp.com'] };
  settings.clients = [
    { id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1_700_000_000_000 },
    {
      id: 'globex',
      name: 'Globex',
      addresses: ['hank@gmail.com'],
      domains: ['globex.com'],
      schedule: { timeZone: 'Australia/Sydney', week: defaultSchedule('Australia/Sydney').week, holidays: ['2024-12-25'] },
      responseTargetHours: 2,
      minReplyDelayMinutes: 30,
      mode: 'account',
      createdAt: 1_700_000_000_000,
    },
    { id: 'initech', name: 'Initech', addresses: [], domains: ['initech.com'], mode: 'lead', createdAt: 1_700_000_000_000 },
  ];
  settings.pausedUntil = null;
  settings.snoozes = { 'client:acme': 1_700_000_100_000 };
  return settings;
}

/** Writes `value` at a dotted path ("clients.1.mode") of a deep copy's insides: for breaking settings on purpose. */
function set(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

const fileWith = (settings: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: '2024-01-01T00:00:00.000Z', settings, ...extra });

describe('defaults', () => {
  it('out of the box: the browser zone, Mon–Fri 9–17, a 4-hour target, 15-minute delays', () => {
    const settings = defaultSettings('America/Chicago');
    expect(settings.defaults).toEqual({
      schedule: defaultSchedule('America/Chicago'),
      responseTargetHours: 4,
      minReplyDelayMinutes: 15,
      instantThresholdMinutes: 15,
    });
    expect(validateSettings(settings).ok).toBe(true);
  });

  it('an unknown browser zone falls back to UTC rather than failing', () => {
    expect(defaultSettings('Nowhere/Special').defaults.schedule.timeZone).toBe('UTC');
  });
});

describe('settings file', () => {
  it('round-trips through export and import', () => {
    const text = serializeSettingsFile(sample(), Date.parse('2024-05-01T12:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({ format: 'replypace-settings', version: 1, exportedAt: '2024-05-01T12:00:00.000Z' });
    expect(parseSettingsFile(text)).toEqual({ ok: true, settings: sample() });
  });

  it('normalises addresses and domains on import', () => {
    const settings = sample();
    settings.clients[0]!.addresses = ['  Wile.E@ACME.com '];
    settings.clients[0]!.domains = ['@Acme.COM'];
    const result = parseSettingsFile(fileWith(settings));
    expect(result.ok && result.settings.clients[0]).toMatchObject({ addresses: ['wile.e@acme.com'], domains: ['acme.com'] });
  });

  it.each([
    ['not JSON', '{ "format": ', /^The file is not valid JSON/],
    ['not an object', '[1, 2]', /expected a JSON object/],
    ['no format', JSON.stringify({ version: 1, settings: {} }), /not a ReplyPace settings file: it has no "format"/],
    ['another format', JSON.stringify({ format: 'darkreader', version: 1, settings: {} }), /its format is 'darkreader'/],
    ['a newer version', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 2, settings: {} }), /newer ReplyPace \(settings version 2; this one reads up to 1\)/],
    ['a broken version', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 'one', settings: {} }), /version 'one' is not a settings version/],
    ['no settings', JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1 }), /no "settings" section/],
  ])('refuses %s with one clear message', (_case, text, message) => {
    const result = parseSettingsFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(message);
    }
  });

  it('names every invalid field by its path, in words', () => {
    const settings = sample() as unknown as { clients: Record<string, unknown>[]; defaults: Record<string, unknown>; me: Record<string, unknown> };
    (settings.clients[2] as { schedule?: unknown }).schedule = { timeZone: 'Mars/Base', week: defaultSchedule('UTC').week, holidays: ['2024-02-30'] };
    settings.clients[1]!.mode = 'vip';
    settings.clients[1]!.responseTargetHours = 0;
    settings.clients[0]!.domains = ['not a domain'];
    settings.defaults.minReplyDelayMinutes = 'fifteen';
    (settings.defaults.schedule as { week: unknown[] }).week = [[{ start: '9:00', end: '17:00' }], [], [], [], [], [], []];
    settings.me.addresses = ['me-at-mycorp'];
    const result = parseSettingsFile(fileWith(settings));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        "clients[2].schedule.timeZone: 'Mars/Base' is not a known time zone",
        "clients[2].schedule.holidays[0]: '2024-02-30' is not a date as YYYY-MM-DD",
        "clients[1].mode: 'vip' is not one of 'account', 'lead', 'off'",
        'clients[1].responseTargetHours: 0 is below the minimum of 0.25',
        "clients[0].domains[0]: 'not a domain' is not a domain like acme.com",
        "defaults.minReplyDelayMinutes: 'fifteen' is not a number",
        "defaults.schedule.week[0][0].start: '9:00' is not a time of day as HH:mm (00:00–23:59)",
        "me.addresses[0]: 'me-at-mycorp' is not an e-mail address",
      ]),
    );
    expect(result.errors).toHaveLength(8);
  });

  it('refuses duplicate client ids and a week without seven days', () => {
    const settings = sample();
    settings.clients[2]!.id = 'acme';
    settings.defaults.schedule.week = settings.defaults.schedule.week.slice(0, 5);
    const result = parseSettingsFile(fileWith(settings));
    expect(result.ok ? [] : result.errors).toEqual([
      'defaults.schedule.week: needs exactly 7 entries',
      "clients[2].id: 'acme' is used by another client",
    ]);
  });

  it('reports a missing field as missing', () => {
    const settings = sample() as unknown as Record<string, unknown>;
    delete settings.pausedUntil;
    expect(parseSettingsFile(fileWith(settings))).toEqual({ ok: false, errors: ['pausedUntil: is missing'] });
  });
});

describe('repairSettings: field by field', () => {
  it('keeps valid settings untouched and reports nothing', () => {
    expect(repairSettings(sample(), 'UTC')).toEqual({ settings: sample(), problems: [] });
  });

  it('nothing stored, or garbage, gives the defaults in the browser zone', () => {
    expect(repairSettings(undefined, 'Asia/Tokyo').settings).toEqual(defaultSettings('Asia/Tokyo'));
    const garbage = repairSettings('{"oops"', 'Asia/Tokyo');
    expect(garbage.settings).toEqual(defaultSettings('Asia/Tokyo'));
    expect(garbage.problems).toEqual(['settings: not an object; using the defaults']);
  });

  it('resets each bad field on its own and keeps the rest', () => {
    const stored = sample();
    set(stored, 'defaults.responseTargetHours', -3);
    set(stored, 'defaults.schedule.timeZone', 'Mars/Base');
    set(stored, 'defaults.schedule.holidays', ['2024-12-25', 'Christmas']);
    set(stored, 'pausedUntil', 'soon');
    const { settings, problems } = repairSettings(stored, 'Europe/Paris');
    expect(settings.defaults.responseTargetHours).toBe(4);
    expect(settings.defaults.minReplyDelayMinutes).toBe(15);
    // the zone falls back, the working week and the valid holiday stay
    expect(settings.defaults.schedule).toEqual({ timeZone: 'Europe/Paris', week: sample().defaults.schedule.week, holidays: ['2024-12-25'] });
    expect(settings.pausedUntil).toBeNull();
    expect(settings.clients).toEqual(sample().clients);
    expect(settings.me).toEqual(sample().me);
    expect(problems).toEqual([
      "defaults.schedule.timeZone: 'Mars/Base' is not a known time zone; reset to the default",
      "defaults.schedule.holidays[1]: 'Christmas' is not a date as YYYY-MM-DD; dropped",
      'defaults.responseTargetHours: -3 is below the minimum of 0.25; reset to the default',
      "pausedUntil: 'soon' is not a number; reset to the default",
    ]);
  });

  it('a client with a bad schedule keeps its name and addresses; a bad field is reset; a client without an id is dropped', () => {
    const stored = sample();
    set(stored, 'clients.1.schedule.week', 'weekdays');
    set(stored, 'clients.1.mode', 'vip');
    set(stored, 'clients.1.addresses', ['hank@gmail.com', 'not-an-address']);
    set(stored, 'clients.0.responseTargetHours', 'ASAP');
    set(stored, 'clients', [...stored.clients, { name: 'No Id' }, 42, { ...stored.clients[2] }]);
    const { settings, problems } = repairSettings(stored, 'UTC');
    expect(settings.clients.map((c) => c.id)).toEqual(['acme', 'globex', 'initech']);
    const globex = settings.clients[1]!;
    expect(globex).toMatchObject({ name: 'Globex', addresses: ['hank@gmail.com'], domains: ['globex.com'], mode: 'account', responseTargetHours: 2 });
    // its zone and holidays stay; the broken week becomes the default week
    expect(globex.schedule).toEqual({ timeZone: 'Australia/Sydney', week: sample().defaults.schedule.week, holidays: ['2024-12-25'] });
    expect(settings.clients[0]!.responseTargetHours).toBeUndefined();
    expect(problems).toEqual([
      "clients[0].responseTargetHours: 'ASAP' is not a number; removed, the default applies",
      "clients[1].addresses[1]: 'not-an-address' is not an e-mail address; dropped",
      "clients[1].mode: 'vip' is not one of 'account', 'lead', 'off'; reset to the default",
      "clients[1].schedule.week: 'weekdays' is not a list; reset to the default",
      'clients[3]: no usable id; dropped',
      'clients[4]: not a client object; dropped',
      "clients[5].id: 'initech' is used by another client; dropped",
    ]);
    expect(validateSettings(settings).ok).toBe(true);
  });

  it('drops bad snoozes one by one and mends missing sections', () => {
    const stored = sample();
    set(stored, 'snoozes', { 'client:acme': 5, 'domain:x.com': 'later' });
    set(stored, 'me', undefined);
    set(stored, 'version', 0);
    const { settings, problems } = repairSettings(stored, 'UTC');
    expect(settings.snoozes).toEqual({ 'client:acme': 5 });
    expect(settings.me).toEqual({ addresses: [], ownDomains: [] });
    expect(settings.version).toBe(1);
    expect(problems).toEqual([
      'version: 0 is not 1; read as version 1',
      'me: missing; reset to the defaults',
      'snoozes["domain:x.com"]: not an instant; dropped',
    ]);
  });

  it("keeps the Outlook mailbox's zone when valid, and removes an unknown one so that the browser's applies", () => {
    const stored = { ...sample(), outlookTimeZone: 'Asia/Tokyo' };
    expect(repairSettings(stored, 'UTC')).toEqual({ settings: stored, problems: [] });
    const { settings, problems } = repairSettings({ ...sample(), outlookTimeZone: 'Mars/Olympus' }, 'UTC');
    expect(settings.outlookTimeZone).toBeUndefined();
    expect(problems).toEqual(["outlookTimeZone: 'Mars/Olympus' is not a known time zone; removed, the default applies"]);
    expect(validateSettings({ ...sample(), outlookTimeZone: 'Mars/Olympus' }).ok).toBe(false);
    expect(parseSettingsFile(fileWith({ ...sample(), outlookTimeZone: 'Europe/Berlin' }))).toMatchObject({ ok: true, settings: { outlookTimeZone: 'Europe/Berlin' } });
  });
});
