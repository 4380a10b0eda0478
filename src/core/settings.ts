/**
 * Settings: the zod schemas below are the single source of truth for what is stored and for the
 * import/export file. Stored settings are REPAIRED field by field (a bad field falls back to its
 * default and is reported, the rest is kept); an imported file is CHECKED and refused with
 * messages a person can act on, so a typo in a file never silently changes someone's hours.
 *
 * The only core module that imports zod at runtime: it runs in the background and the pages, never
 * in the content scripts.
 */
import { z } from 'zod';
import { ATTENTION_LIMITS, DEFAULT_ATTENTION, type AttentionSettings } from './attention.ts';
import { defaultSchedule, isValidTimeZone, parseWallTime } from './schedule.ts';
import type { Instant, WorkSchedule } from './types.ts';

// zod would otherwise probe `new Function('')`: a CSP violation in extension pages, and a lint
// error for Firefox add-ons.
z.config({ jitless: true });

export const SETTINGS_VERSION = 1;
export const SETTINGS_FILE_FORMAT = 'replypace-settings';

export const LIMITS = {
  responseTargetHours: { min: 0.25, max: 200 },
  minReplyDelayMinutes: { min: 0, max: 24 * 60 },
  instantThresholdMinutes: { min: 1, max: 24 * 60 },
  rangesPerDay: 12,
  holidays: 1000,
  addresses: 1000,
  clients: 5000,
} as const;

// ---------------------------------------------------------------------------------------------
// Schemas

const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: (issue) => `${quoted(issue.input)} is not a known time zone` });

const startTimeSchema = z
  .string()
  .refine((text) => parseWallTime(text, false) !== null, { error: (issue) => `${quoted(issue.input)} is not a time of day as HH:mm (00:00–23:59)` });
const endTimeSchema = z
  .string()
  .refine((text) => parseWallTime(text, true) !== null, { error: (issue) => `${quoted(issue.input)} is not a time of day as HH:mm (00:00–24:00)` });

export const TimeRangeSchema = z.object({ start: startTimeSchema, end: endTimeSchema });

const dateKeySchema = z.string().refine(isDateKey, { error: (issue) => `${quoted(issue.input)} is not a date as YYYY-MM-DD` });

export const WorkScheduleSchema = z.object({
  timeZone: timeZoneSchema,
  week: z
    .array(z.array(TimeRangeSchema).max(LIMITS.rangesPerDay))
    .length(7),
  holidays: z.array(dateKeySchema).max(LIMITS.holidays),
});

const addressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: (issue) => `${quoted(issue.input)} is not an e-mail address` });

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text) => text.replace(/^@/, ''))
  .refine((text) => /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,}$/u.test(text), {
    error: (issue) => `${quoted(issue.input)} is not a domain like acme.com`,
  });

const instantSchema = z.number().int().min(0);
const responseTargetHoursSchema = z.number().min(LIMITS.responseTargetHours.min).max(LIMITS.responseTargetHours.max);
const minReplyDelayMinutesSchema = z.number().min(LIMITS.minReplyDelayMinutes.min).max(LIMITS.minReplyDelayMinutes.max);
const instantThresholdMinutesSchema = z
  .number()
  .min(LIMITS.instantThresholdMinutes.min)
  .max(LIMITS.instantThresholdMinutes.max);
const modeSchema = z.enum(['account', 'lead', 'off']);

export const ClientSchema = z.object({
  id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  addresses: z.array(addressSchema).max(LIMITS.addresses),
  domains: z.array(domainSchema).max(LIMITS.addresses),
  /** Absent: the default schedule applies. */
  schedule: WorkScheduleSchema.optional(),
  responseTargetHours: responseTargetHoursSchema.optional(),
  minReplyDelayMinutes: minReplyDelayMinutesSchema.optional(),
  mode: modeSchema,
  createdAt: instantSchema,
});

const DefaultsSchema = z.object({
  schedule: WorkScheduleSchema,
  /** In working hours. */
  responseTargetHours: responseTargetHoursSchema,
  minReplyDelayMinutes: minReplyDelayMinutesSchema,
  instantThresholdMinutes: instantThresholdMinutesSchema,
});

const boundedNumber = (limits: { min: number; max: number }) => z.number().min(limits.min).max(limits.max);
const boundedInteger = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max);

