/**
 * The one protocol between content scripts, extension pages and the background.
 *
 * The zod schemas here are checked by the background on every message it receives. Content
 * scripts and pages import this file with `import type` only, so zod never reaches their bundles
 * (the content script's budget is 25 KB gzipped).
 */
import { z } from 'zod';
import type { Instant, PolicySnapshot } from '../core/types.ts';
import type { ClientNorms } from '../store/queries.ts';
import type { AttentionReport, ReportData } from '../store/review.ts';
import type { Settings } from '../core/settings.ts';
import type { MeetingPolicies } from '../core/meetingPolicy.ts';

// zod 4 probes `new Function` for its fast path: a CSP risk in an extension and a store-review flag.
z.config({ jitless: true });

/** The long-lived port pages open to hear that norms changed. */
export { NORMS_UPDATES_PORT } from './constants.ts';

const MAX_ID = 512;
const MAX_ADDRESS = 320;

const instant = z.number().int().min(0).max(8.64e15);
const site = z.enum(['gmail', 'outlook']);
const address = z.string().trim().toLowerCase().min(3).max(MAX_ADDRESS).includes('@');
const opaqueId = z.string().min(1).max(MAX_ID);
const clientKey = z.string().min(1).max(MAX_ADDRESS + 16);

export const messageSeenSchema = z.object({
  id: opaqueId,
  threadId: opaqueId,
  from: address,
  to: z.array(address).max(1000),
  at: instant,
});

export const nudgeOutcomeSchema = z.object({
  site,
  clientKey,
  at: instant,
  choice: z.enum(['scheduled', 'sent-anyway', 'dismissed', 'snoozed-client', 'schedule-failed']),
  reasons: z.array(z.enum(['outside-hours', 'weekend', 'holiday', 'too-fast', 'faster-than-norm'])).max(5),
  scheduledFor: instant.nullable(),
});

const calendarSite = z.enum(['google-calendar', 'outlook-calendar']);
const meetingReason = z.enum(['outside-hours', 'weekend', 'holiday']);

/** A meeting booked in a calendar: times and client keys only, never a title. */
export const meetingBookedSchema = z.object({
  site: calendarSite,
  at: instant,
  start: instant,
  end: instant,
  clients: z.array(z.object({ clientKey, reason: meetingReason.nullable() })).min(1).max(100),
  own: meetingReason.nullable(),
});

/** Requests that only read or write what the user's own mail or calendar page shows. */
export const CONTENT_REQUEST_TYPES = ['ping', 'messagesSeen', 'policyFor', 'outcome', 'snoozeClient', 'meetingPolicies', 'meetingBooked'] as const;

/** Requests a content script may send (from a tab on a mail site). */
export const contentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({
    type: z.literal('messagesSeen'),
    site,
    account: address,
    messages: z.array(messageSeenSchema).max(5000),
    /** Messages on the page whose time could not be read: skipped by the reader, counted here. */
    unreadableTimes: z.number().int().min(0).max(100_000).optional(),
  }),
  z.object({
    type: z.literal('policyFor'),
    site,
    account: address,
    recipients: z.array(address).max(1000),
    threadId: opaqueId.nullable(),
  }),
  z.object({ type: z.literal('outcome'), outcome: nudgeOutcomeSchema }),
  z.object({ type: z.literal('snoozeClient'), clientKey, until: instant }),
  // Calendar (issue 15): the rules for a meeting's guests, pushed ahead of the check; a booked meeting.
  z.object({ type: z.literal('meetingPolicies'), site: calendarSite, account: address.nullable(), guests: z.array(address).max(1000) }),
  z.object({ type: z.literal('meetingBooked'), meeting: meetingBookedSchema }),
]);

/** Requests only the extension's own pages (popup, options, reports) may send. */
export const pageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('getSettings') }),
  // Checked strictly against the settings schema (core/settings.ts), with one message per problem.
  z.object({ type: z.literal('saveSettings'), settings: z.unknown() }),
  z.object({ type: z.literal('importSettings'), text: z.string().max(2_000_000) }),
  z.object({ type: z.literal('exportSettings') }),
  z.object({ type: z.literal('listNorms') }),
  z.object({ type: z.literal('eraseAll') }),
  z.object({ type: z.literal('pause'), until: instant.nullable() }),
  // Review report and attention (issue 6).
  z.object({ type: z.literal('reportData'), clientKey, from: instant, to: instant }),
  z.object({ type: z.literal('attention') }),
  // The popup's settings and norms in one round trip (issue 16).
  z.object({ type: z.literal('popupData') }),
]);

export type ContentRequest = z.infer<typeof contentRequestSchema>;
export type PageRequest = z.infer<typeof pageRequestSchema>;
/** What a caller writes; `z.input` so that addresses need not be lower-cased by the caller. */
export type Request = z.input<typeof contentRequestSchema> | z.input<typeof pageRequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export type { AttentionReport, ClientNorms, ReportData };

export interface ImportResult {
  settings: Settings;
  /** Fields that were invalid and fell back to their defaults (empty: a save or an import is
   * checked strictly and refused with messages instead). */
  problems: string[];
}

/** The answer to each request type. */
export interface ResponseMap {
  ping: { version: string };
  messagesSeen: { added: number; known: number; skipped: number };
  policyFor: PolicySnapshot | null;
  outcome: { recorded: true };
  snoozeClient: { until: Instant };
  meetingPolicies: MeetingPolicies;
  meetingBooked: { recorded: true };
  /** The stored settings, repaired field by field. */
  getSettings: Settings;
  saveSettings: ImportResult;
  importSettings: ImportResult;
  exportSettings: { text: string; fileName: string };
  listNorms: ClientNorms[];
  eraseAll: { erased: true };
  pause: { until: Instant | null };
  /** Null when nothing is known about the client key. */
  reportData: ReportData | null;
  attention: AttentionReport;
  popupData: { settings: Settings; norms: ClientNorms[] };
}

export type ErrorCode = 'invalid-request' | 'forbidden' | 'failed' | 'timeout' | 'unreachable';

/** Every answer is wrapped so that failures are values, never exceptions in the caller. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; error: string };

/** Pushed on the norms-updates port. */
export interface NormsChangedEvent {
  type: 'normsChanged';
  clientKeys: string[] | 'all';
}
