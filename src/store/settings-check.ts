/**
 * Which settings rules stored settings were checked against, so that a background that has just
 * started does not check them all again on its first read.
 *
 * Checking 500 clients' settings is the costliest part of a sleeping background's first answer:
 * the first check after a start also builds the checker, and took about half of the ~60 ms a
 * stopped service worker needed to answer the popup (`npm run bench -- --only popup`, "background
 * asleep"). So the settings record carries `checked`: the stamp of the rules (SETTINGS_RULES) it
 * was found valid under, set only when checking the value changed nothing (no problem noted, the
 * repaired settings equal to it, key order aside). A read that finds this build's stamp takes the value as stored,
 * which is exactly what checking it would have given; any other record (no stamp, another
 * build's rules, a backup copy) is checked as before.
 *
 * The stamp is a hash of the rules' source (src/core, and zod's version), worked out by the build
 * (scripts/settings-rules.ts, wxt.config.ts): an update that changes the rules checks the stored
 * settings once more. Run from source (the unit tests, the CLI), the rules are "source".
 */
import { isDeepStrictEqualJson } from '../core/json.ts';
import { repairSettings, type RepairResult, type Settings } from '../core/settings.ts';

declare const __REPLYPACE_SETTINGS_RULES__: string | undefined;

export const SETTINGS_RULES: string = typeof __REPLYPACE_SETTINGS_RULES__ === 'string' ? __REPLYPACE_SETTINGS_RULES__ : 'source';

/**
 * Whether checking `value` under these rules gives it back unchanged (key order aside): then a
 * record holding it may carry the stamp. `result` is that check, when already made.
 */
export function passesUnchanged(value: unknown, result: RepairResult = repairSettings(value, 'UTC')): boolean {
  return result.problems.length === 0 && isDeepStrictEqualJson(result.settings, value);
}

/** The stamp a record of `settings` gets when written: the rules' when they pass unchanged, none otherwise. */
export function stampFor(settings: Settings): string | undefined {
  return passesUnchanged(settings) ? SETTINGS_RULES : undefined;
}