/** Thresholds of the attention rules and the weekly review (meaning and defaults: core/attention.ts). */
const attentionFieldSchemas = {
  waitingFactor: boundedNumber(ATTENTION_LIMITS.waitingFactor),
  waitingLookbackDays: boundedInteger(ATTENTION_LIMITS.waitingLookbackDays),
  silenceFactor: boundedNumber(ATTENTION_LIMITS.silenceFactor),
  silenceMinDays: boundedInteger(ATTENTION_LIMITS.silenceMinDays),
  minReplies: boundedInteger(ATTENTION_LIMITS.minReplies),
  overridesPerMonth: boundedInteger(ATTENTION_LIMITS.overridesPerMonth),
  weeklyReview: z.boolean(),
  weeklyReviewNotify: z.boolean(),
  weeklyReviewDay: boundedInteger(ATTENTION_LIMITS.weeklyReviewDay),
  weeklyReviewHour: boundedInteger(ATTENTION_LIMITS.weeklyReviewHour),
} satisfies Record<keyof AttentionSettings, z.ZodType>;

export const AttentionSchema = z.object(attentionFieldSchemas);

export const SettingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    me: z.object({ addresses: z.array(addressSchema).max(LIMITS.addresses), ownDomains: z.array(domainSchema).max(LIMITS.addresses) }),
    defaults: DefaultsSchema,
    clients: z.array(ClientSchema).max(LIMITS.clients),
    /** Every nudge is off until then. */
    pausedUntil: instantSchema.nullable(),
    /** Nudges off for one client key until an instant ("Not for this client today"). */
    snoozes: z.record(z.string(), instantSchema),
    /** Absent: every attention threshold has its default (settings written before it existed). */
    attention: AttentionSchema.optional(),
    /**
     * The time zone of the user's Outlook mailbox (Outlook on the web shows and takes times in it,
     * and the page does not say which). Absent: the browser's own zone.
     */
    outlookTimeZone: timeZoneSchema.optional(),
  })
  .superRefine((settings, context) => {
    const seen = new Set<string>();
    settings.clients.forEach((client, index) => {
      if (seen.has(client.id)) {
        context.addIssue({ code: 'custom', path: ['clients', index, 'id'], message: `${quoted(client.id)} is used by another client` });
      }
      seen.add(client.id);
    });
  });

export type Settings = z.infer<typeof SettingsSchema>;
export type Client = z.infer<typeof ClientSchema>;
export type SettingsDefaults = Settings['defaults'];

// ---------------------------------------------------------------------------------------------
// Defaults

