import { formatApproxDuration, formatDuration } from '../../../core/format.ts';
import { isWorkingTime, nextWorkingStart } from '../../../core/schedule.ts';
import type { NormsSummary, WorkSchedule } from '../../../core/types.ts';
import type { NormsStatus } from '../../../core/clientStatus.ts';
import { shortWhen } from '../pause.ts';

export interface ActiveClient {
  name: string;
  schedule: WorkSchedule;
  targetMs: number;
  summary: NormsSummary | null;
  status: NormsStatus | null;
}

/** The client of the thread in the active mail tab: what they expect, and whether now is their working time. */
export function ActiveClientCard({ client, now }: { client: ActiveClient; now: number }) {
  const { schedule, summary } = client;
  const theirTime = new Intl.DateTimeFormat('en-GB', { timeZone: schedule.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
  let hours: string;
  try {
    hours = isWorkingTime(schedule, now)
      ? `It is ${theirTime} for them: inside their working hours.`
      : `It is ${theirTime} for them: outside their working hours. Their next working time starts ${shortWhen(nextWorkingStart(schedule, now), now)} (your time).`;
  } catch {
    hours = `It is ${theirTime} for them. Their schedule has no working hours set.`;
  }
  const trained =
    summary && summary.count > 0 && summary.medianWorkingMs !== null
      ? `They have been trained to expect a reply in ${formatApproxDuration(summary.medianWorkingMs, 'working')} (${summary.count} ${summary.count === 1 ? 'reply' : 'replies'} measured).`
      : 'No replies to them have been measured yet.';
  return (
    <section class="card active-client" aria-labelledby="active-client-title">
      <h2 id="active-client-title">
        This thread: {client.name} {client.status && <span class={`status ${client.status.kind}`}>{client.status.label}</span>}
      </h2>
      <p>{trained}</p>
      <p>You promised {formatDuration(client.targetMs)} of working time.</p>
      <p>{hours}</p>
    </section>
  );
}
