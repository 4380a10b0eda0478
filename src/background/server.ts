/**
 * The background's answers to the protocol: every payload is checked with zod, and only the
 * extension's own contexts are answered (its pages; its content scripts on the mail sites).
 */
import { buildPolicySnapshot } from '../core/policy.ts';
import { buildMeetingPolicies } from '../core/meetingPolicy.ts';
import { isDeepStrictEqualJson } from '../core/json.ts';
import { parseSettingsFile, serializeSettingsFile, validateSettings, type Settings } from '../core/settings.ts';
import type { Instant } from '../core/types.ts';
import {
  contentRequestSchema,
  pageRequestSchema,
  type ContentRequest,
  type Envelope,
  type ErrorCode,
  type NormsChangedEvent,
  type PageRequest,
  type ResponseMap,
} from '../messaging/protocol.ts';
import {
  countUnreadableTimes,
  eraseAll,
  listImports,
  patternProposals,
  undoImport,
  writeImport,
  ingestMessages,
  lastUnansweredInbound,
  listNorms,
  listNormsChanged,
  normsFor,
  readSettings,
  rebuildIfPending,
  recordOutcome,
  writeSettings,
  type ReplyPaceDb,
} from '../store/index.ts';
import { computeAttention } from '../store/attention.ts';
import { readReportData } from '../store/report-data.ts';
import { recordMeeting } from '../store/meetings.ts';
import { healthWeekOf, readSiteHealth, recordScheduleResult, recordUnreadable } from '../store/health.ts';
import { directoryFromSettings } from '../store/settings-directory.ts';
import { createImportStaging } from './import-staging.ts';
import { createRevisionStamp } from './revision-stamp.ts';
import { PAGE_REQUEST_CHANGES } from '../messaging/constants.ts';

/** Who sent a message, as runtime.onMessage and runtime.onConnect describe it. */
export interface MessageSender {
  id?: string;
  url?: string;
  /** The origin of the sending document, stated by the browser; for about:blank, the one it inherited. */
  origin?: string;
  tab?: { id?: number; url?: string };
}

export interface ServerDeps {
  db: ReplyPaceDb;
  /** runtime.id: messages from any other extension are refused. */
  runtimeId: string;
  /** runtime.getURL(''), e.g. "chrome-extension://abc/". */
  extensionBaseUrl: string;
  /** The manifest's host match patterns for the mail sites ("https://mail.google.com/*", …). */
  mailMatches: readonly string[];
  version: string;
  now(): Instant;
  /** The browser's own zone: the default schedule's zone on a fresh install. */
  userTimeZone(): string;
  /** Tells open pages that norms changed. */
  notify(event: NormsChangedEvent): void;
  /** A second copy of the settings outside IndexedDB, so a damaged database never loses the user's setup. */
  settingsBackup?: SettingsBackup;
  /** Hears every attention report computed for a page, e.g. to show its count on the badge. */
  onAttention?(report: ResponseMap['attention']): void;
  /** A norms rebuild that failed is tried again after this long (default 30 s). */
  rebuildRetryMs?: number;
}

export interface SettingsBackup {
  save(settings: Settings): Promise<void>;
  load(): Promise<unknown>;
  clear(): Promise<void>;
}

export type SenderKind = 'page' | 'content-script';

class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** "https://mail.google.com/*" → "https://mail.google.com". Only exact-host https patterns are used. */
export function originsOfMatches(matches: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const pattern of matches) {
    const match = /^(https):\/\/([a-z0-9.-]+)\/\*$/i.exec(pattern);
    if (match) origins.add(`${match[1]!.toLowerCase()}://${match[2]!.toLowerCase()}`);
  }
  return origins;
}

