/**
 * The report's words. The coaching says: measure the results against the expectations you set,
 * and review them with the client regularly. So the report is written to be shared: the summary
 * paragraph speaks to the client in the first person and holds only facts; what is for the user
 * alone (drift, "Send now" overrides, meetings outside their time) goes into the notes.
 */
import { formatApproxDuration, formatShare } from './format.ts';
import type { MeetingReasonCode } from './meeting.ts';
import type { ReportModel } from './report-model.ts';
import type { NudgeReasonCode } from './types.ts';

const DAY = 86_400_000;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The paragraph for the client: first person, facts only, no blame and no promises the user did not make. */
export function summaryParagraph(model: ReportModel): string {
  const sentences: string[] = [];
  sentences.push(`Review of my replies to ${model.clientName}, ${model.period.label}.`);
  if (model.replies === 0) {
    sentences.push(`I did not reply to any of your messages in this period, so there is no reply time to report.`);
    sentences.push(`We agreed on replies within ${model.targetText}, ${model.hoursText}.`);
    return sentences.join(' ');
  }
  sentences.push(model.replies === 1 ? 'I replied to you once.' : `I replied to you ${model.replies} times.`);
  const median = model.medianWorkingMs ?? 0;
  const within = `${model.withinTarget} of ${model.replies} (${formatShare(model.withinTarget / model.replies)})`;
  const typical = median <= model.targetMs ? `my typical reply took ${formatApproxDuration(median, 'working')}` : `my typical reply took ${formatApproxDuration(median, 'working')}, longer than agreed`;
  sentences.push(`We agreed on replies within ${model.targetText}; ${typical}, and ${within} came within that time.`);
  if (model.afterHours === 0) {
    sentences.push(`Every reply reached you within your working hours (${model.hoursText}).`);
  } else {
    sentences.push(`${plural(model.afterHours, 'reply', 'replies')} went out outside your working hours (${model.hoursText}).`);
  }
  if (model.afterHoursAvoided > 0) {
    sentences.push(
      `${plural(model.afterHoursAvoided, 'reply', 'replies')} I wrote outside those hours ${model.afterHoursAvoided === 1 ? 'was' : 'were'} scheduled to reach you when your working day started.`,
    );
  }
  return sentences.join(' ');
}

const REASON_WORDS: Record<NudgeReasonCode, string> = {
  'outside-hours': 'outside their hours',
  weekend: 'on their weekend',
  holiday: 'on their holiday',
  'too-fast': 'faster than the minimum delay',
  'faster-than-norm': 'faster than your usual pace',
};

export function notesFor(model: ReportModel, overridesPerMonth: number): string[] {
  const notes: string[] = [];
  const { trend } = model;
  if (trend.direction === 'faster' || trend.direction === 'slower') {
    notes.push(
      `Drift: over the last 30 days your typical reply took ${formatApproxDuration(trend.recentMedianWorkingMs ?? 0, 'working')}, against ${formatApproxDuration(trend.priorMedianWorkingMs ?? 0, 'working')} in the 90 days before: ` +
        (trend.direction === 'faster' ? 'markedly faster, so the client’s expectation is rising.' : 'markedly slower, so the promise is slipping.'),
    );
  }
  if (model.overrides > 0) {
    const reasons = (Object.entries(model.overridesByReason) as [NudgeReasonCode, number][])
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${REASON_WORDS[reason]}`)
      .join(', ');
    const days = Math.max(1, (model.period.to - model.period.from) / DAY);
    const perMonth = (model.overrides / days) * 30;
    const verdict = perMonth >= overridesPerMonth ? ' That is urgent becoming normal: agree hours or a target that fit, or push back.' : '';
    notes.push(`You chose “Send now” on ${model.overrides} of ${model.nudges} nudges (${reasons}).${verdict}`);
  }
  if (model.meetingsOutside > 0) {
    const reasons = (Object.entries(model.meetingsOutsideByReason) as [MeetingReasonCode, number][])
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${REASON_WORDS[reason]}`)
      .join(', ');
    notes.push(
      `${model.meetingsOutside} of ${plural(model.meetings, 'meeting', 'meetings')} booked with ${model.clientName} fell outside their working time (${reasons}): a 7:30 call teaches them what a midnight reply does.`,
    );
  }
  if (model.replies > 0 && model.medianWorkingMs !== null && model.medianWorkingMs > model.targetMs) {
    notes.push(`Your typical reply is slower than the ${model.targetText} you promised: fix it, reassign the account, or have the honest conversation about a new target.`);
  }
  if (model.replies > 0 && model.instant / model.replies >= 0.4) {
    notes.push(`${formatShare(model.instant / model.replies)} of replies went out almost instantly: the client learns to expect that every time.`);
  }
  return notes;
}
