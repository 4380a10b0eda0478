/**
 * Reports and attention: building a quarter's report for a busy client (the report page's own
 * work after the data arrives), and the attention rules over 500 clients (the hourly badge check,
 * without the IndexedDB pass that gathers the activity).
 */
import { clientsNeedingAttention, DEFAULT_ATTENTION, type ClientActivity } from '../../src/core/attention.ts';
import { computeNorms } from '../../src/core/norms.ts';
import { buildReport, reportCsvRows, resolvePeriod } from '../../src/core/report.ts';
import { defaultSchedule } from '../../src/core/schedule.ts';
import type { ReplyPair } from '../../src/core/types.ts';
import type { Figure } from './figure.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-04-16T05:00:00Z');
const schedule = defaultSchedule('Australia/Sydney');

function history(count: number, seed: number): ReplyPair[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const sentAt = NOW - random() * 150 * DAY;
    return { clientKey: 'client:acme', receivedAt: sentAt - random() * 20 * HOUR, sentAt };
  });
}

function timed(run: () => void, repeats: number): number {
  run();
  const start = performance.now();
  for (let i = 0; i < repeats; i++) run();
  return (performance.now() - start) / repeats;
}

export default async function (): Promise<Figure[]> {
  const pairs = history(3000, 7);
  const period = resolvePeriod('quarter', NOW, schedule.timeZone);
  if (!period.ok) throw new Error(period.error);
  const input = { clientName: 'Acme', schedule, responseTargetMinutes: 240, instantThresholdMinutes: 15, pairs, outcomes: [], period: period.period, overridesPerMonth: 5 };
  const reportMs = timed(() => buildReport(input), 5);
  const csvMs = timed(() => reportCsvRows(input), 5);

  const activities: ClientActivity[] = Array.from({ length: 500 }, (_, i) => {
    const clientPairs = history(40, i + 1);
    return {
      clientKey: `domain:c${i}.com`,
      name: `c${i}.com`,
      mode: 'default',
      schedule,
      responseTargetMinutes: 240,
      norms: computeNorms(clientPairs, schedule, NOW),
      waitingSince: [NOW - (i % 9) * DAY],
      outboundAt: clientPairs.map((p) => p.sentAt),
      outcomes: [],
    };
  });
  const attentionMs = timed(() => clientsNeedingAttention(activities, DEFAULT_ATTENTION, NOW), 3);

  return [
    { section: 'report', name: 'buildReport, quarter of 3,000 replies', value: Math.round(reportMs * 10) / 10, unit: 'ms', goal: '≤ 200', ok: reportMs <= 200 },
    { section: 'report', name: 'CSV rows, same history', value: Math.round(csvMs * 10) / 10, unit: 'ms' },
    { section: 'report', name: 'attention rules, 500 clients', value: Math.round(attentionMs * 10) / 10, unit: 'ms', goal: '≤ 500', ok: attentionMs <= 500 },
  ];
}
