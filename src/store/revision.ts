/**
 * The settings revision: a number raised by every write that changes what the popup shows (the
 * settings, "Erase all", a history import and its undo). The pages keep the revision their last
 * view was drawn at, and drop a view of another revision (ui/pages/pagesRevision.ts).
 *
 * Kept in the meta table, written in the same transaction as the change it counts, so it survives
 * the service worker stopping and can never say "unchanged" about a change that was written. It
 * only ever grows, even through "Erase all" or a database the browser lost: a new revision is
 * `max(previous + 1, now)`, and a database without one starts at `now`, so a revision is never
 * used twice for two different states.
 */
import type { ReplyPaceDb } from './db.ts';

export const META_SETTINGS_REVISION = 'settingsRevision';
/** Set while the norms must be rebuilt under the stored settings; kept until a rebuild succeeds. */
export const META_REBUILD_PENDING = 'rebuildPending';

function storedRevision(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * Raises the revision. Runs inside the caller's transaction when it includes the meta table (so the
 * change and its revision are written together), else in one of its own.
 */
export async function raiseRevision(db: ReplyPaceDb, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const previous = storedRevision((await db.meta.get(META_SETTINGS_REVISION))?.value);
    const next = previous === null ? now : Math.max(previous + 1, now);
    await db.meta.put({ key: META_SETTINGS_REVISION, value: next });
    return next;
  });
}

export interface RevisionState {
  /** Null in a database that has none yet (see initializeRevision). */
  revision: number | null;
  /**
   * True while the norms wait to be rebuilt under settings already written: what is read then
   * mixes two revisions (new settings, old norms), so it belongs to neither.
   */
  rebuilding: boolean;
}

/** The current revision and whether a rebuild is due. Only reads. */
export async function readRevision(db: ReplyPaceDb): Promise<RevisionState> {
  const [revisionRecord, rebuildRecord] = await db.meta.bulkGet([META_SETTINGS_REVISION, META_REBUILD_PENDING]);
  return { revision: storedRevision(revisionRecord?.value), rebuilding: Boolean(rebuildRecord?.value) };
}

/**
 * Gives a database without a revision its first one (a database from before revisions, or one the
 * browser lost); returns the stored one when a write got there first.
 */
export function initializeRevision(db: ReplyPaceDb, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const stored = storedRevision((await db.meta.get(META_SETTINGS_REVISION))?.value);
    if (stored !== null) return stored;
    await db.meta.put({ key: META_SETTINGS_REVISION, value: now });
    return now;
  });
}
