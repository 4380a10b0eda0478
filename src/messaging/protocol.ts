/**
 * The one protocol between content scripts, extension pages and the background.
 *
 * The zod schemas here are checked by the background on every message it receives. Content
 * scripts and pages import this file with `import type` only, so zod never reaches their bundles
 * (the content script's budget is 25 KB gzipped).
 *
 * Two conversations: with the background (requests, then ResponseMap), and the popup's questions
 * to the active mail tab's content script (TabRequest, then TabResponseMap, at the end).
 */
import { once, z } from '../core/zod.ts';
import { CALENDAR_SITE_IDS, NUDGE_CHOICES, NUDGE_REASON_CODES, SITE_IDS, type ClientNorms, type Instant, type PolicySnapshot, type SiteId } from '../core/types.ts';
import type { AttentionReport } from '../core/attention.ts';
import type { ReportData } from '../core/report.ts';
import type { ImportRecord } from '../core/history/import-record.ts';
import type { PatternProposal } from '../core/workingPattern.ts';
import type { Settings } from '../core/settings.ts';
import type { MeetingPolicies } from '../core/meetingPolicy.ts';
import type { SiteHealth } from '../core/siteHealth.ts';
import { MEETING_REASON_CODES } from '../core/meeting.ts';

/** The long-lived port pages open to hear that norms changed. */
export { NORMS_UPDATES_PORT } from './constants.ts';

const MAX_ID = 512;
const MAX_ADDRESS = 320;

/*
 * Every schema here is a function, and a request's schema is built the first time a request of that
 * type arrives (contentRequestSchema, pageRequestSchema below): building them all when the module
 * loads cost a background woken from sleep several milliseconds before its first answer (issue 16).
 */
const instant = () => z.number().int().min(0).max(8.64e15);
const site = () => z.enum(SITE_IDS);
const address = () => z.string().trim().toLowerCase().min(3).max(MAX_ADDRESS).includes('@');
const opaqueId = () => z.string().min(1).max(MAX_ID);
const clientKey = () => z.string().min(1).max(MAX_ADDRESS + 16);

export const messageSeenSchema = () =>
  z.object({
    id: opaqueId(),
    threadId: opaqueId(),
    from: address(),
    to: z.array(address()).max(1000),
    at: instant(),
  });

export const nudgeOutcomeSchema = () =>
  z.object({
    site: site(),
    clientKey: clientKey(),
    at: instant(),
    choice: z.enum(NUDGE_CHOICES),
    reasons: z.array(z.enum(NUDGE_REASON_CODES)).max(NUDGE_REASON_CODES.length),
    scheduledFor: instant().nullable(),
  });

const calendarSite = () => z.enum(CALENDAR_SITE_IDS);
const meetingReason = () => z.enum(MEETING_REASON_CODES);

/** A meeting booked in a calendar: times and client keys only, never a title. */
export const meetingBookedSchema = () =>
  z.object({
    site: calendarSite(),
    at: instant(),
    start: instant(),
    end: instant(),
    clients: z.array(z.object({ clientKey: clientKey(), reason: meetingReason().nullable() })).min(1).max(100),
    own: meetingReason().nullable(),
  });

/** A Schedule send step's language-free name ("menu-item", "picker-confirm"): a code word, never page text. */
const stepName = () => z.string().regex(/^[A-Za-z][\w.-]{0,47}$/);

/** One message of a history import: metadata only (issue 14). */
const importMessageSchema = () =>
  z.object({
    id: opaqueId(),
    at: instant(),
    direction: z.enum(['in', 'out']),
    counterparts: z.array(address()).max(1000),
    offset: z.number().int().min(-900).max(900).nullable(),
  });

const importThreadSchema = () =>
  z.object({
    threadId: opaqueId(),
    site: z.enum(['gmail', 'import']),
    messages: z.array(importMessageSchema()).min(1).max(20_000),
  });

const importId = () => z.string().min(1).max(64);

/** Each builder's key is the `type` its requests carry (checked when compiling). */
function requestBuilders<M extends { [K in keyof M]: () => z.ZodType<{ type: K }> }>(builders: M): M {
  return builders;
}