/** Which of the extension's own contexts sent this, or null when it is not one of them. */
export function classifySender(sender: MessageSender, deps: Pick<ServerDeps, 'runtimeId' | 'extensionBaseUrl'>, mailOrigins: Set<string>): SenderKind | null {
  if (sender.id !== deps.runtimeId) return null;
  const url = sender.url ?? sender.tab?.url;
  if (!url) return null;
  if (url.startsWith(deps.extensionBaseUrl)) return 'page';
  let origin: string;
  try {
    // Outlook's popped-out compose is an about:blank window of the Outlook tab, where the content
    // script runs too (match_about_blank): it is known by the origin it inherited.
    origin = url === 'about:blank' && sender.origin ? sender.origin : new URL(url).origin;
  } catch {
    return null;
  }
  return sender.tab && mailOrigins.has(origin) ? 'content-script' : null;
}

/**
 * How long an answer to listNorms is reused while no norm changed: the popup, the options page and
 * the report ask for it on every opening. The summaries' windows move with the clock, by the day,
 * so a minute is the most it may lag behind.
 */
export const NORMS_REUSE_MS = 60_000;

/** How long a settings save waits for the norms rebuild before answering (it goes on after). */
const REBUILD_WAIT_MS = 2_000;

export function createServer(deps: ServerDeps) {
  const mailOrigins = originsOfMatches(deps.mailMatches);
  let settingsWrites: Promise<unknown> = Promise.resolve();

  // The last norms answer, the clients whose norms changed since it was read, and a count of norm
  // changes: an answer read while a change was being written is not kept (it may predate the change).
  let normsAnswer: { at: Instant; value: ResponseMap['listNorms'] } | null = null;
  const changedSinceAnswer = new Set<string>();
  let normsChanges = 0;

  /**
   * Every change of the stored norms goes through here: the clients it names are read again on the
   * next request (all of them for a rebuild or an erase), pages are told.
   */
  function normsChanged(event: NormsChangedEvent): void {
    normsChanges += 1;
    if (event.clientKeys === 'all') normsAnswer = null;
    else for (const key of event.clientKeys) changedSinceAnswer.add(key);
    deps.notify(event);
  }

  async function currentNorms(): Promise<ResponseMap['listNorms']> {
    const now = deps.now();
    const changesBefore = normsChanges;
    const kept = normsAnswer;
    if (kept && now >= kept.at && now - kept.at < NORMS_REUSE_MS) {
      if (changedSinceAnswer.size === 0) return kept.value;
      // New mail changed a few clients: only they are read again, as of the kept answer's time, so
      // the answer is the one a full read at that time gives (listNormsChanged).
      const changed = [...changedSinceAnswer];
      const value = await listNormsChanged(deps.db, kept.value, changed, kept.at);
      if (normsChanges === changesBefore && normsAnswer === kept) {
        normsAnswer = { at: kept.at, value };
        changedSinceAnswer.clear();
      }
      return value;
    }
    const value = await listNorms(deps.db, now);
    if (normsChanges === changesBefore) {
      normsAnswer = { at: now, value };
      changedSinceAnswer.clear();
    }
    return value;
  }

  const backup = deps.settingsBackup;
  const importStaging = createImportStaging(deps.now);
  // Every write below that raises the settings revision (store/revision.ts) calls revisions.changed().
  const revisions = createRevisionStamp(deps.db);

  async function currentSettings(): Promise<Settings> {
    return (await readSettings(deps.db, deps.userTimeZone(), backup && (() => backup.load()))).settings;
  }

  async function storeSettings(settings: Settings, options?: { rebuild?: boolean }): Promise<void> {
    await writeSettings(deps.db, settings, options);
    revisions.changed();
    // Best effort: the database copy is the one in use; the backup only matters if it is lost.
    await backup?.save(settings).catch((error: unknown) => console.warn('[ReplyPace] settings backup failed:', error));
  }

  /** Runs `task` after every write queued before it, and before any queued after it. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = settingsWrites.then(task);
    settingsWrites = run.catch(() => undefined);
    return run;
  }

  /** Read-modify-write of the settings, one at a time (pause, snooze, save and erase can race). */
  function updateSettings<T>(change: (settings: Settings) => Promise<T>): Promise<T> {
    return serialized(async () => change(await currentSettings()));
  }

  /**
   * Rebuilds the norms if a settings write asked for it, in turn with the writes (so under the
   * settings stored now). A failure leaves the request standing and is tried again later.
   */
  let retryMs = deps.rebuildRetryMs ?? 30_000;
  function rebuildPending(): Promise<void> {
    return updateSettings(async (settings) => {
      if (await rebuildIfPending(deps.db, settings)) {
        revisions.changed();
        normsChanged({ type: 'normsChanged', clientKeys: 'all' });
      }
      retryMs = deps.rebuildRetryMs ?? 30_000;
    }).catch((error: unknown) => {
      // A closed database is the background going away: the request stands for its next start.
      if ((error as { name?: string } | null)?.name === 'DatabaseClosedError') return;
      console.warn('[ReplyPace] norms rebuild failed; trying again later:', error);
      setTimeout(() => void rebuildPending(), retryMs);
      retryMs = Math.min(retryMs * 2, 30 * 60_000);
    });
  }
  /** A rebuild left pending when the background last stopped runs with its first request. */
  let resumed = false;

  /**
   * Saves settings from a page's form or an imported file. With `keepPauseAndSnoozes` (every form of
   * the pages, and every import) the pause and the snoozes are not taken from it: they change on
   * their own (popup, mail tabs) since the page loaded them, or belong to another browser's day.
   * Once the settings are written the answer is a success, whatever the norms rebuild they need
   * does: that is waited for a moment, and otherwise finishes (or is retried) on its own.
   */
  async function replaceSettings(fromPage: Settings, keepPauseAndSnoozes: boolean): Promise<ResponseMap['saveSettings']> {
    const next = await updateSettings(async (previous) => {
      const kept: Settings = keepPauseAndSnoozes ? { ...fromPage, pausedUntil: previous.pausedUntil, snoozes: previous.snoozes } : fromPage;
      const measuredBy = (s: Settings) => ({ me: s.me, defaults: s.defaults, clients: s.clients });
      await storeSettings(kept, { rebuild: !isDeepStrictEqualJson(measuredBy(previous), measuredBy(kept)) });
      return kept;
    });
    await Promise.race([rebuildPending(), new Promise((resolve) => setTimeout(resolve, REBUILD_WAIT_MS))]);
    return { settings: next, problems: [] };
  }

  async function handleContent(request: ContentRequest): Promise<unknown> {
    switch (request.type) {
      case 'ping':
        return { version: deps.version } satisfies ResponseMap['ping'];
      case 'messagesSeen': {
        const settings = await currentSettings();
        const result = await ingestMessages(deps.db, request.site, request.account, request.messages, settings, deps.now());
        await countUnreadableTimes(deps.db, request.unreadableTimes ?? 0);
        await recordUnreadable(deps.db, request.site, request.unreadableTimes ?? 0, healthWeekOf(deps.now(), deps.userTimeZone()));
        if (result.changedClients.length > 0) normsChanged({ type: 'normsChanged', clientKeys: result.changedClients });
        return { added: result.added, known: result.known, skipped: result.skipped } satisfies ResponseMap['messagesSeen'];
      }
      case 'policyFor': {
        const now = deps.now();
        const settings = await currentSettings();
        const lastInbound = request.threadId ? await lastUnansweredInbound(deps.db, request.threadId) : null;
        const snapshot = buildPolicySnapshot(settings, {
          recipients: request.recipients,
          account: request.account,
          lastInboundAt: lastInbound?.at ?? null,
          now,
          userTimeZone: deps.userTimeZone(),
        });
        if (!snapshot) return null satisfies ResponseMap['policyFor'];
        const norms = await normsFor(deps.db, snapshot.clientKey, now);
        return { ...snapshot, norms: norms?.summary ?? null } satisfies ResponseMap['policyFor'];
      }
      case 'outcome':
        await recordOutcome(deps.db, request.outcome);
        return { recorded: true } satisfies ResponseMap['outcome'];
      case 'mailboxTimeZone': {
        const zone = request.site === 'outlook' ? (await currentSettings()).outlookTimeZone : undefined;
        return { timeZone: zone ?? null } satisfies ResponseMap['mailboxTimeZone'];
      }
      case 'snoozeClient': {
        const now = deps.now();
        return updateSettings(async (settings) => {
          // Expired snoozes are dropped as new ones are written, so the map never grows without bound.
          const snoozes = Object.fromEntries(Object.entries(settings.snoozes).filter(([, until]) => until > now));
          snoozes[request.clientKey] = Math.max(request.until, snoozes[request.clientKey] ?? 0);
          await storeSettings({ ...settings, snoozes });
          return { until: snoozes[request.clientKey]! } satisfies ResponseMap['snoozeClient'];
        });
      }
      case 'meetingPolicies': {
        const settings = await currentSettings();
        return buildMeetingPolicies(settings, request.guests, { account: request.account, userTimeZone: deps.userTimeZone(), now: deps.now() }) satisfies ResponseMap['meetingPolicies'];
      }
      case 'meetingBooked':
        await recordMeeting(deps.db, request.meeting);
        return { recorded: true } satisfies ResponseMap['meetingBooked'];
      case 'scheduleResult': {
        const { type: _type, site, ...result } = request;
        await recordScheduleResult(deps.db, site, result, healthWeekOf(deps.now(), deps.userTimeZone()));
        return { recorded: true } satisfies ResponseMap['scheduleResult'];
      }
    }
  }

  async function handlePage(request: PageRequest): Promise<unknown> {
    switch (request.type) {
      case 'getSettings':
        return currentSettings() satisfies Promise<ResponseMap['getSettings']>;
      case 'saveSettings': {
        const checked = validateSettings(request.settings);
        if (!checked.ok) throw new RequestError('invalid-request', checked.errors.join('\n'));
        return replaceSettings(checked.settings, request.keepPauseAndSnoozes === true);
      }
      case 'importSettings': {
        const checked = parseSettingsFile(request.text);
        if (!checked.ok) throw new RequestError('invalid-request', checked.errors.join('\n'));
        return replaceSettings(checked.settings, true);
      }
      case 'exportSettings': {
        const now = deps.now();
        const settings = await currentSettings();
        const day = new Date(now).toISOString().slice(0, 10);
        return { text: serializeSettingsFile(settings, now), fileName: `replypace-settings-${day}.json` } satisfies ResponseMap['exportSettings'];
      }
      case 'listNorms':
        return currentNorms() satisfies Promise<ResponseMap['listNorms']>;
      case 'eraseAll':
        // In turn with the settings writes, and the backup first: a write landing between the two
        // would otherwise find no settings in the database and bring the backup's back.
        await serialized(async () => {
          await backup?.clear();
          await eraseAll(deps.db);
          revisions.changed();
        });
        normsChanged({ type: 'normsChanged', clientKeys: 'all' });
        return { erased: true } satisfies ResponseMap['eraseAll'];
      case 'pause':
        return updateSettings(async (settings) => {
          await storeSettings({ ...settings, pausedUntil: request.until });
          return { until: request.until } satisfies ResponseMap['pause'];
        });
      case 'reportData':
        return readReportData(deps.db, await currentSettings(), request.clientKey, request.from, request.to) satisfies Promise<ResponseMap['reportData']>;
      case 'popupData': {
        const [settings, norms] = await Promise.all([currentSettings(), currentNorms()]);
        return { settings, norms } satisfies ResponseMap['popupData'];
      }
      case 'attention': {
        const report = await computeAttention(deps.db, await currentSettings(), deps.now());
        deps.onAttention?.(report);
        return report satisfies ResponseMap['attention'];
      }
      case 'siteHealth':
        return { ...(await readSiteHealth(deps.db)), thisWeek: healthWeekOf(deps.now(), deps.userTimeZone()) } satisfies ResponseMap['siteHealth'];
      case 'importPart':
        return { received: importStaging.addPart(request.importId, request.index, request.threads) } satisfies ResponseMap['importPart'];
      case 'importCommit': {
        const threads = importStaging.take(request.importId, request.parts);
        if (!threads) throw new RequestError('failed', 'The import was interrupted before all of it arrived (ReplyPace’s background restarted). Nothing was written: import the files again.');
        // Settings are not changed meanwhile: the import is measured by the settings it was written with.
        const written = await updateSettings(async (settings) =>
          writeImport(
            deps.db,
            { importId: request.importId, fileKey: request.fileKey, label: request.label, account: request.account, createdAt: deps.now(), dateRange: request.dateRange, threads },
            directoryFromSettings(settings),
          ),
        );
        revisions.changed();
        normsChanged({ type: 'normsChanged', clientKeys: 'all' });
        return { record: written.record, known: written.known, replaced: written.replaced.length } satisfies ResponseMap['importCommit'];
      }
      case 'importUndo': {
        const result = await updateSettings(async (settings) => undoImport(deps.db, request.importId, directoryFromSettings(settings)));
        if (result.undone) {
          revisions.changed();
          normsChanged({ type: 'normsChanged', clientKeys: 'all' });
        }
        return { undone: result.undone } satisfies ResponseMap['importUndo'];
      }
      case 'importList':
        return listImports(deps.db) satisfies Promise<ResponseMap['importList']>;
      case 'patternProposals':
        return patternProposals(deps.db, await currentSettings(), deps.now()) satisfies Promise<ResponseMap['patternProposals']>;
    }
  }

  /**
   * Answers a page's own request, stamped with the settings revision its answer belongs to: for a
   * read, the revision before reading (what it read is at least that new); for a change, the
   * revision once written (see `Revision` in messaging/protocol.ts).
   */
  async function answerPage(request: PageRequest): Promise<Envelope<unknown>> {
    const changes = PAGE_REQUEST_CHANGES[request.type];
    // Asked before the request's own reads are (so it is never newer than they), not waited for first.
    const before = changes ? undefined : revisions.current();
    let answer: Envelope<unknown>;
    try {
      answer = { ok: true, value: await handlePage(request) };
    } catch (error) {
      answer = failureOf(error);
    }
    const revision = changes ? await revisions.afterWrite() : await before;
    return revision === undefined ? answer : { ...answer, revision };
  }

  /** Answers one message. Never throws: every failure is an error envelope. */
  async function handle(message: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    if (!resumed) {
      resumed = true;
      void rebuildPending();
    }
    const kind = classifySender(sender, deps, mailOrigins);
    if (!kind) return failure('forbidden', 'ReplyPace answers only its own pages and its content scripts on the mail sites.');
    try {
      const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
      // Only the schema of this request's type is built (on its first use: protocol.ts).
      const contentSchema = contentRequestSchema(type);
      if (contentSchema) {
        const content = contentSchema.safeParse(message);
        if (content.success) return { ok: true, value: await handleContent(content.data) };
        return failure('invalid-request', issuesText(content.error.issues));
      }
      const pageSchema = pageRequestSchema(type);
      if (pageSchema) {
        if (kind !== 'page') return failure('forbidden', `'${String(type)}' is for the extension's own pages only.`);
        const page = pageSchema.safeParse(message);
        if (page.success) return await answerPage(page.data);
        return failure('invalid-request', issuesText(page.error.issues));
      }
      return failure('invalid-request', `Unknown request type ${JSON.stringify(type ?? null)}.`);
    } catch (error) {
      return failureOf(error);
    }
  }

  return { handle, isPage: (sender: MessageSender) => classifySender(sender, deps, mailOrigins) === 'page' };
}

function failure(code: ErrorCode, error: string): Envelope<never> {
  return { ok: false, code, error };
}

function failureOf(error: unknown): Envelope<never> {
  if (error instanceof RequestError) return failure(error.code, error.message);
  return failure('failed', error instanceof Error ? error.message : String(error));
}

function issuesText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`).join('\n');
}
