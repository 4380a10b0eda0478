/**
 * The policy snapshot for one compose: who the counterpart is and which of their rules apply,
 * resolved from the settings ahead of the send so the decision itself never waits.
 */
import { clientKeyFor, isColleague, isOwnAddress, normalizeAddress, quietUntil, rulesFor, type ClientKey } from './clients.ts';
import type { Settings } from './settings.ts';
import type { Instant, NormsSummary, PolicySnapshot } from './types.ts';

export interface ComposeContext {
  /** To and Cc, in the order the compose shows them. */
  recipients: readonly string[];
  /** The signed-in account, when the page tells. */
  account?: string | null;
  /** The counterpart's norms; a function when they depend on which counterpart is chosen. */
  norms?: NormsSummary | null | ((clientKey: string) => NormsSummary | null);
  /** The counterpart's latest unanswered message in this thread. */
  lastInboundAt?: Instant | null;
  now: Instant;
  userTimeZone: string;
}

/** Explicit settings beat defaults: an account client first, then a lead or an off client. */
function rank(candidate: ClientKey): number {
  if (!candidate.client) return 2;
  return candidate.client.mode === 'account' ? 0 : 1;
}

/**
 * Null when there is no one to write to (no recipients, or only the user). Colleagues and the
 * user's own addresses are ignored when choosing the counterpart; when every other recipient is
 * a colleague the snapshot has mode 'colleague'. Among several outside recipients the one with
 * the most explicit settings wins (an account client, then a lead or off client, then anyone), the
 * earlier recipient on a tie.
 */
export function buildPolicySnapshot(settings: Settings, context: ComposeContext): PolicySnapshot | null {
  const recipients = [...new Set(context.recipients.map(normalizeAddress).filter((address) => address.length > 0))];
  const others = recipients.filter((address) => !isOwnAddress(settings, address, context.account));
  if (others.length === 0) return null;

  const outside = others.filter((address) => !isColleague(settings, address, context.account));
  const colleagueOnly = outside.length === 0;
  let chosen = clientKeyFor(settings, (colleagueOnly ? others : outside)[0] as string);
  if (!colleagueOnly) {
    for (const address of outside) {
      const candidate = clientKeyFor(settings, address);
      if (rank(candidate) < rank(chosen)) chosen = candidate;
    }
  }

  const rules = rulesFor(settings, chosen.client);
  const norms = typeof context.norms === 'function' ? context.norms(chosen.key) : (context.norms ?? null);
  return {
    clientKey: chosen.key,
    clientName: chosen.name,
    mode: colleagueOnly ? 'colleague' : rules.mode,
    schedule: rules.schedule,
    responseTargetMinutes: rules.responseTargetMinutes,
    minReplyDelayMinutes: rules.minReplyDelayMinutes,
    instantThresholdMinutes: rules.instantThresholdMinutes,
    userTimeZone: context.userTimeZone,
    norms,
    lastInboundAt: context.lastInboundAt ?? null,
    quietUntil: quietUntil(settings, chosen.key),
  };
}
