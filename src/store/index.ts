/**
 * The store as the background uses it: one database, written through these functions only.
 */
import { repairSettings, type RepairResult, type Settings } from '../core/settings.ts';
import type { Instant, MessageSeen, SiteId } from '../core/types.ts';
import type { ReplyPaceDb } from './db.ts';
import { ingestWithDirectory, rebuildWithDirectory, type IngestResult } from './ingest.ts';
import { directoryFromSettings } from './settings-directory.ts';

export { openDatabase, DATABASE_NAME, type ReplyPaceDb } from './db.ts';
export type { IngestResult } from './ingest.ts';
export { countUnreadableTimes, META_SKIPPED_FUTURE, META_UNREADABLE_TIMES } from './ingest.ts';
export {
  eraseAll,
  lastUnansweredInbound,
  listNorms,
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

/** The stored settings, repaired field by field (invalid fields fall back to defaults, and say so). */
export async function readSettings(db: ReplyPaceDb, timeZone: string): Promise<RepairResult> {
  const row = await db.settings.get('settings');
  return repairSettings(row?.value, timeZone);
}

export async function writeSettings(db: ReplyPaceDb, settings: Settings): Promise<void> {
  await db.settings.put({ id: 'settings', value: settings });
}
