import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from '../../../src/core/zod.ts';
import { meetingBookedSchema, nudgeOutcomeSchema, type messageSeenSchema } from '../../../src/messaging/protocol.ts';
import { MEETING_REASON_CODES, type MeetingReasonCode } from '../../../src/core/meeting.ts';
import { CALENDAR_SITE_IDS, NUDGE_CHOICES, NUDGE_REASON_CODES, SITE_IDS, type CalendarSiteId, type MessageSeen, type NudgeOutcome } from '../../../src/core/types.ts';

// The protocol checks messages with zod; what the messages mean is core's. These checks fail
// (`npx tsc --noEmit` for the types, vitest for the words) when the two drift apart.
describe('the protocol speaks core types', () => {
  it('its message shapes are core types, field for field', () => {
    expectTypeOf<z.output<ReturnType<typeof nudgeOutcomeSchema>>>().toEqualTypeOf<NudgeOutcome>();
    expectTypeOf<z.output<ReturnType<typeof messageSeenSchema>>>().toEqualTypeOf<MessageSeen>();
    expectTypeOf<z.output<ReturnType<typeof meetingBookedSchema>>['site']>().toEqualTypeOf<CalendarSiteId>();
    expectTypeOf<z.output<ReturnType<typeof meetingBookedSchema>>['own']>().toEqualTypeOf<MeetingReasonCode | null>();
  });

  it('takes every word core has, and no other', () => {
    const outcome = (patch: Record<string, unknown>) => nudgeOutcomeSchema().safeParse({ site: 'gmail', clientKey: 'client:acme', at: 1, choice: 'dismissed', reasons: [], scheduledFor: null, ...patch }).success;
    for (const site of SITE_IDS) expect(outcome({ site }), site).toBe(true);
    for (const choice of NUDGE_CHOICES) expect(outcome({ choice }), choice).toBe(true);
    expect(outcome({ reasons: [...NUDGE_REASON_CODES] })).toBe(true);
    expect(outcome({ site: 'yahoo' })).toBe(false);
    expect(outcome({ choice: 'ignored' })).toBe(false);
    expect(outcome({ reasons: ['too-slow'] })).toBe(false);

    const meeting = (patch: Record<string, unknown>) =>
      meetingBookedSchema().safeParse({ site: 'google-calendar', at: 1, start: 2, end: 3, clients: [{ clientKey: 'client:acme', reason: null }], own: null, ...patch }).success;
    for (const site of CALENDAR_SITE_IDS) expect(meeting({ site }), site).toBe(true);
    for (const own of MEETING_REASON_CODES) expect(meeting({ own }), own).toBe(true);
    expect(meeting({ own: 'too-fast' })).toBe(false);
  });
});
