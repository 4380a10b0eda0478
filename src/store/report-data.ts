/** Reads for one client's report: their replies, nudge outcomes and booked meetings over a period. */
import { readAggregates } from './aggregateBuffer.ts';
import { resolveAttentionSettings } from '../core/attention.ts';
import { clientByKey, rulesForKey } from '../core/clients.ts';
import { PRIOR_DAYS, RECENT_DAYS } from '../core/norms.ts';
import type { ReportData, ReportMeeting } from '../core/report.ts';
import type { Settings } from '../core/settings.ts';
import type { Instant } from '../core/types.ts';
import type { ReplyPaceDb } from './db.ts';
import { meetingsBooked } from './meetings.ts';
import { pairsForClient } from './queries.ts';

const DAY = 86_400_000;

/** Null when nothing is known about the key: not a configured client and never replied to. */
export async function readReportData(db: ReplyPaceDb, settings: Settings, clientKey: string, from: Instant, to: Instant): Promise<ReportData | null> {
  const [aggregate] = await readAggregates(db, [clientKey]);
  const configured = clientByKey(settings, clientKey) !== null;
  const trendFrom = Math.min(from, to - (RECENT_DAYS + PRIOR_DAYS) * DAY);
  const [pairs, outcomes, booked] = await Promise.all([
    pairsForClient(db, clientKey, trendFrom, to),
    db.outcomes.where('clientKey').equals(clientKey).filter((o) => o.at >= from && o.at < to).toArray(),
    meetingsBooked(db, from, to),
  ]);
  const meetings: ReportMeeting[] = [];
  for (const record of booked) {
    const entry = record.clients.find((c) => c.clientKey === clientKey);
    if (entry) meetings.push({ at: record.at, start: record.start, reason: entry.reason });
  }
  if (!aggregate && !configured && outcomes.length === 0 && meetings.length === 0) return null;
  return {
    ...rulesForKey(settings, clientKey, aggregate?.name),
    attention: resolveAttentionSettings(settings.attention),
    pairs: pairs.map((p) => ({ receivedAt: p.receivedAt, sentAt: p.sentAt })),
    outcomes: outcomes.map((o) => ({ at: o.at, choice: o.choice, reasons: [...o.reasons], scheduledFor: o.scheduledFor })),
    meetings,
  };
}
