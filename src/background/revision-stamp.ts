/**
 * The settings revision the background stamps on its answers to the pages (store/revision.ts,
 * `Revision` in messaging/protocol.ts). Read once and kept in memory; every write that raises it,
 * and the end of a norms rebuild, calls `changed()` so the next stamp is read again.
 */
import type { Revision } from '../messaging/protocol.ts';
import { initializeRevision, readRevision, type ReplyPaceDb, type RevisionState } from '../store/index.ts';

export interface RevisionStamp {
  /** The revision of what is read from now on; null while the norms are rebuilt; undefined when unreadable. */
  current(): Promise<Revision | undefined>;
  /** The revision once a write is done, read afresh (never one from before it); undefined when unreadable. */
  afterWrite(): Promise<number | undefined>;
  /** The stored revision (or the rebuild) changed. */
  changed(): void;
}

export function createRevisionStamp(db: ReplyPaceDb): RevisionStamp {
  let kept: RevisionState | null = null;
  // A read that started before a change must not keep what it read.
  let changes = 0;

  async function state(): Promise<RevisionState | undefined> {
    if (kept) return kept;
    const changesBefore = changes;
    try {
      const read = await readRevision(db);
      if (read.revision === null) {
        // None yet: this answer gets none (a write may be landing with the first), later ones get the first.
        const revision = await initializeRevision(db);
        if (changes === changesBefore) kept = { ...read, revision };
      } else if (changes === changesBefore) {
        kept = read;
      }
      return read;
    } catch {
      // No stamp: the pages then learn nothing from the answer, and keep no view of it.
      return undefined;
    }
  }

  // Read (and, for a database without one, given) as the background starts, before pages ask.
  void state();

  return {
    async current() {
      const read = await state();
      return read && (read.rebuilding ? null : read.revision);
    },
    async afterWrite() {
      changes += 1;
      kept = null;
      return (await state())?.revision ?? undefined;
    },
    changed() {
      changes += 1;
      kept = null;
    },
  };
}
