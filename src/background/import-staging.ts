/**
 * An import arrives in parts (a large mailbox is tens of megabytes of records, more than one
 * message should carry) and is written only when its commit comes, in one transaction. Parts are
 * held in memory until then; if the background restarts in between they are gone, the commit
 * fails with a clear message, and nothing was written.
 */
import type { ImportThread } from '../core/history/preview.ts';
import type { Instant } from '../core/types.ts';

/** Parts not committed within this are dropped (the page was closed mid-way). */
const STALE_MS = 10 * 60_000;

export function createImportStaging(now: () => Instant) {
  const staged = new Map<string, { parts: Map<number, ImportThread[]>; touched: Instant }>();
  const dropStale = () => {
    for (const [id, entry] of staged) if (now() - entry.touched > STALE_MS) staged.delete(id);
  };
  return {
    addPart(importId: string, index: number, threads: ImportThread[]): number {
      dropStale();
      let entry = staged.get(importId);
      if (!entry) staged.set(importId, (entry = { parts: new Map(), touched: now() }));
      entry.parts.set(index, threads);
      entry.touched = now();
      return entry.parts.size;
    },
    /** Every part, in order, once all `parts` arrived; null otherwise. Forgets the import either way. */
    take(importId: string, parts: number): ImportThread[] | null {
      const entry = staged.get(importId);
      staged.delete(importId);
      if (parts === 0) return [];
      if (!entry || entry.parts.size !== parts) return null;
      const threads: ImportThread[] = [];
      for (let i = 0; i < parts; i++) {
        const part = entry.parts.get(i);
        if (!part) return null;
        threads.push(...part);
      }
      return threads;
    },
    drop(importId: string): void {
      staged.delete(importId);
    },
  };
}