/** What a fresh install uses: the browser's zone, Mon–Fri 9–17, 4 working hours, 15 minutes. */
export function defaultSettings(timeZone: string): Settings {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return {
    version: SETTINGS_VERSION,
    me: { addresses: [], ownDomains: [] },
    defaults: { schedule: defaultSchedule(zone), responseTargetHours: 4, minReplyDelayMinutes: 15, instantThresholdMinutes: 15 },
    clients: [],
    pausedUntil: null,
    snoozes: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Strict checking (imports, saves from the options page)

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Accepts settings only when every field is valid; otherwise one message per problem. */
export function validateSettings(raw: unknown): SettingsCheck {
  const result = SettingsSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${pathText(issue.path)}: ${describeIssue(issue)}`) };
}

// ---------------------------------------------------------------------------------------------
// The settings file

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

// ---------------------------------------------------------------------------------------------
// Field-by-field repair of stored settings

export interface RepairResult {
  settings: Settings;
  /** One line per field that was reset or entry that was dropped; empty when all was valid. */
  problems: string[];
}

/**
 * Keeps every valid field of `raw` and resets each invalid one to its default, reporting it.
 * Lists keep their valid entries; a client whose id or name is unusable is dropped; a client with
 * a bad schedule keeps its name and addresses. Never throws: whatever `raw` is, the result is valid.
 */
export function repairSettings(raw: unknown, timeZone: string): RepairResult {
  const fallback = defaultSettings(timeZone);
  const checked = SettingsSchema.safeParse(raw);
  if (checked.success) return { settings: checked.data, problems: [] };
  if (!isRecord(raw)) {
    return { settings: fallback, problems: [`settings: ${raw === undefined ? 'none stored' : 'not an object'}; using the defaults`] };
  }

  const repair = new Repair();
  if (raw.version !== SETTINGS_VERSION) repair.note('version', `${quoted(raw.version)} is not ${SETTINGS_VERSION}; read as version ${SETTINGS_VERSION}`);

  const me = repair.record(raw.me, 'me');
  const defaultsRaw = repair.record(raw.defaults, 'defaults');
  const defaults: SettingsDefaults = {
    schedule: repair.schedule(defaultsRaw.schedule, 'defaults.schedule', fallback.defaults.schedule),
    responseTargetHours: repair.field(responseTargetHoursSchema, defaultsRaw.responseTargetHours, 'defaults.responseTargetHours', fallback.defaults.responseTargetHours),
    minReplyDelayMinutes: repair.field(minReplyDelayMinutesSchema, defaultsRaw.minReplyDelayMinutes, 'defaults.minReplyDelayMinutes', fallback.defaults.minReplyDelayMinutes),
    instantThresholdMinutes: repair.field(instantThresholdMinutesSchema, defaultsRaw.instantThresholdMinutes, 'defaults.instantThresholdMinutes', fallback.defaults.instantThresholdMinutes),
  };

  const settings: Settings = {
    version: SETTINGS_VERSION,
    me: {
      addresses: repair.list(addressSchema, me.addresses, 'me.addresses'),
      ownDomains: repair.list(domainSchema, me.ownDomains, 'me.ownDomains'),
    },
    defaults,
    clients: repair.clients(raw.clients, defaults.schedule),
    pausedUntil: raw.pausedUntil === null ? null : repair.field(instantSchema.nullable(), raw.pausedUntil, 'pausedUntil', null),
    snoozes: repair.snoozes(raw.snoozes),
  };
  if (raw.attention !== undefined) settings.attention = repair.attention(raw.attention);
  const outlookTimeZone = repair.optional(timeZoneSchema, raw.outlookTimeZone, 'outlookTimeZone');
  if (outlookTimeZone) settings.outlookTimeZone = outlookTimeZone;

  // A last guard: repair is meant to always produce valid settings; if it ever did not, the
  // defaults are safer than a half-valid object.
  const final = SettingsSchema.safeParse(settings);
  if (!final.success) return { settings: fallback, problems: [...repair.problems, 'settings: could not be repaired; using the defaults'] };
  return { settings: final.data, problems: repair.problems };
}

class Repair {
  readonly problems: string[] = [];

  note(path: string, text: string): void {
    this.problems.push(`${path}: ${text}`);
  }

  field<T>(schema: z.ZodType<T>, value: unknown, path: string, fallback: T): T {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    this.note(path, `${value === undefined ? 'missing' : issue ? describeIssue(issue) : 'invalid'}; reset to the default`);
    return fallback;
  }

  /** An optional field: absent stays absent, invalid is removed (so the default applies). */
  optional<T>(schema: z.ZodType<T>, value: unknown, path: string): T | undefined {
    if (value === undefined) return undefined;
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    this.note(path, `${issue ? describeIssue(issue) : 'invalid'}; removed, the default applies`);
    return undefined;
  }

  record(value: unknown, path: string): Record<string, unknown> {
    if (isRecord(value)) return value;
    this.note(path, `${value === undefined ? 'missing' : 'not an object'}; reset to the defaults`);
    return {};
  }

  /** The valid entries of a list; each invalid entry is dropped and reported. */
  list<T>(schema: z.ZodType<T>, value: unknown, path: string, max: number = LIMITS.addresses): T[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.note(path, 'not a list; emptied');
      return [];
    }
    const kept: T[] = [];
    value.forEach((entry, index) => {
      const result = schema.safeParse(entry, { reportInput: true });
      if (!result.success) {
        const issue = result.error.issues[0];
        this.note(`${path}[${index}]`, `${issue ? describeIssue(issue) : 'invalid'}; dropped`);
      } else if (kept.length >= max) {
        this.note(`${path}[${index}]`, `more than ${max} entries; dropped`);
      } else {
        kept.push(result.data);
      }
    });
    return [...new Set(kept)];
  }

  schedule(value: unknown, path: string, fallback: WorkSchedule): WorkSchedule {
    const whole = WorkScheduleSchema.safeParse(value);
    if (whole.success) return whole.data;
    const raw = this.record(value, path);
    return {
      timeZone: this.field(timeZoneSchema, raw.timeZone, `${path}.timeZone`, fallback.timeZone),
      week: this.field(WorkScheduleSchema.shape.week, raw.week, `${path}.week`, fallback.week),
      holidays: this.list(dateKeySchema, raw.holidays, `${path}.holidays`, LIMITS.holidays),
    };
  }

  clients(value: unknown, defaultSchedule: WorkSchedule): Client[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.note('clients', 'not a list; emptied');
      return [];
    }
    const clients: Client[] = [];
    const ids = new Set<string>();
    value.forEach((entry, index) => {
      const path = `clients[${index}]`;
      if (!isRecord(entry)) {
        this.note(path, 'not a client object; dropped');
        return;
      }
      const id = ClientSchema.shape.id.safeParse(entry.id);
      const name = ClientSchema.shape.name.safeParse(entry.name);
      if (!id.success || !name.success) {
        this.note(path, `${!id.success ? 'no usable id' : 'no usable name'}; dropped`);
        return;
      }
      if (ids.has(id.data)) {
        this.note(`${path}.id`, `${quoted(id.data)} is used by another client; dropped`);
        return;
      }
      if (clients.length >= LIMITS.clients) {
        this.note(path, `more than ${LIMITS.clients} clients; dropped`);
        return;
      }
      ids.add(id.data);
      const client: Client = {
        id: id.data,
        name: name.data,
        addresses: this.list(addressSchema, entry.addresses, `${path}.addresses`),
        domains: this.list(domainSchema, entry.domains, `${path}.domains`),
        mode: this.field(modeSchema, entry.mode, `${path}.mode`, 'account'),
        createdAt: this.field(instantSchema, entry.createdAt, `${path}.createdAt`, 0),
      };
      if (entry.schedule !== undefined) client.schedule = this.schedule(entry.schedule, `${path}.schedule`, defaultSchedule);
      const target = this.optional(responseTargetHoursSchema, entry.responseTargetHours, `${path}.responseTargetHours`);
      if (target !== undefined) client.responseTargetHours = target;
      const delay = this.optional(minReplyDelayMinutesSchema, entry.minReplyDelayMinutes, `${path}.minReplyDelayMinutes`);
      if (delay !== undefined) client.minReplyDelayMinutes = delay;
      clients.push(client);
    });
    return clients;
  }

  attention(value: unknown): AttentionSettings {
    const raw = this.record(value, 'attention');
    const repaired: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(attentionFieldSchemas)) {
      const name = key as keyof AttentionSettings;
      repaired[name] = this.field(schema as z.ZodType, raw[name], `attention.${name}`, DEFAULT_ATTENTION[name]);
    }
    return repaired as unknown as AttentionSettings;
  }

  snoozes(value: unknown): Record<string, Instant> {
    if (value === undefined) return {};
    if (!isRecord(value)) {
      this.note('snoozes', 'not an object; emptied');
      return {};
    }
    const kept: Record<string, Instant> = {};
    for (const [key, until] of Object.entries(value)) {
      const result = instantSchema.safeParse(until);
      if (result.success) kept[key] = result.data;
      else this.note(`snoozes[${JSON.stringify(key)}]`, 'not an instant; dropped');
    }
    return kept;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages

/** ['clients', 2, 'schedule', 'timeZone'] → "clients[2].schedule.timeZone". */
function pathText(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'settings';
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `${quoted(issue.input)} is not ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs ${issue.exact ? 'exactly' : 'at least'} ${String(issue.minimum)} entries`;
      if (issue.origin === 'string') return 'is empty';
      return `${quoted(issue.input)} is below the minimum of ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return issue.exact ? `needs exactly ${String(issue.maximum)} entries` : `has more than ${String(issue.maximum)} entries`;
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`;
      return `${quoted(issue.input)} is above the maximum of ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${quoted(issue.input)} is not one of ${issue.values.map((v) => quoted(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'an object';
  if (expected === 'int') return 'a whole number';
  return `a ${expected}`;
}

function quoted(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDateKey(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(text);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === text;
}
