import { describe, expect, it } from 'vitest';
import { clientKeyFor, rulesFor } from '../../../src/core/clients.ts';
import { buildMeetingPolicies } from '../../../src/core/meetingPolicy.ts';
import { buildPolicySnapshot } from '../../../src/core/policy.ts';
import { defaultSettings, type Client, type Settings } from '../../../src/core/settings.ts';
import { rulesForKey } from '../../../src/core/clients.ts';
import { directoryFromSettings } from '../../../src/store/settings-directory.ts';
import { effectiveSchedule, effectiveTargetMs, popupRows } from '../../../src/ui/pages/popup/popupRows.ts';
import { draftFromClient } from '../../../src/ui/pages/options/clientDraft.ts';

// Every place that works out a counterpart's rules (the nudge's snapshot, the calendar note, the
// store's learning, the review and attention reads, the popup, the client form) must agree: a
// client's own hours or target shown in one place and ignored in another is the drift issue 13 is about.
const own = { timeZone: 'America/New_York', week: [[], [{ start: '08:00', end: '12:00' }], [], [], [], [], []], holidays: ['2026-07-03'] };
const clients: Client[] = [
  { id: 'full', name: 'Full', addresses: [], domains: ['full.com'], mode: 'account', createdAt: 0, schedule: own, responseTargetHours: 30, minReplyDelayMinutes: 45 },
  { id: 'bare', name: 'Bare', addresses: [], domains: ['bare.com'], mode: 'lead', createdAt: 0 },
  { id: 'off', name: 'Off', addresses: [], domains: ['off.com'], mode: 'off', createdAt: 0, responseTargetHours: 2 },
];
const settings: Settings = {
  ...defaultSettings('Europe/Paris'),
  clients,
  defaults: { ...defaultSettings('Europe/Paris').defaults, responseTargetHours: 6, minReplyDelayMinutes: 20, instantThresholdMinutes: 7 },
};
const now = Date.UTC(2026, 6, 1, 12);

describe('a counterpart’s rules', () => {
  for (const address of ['a@full.com', 'b@bare.com', 'c@off.com', 'd@elsewhere.org', 'e@gmail.com']) {
    it(`are the same wherever they are read (${address})`, () => {
      const { key, client } = clientKeyFor(settings, address);
      const rules = rulesFor(settings, client);

      const snapshot = buildPolicySnapshot(settings, { recipients: [address], now, userTimeZone: 'UTC' })!;
      expect(snapshot).toMatchObject({ mode: rules.mode, schedule: rules.schedule, responseTargetMinutes: rules.responseTargetMinutes, minReplyDelayMinutes: rules.minReplyDelayMinutes, instantThresholdMinutes: rules.instantThresholdMinutes });

      const meeting = buildMeetingPolicies(settings, [address], { userTimeZone: 'UTC', now }).clients[0]!;
      expect(meeting).toMatchObject({ clientKey: key, mode: rules.mode, schedule: rules.schedule });

      const profile = directoryFromSettings(settings).profileFor(address, 'me@mine.com');
      expect(profile).toMatchObject({ key, schedule: rules.schedule, instantThresholdMs: rules.instantThresholdMinutes * 60_000, tracked: rules.tracked });

      expect(rulesForKey(settings, key)).toMatchObject({ mode: rules.mode, schedule: rules.schedule, responseTargetMinutes: rules.responseTargetMinutes, instantThresholdMinutes: rules.instantThresholdMinutes });

      expect(effectiveSchedule(settings, client)).toEqual(rules.schedule);
      expect(effectiveTargetMs(settings, client)).toBe(rules.responseTargetMinutes * 60_000);
      if (client) expect(draftFromClient(client, settings).schedule).toEqual(rules.schedule);
    });
  }

  it('the popup ranks configured clients by their own target', () => {
    const rows = popupRows(settings, []);
    expect(rows.map((r) => [r.name, r.targetMs])).toEqual(
      expect.arrayContaining([
        ['Full', 30 * 3_600_000],
        ['Bare', 6 * 3_600_000],
      ]),
    );
    expect(rows.some((r) => r.name === 'Off')).toBe(false);
  });
});
