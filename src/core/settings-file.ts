/**
 * The settings file (export and import): its format, its version, and the migrations that keep
 * older files importing. An imported file is CHECKED and refused with messages a person can act
 * on, so a typo in a file never silently changes someone's hours.
 */
import { SETTINGS_VERSION } from './settings-limits.ts';
import { validateSettings, type Settings, type SettingsCheck } from './settings-schema.ts';
import { isRecord, quoted } from './settings-issues.ts';
import type { Instant } from './types.ts';

export const SETTINGS_FILE_FORMAT = 'replypace-settings';

/**
 * Upgrades the settings of a file written at version N to N + 1. Version 2 adds an entry here;
 * old files then keep importing.
 */
const MIGRATIONS: Record<number, (settings: unknown) => unknown> = {};

export function serializeSettingsFile(settings: Settings, now: Instant): string {
  return JSON.stringify(
    { format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION, exportedAt: new Date(now).toISOString(), settings },
    null,
    2,
  );
}

export function parseSettingsFile(text: string): SettingsCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}).`] };
  }
  if (!isRecord(data)) return { ok: false, errors: ['The file does not hold a ReplyPace settings file: expected a JSON object.'] };
  if (data.format !== SETTINGS_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        data.format === undefined
          ? `This is not a ReplyPace settings file: it has no "format": "${SETTINGS_FILE_FORMAT}".`
          : `This is not a ReplyPace settings file: its format is ${quoted(data.format)}, expected '${SETTINGS_FILE_FORMAT}'.`,
      ],
    };
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [`The file's version ${quoted(version)} is not a settings version ReplyPace knows.`] };
  }
  if (version > SETTINGS_VERSION) {
    return {
      ok: false,
      errors: [`The file comes from a newer ReplyPace (settings version ${version}; this one reads up to ${SETTINGS_VERSION}). Update ReplyPace, then import it again.`],
    };
  }
  if (!('settings' in data)) return { ok: false, errors: ['The file has no "settings" section.'] };
  let settings: unknown = data.settings;
  for (let from = version; from < SETTINGS_VERSION; from++) {
    const migrate = MIGRATIONS[from];
    if (!migrate) return { ok: false, errors: [`Settings version ${from} cannot be upgraded by this ReplyPace.`] };
    settings = migrate(settings);
  }
  return validateSettings(settings);
}
