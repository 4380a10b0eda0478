/**
 * The background's answers to the protocol: every payload is checked with zod, and only the
 * extension's own contexts are answered (its pages; its content scripts on the mail sites).
 */
import { buildPolicySnapshot } from '../core/policy.ts';
import { buildMeetingPolicies } from '../core/meetingPolicy.ts';
import { isDeepStrictEqualJson } from './json.ts';
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
  ingestMessages,
  lastUnansweredInbound,
  listNorms,
  listNormsChanged,
  normsFor,
  readSettings,
  rebuildAggregates,
  recordOutcome,
  writeSettings,
  type ReplyPaceDb,
} from '../store/index.ts';
import { computeAttention, readReportData } from '../store/review.ts';
import { recordMeeting } from '../store/meetings.ts';

/** Who sent a message, as runtime.onMessage and runtime.onConnect describe it. */
export interface MessageSender {
  id?: string;
  url?: string;
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
    origin = new URL(url).origin;
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

  async function currentSettings(): Promise<Settings> {
    return (await readSettings(deps.db, deps.userTimeZone(), backup && (() => backup.load()))).settings;
  }

  async function storeSettings(settings: Settings): Promise<void> {
    await writeSettings(deps.db, settings);
    // Best effort: the database copy is the one in use; the backup only matters if it is lost.
    await backup?.save(settings).catch((error: unknown) => console.warn('[ReplyPace] settings backup failed:', error));
  }

  /** Read-modify-write of the settings, one at a time (pause, snooze and save can race). */
  function updateSettings<T>(change: (settings: Settings) => Promise<T>): Promise<T> {
    const run = settingsWrites.then(async () => change(await currentSettings()));
    settingsWrites = run.catch(() => undefined);
    return run;
  }

  /** Saves new settings; rebuilds the norms when what they are measured by changed. */
  function replaceSettings(next: Settings): Promise<ResponseMap['saveSettings']> {
    return updateSettings(async (previous) => {
      await storeSettings(next);
      const measuredBy = (s: Settings) => ({ me: s.me, defaults: s.defaults, clients: s.clients });
      if (!isDeepStrictEqualJson(measuredBy(previous), measuredBy(next))) {
        await rebuildAggregates(deps.db, next);
        normsChanged({ type: 'normsChanged', clientKeys: 'all' });
      }
      return { settings: next, problems: [] };
    });
  }

  async function handleContent(request: ContentRequest): Promise<unknown> {
    switch (request.type) {
      case 'ping':
        return { version: deps.version } satisfies ResponseMap['ping'];
      case 'messagesSeen': {
        const settings = await currentSettings();
        const result = await ingestMessages(deps.db, request.site, request.account, request.messages, settings, deps.now());
        await countUnreadableTimes(deps.db, request.unreadableTimes ?? 0);
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
    }
  }

  async function handlePage(request: PageRequest): Promise<unknown> {
    switch (request.type) {
      case 'getSettings':
        return currentSettings() satisfies Promise<ResponseMap['getSettings']>;
      case 'saveSettings': {
        const checked = validateSettings(request.settings);
        if (!checked.ok) throw new RequestError('invalid-request', checked.errors.join('\n'));
        return replaceSettings(checked.settings);
      }
      case 'importSettings': {
        const checked = parseSettingsFile(request.text);
        if (!checked.ok) throw new RequestError('invalid-request', checked.errors.join('\n'));
        return replaceSettings(checked.settings);
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
        await settingsWrites;
        await eraseAll(deps.db);
        await backup?.clear();
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
    }
  }

  /** Answers one message. Never throws: every failure is an error envelope. */
  async function handle(message: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    const kind = classifySender(sender, deps, mailOrigins);
    if (!kind) return failure('forbidden', 'ReplyPace answers only its own pages and its content scripts on the mail sites.');
    try {
      const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
      const content = contentRequestSchema.safeParse(message);
      if (content.success) return { ok: true, value: await handleContent(content.data) };
      if (kind === 'page') {
        const page = pageRequestSchema.safeParse(message);
        if (page.success) return { ok: true, value: await handlePage(page.data) };
        if (pageRequestSchema.options.some((o) => o.shape.type.value === type)) return failure('invalid-request', issuesText(page.error.issues));
      } else if (pageRequestSchema.options.some((o) => o.shape.type.value === type)) {
        return failure('forbidden', `'${String(type)}' is for the extension's own pages only.`);
      }
      if (contentRequestSchema.options.some((o) => o.shape.type.value === type)) return failure('invalid-request', issuesText(content.error.issues));
      return failure('invalid-request', `Unknown request type ${JSON.stringify(type ?? null)}.`);
    } catch (error) {
      if (error instanceof RequestError) return failure(error.code, error.message);
      return failure('failed', error instanceof Error ? error.message : String(error));
    }
  }

  return { handle, isPage: (sender: MessageSender) => classifySender(sender, deps, mailOrigins) === 'page' };
}

function failure(code: ErrorCode, error: string): Envelope<never> {
  return { ok: false, code, error };
}

function issuesText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`).join('\n');
}
