/**
 * Field-by-field repair of stored settings: a bad field falls back to its default and is reported,
 * the rest is kept (as darkreader does). Every field of the schema needs its line here: the test
 * tests/unit/core/settings-repair.test.ts walks the schema and fails for a field repair drops.
 */
import { DEFAULT_ATTENTION, type AttentionSettings } from './attention.ts';
import { LIMITS, SETTINGS_VERSION, defaultSettings } from './settings-limits.ts';
import { settingsSchemas, type Client, type Settings, type SettingsDefaults } from './settings-schema.ts';
import { describeIssue, isRecord, quoted } from './settings-issues.ts';
import type { Instant, WorkSchedule } from './types.ts';
import type { z } from './zod.ts';

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
  const schemas = settingsSchemas();
  const fallback = defaultSettings(timeZone);
  const checked = schemas.SettingsSchema.safeParse(raw);
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
    responseTargetHours: repair.field(schemas.responseTargetHoursSchema, defaultsRaw.responseTargetHours, 'defaults.responseTargetHours', fallback.defaults.responseTargetHours),
    minReplyDelayMinutes: repair.field(schemas.minReplyDelayMinutesSchema, defaultsRaw.minReplyDelayMinutes, 'defaults.minReplyDelayMinutes', fallback.defaults.minReplyDelayMinutes),
    instantThresholdMinutes: repair.field(schemas.instantThresholdMinutesSchema, defaultsRaw.instantThresholdMinutes, 'defaults.instantThresholdMinutes', fallback.defaults.instantThresholdMinutes),
  };

  const settings: Settings = {
    version: SETTINGS_VERSION,
    me: {
      addresses: repair.list(schemas.addressSchema, me.addresses, 'me.addresses'),
      ownDomains: repair.list(schemas.domainSchema, me.ownDomains, 'me.ownDomains'),
    },
    defaults,
    clients: repair.clients(raw.clients, defaults.schedule),
    pausedUntil: raw.pausedUntil === null ? null : repair.field(schemas.instantSchema.nullable(), raw.pausedUntil, 'pausedUntil', null),
    snoozes: repair.snoozes(raw.snoozes),
  };
  if (raw.attention !== undefined) settings.attention = repair.attention(raw.attention);
  const outlookTimeZone = repair.optional(schemas.timeZoneSchema, raw.outlookTimeZone, 'outlookTimeZone');
  if (outlookTimeZone) settings.outlookTimeZone = outlookTimeZone;

  // A last guard: repair is meant to always produce valid settings; if it ever did not, the
  // defaults are safer than a half-valid object.
  const final = schemas.SettingsSchema.safeParse(settings);
  if (!final.success) return { settings: fallback, problems: [...repair.problems, 'settings: could not be repaired; using the defaults'] };
  return { settings: final.data, problems: repair.problems };
}

class Repair {
  private readonly schemas = settingsSchemas();
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
    const whole = this.schemas.WorkScheduleSchema.safeParse(value);
    if (whole.success) return whole.data;
    const raw = this.record(value, path);
    return {
      timeZone: this.field(this.schemas.timeZoneSchema, raw.timeZone, `${path}.timeZone`, fallback.timeZone),
      week: this.field(this.schemas.WorkScheduleSchema.shape.week, raw.week, `${path}.week`, fallback.week),
      holidays: this.list(this.schemas.dateKeySchema, raw.holidays, `${path}.holidays`, LIMITS.holidays),
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
      const id = this.schemas.ClientSchema.shape.id.safeParse(entry.id);
      const name = this.schemas.ClientSchema.shape.name.safeParse(entry.name);
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
        addresses: this.list(this.schemas.addressSchema, entry.addresses, `${path}.addresses`),
        domains: this.list(this.schemas.domainSchema, entry.domains, `${path}.domains`),
        mode: this.field(this.schemas.modeSchema, entry.mode, `${path}.mode`, 'account'),
        createdAt: this.field(this.schemas.instantSchema, entry.createdAt, `${path}.createdAt`, 0),
      };
      if (entry.schedule !== undefined) client.schedule = this.schedule(entry.schedule, `${path}.schedule`, defaultSchedule);
      const target = this.optional(this.schemas.responseTargetHoursSchema, entry.responseTargetHours, `${path}.responseTargetHours`);
      if (target !== undefined) client.responseTargetHours = target;
      const delay = this.optional(this.schemas.minReplyDelayMinutesSchema, entry.minReplyDelayMinutes, `${path}.minReplyDelayMinutes`);
      if (delay !== undefined) client.minReplyDelayMinutes = delay;
      clients.push(client);
    });
    return clients;
  }

  attention(value: unknown): AttentionSettings {
    const raw = this.record(value, 'attention');
    const repaired: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(this.schemas.attentionFieldSchemas)) {
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
      const result = this.schemas.instantSchema.safeParse(until);
      if (result.success) kept[key] = result.data;
      else this.note(`snoozes[${JSON.stringify(key)}]`, 'not an instant; dropped');
    }
    return kept;
  }
}
