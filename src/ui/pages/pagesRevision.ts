/**
 * What the extension pages know of the background's settings revision (store/revision.ts), kept in
 * their shared localStorage: the popup checks its last view against it synchronously, in its
 * first render, before any answer (popup/lastView.ts). The background cannot write it there (a
 * Chrome service worker has no localStorage), so the pages write what their answers tell them,
 * all through one function (`ask` in api.ts):
 *
 * - `revision`: the newest revision any page was answered with. It is only ever raised, so an
 *   answer that arrives late never makes an older view look current. Null while unknown: nothing
 *   learned yet, or a change went unanswered (it may still land).
 * - `changes`: changes sent and not answered yet. While one is under way no view is painted or
 *   kept: the background may have written it already. Each lapses at its own deadline, in case
 *   its page was closed before the answer came.
 *
 * Changes the pages never see (a snooze from the nudge card, a request sent by hand) raise the
 * revision in the background all the same: the popup learns it with its fresh answers, a moment
 * after painting a view those changes left as it was (nothing a snooze changes is drawn).
 */
import type { Revision } from '../../messaging/protocol.ts';
import { pagesStorage } from './pagesStorage.ts';

export const PAGES_REVISION_KEY = 'replypace:settingsRevision';

interface Known {
  revision: number | null;
  /** Change id → the time (ms) after which it no longer holds views back. */
  changes: Record<string, number>;
}

export interface PagesRevision {
  /** The revision a last view must carry to be painted or kept now; null when no view may be. */
  current(now?: number): number | null;
  /** A change is about to be sent; returns the function to call with its answer's revision (undefined: no answer). */
  changeSent(timeoutMs: number, now?: number): (revision: Revision | undefined) => void;
  /** The revision an answer to a read carried. */
  learned(revision: Revision | undefined): void;
}

const isRevision = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseKnown(text: string | null): Known {
  try {
    const value: unknown = text ? JSON.parse(text) : null;
    if (typeof value !== 'object' || value === null) return { revision: null, changes: {} };
    const { revision, changes } = value as Record<string, unknown>;
    const kept: Record<string, number> = {};
    if (typeof changes === 'object' && changes !== null) {
      for (const [id, until] of Object.entries(changes)) if (typeof until === 'number') kept[id] = until;
    }
    return { revision: isRevision(revision) ? revision : null, changes: kept };
  } catch {
    return { revision: null, changes: {} };
  }
}

/** What is known now; nothing when the pages' storage cannot be read. */
function readKnown(): Known {
  try {
    return parseKnown(pagesStorage()?.getItem(PAGES_REVISION_KEY) ?? null);
  } catch {
    return { revision: null, changes: {} };
  }
}

/** Reads, changes and writes back what is known; false when the pages' storage cannot be used. */
function update(change: (known: Known) => void): boolean {
  const storage = pagesStorage();
  if (!storage) return false;
  try {
    const known = parseKnown(storage.getItem(PAGES_REVISION_KEY));
    change(known);
    storage.setItem(PAGES_REVISION_KEY, JSON.stringify(known));
    return true;
  } catch {
    return false;
  }
}

function raise(known: Known, revision: Revision | undefined): void {
  if (isRevision(revision)) known.revision = known.revision === null ? revision : Math.max(known.revision, revision);
}

let changeCount = 0;

export const localPagesRevision: PagesRevision = {
  current(now = Date.now()) {
    const known = readKnown();
    return Object.values(known.changes).some((until) => until > now) ? null : known.revision;
  },
  changeSent(timeoutMs, now = Date.now()) {
    const id = `${now.toString(36)}-${(changeCount += 1)}-${Math.random().toString(36).slice(2, 8)}`;
    update((known) => {
      // Lapsed changes are dropped as new ones are written, so the list never grows without bound.
      for (const [other, until] of Object.entries(known.changes)) if (until <= now) delete known.changes[other];
      known.changes[id] = now + timeoutMs;
    });
    return (revision) =>
      void update((known) => {
        delete known.changes[id];
        if (isRevision(revision)) raise(known, revision);
        else known.revision = null;
      });
  },
  learned(revision) {
    if (!isRevision(revision)) return;
    const known = readKnown();
    // Most answers tell nothing new: the storage is written only when the revision rises.
    if (known.revision === null || revision > known.revision) update((latest) => raise(latest, revision));
  },
};
