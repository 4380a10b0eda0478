/**
 * The popup's rows and its card for the open thread, from the settings and the norms: who is
 * listed, in which order, and each client's effective schedule and target (core/clients.ts
 * `rulesFor`: the defaults fill what the client does not set). Pure.
 */
import { clientKeyOf, parseClientKey, rulesFor } from '../../../core/clients.ts';
import type { Client, Settings } from '../../../core/settings.ts';
import type { NormsSummary, WorkSchedule } from '../../../core/types.ts';
import type { ClientAttention } from '../../../core/attention.ts';
import type { ClientNorms } from '../../../messaging/protocol.ts';
import { rankByAttention } from '../attentionRanking.ts';
import type { NormsRowData } from './NormsRow.tsx';

const MINUTE = 60_000;

export function effectiveSchedule(settings: Settings, client: Client | null): WorkSchedule {
  return rulesFor(settings, client).schedule;
}

export function effectiveTargetMs(settings: Settings, client: Client | null): number {
  return rulesFor(settings, client).responseTargetMinutes * MINUTE;
}

const isClientKey = (clientKey: string) => parseClientKey(clientKey)?.kind === 'client';

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
  const clients = new Map(settings.clients.map((c) => [clientKeyOf('client', c.id), c]));
  const measured = norms.filter((n) => n.summary.count > 0 || isClientKey(n.clientKey));
  const known = new Set(measured.map((n) => n.clientKey));
  const unmeasured: ClientNorms[] = settings.clients
    .filter((c) => !known.has(clientKeyOf('client', c.id)))
    .map((c) => ({ clientKey: clientKeyOf('client', c.id), name: c.name, timeZone: effectiveSchedule(settings, c).timeZone, summary: emptySummary() }));
  for (const n of unmeasured) known.add(n.clientKey);
  // A client flagged only for "Send now" overrides may have no measured reply: it still gets a row.
  const flaggedOnly: ClientNorms[] = attention
    .filter((a) => !known.has(a.clientKey))
    .map((a) => ({ clientKey: a.clientKey, name: a.name, timeZone: settings.defaults.schedule.timeZone, summary: emptySummary() }));
  const findings = new Map(attention.map((a) => [a.clientKey, a.findings]));
  const shown = [...measured, ...unmeasured, ...flaggedOnly]
    .map((n) => {
      const client = clients.get(n.clientKey) ?? null;
      const rules = rulesFor(settings, client);
      return { ...n, client, mode: rules.mode, targetMs: rules.responseTargetMinutes * MINUTE };
    })
    .filter((n) => n.mode !== 'off');
  return rankByAttention(
    shown,
    (n) => n.targetMs,
    (n) => findings.get(n.clientKey) ?? [],
  ).map(({ item, status, findings: rowFindings, attention: needs }) => ({
    clientKey: item.clientKey,
    name: item.client?.name ?? item.name,
    isClient: isClientKey(item.clientKey),
    targetMs: item.targetMs,
    summary: item.summary,
    status,
    findings: rowFindings,
    needsAttention: needs,
  }));
}
