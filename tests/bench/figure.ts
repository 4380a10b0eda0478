/** One measured figure, as `npm run bench` prints it. Benchmarks return these; tests never assert on timings. */
export interface Figure {
  /** What is measured, e.g. "store" or "sizes". */
  section: string;
  name: string;
  value: number;
  unit: string;
  /**
   * What the browser or the database alone costs for the same work, measured in the same run and
   * in the same browser (same unit as `value`): absolute timings say more about the machine than
   * about ReplyPace, the ratio to this does not.
   */
  baseline?: { name: string; value: number };
  /** value / baseline.value, when there is a baseline. */
  ratio?: number;
  /** The goal in words, e.g. "≥ 20000" or "≤ 1.5× baseline". */
  goal?: string;
  /** Whether the value (or the ratio, for a goal on the ratio) meets the goal, when there is one. */
  ok?: boolean;
  /**
   * Whether the figure is a timing (a duration, a rate or a ratio of them), which a loaded machine
   * makes noisy. When absent, the unit decides (see isTiming).
   */
  timing?: boolean;
}

/** Units of durations, rates and ratios: figures that depend on how busy the machine is. */
const TIMING_UNIT = /^(ms|s|µs|×)$|\/s$/;

export function isTiming(figure: Figure): boolean {
  return figure.timing ?? TIMING_UNIT.test(figure.unit);
}

/**
 * A figure measured against its baseline, with a goal on the ratio: `most` for "at most this
 * many times the baseline" (times), `least` for "at least" (rates).
 */
export function againstBaseline(
  figure: Omit<Figure, 'baseline' | 'ratio' | 'goal' | 'ok'>,
  baseline: { name: string; value: number },
  goal?: { most: number } | { least: number },
): Figure {
  const ratio = baseline.value > 0 ? figure.value / baseline.value : Number.NaN;
  const rounded = Number(ratio.toFixed(2));
  if (!goal) return { ...figure, baseline, ratio: rounded };
  return 'most' in goal
    ? { ...figure, baseline, ratio: rounded, goal: `≤ ${goal.most}× baseline`, ok: ratio <= goal.most }
    : { ...figure, baseline, ratio: rounded, goal: `≥ ${goal.least}× baseline`, ok: ratio >= goal.least };
}

/** Above this 1-minute load average, two cores are shared with other work and a timing is not evidence. */
export const QUIET_LOAD = 1.0;

/**
 * What the bench says about a figure measured at `load`: "ok" or "MISSED" against its goal, but
 * never "ok" for a timing taken on a loaded machine ("noisy"; "noisy, missed" when it missed).
 * Sizes and counts do not depend on the load. Empty when the figure has no goal.
 */
export type Verdict = 'ok' | 'MISSED' | 'noisy' | 'noisy, missed' | '';

export function verdictOf(figure: Figure, load: number): Verdict {
  if (figure.ok === undefined) return '';
  if (isTiming(figure) && !(load <= QUIET_LOAD)) return figure.ok ? 'noisy' : 'noisy, missed';
  return figure.ok ? 'ok' : 'MISSED';
}
