/**
 * The store as the background uses it: one database, written through these functions only.
 */
import { repairSettings, type RepairResult, type Settings } from '../core/settings.ts';
import type { Instant, MessageSeen, SiteId } from '../core/types.ts';
import type { ReplyPaceDb, SettingsRecord } from './db.ts';
import { ingestWithDirectory, rebuildInTurn, rebuildWithDirectory, type IngestResult } from './ingest.ts';
import { inTurn, leftBehindInTurn } from './aggregateBuffer.ts';
import { directoryFromSettings } from './settings-directory.ts';
import { META_REBUILD_PENDING, raiseRevision } from './revision.ts';
import { passesUnchanged, SETTINGS_RULES, stampFor } from './settings-check.ts';

export { openDatabase, DATABASE_NAME, type ReplyPaceDb } from './db.ts';
export { initializeRevision, META_REBUILD_PENDING, META_SETTINGS_REVISION, readRevision, type RevisionState } from './revision.ts';
export type { IngestResult } from './ingest.ts';
export { countUnreadableTimes, META_SKIPPED_FUTURE, META_UNREADABLE_TIMES } from './ingest.ts';
export { listImports, undoImport, writeImport, type ImportToWrite, type ImportWritten } from './imports.ts';
export { patternProposals, type PatternProposal } from './patterns.ts';
export type { ImportRecord } from './db.ts';
export {
  eraseAll,
  lastUnansweredInbound,
  listNorms,
  listNormsChanged,
  normsFor,
  pairsForClient,
  recordOutcome,
  type ClientNorms,
} from './queries.ts';

/**
 * Stores what a mail page saw. Idempotent (the same message from five tabs is one record) and
 * bulk (one transaction); re-pairs the threads it touched and updates their clients' aggregates.
 */
export function ingestMessages(
  db: ReplyPaceDb,
  site: SiteId,
  account: string,
  messages: readonly MessageSeen[],
  settings: Settings,
  now: Instant,
): Promise<IngestResult> {
  return ingestWithDirectory(db, site, account, messages, directoryFromSettings(settings), now);
}

/** Recomputes every pair and aggregate under new settings (client rules, schedules, threshold). */
export function rebuildAggregates(db: ReplyPaceDb, settings: Settings): Promise<void> {
  return rebuildWithDirectory(db, directoryFromSettings(settings));
}

/**
 * The stored settings, repaired field by field. With a `backup`, a database that cannot be read or
 * has lost its settings row falls back to the backup copy rather than to the defaults.
 */
export async function readSettings(db: ReplyPaceDb, timeZone: string, backup?: () => Promise<unknown>): Promise<RepairResult> {
  let record: SettingsRecord | undefined;
  let stored: unknown;
  try {
    record = await db.settings.get('settings');
    stored = record?.value;
  } catch (error) {
    if (!backup) throw error;
    console.warn('[ReplyPace] settings unreadable in the database; using the backup copy:', error);
  }
  // Found valid and unchanged by these very rules when written (settings-check.ts): what checking gives.
  if (record && stored !== undefined && record.checked === SETTINGS_RULES) return { settings: stored as Settings, problems: [] };
  if (stored === undefined && backup) stored = await backup().catch(() => undefined);
  const result = repairedSettings(db, stored, timeZone);
  // Stamped for the next start, when it passed unchanged (best effort: the value is only ever read again).
  if (record && record.value === stored && passesUnchanged(stored, result)) {
    void stampChecked(db, result.json).catch((error: unknown) => console.warn('[ReplyPace] could not record the settings as checked:', error));
  }
  return { settings: result.settings, problems: result.problems };
}

/** Gives the stored settings this build's stamp, if they are still the ones checked (`json`). */
async function stampChecked(db: ReplyPaceDb, json: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const current = await db.settings.get('settings');
    if (current && current.checked !== SETTINGS_RULES && JSON.stringify(current.value) === json) await db.settings.put({ ...current, checked: SETTINGS_RULES });
  });
}

/**
 * The last stored value each database's settings were repaired from, and the result. Checking 500
 * clients' settings takes about 10 ms, and every popup opening reads them; the stored value is
 * compared as JSON (whoever wrote it), so a changed value is always checked again.
 */
const lastRepaired = new WeakMap<ReplyPaceDb, { json: string; timeZone: string; result: RepairResult }>();

function repairedSettings(db: ReplyPaceDb, stored: unknown, timeZone: string): RepairResult & { json: string } {
  const json = JSON.stringify(stored) ?? 'undefined';
  const kept = lastRepaired.get(db);
  // A copy each time: callers may change what they were given.
  if (kept && kept.json === json && kept.timeZone === timeZone) return { ...structuredClone(kept.result), json };
  const result = repairSettings(stored, timeZone);
  lastRepaired.set(db, { json, timeZone, result: structuredClone(result) });
  return { ...result, json };
}

/**
 * Writes the settings and raises the settings revision (store/revision.ts). With `rebuild`, also
 * records, in the same transaction, that the norms must be rebuilt under them: a rebuild that fails
 * or is cut short (the background stopped) is then retried instead of leaving norms measured by
 * the old settings.
 */
export async function writeSettings(db: ReplyPaceDb, settings: Settings, options: { rebuild?: boolean } = {}): Promise<void> {
  // Worked out before the transaction, which it would otherwise hold while checking.
  const checked = stampFor(settings);
  await db.transaction('rw', [db.settings, db.meta], async () => {
    await db.settings.put(checked === undefined ? { id: 'settings', value: settings } : { id: 'settings', value: settings, checked });
    if (options.rebuild) await db.meta.put({ key: META_REBUILD_PENDING, value: true });
    await raiseRevision(db);
  });
}

/** Rebuilds the norms if a settings write asked for it; true when it did. */
export function rebuildIfPending(db: ReplyPaceDb, settings: Settings): Promise<boolean> {
  return inTurn(db, async () => {
    // A background that stopped with aggregates still to write left its mark (aggregateBuffer.ts).
    const leftBehind = await leftBehindInTurn(db);
    if (!leftBehind && !(await db.meta.get(META_REBUILD_PENDING))) return false;
    await rebuildInTurn(db, directoryFromSettings(settings));
    await db.meta.delete(META_REBUILD_PENDING);
    return true;
  });
}