/** Requests a content script may send (from a tab on a mail site). */
const contentRequests = requestBuilders({
  ping: () => z.object({ type: z.literal('ping') }),
  messagesSeen: () =>
    z.object({
      type: z.literal('messagesSeen'),
      site: site(),
      account: address(),
      messages: z.array(messageSeenSchema()).max(5000),
      /** Messages the reader skipped because their time, sender or thread could not be read (the name is older than that rule); the background adds them to a site-health counter. */
      unreadableTimes: z.number().int().min(0).max(100_000).optional(),
    }),
  policyFor: () =>
    z.object({
      type: z.literal('policyFor'),
      site: site(),
      account: address(),
      recipients: z.array(address()).max(1000),
      threadId: opaqueId().nullable(),
    }),
  outcome: () => z.object({ type: z.literal('outcome'), outcome: nudgeOutcomeSchema() }),
  snoozeClient: () => z.object({ type: z.literal('snoozeClient'), clientKey: clientKey(), until: instant() }),
  // Calendar (issue 15): the rules for a meeting's guests, pushed ahead of the check; a booked meeting.
  meetingPolicies: () =>
    z.object({ type: z.literal('meetingPolicies'), site: calendarSite(), account: address().nullable(), guests: z.array(address()).max(1000) }),
  meetingBooked: () => z.object({ type: z.literal('meetingBooked'), meeting: meetingBookedSchema() }),
  // Site health: how a Schedule send went (ScheduleResult of sites/contract.ts).
  scheduleResult: () =>
    z.object({
      type: z.literal('scheduleResult'),
      site: site(),
      ok: z.boolean(),
      step: stepName().optional(),
      // A driver's own sentence; kept short by the store, so a long one is not a reason to lose the count.
      reason: z.string().max(10_000).optional(),
      matched: z
        .record(stepName(), z.number().int().min(0).max(99))
        .refine((matched) => Object.keys(matched).length <= 50, 'too many steps')
        .optional(),
    }),
  /** The zone the site shows and takes times in, when the user named it in the options. */
  mailboxTimeZone: () => z.object({ type: z.literal('mailboxTimeZone'), site: site() }),
});

/** Requests only the extension's own pages (popup, options, reports) may send. */
const pageRequests = requestBuilders({
  getSettings: () => z.object({ type: z.literal('getSettings') }),
  // Checked strictly against the settings schema (core/settings.ts), with one message per problem.
  // The pages' forms send `keepPauseAndSnoozes`: those change on their own (popup, mail tabs) since
  // the page loaded, and are kept as stored. Without it the whole object is taken (seeding tools).
  saveSettings: () => z.object({ type: z.literal('saveSettings'), settings: z.unknown(), keepPauseAndSnoozes: z.literal(true).optional() }),
  importSettings: () => z.object({ type: z.literal('importSettings'), text: z.string().max(2_000_000) }),
  exportSettings: () => z.object({ type: z.literal('exportSettings') }),
  listNorms: () => z.object({ type: z.literal('listNorms') }),
  eraseAll: () => z.object({ type: z.literal('eraseAll') }),
  pause: () => z.object({ type: z.literal('pause'), until: instant().nullable() }),
  // Review report and attention (issue 6).
  reportData: () => z.object({ type: z.literal('reportData'), clientKey: clientKey(), from: instant(), to: instant() }),
  attention: () => z.object({ type: z.literal('attention') }),
  // Site health (popup's health line, page reports).
  siteHealth: () => z.object({ type: z.literal('siteHealth') }),
  // History import (issue 14): parts are held until the commit writes them in one transaction.
  importPart: () =>
    z.object({ type: z.literal('importPart'), importId: importId(), index: z.number().int().min(0).max(100_000), threads: z.array(importThreadSchema()).max(5000) }),
  importCommit: () =>
    z.object({
      type: z.literal('importCommit'),
      importId: importId(),
      fileKey: z.string().min(1).max(8192),
      label: z.string().max(500),
      account: address(),
      parts: z.number().int().min(0).max(100_000),
      dateRange: z.object({ from: instant(), to: instant() }).nullable(),
    }),
  importUndo: () => z.object({ type: z.literal('importUndo'), importId: importId() }),
  importList: () => z.object({ type: z.literal('importList') }),
  patternProposals: () => z.object({ type: z.literal('patternProposals') }),
  // The popup's settings and norms in one round trip (issue 16).
  popupData: () => z.object({ type: z.literal('popupData') }),
});

