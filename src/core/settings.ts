/**
 * Settings, by job (this module re-exports them all, for callers that want the settings as one):
 * - settings-limits.ts: the bounds and a fresh install's defaults (no zod: the forms import it);
 * - settings-schema.ts: the zod schema, the types, and the strict check;
 * - settings-file.ts: the import/export file and its migrations;
 * - settings-repair.ts: field-by-field repair of stored settings;
 * - settings-issues.ts: the words problems are reported in.
 *
 * Loads zod at run time: the background and the pages import it, never the content scripts.
 */
export { LIMITS, SETTINGS_VERSION, defaultSettings } from './settings-limits.ts';
export {
  settingsSchemas,
  validateSettings,
  type Client,
  type Settings,
  type SettingsCheck,
  type SettingsDefaults,
} from './settings-schema.ts';
export { SETTINGS_FILE_FORMAT, parseSettingsFile, serializeSettingsFile } from './settings-file.ts';
export { repairSettings, type RepairResult } from './settings-repair.ts';
