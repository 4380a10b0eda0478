/**
 * The client form's working copy: text as typed, turned into a Client only when it is valid.
 * Pure, so the rules are tested without a DOM.
 */
import { rulesFor } from '../../../core/clients.ts';
import { LIMITS } from '../../../core/settings-limits.ts';
import type { Client, Settings } from '../../../core/settings.ts';
import type { ClientMode, WorkSchedule } from '../../../core/types.ts';
import { addressListError, clientNameError, domainList, domainListError, limitError, parseNumber, rangeError, splitList, timeZoneError } from '../validate.ts';

export interface ClientDraft {
  id: string | null;
  name: string;
  addresses: string;
  domains: string;
  mode: ClientMode;
  /** Empty: the default target. */
  targetHours: string;
  /** Empty: the default minimum delay. */
  minDelayMinutes: string;
  ownSchedule: boolean;
  schedule: WorkSchedule;
  createdAt: number | null;
}

export type DraftErrors = Partial<Record<'name' | 'addresses' | 'domains' | 'match' | 'targetHours' | 'minDelayMinutes' | 'schedule', string>>;

export function draftFromClient(client: Client, settings: Settings): ClientDraft {
  return {
    id: client.id,
    name: client.name,
    addresses: client.addresses.join('\n'),
    domains: client.domains.join('\n'),
    mode: client.mode,
    targetHours: client.responseTargetHours === undefined ? '' : String(client.responseTargetHours),
    minDelayMinutes: client.minReplyDelayMinutes === undefined ? '' : String(client.minReplyDelayMinutes),
    ownSchedule: client.schedule !== undefined,
    schedule: structuredClone(rulesFor(settings, client).schedule),
    createdAt: client.createdAt,
  };
}

export function newDraft(settings: Settings, prefill: { name?: string; domain?: string; address?: string } = {}): ClientDraft {
  return {
    id: null,
    name: prefill.name ?? '',
    addresses: prefill.address ?? '',
    domains: prefill.domain ?? '',
    mode: 'account',
    targetHours: '',
    minDelayMinutes: '',
    ownSchedule: false,
    schedule: structuredClone(rulesFor(settings, null).schedule),
    createdAt: null,
  };
}

export function draftErrors(draft: ClientDraft, settings: Settings): DraftErrors {
  const errors: DraftErrors = {};
  const others = settings.clients.filter((c) => c.id !== draft.id);
  const put = (key: keyof DraftErrors, message: string | null) => {
    if (message) errors[key] = message;
  };
  put('name', clientNameError(draft.name, others.map((c) => c.name)));
  put('addresses', addressListError(draft.addresses));
  put('domains', domainListError(draft.domains));
  if (!errors.addresses && !errors.domains) {
    if (splitList(draft.addresses).length === 0 && domainList(draft.domains).length === 0) {
      put('match', 'Add at least one address or domain, so ReplyPace can recognise this client’s mail.');
    } else {
      const taken = [...splitList(draft.addresses), ...domainList(draft.domains)].flatMap((rule) => {
        const owner = others.find((c) => c.addresses.includes(rule) || c.domains.includes(rule));
        return owner ? [`${rule} already belongs to ${owner.name}`] : [];
      });
      if (taken.length > 0) put('match', `${taken.join('; ')}.`);
    }
  }
  put('targetHours', limitError(draft.targetHours, LIMITS.responseTargetHours, 'working hours', true));
  put('minDelayMinutes', limitError(draft.minDelayMinutes, LIMITS.minReplyDelayMinutes, 'minutes', true));
  if (draft.ownSchedule) {
    const problem =
      timeZoneError(draft.schedule.timeZone) ??
      draft.schedule.week.flat().map(rangeError).find((e) => e !== null) ??
      (draft.schedule.week.every((day) => day.length === 0) ? 'Give them working hours on at least one day.' : null);
    put('schedule', problem);
  }
  return errors;
}

/** The client the draft describes; only call when `draftErrors` is empty. */
export function clientFromDraft(draft: ClientDraft, now: number, newId: () => string): Client {
  const client: Client = {
    id: draft.id ?? newId(),
    name: draft.name.trim(),
    addresses: splitList(draft.addresses),
    domains: domainList(draft.domains),
    mode: draft.mode,
    createdAt: draft.createdAt ?? now,
  };
  if (draft.targetHours.trim()) client.responseTargetHours = parseNumber(draft.targetHours);
  if (draft.minDelayMinutes.trim()) client.minReplyDelayMinutes = parseNumber(draft.minDelayMinutes);
  if (draft.ownSchedule) client.schedule = structuredClone(draft.schedule);
  return client;
}

/** Settings with the client added or replaced (same position), or removed. */
export function withClient(settings: Settings, client: Client): Settings {
  const index = settings.clients.findIndex((c) => c.id === client.id);
  const clients = index === -1 ? [...settings.clients, client] : settings.clients.map((c, i) => (i === index ? client : c));
  return { ...settings, clients };
}

export function withoutClient(settings: Settings, id: string): Settings {
  return { ...settings, clients: settings.clients.filter((c) => c.id !== id) };
}

/** Put a deleted client back where it was (undo). */
export function restoreClient(settings: Settings, client: Client, index: number): Settings {
  if (settings.clients.some((c) => c.id === client.id)) return settings;
  const clients = [...settings.clients];
  clients.splice(Math.min(index, clients.length), 0, client);
  return { ...settings, clients };
}
