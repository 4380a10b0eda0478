/**
 * Reading the settings the way the pages need them: a client's effective schedule and target,
 * with the defaults filling what the client does not set. Pure.
 */
import type { Client, Settings } from '../../core/settings.ts';
import type { NormsSummary, WorkSchedule } from '../../core/types.ts';
import type { ClientAttention } from '../../core/attention.ts';
import type { ClientNorms } from '../../messaging/protocol.ts';
import { rankByAttention } from './status.ts';
import type { NormsRowData } from './popup/NormsRow.tsx';

const HOUR = 3_600_000;

export function clientByKey(settings: Settings, clientKey: string): Client | null {
  if (!clientKey.startsWith('client:')) return null;
  const id = clientKey.slice('client:'.length);
  return settings.clients.find((c) => c.id === id) ?? null;
}

export function effectiveSchedule(settings: Settings, client: Client | null): WorkSchedule {
  return client?.schedule ?? settings.defaults.schedule;
}

export function effectiveTargetMs(settings: Settings, client: Client | null): number {
  return (client?.responseTargetHours ?? settings.defaults.responseTargetHours) * HOUR;
}

export function emptySummary(): NormsSummary {
  return {
    count: 0,
    medianWorkingMs: null,
    p90WorkingMs: null,
    medianWallMs: null,
    p90WallMs: null,
    instantShare: null,
    afterHoursShare: null,
    weekly: [],
    trend: { recentMedianWorkingMs: null, priorMedianWorkingMs: null, recentCount: 0, priorCount: 0, ratio: null, direction: 'unknown' },
  };
}

/**
 * Rows for the popup list, most in need of attention first: every configured client (even before
 * a first reply), every other correspondent with measured replies, and every client the attention
 * rules flagged. Clients set to "off" are left out. `attention` may be absent while it loads.
 */
export function popupRows(settings: Settings, norms: readonly ClientNorms[], attention: readonly ClientAttention[] = []): NormsRowData[] {
  // Looked up for every row: index the clients once (a find() per row is quadratic at 500 clients).
  const clients = new Map(settings.clients.map((c) => [`client:${c.id}`, c]));
  const measured = norms.filter((n) => n.summary.count > 0 || n.clientKey.startsWith('client:'));
  const known = new Set(measured.map((n) => n.clientKey));
  const unmeasured: ClientNorms[] = settings.clients
    .filter((c) => !known.has(`client:${c.id}`))
    .map((c) => ({ clientKey: `client:${c.id}`, name: c.name, timeZone: effectiveSchedule(settings, c).timeZone, summary: emptySummary() }));
  for (const n of unmeasured) known.add(n.clientKey);
  // A client flagged only for "Send now" overrides may have no measured reply: it still gets a row.
  const flaggedOnly: ClientNorms[] = attention
    .filter((a) => !known.has(a.clientKey))
    .map((a) => ({ clientKey: a.clientKey, name: a.name, timeZone: settings.defaults.schedule.timeZone, summary: emptySummary() }));
  const findings = new Map(attention.map((a) => [a.clientKey, a.findings]));
  const shown = [...measured, ...unmeasured, ...flaggedOnly]
    .map((n) => {
      const client = clients.get(n.clientKey) ?? null;
      return { ...n, client, mode: client?.mode ?? ('default' as const), targetMs: effectiveTargetMs(settings, client) };
    })
    .filter((n) => n.mode !== 'off');
  return rankByAttention(
    shown,
    (n) => n.targetMs,
    (n) => findings.get(n.clientKey) ?? [],
  ).map(({ item, status, findings: rowFindings, attention: needs }) => ({
    clientKey: item.clientKey,
    name: item.client?.name ?? item.name,
    isClient: item.clientKey.startsWith('client:'),
    targetMs: item.targetMs,
    summary: item.summary,
    status,
    findings: rowFindings,
    needsAttention: needs,
  }));
}

/**
 * Frequent correspondents that are not clients yet, grouped by company domain: the "make them a
 * client" suggestions. Personal addresses are left out (one person is rarely "a client").
 */
export function clientSuggestions(norms: readonly ClientNorms[], limit = 5): { domain: string; count: number }[] {
  return norms
    .filter((n) => n.clientKey.startsWith('domain:') && n.summary.count > 0)
    .map((n) => ({ domain: n.clientKey.slice('domain:'.length), count: n.summary.count }))
    .sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain))
    .slice(0, limit);
}

/** "acme-corp.com" → "Acme Corp": a first guess at a client's name, which the user then edits. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
