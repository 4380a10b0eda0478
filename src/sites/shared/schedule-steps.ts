import type { ScheduleResult } from '../contract.ts';

/**
 * Runs a Schedule send driver's steps. `steps` returns the result, and ends a step that did not
 * work with `fail(reason)`; a step that throws fails the same way. Either way `tidy` first closes
 * what the driver opened (if tidying throws too, nothing more can be done) and the draft stays.
 */
export async function runScheduleSteps(
  tidy: () => void,
  steps: (fail: (reason: string) => ScheduleResult) => Promise<ScheduleResult>,
): Promise<ScheduleResult> {
  const fail = (reason: string): ScheduleResult => {
    try {
      tidy();
    } catch {
      // Nothing more to tidy.
    }
    return { ok: false, reason };
  };
  try {
    return await steps(fail);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