/** Requests that only read or write what the user's own mail or calendar page shows. */
export const CONTENT_REQUEST_TYPES = ['ping', 'messagesSeen', 'policyFor', 'outcome', 'snoozeClient', 'scheduleResult', 'mailboxTimeZone', 'meetingPolicies', 'meetingBooked'] as const;
// The list and the schemas name the same requests (a compile-time check, both ways).
const contentTypesListed: Record<keyof typeof contentRequests, (typeof CONTENT_REQUEST_TYPES)[number]> & Record<(typeof CONTENT_REQUEST_TYPES)[number], keyof typeof contentRequests> =
  Object.fromEntries(CONTENT_REQUEST_TYPES.map((type) => [type, type])) as never;
void contentTypesListed;

type Built<M> = { [K in keyof M]: M[K] extends () => infer S ? S : never }[keyof M];
export type ContentRequest = z.output<Built<typeof contentRequests>>;
export type PageRequest = z.output<Built<typeof pageRequests>>;
/** What a caller writes; `z.input` so that addresses need not be lower-cased by the caller. */
export type Request = z.input<Built<typeof contentRequests>> | z.input<Built<typeof pageRequests>>;

/** Each type's schema, built on its first request (core/zod.ts `once`); a Map, so only the table's own types are found. */
function schemaOnFirstUse<T>(builders: Record<string, () => z.ZodType>): (type: unknown) => z.ZodType<T> | null {
  const byType = new Map(Object.entries(builders).map(([type, build]) => [type, once(build)]));
  return (type) => (typeof type === 'string' ? ((byType.get(type)?.() as z.ZodType<T> | undefined) ?? null) : null);
}

/** The schema of a content script's request of this `type`; null when no content request has it. */
export const contentRequestSchema = schemaOnFirstUse<ContentRequest>(contentRequests);
/** The schema of an extension page's request of this `type`; null when no page request has it. */
export const pageRequestSchema = schemaOnFirstUse<PageRequest>(pageRequests);
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export type { AttentionReport, ClientNorms, ReportData };
export type { ImportRecord, PatternProposal };

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
  /** Null: the browser's own zone. */
  mailboxTimeZone: { timeZone: string | null };
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
  scheduleResult: { recorded: true };
  /** The counters, and the Monday ("YYYY-MM-DD") starting this week in the user's zone. */
  siteHealth: SiteHealth & { thisWeek: string };
  importPart: { received: number };
  /** `known`: messages already stored (from live reading) and left as they were; `replaced`: earlier imports of the same files. */
  importCommit: { record: ImportRecord; known: number; replaced: number };
  importUndo: { undone: boolean };
  importList: ImportRecord[];
  patternProposals: PatternProposal[];
  popupData: { settings: Settings; norms: ClientNorms[] };
}

export type ErrorCode = 'invalid-request' | 'forbidden' | 'failed' | 'timeout' | 'unreachable';

/**
 * The settings revision an answer to an extension page belongs to (store/revision.ts): for a
 * request that only reads, the revision before it read; for one that may change what the pages
 * show (PAGE_REQUEST_CHANGES in constants.ts), the revision once it is written. Null when what
 * was read belongs to no one revision: the norms were being rebuilt under new settings (old norms,
 * new settings), or the database had no revision yet.
 */
export type Revision = number | null;

/**
 * Every answer is wrapped so that failures are values, never exceptions in the caller. Answers to
 * the extension's pages carry the settings revision; answers to content scripts do not.
 */
export type Envelope<T> = ({ ok: true; value: T } | { ok: false; code: ErrorCode; error: string }) & { revision?: Revision };

/** Pushed on the norms-updates port. */
export interface NormsChangedEvent {
  type: 'normsChanged';
  clientKeys: string[] | 'all';
}

/*
 * The popup's questions to the content script of the active mail tab (browser.tabs.sendMessage).
 * The content script answers by the literal `type`; it cannot afford zod, so this part has types
 * and no schema, and the popup checks each answer's shape itself (messaging/tab-client.ts): the
 * tab may run an older content script, or none.
 */

/** What each question is answered with. */
export interface TabResponseMap {
  /** Who the open thread is with: lower-cased addresses of the other parties (never the user's own). */
  'replypace:threadCounterparts': { counterparts: string[] };
  /**
   * The page's markup for a page report (src/page-report/): `document.documentElement.outerHTML`,
   * uncensored and never stored as it is. The popup censors it before anything is written, so that
   * it costs the content script nothing. The host is the page's own: the popup is not told the
   * tab's address (no host permission).
   */
  'replypace:pageMarkup': { site: SiteId; host: string; html: string };
}

export type TabRequestType = keyof TabResponseMap;
export type TabRequest = { [T in TabRequestType]: { type: T } }[TabRequestType];
