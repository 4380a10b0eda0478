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
import type { ImportRecord } from '../store/db.ts';
import type { PatternProposal } from '../store/patterns.ts';
import type { Settings } from '../core/settings.ts';

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

/** Requests that only read or write what the user's own mail page shows. */
export const CONTENT_REQUEST_TYPES = ['ping', 'messagesSeen', 'policyFor', 'outcome', 'snoozeClient'] as const;

/** One message of a history import: metadata only (issue 14). */
const importMessageSchema = z.object({
  id: opaqueId,
  at: instant,
  direction: z.enum(['in', 'out']),
  counterparts: z.array(address).max(1000),
  offset: z.number().int().min(-900).max(900).nullable(),
});

const importThreadSchema = z.object({
  threadId: opaqueId,
  site: z.enum(['gmail', 'import']),
  messages: z.array(importMessageSchema).min(1).max(20_000),
});

const importId = z.string().min(1).max(64);

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
  // History import (issue 14): parts are held until the commit writes them in one transaction.
  z.object({ type: z.literal('importPart'), importId, index: z.number().int().min(0).max(100_000), threads: z.array(importThreadSchema).max(5000) }),
  z.object({
    type: z.literal('importCommit'),
    importId,
    fileKey: z.string().min(1).max(8192),
    label: z.string().max(500),
    account: address,
    parts: z.number().int().min(0).max(100_000),
    dateRange: z.object({ from: instant, to: instant }).nullable(),
  }),
  z.object({ type: z.literal('importUndo'), importId }),
  z.object({ type: z.literal('importList') }),
  z.object({ type: z.literal('patternProposals') }),
]);

export type ContentRequest = z.infer<typeof contentRequestSchema>;
export type PageRequest = z.infer<typeof pageRequestSchema>;
/** What a caller writes; `z.input` so that addresses need not be lower-cased by the caller. */
export type Request = z.input<typeof contentRequestSchema> | z.input<typeof pageRequestSchema>;
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
  importPart: { received: number };
  /** `known`: messages already stored (from live reading) and left as they were; `replaced`: earlier imports of the same files. */
  importCommit: { record: ImportRecord; known: number; replaced: number };
  importUndo: { undone: boolean };
  importList: ImportRecord[];
  patternProposals: PatternProposal[];
}

export type ErrorCode = 'invalid-request' | 'forbidden' | 'failed' | 'timeout' | 'unreachable';

/** Every answer is wrapped so that failures are values, never exceptions in the caller. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; error: string };

/** Pushed on the norms-updates port. */
export interface NormsChangedEvent {
  type: 'normsChanged';
  clientKeys: string[] | 'all';
}
