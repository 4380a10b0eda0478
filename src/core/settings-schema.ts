/**
 * The settings' schema: the single source of truth for what is stored and for the import/export
 * file, and the strict check that refuses anything invalid with one message per problem (imports,
 * saves from the options page). Bounds and defaults: settings-limits.ts; the file: settings-file.ts;
 * field-by-field repair of stored settings: settings-repair.ts; the words: settings-issues.ts.
 *
 * Loads zod: the background and the pages use it, never the content scripts.
 */
import { ATTENTION_LIMITS, type AttentionSettings } from './attention.ts';
import { isDateKey, isValidTimeZone, parseWallTime } from './schedule.ts';
import { LIMITS, SETTINGS_VERSION } from './settings-limits.ts';
import { describeIssue, pathText, quoted } from './settings-issues.ts';
import { CLIENT_MODES } from './types.ts';
import { once, z } from './zod.ts';

/**
 * Every schema of the settings, built on first use and kept: building them costs a background woken
 * from sleep several milliseconds before its first answer, and most answers never check settings
 * (a stored record carries the stamp of the check it passed, store/settings-check.ts; issue 16).
 */
function buildSettingsSchemas() {
  const timeZoneSchema = z
    .string()
    .refine(isValidTimeZone, { error: (issue) => `${quoted(issue.input)} is not a known time zone` });

  const startTimeSchema = z
    .string()
    .refine((text) => parseWallTime(text, false) !== null, { error: (issue) => `${quoted(issue.input)} is not a time of day as HH:mm (00:00–23:59)` });
  const endTimeSchema = z
    .string()
    .refine((text) => parseWallTime(text, true) !== null, { error: (issue) => `${quoted(issue.input)} is not a time of day as HH:mm (00:00–24:00)` });

  const TimeRangeSchema = z.object({ start: startTimeSchema, end: endTimeSchema });

  const dateKeySchema = z.string().refine(isDateKey, { error: (issue) => `${quoted(issue.input)} is not a date as YYYY-MM-DD` });

  const WorkScheduleSchema = z.object({
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
  const modeSchema = z.enum(CLIENT_MODES);

  const ClientSchema = z.object({
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

  const AttentionSchema = z.object(attentionFieldSchemas);

  const SettingsSchema = z
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

  return {
    timeZoneSchema,
    TimeRangeSchema,
    dateKeySchema,
    WorkScheduleSchema,
    addressSchema,
    domainSchema,
    instantSchema,
    responseTargetHoursSchema,
    minReplyDelayMinutesSchema,
    instantThresholdMinutesSchema,
    modeSchema,
    ClientSchema,
    DefaultsSchema,
    attentionFieldSchemas,
    AttentionSchema,
    SettingsSchema,
  };
}

export const settingsSchemas = once(buildSettingsSchemas);
type SettingsSchemas = ReturnType<typeof buildSettingsSchemas>;

export type Settings = z.infer<SettingsSchemas['SettingsSchema']>;
export type Client = z.infer<SettingsSchemas['ClientSchema']>;
export type SettingsDefaults = Settings['defaults'];

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Accepts settings only when every field is valid; otherwise one message per problem. */
export function validateSettings(raw: unknown): SettingsCheck {
  const result = settingsSchemas().SettingsSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${pathText(issue.path)}: ${describeIssue(issue)}`) };
}
