/**
 * Site health: counters, per site and per week, of what went wrong on the mail pages. Gmail and
 * Outlook change their markup without notice; these counters are how a user (and a bug report)
 * sees it. Each Schedule send step that failed is counted under its language-free name ("menu-item",
 * "picker-confirm") with the driver's latest reason; which alternative of each selector chain found
 * its control is counted too (a later alternative taking over is an early sign of a change); and
 * messages whose received time could not be read. Pure: the background stores the record.
 */
import type { SiteId } from './types.ts';

/** Weeks kept, this one included: enough to see a change coming, little enough to stay small. */
export const HEALTH_WEEKS_KEPT = 8;
/** Distinct step names kept per site and week; more (a driver bug, not a site) go under OTHER_STEP. */
export const MAX_STEPS = 24;
export const OTHER_STEP = 'other';
/** A failed result that names no step (drivers before step names) is counted under this one. */
export const UNNAMED_STEP = 'unnamed';
const MAX_REASON = 200;
const MAX_COUNT = 1e9;

export interface StepFailure {
  count: number;
  /** The driver's latest reason, a developer's sentence written in the driver (never page text). */
  reason: string;
}

export interface SiteWeekHealth {
  schedules: { ok: number; failed: number };
  failedSteps: Record<string, StepFailure>;
  /** Per step, how many times each alternative of its selector chain (by index) found the control. */
  matched: Record<string, Record<string, number>>;
  /** Messages shown on the page whose received time could not be read (skipped, never guessed). */
  unreadable: number;
}

export interface SiteHealth {
  /** Keyed by the Monday ("YYYY-MM-DD", user's zone) starting each week. */
  weeks: Record<string, Partial<Record<SiteId, SiteWeekHealth>>>;
}

export interface ScheduleReport {
  ok: boolean;
  step?: string;
  reason?: string;
  matched?: Readonly<Record<string, number>>;
}

export const SITE_NAMES: Record<SiteId, string> = { gmail: 'Gmail', outlook: 'Outlook' };

export function emptySiteHealth(): SiteHealth {
  return { weeks: {} };
}

function emptyWeek(): SiteWeekHealth {
  return { schedules: { ok: 0, failed: 0 }, failedSteps: {}, matched: {}, unreadable: 0 };
}

const bump = (value: number, by = 1) => Math.min(MAX_COUNT, value + by);

/** A key the record may grow by: the step itself while there is room, else OTHER_STEP. */
function stepKey(known: Record<string, unknown>, step: string): string {
  return step in known || Object.keys(known).length < MAX_STEPS ? step : OTHER_STEP;
}

/** A copy of `health` holding only the weeks still kept, with `week` of `site` ready to count in. */
function withWeek(health: SiteHealth, week: string, site: SiteId): { next: SiteHealth; counts: SiteWeekHealth } {
  const weeks: SiteHealth['weeks'] = {};
  // The latest weeks, whichever order counts arrive in (a week written late drops no newer one).
  const kept = [...new Set([...Object.keys(health.weeks), week])].sort().slice(-HEALTH_WEEKS_KEPT);
  for (const w of kept) weeks[w] = { ...health.weeks[w] };
  // A week older than every kept one is counted into nothing.
  const sites = kept.includes(week) ? (weeks[week] ??= {}) : {};
  const before = sites[site] ?? emptyWeek();
  // Copied as deep as the counting below writes: the record passed in is never changed.
  const counts: SiteWeekHealth = {
    schedules: { ...before.schedules },
    failedSteps: { ...before.failedSteps },
    matched: Object.fromEntries(Object.entries(before.matched).map(([step, alternatives]) => [step, { ...alternatives }])),
    unreadable: before.unreadable,
  };
  sites[site] = counts;
  return { next: { weeks }, counts };
}

/** Counts one Schedule send's result. */
export function addScheduleResult(health: SiteHealth, week: string, site: SiteId, result: ScheduleReport): SiteHealth {
  const { next, counts } = withWeek(health, week, site);
  if (result.ok) counts.schedules.ok = bump(counts.schedules.ok);
  else {
    counts.schedules.failed = bump(counts.schedules.failed);
    const key = stepKey(counts.failedSteps, result.step ?? UNNAMED_STEP);
    const previous = counts.failedSteps[key];
    counts.failedSteps[key] = { count: bump(previous?.count ?? 0), reason: (result.reason ?? '').slice(0, MAX_REASON) };
  }
  for (const [step, alternative] of Object.entries(result.matched ?? {})) {
    const key = stepKey(counts.matched, step);
    const alternatives = (counts.matched[key] ??= {});
    alternatives[alternative] = bump(alternatives[alternative] ?? 0);
  }
  return next;
}

/** Counts messages whose received time could not be read. */
export function addUnreadable(health: SiteHealth, week: string, site: SiteId, count: number): SiteHealth {
  if (!(count > 0)) return health;
  const { next, counts } = withWeek(health, week, site);
  counts.unreadable = bump(counts.unreadable, count);
  return next;
}

/** A site that failed this week, as the popup's health line tells it. */
export interface HealthProblem {
  site: SiteId;
  scheduleFailures: number;
  unreadable: number;
}

/** The sites whose scheduling or reading failed in `week`, Gmail first. */
export function healthProblems(health: SiteHealth, week: string): HealthProblem[] {
  const sites = health.weeks[week] ?? {};
  const problems: HealthProblem[] = [];
  for (const site of Object.keys(SITE_NAMES) as SiteId[]) {
    const counts = sites[site];
    if (counts && (counts.schedules.failed > 0 || counts.unreadable > 0)) {
      problems.push({ site, scheduleFailures: counts.schedules.failed, unreadable: counts.unreadable });
    }
  }
  return problems;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** "Gmail's Schedule send failed 3 times this week", "Outlook could not read the time of 2 messages this week". */
export function healthSentence(problem: HealthProblem): string {
  const name = SITE_NAMES[problem.site];
  const parts: string[] = [];
  if (problem.scheduleFailures > 0) parts.push(`${name}'s Schedule send failed ${times(problem.scheduleFailures)}`);
  if (problem.unreadable > 0) {
    const messages = problem.unreadable === 1 ? '1 message' : `${problem.unreadable} messages`;
    parts.push(parts.length > 0 ? `the time of ${messages} could not be read` : `the time of ${messages} in ${name} could not be read`);
  }
  return `${parts.join(', and ')} this week`;
}
