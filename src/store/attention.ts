/**
 * Reads for the attention rules: every client's activity (waiting threads, mail sent to them,
 * overrides) and the findings the popup, the badge and the weekly review show.
 */
import { readAllAggregates } from './aggregateBuffer.ts';
import { summarizeAggregate } from '../core/aggregate.ts';
import {
  OVERRIDE_WINDOW_DAYS,
  SILENCE_HISTORY_DAYS,
  clientsNeedingAttention,
  resolveAttentionSettings,
  type AttentionReport,
  type ClientActivity,
} from '../core/attention.ts';
import { rulesForKey } from '../core/clients.ts';
import { clientKeysNeedingAttention } from '../core/clientStatus.ts';
import type { Settings } from '../core/settings.ts';
import type { Instant, NudgeChoice } from '../core/types.ts';
import type { ReplyPaceDb } from './db.ts';
import { meetingsBooked } from './meetings.ts';

const DAY = 86_400_000;

/**
 * Every client's activity for the attention rules: norms from the aggregates, waiting threads and
 * recent mail to them from one pass over the threads, and the last 30 days of outcomes.
 *
 * Only threads active within the rules' reach are read (through the lastAt index): a thread whose
 * latest message is older than both the waiting lookback and the silence history can add nothing,
 * since its waiting message and its sent mail are older still. `scan: 'all'` reads every thread
 * (the tests compare the two).
 */
export async function collectActivities(db: ReplyPaceDb, settings: Settings, now: Instant, scan: 'recent' | 'all' = 'recent'): Promise<ClientActivity[]> {
  const waiting = new Map<string, Instant[]>();
  const outbound = new Map<string, Instant[]>();
  const outboundSince = now - SILENCE_HISTORY_DAYS * DAY;
  const push = (map: Map<string, Instant[]>, key: string, value: Instant) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  const reachDays = Math.max(resolveAttentionSettings(settings.attention).waitingLookbackDays, SILENCE_HISTORY_DAYS);
  const threads = scan === 'all' ? db.threads.toCollection() : db.threads.where('lastAt').aboveOrEqual(now - reachDays * DAY);
  await threads.each((thread) => {
    // The client messages since the user last wrote in this thread: the earliest is what waits.
    let waitingFrom: { key: string; at: Instant } | null = null;
    for (const message of thread.messages) {
      if (message.direction === 'out') {
        waitingFrom = null;
        if (message.clientKey && message.at > outboundSince) push(outbound, message.clientKey, message.at);
      } else if (!waitingFrom && message.clientKey) {
        waitingFrom = { key: message.clientKey, at: message.at };
      }
    }
    if (waitingFrom) push(waiting, waitingFrom.key, waitingFrom.at);
  });

  const recentOutcomes = await db.outcomes.where('at').above(now - OVERRIDE_WINDOW_DAYS * DAY).toArray();
  const outcomes = new Map<string, { at: Instant; choice: NudgeChoice }[]>();
  for (const o of recentOutcomes) {
    const list = outcomes.get(o.clientKey) ?? [];
    list.push({ at: o.at, choice: o.choice });
    outcomes.set(o.clientKey, list);
  }

  // Every client with replies counted (readAllAggregates leaves out the empty ones), and every one overridden.
  const aggregates = await readAllAggregates(db);
  const keys = new Set([...aggregates.map((a) => a.clientKey), ...outcomes.keys()]);
  const byKey = new Map(aggregates.map((a) => [a.clientKey, a]));
  return [...keys].map((clientKey) => {
    const aggregate = byKey.get(clientKey);
    const rules = rulesForKey(settings, clientKey, aggregate?.name);
    return {
      ...rules,
      norms: aggregate && aggregate.count > 0 ? summarizeAggregate(aggregate, now, aggregate.timeZone) : null,
      waitingSince: waiting.get(clientKey) ?? [],
      outboundAt: outbound.get(clientKey) ?? [],
      outcomes: outcomes.get(clientKey) ?? [],
    };
  });
}

/** The attention findings for every client, as the popup, the badge and the weekly review show them. */
export async function computeAttention(db: ReplyPaceDb, settings: Settings, now: Instant): Promise<AttentionReport> {
  const activities = await collectActivities(db, settings, now);
  const clients = clientsNeedingAttention(activities, resolveAttentionSettings(settings.attention), now);
  const subjects = activities.map((a) => ({ clientKey: a.clientKey, mode: a.mode, norms: a.norms, targetMs: a.responseTargetMinutes * 60_000 }));
  return { computedAt: now, clients, needingAttention: clientKeysNeedingAttention(subjects, clients), meetingsThisWeek: await meetingsOfWeek(db, settings, now) };
}

/** Per client, the meetings booked in the seven days before `now`, outside their time first. */
async function meetingsOfWeek(db: ReplyPaceDb, settings: Settings, now: Instant): Promise<NonNullable<AttentionReport['meetingsThisWeek']>> {
  const counts = new Map<string, { booked: number; outside: number }>();
  for (const record of await meetingsBooked(db, now - 7 * DAY, now + 1)) {
    for (const { clientKey, reason } of record.clients) {
      const count = counts.get(clientKey) ?? { booked: 0, outside: 0 };
      count.booked += 1;
      if (reason) count.outside += 1;
      counts.set(clientKey, count);
    }
  }
  return [...counts]
    .map(([clientKey, count]) => ({ clientKey, name: rulesForKey(settings, clientKey).name, ...count }))
    .sort((a, b) => b.outside - a.outside || a.name.localeCompare(b.name));
}
