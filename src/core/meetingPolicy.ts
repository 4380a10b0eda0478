/**
 * The rules a meeting is checked against, resolved from the settings by the background ahead of
 * the check (as the compose snapshot is), so that the check itself is pure and synchronous in the
 * calendar page: for each outside guest, their client's schedule and mode; and the user's own hours.
 */
import { clientKeyFor, isColleague, isOwnAddress, normalizeAddress, quietUntil, rulesFor } from './clients.ts';
import type { Settings } from './settings.ts';
import type { ClientMode, Instant, WorkSchedule } from './types.ts';

export interface GuestPolicy {
  /** "client:<id>", "domain:<domain>" or "address:<address>", as norms are kept. */
  clientKey: string;
  clientName: string;
  /** 'default': an outside contact with no client entry (the defaults apply). */
  mode: ClientMode | 'default';
  schedule: WorkSchedule;
  /** The meeting's guests that belong to this client, lower-cased, in guest order. */
  guests: string[];
  /** No warning about this client until then (global pause, or a snooze of the client). */
  quietUntil: Instant | null;
}

export interface MeetingPolicies {
  /** The user's own hours, zone and holidays (the settings' defaults: "your hours"). */
  own: WorkSchedule;
  /** The browser's zone, which labels are shown in. */
  userTimeZone: string;
  /** One entry per client among the guests, in the order their first guest appears. Colleagues and
   * the user's own addresses are not here: they are never warned about. */
  clients: GuestPolicy[];
}

/** The rules for a guest list. Addresses are compared lower-cased; duplicates count once. */
export function buildMeetingPolicies(
  settings: Settings,
  guests: readonly string[],
  context: { account?: string | null; userTimeZone: string; now: Instant },
): MeetingPolicies {
  const byKey = new Map<string, GuestPolicy>();
  for (const raw of guests) {
    const address = normalizeAddress(raw);
    if (!address.includes('@')) continue;
    if (isOwnAddress(settings, address, context.account) || isColleague(settings, address, context.account)) continue;
    const { key, name, client } = clientKeyFor(settings, address);
    const known = byKey.get(key);
    if (known) {
      if (!known.guests.includes(address)) known.guests.push(address);
      continue;
    }
    const { mode, schedule } = rulesFor(settings, client);
    byKey.set(key, { clientKey: key, clientName: name, mode, schedule, guests: [address], quietUntil: quietUntil(settings, key) });
  }
  return { own: settings.defaults.schedule, userTimeZone: context.userTimeZone, clients: [...byKey.values()] };
}
