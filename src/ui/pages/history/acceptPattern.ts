/**
 * "Use these hours": a proposed working pattern becomes a client's own schedule, only when the
 * user clicks. A configured client gets the schedule; a company domain or an address seen in the
 * mail becomes a client with it.
 */
import type { Client, Settings } from '../../../core/settings.ts';
import type { WorkSchedule } from '../../../core/types.ts';
import { nameFromDomain } from '../clientSuggestions.ts';

export interface PatternTarget {
  /** "client:<id>", "domain:acme.com" or "address:bob@gmail.com". */
  key: string;
  name: string;
}

export function settingsWithSchedule(settings: Settings, target: PatternTarget, schedule: WorkSchedule, now: number, newId: () => string): Settings {
  const copy = structuredClone(schedule);
  if (target.key.startsWith('client:')) {
    const id = target.key.slice('client:'.length);
    return { ...settings, clients: settings.clients.map((c) => (c.id === id ? { ...c, schedule: copy } : c)) };
  }
  const domain = target.key.startsWith('domain:') ? target.key.slice('domain:'.length) : null;
  const address = target.key.startsWith('address:') ? target.key.slice('address:'.length) : null;
  if (!domain && !address) return settings;
  const client: Client = {
    id: newId(),
    name: domain ? nameFromDomain(domain) || domain : target.name,
    addresses: address ? [address] : [],
    domains: domain ? [domain] : [],
    schedule: copy,
    mode: 'account',
    createdAt: now,
  };
  return { ...settings, clients: [...settings.clients, client] };
}
