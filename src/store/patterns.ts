/**
 * Working-pattern proposals from what is stored (live reading and imports): for each client
 * without hours of their own and with enough mail, when and where they seem to work. The same
 * pure proposal as the import preview (core/workingPattern.ts).
 */
import { readAllAggregates } from './aggregateBuffer.ts';
import type { Settings } from '../core/settings.ts';
import type { Instant } from '../core/types.ts';
import { proposeWorkingPattern, type PatternProposal, type WritingSample } from '../core/workingPattern.ts';
import type { ReplyPaceDb } from './db.ts';

export type { PatternProposal };

/** A year of mail is plenty for a pattern, and keeps the pass short. */
const LOOKBACK_MS = 365 * 86_400_000;
const MAX_PROPOSALS = 50;

export async function patternProposals(db: ReplyPaceDb, settings: Settings, now: Instant): Promise<PatternProposal[]> {
  const threads = await db.threads.where('lastAt').aboveOrEqual(now - LOOKBACK_MS).toArray();
  const samples = new Map<string, WritingSample[]>();
  for (const thread of threads) {
    for (const m of thread.messages) {
      if (m.direction !== 'in' || !m.clientKey || m.at < now - LOOKBACK_MS) continue;
      const list = samples.get(m.clientKey);
      const sample = { at: m.at, offsetMinutes: m.offset ?? null };
      if (list) list.push(sample);
      else samples.set(m.clientKey, [sample]);
    }
  }
  const aggregates = new Map((await readAllAggregates(db)).map((a) => [a.clientKey, a]));
  const proposals: PatternProposal[] = [];
  for (const [clientKey, list] of samples) {
    const client = clientKey.startsWith('client:') ? settings.clients.find((c) => `client:${c.id}` === clientKey) : undefined;
    // Clients with hours of their own, or not learned, get no proposal.
    if (client && (client.schedule || client.mode === 'off')) continue;
    const domain = client ? (client.domains[0] ?? null) : clientKey.startsWith('domain:') ? clientKey.slice('domain:'.length) : null;
    const pattern = proposeWorkingPattern(list, { domain });
    if (!pattern?.schedule) continue;
    proposals.push({ clientKey, name: client?.name ?? aggregates.get(clientKey)?.name ?? clientKey.replace(/^[a-z]+:/, ''), domain, pattern });
  }
  return proposals.sort((a, b) => b.pattern.samples - a.pattern.samples).slice(0, MAX_PROPOSALS);
}
