/**
 * The aggregates written behind the threads: ingestion stores a batch's threads at once and keeps
 * the clients' updated aggregates in memory, written together a moment later (after a burst of
 * mail, every client a burst touched is written once instead of once per batch). Reading the
 * aggregates of 167 clients and writing them back cost more than the batch's own thread records
 * (about 30 µs an IndexedDB record in Chromium), and a backlog of mail touches the same clients in
 * batch after batch.
 *
 * Nothing can be lost or read stale:
 * - every read of the aggregates goes through here and sees the pending ones (readAggregates,
 *   readAllAggregates), in turn with the writes (one gate per database);
 * - the first batch after a write of the aggregates records, in its own transaction, that this
 *   background has aggregates pending (META_AGGREGATES_BEHIND, with this background's id); the
 *   write of the aggregates clears it in the same transaction as it writes them. When the
 *   background stops before writing them, the mark stays, and its next start rebuilds every
 *   aggregate from the stored threads (the pairs keep the samples they were counted with), as it
 *   does for a rebuild a settings change left pending;
 * - every other writer of the aggregates (imports and their undo, rebuilds, "Erase all") writes the
 *   pending ones first, in turn, and the aggregates it writes are the stored ones.
 */
import type { AggregateRecord, ReplyPaceDb } from './db.ts';

/** Marks the aggregates as behind the threads; its value is the id of the background that set it. */
export const META_AGGREGATES_BEHIND = 'aggregatesBehind';
/** The meta key of the norms snapshot (normsSnapshot.ts). */
export const META_NORMS_SNAPSHOT = 'normsSnapshot';
/** After the last batch of a burst, the pending aggregates are written this much later… */
export const WRITE_BEHIND_IDLE_MS = 250;
/** …and never later than this after the first of them (a steady stream is written as it goes). */
export const WRITE_BEHIND_MAX_MS = 2_000;
const RETRY_MS = 5_000;

interface Buffer {
  /** This background's id for the mark: a mark with another id was left by a background that stopped. */
  session: string;
  /** The aggregates not written yet, by client; an empty one (count 0) is deleted when written. */
  pending: Map<string, AggregateRecord>;
  /** Whether the stored mark says this background has aggregates pending. */
  marked: boolean;
  /** Everything touching the aggregates, one at a time. */
  gate: Promise<unknown>;
  firstPendingAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Raised by every change of the aggregates, pending or written: a norms snapshot read before one is not kept. */
  generation: number;
}

const buffers = new WeakMap<ReplyPaceDb, Buffer>();

function bufferOf(db: ReplyPaceDb): Buffer {
  let buffer = buffers.get(db);
  if (!buffer) {
    const session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    buffers.set(db, (buffer = { session, pending: new Map(), marked: false, gate: Promise.resolve(), firstPendingAt: 0, timer: null, generation: 0 }));
  }
  return buffer;
}

/** Runs `work` in turn with every other use of the database's aggregates. */
export function inTurn<T>(db: ReplyPaceDb, work: () => Promise<T>): Promise<T> {
  const buffer = bufferOf(db);
  const run = buffer.gate.then(work, work);
  buffer.gate = run.catch(() => undefined);
  return run;
}

/** A copy the caller may change: the aggregate functions change their argument in place. */
export function copyAggregate(aggregate: AggregateRecord): AggregateRecord {
  return { ...aggregate, working: aggregate.working.slice(), wall: aggregate.wall.slice(), days: aggregate.days.slice() };
}

/**
 * The current aggregates of `keys` (undefined for none), pending ones included, as copies. Call in
 * turn (inTurn); may run inside a transaction over the aggregates.
 */
export async function readAggregatesInTurn(db: ReplyPaceDb, keys: readonly string[]): Promise<Array<AggregateRecord | undefined>> {
  const { pending } = bufferOf(db);
  const stored = keys.filter((key) => !pending.has(key));
  const read = stored.length > 0 ? await db.aggregates.bulkGet(stored) : [];
  const fromStore = new Map(stored.map((key, i) => [key, read[i]]));
  return keys.map((key) => {
    const waiting = pending.get(key);
    if (waiting) return waiting.count > 0 ? copyAggregate(waiting) : undefined;
    return fromStore.get(key);
  });
}

/** Every client's current aggregate in key order, pending ones included; empty ones left out. */
export async function readAllAggregatesInTurn(db: ReplyPaceDb): Promise<AggregateRecord[]> {
  const { pending } = bufferOf(db);
  const stored = await db.aggregates.toArray();
  if (pending.size === 0) return stored.filter((a) => a.count > 0);
  const merged = new Map(stored.map((a) => [a.clientKey, a]));
  for (const [key, aggregate] of pending) merged.set(key, copyAggregate(aggregate));
  // In the order IndexedDB lists keys (strings compare by code unit, as `<` does).
  return [...merged.values()].filter((a) => a.count > 0).sort((a, b) => (a.clientKey < b.clientKey ? -1 : a.clientKey > b.clientKey ? 1 : 0));
}

export function readAggregates(db: ReplyPaceDb, keys: readonly string[]): Promise<Array<AggregateRecord | undefined>> {
  return inTurn(db, () => readAggregatesInTurn(db, keys));
}

export function readAllAggregates(db: ReplyPaceDb): Promise<AggregateRecord[]> {
  return inTurn(db, () => readAllAggregatesInTurn(db));
}

/**
 * Inside an ingestion's transaction (which includes the meta table), in turn: records that this
 * background has aggregates pending, unless it already has. A mark another background left (it
 * stopped before writing its aggregates) is kept: the rebuild it asks for covers this one too.
 */
export async function markBehindInTransaction(db: ReplyPaceDb): Promise<void> {
  const buffer = bufferOf(db);
  if (buffer.marked) return;
  const current = await db.meta.get(META_AGGREGATES_BEHIND);
  if (!current) await db.meta.put({ key: META_AGGREGATES_BEHIND, value: buffer.session });
}

/**
 * After the ingestion's transaction committed, in turn: its updated aggregates are pending, to be
 * written shortly. (Called only once the threads and the mark are stored.)
 */
export function stagePending(db: ReplyPaceDb, aggregates: readonly AggregateRecord[]): void {
  if (aggregates.length === 0) return;
  const buffer = bufferOf(db);
  buffer.marked = true;
  buffer.generation += 1;
  if (buffer.pending.size === 0) buffer.firstPendingAt = Date.now();
  for (const aggregate of aggregates) buffer.pending.set(aggregate.clientKey, aggregate);
  schedule(db, buffer, Math.min(WRITE_BEHIND_IDLE_MS, Math.max(0, buffer.firstPendingAt + WRITE_BEHIND_MAX_MS - Date.now())));
}

function schedule(db: ReplyPaceDb, buffer: Buffer, delayMs: number): void {
  if (buffer.timer !== null) clearTimeout(buffer.timer);
  buffer.timer = setTimeout(() => {
    buffer.timer = null;
    void writePending(db).catch((error: unknown) => {
      // A closed database is the background (or a test) going away: the mark stands for its next start.
      if ((error as { name?: string } | null)?.name === 'DatabaseClosedError' || !db.isOpen()) return;
      console.warn('[ReplyPace] the norms could not be written yet; trying again:', error);
      if (buffer.timer === null) schedule(db, buffer, RETRY_MS);
    });
  }, delayMs);
  (buffer.timer as { unref?: () => void }).unref?.();
}

/**
 * Runs `work` in turn, once the pending aggregates are written: for the writers that read and
 * write the stored aggregates themselves (imports and their undo, rebuilds).
 */
export function inTurnWithPendingWritten<T>(db: ReplyPaceDb, work: () => Promise<T>): Promise<T> {
  return inTurn(db, async () => {
    await writePendingInTurn(db);
    return work();
  });
}

/** Writes the pending aggregates now (in turn with everything else). */
export function writePending(db: ReplyPaceDb): Promise<void> {
  return inTurn(db, () => writePendingInTurn(db));
}

/** Writes the pending aggregates and clears this background's mark, in one transaction. Call in turn. */
export async function writePendingInTurn(db: ReplyPaceDb): Promise<void> {
  const buffer = bufferOf(db);
  if (buffer.timer !== null) {
    clearTimeout(buffer.timer);
    buffer.timer = null;
  }
  if (!buffer.marked) return;
  const written = [...buffer.pending.values()];
  await db.transaction('rw', [db.aggregates, db.meta], async () => {
    const keep = written.filter((a) => a.count > 0);
    const emptied = written.filter((a) => a.count === 0).map((a) => a.clientKey);
    const mark = await db.meta.get(META_AGGREGATES_BEHIND);
    await Promise.all([
      writeAggregatesInTransaction(db, { put: keep, remove: emptied }),
      mark?.value === buffer.session ? db.meta.delete(META_AGGREGATES_BEHIND) : null,
    ]);
  });
  buffer.pending.clear();
  buffer.marked = false;
}

/** Forgets what is pending without writing it (in turn): "Erase all" clears every table anyway. */
export function dropPendingInTurn(db: ReplyPaceDb): void {
  const buffer = bufferOf(db);
  if (buffer.timer !== null) clearTimeout(buffer.timer);
  buffer.timer = null;
  buffer.pending.clear();
  buffer.marked = false;
  buffer.generation += 1;
}

/** Whether a background that stopped left aggregates unwritten (after this one's are written). Call in turn. */
export async function leftBehindInTurn(db: ReplyPaceDb): Promise<boolean> {
  await writePendingInTurn(db);
  return (await db.meta.get(META_AGGREGATES_BEHIND)) !== undefined;
}

/**
 * Every write of the aggregates table goes through here (tests/unit/store/norms-snapshot.test.ts
 * checks that no other code writes it), inside the caller's transaction, which includes the meta
 * table: the norms snapshot (normsSnapshot.ts) is deleted with it, so a snapshot never outlives the
 * aggregates it was read from. `clear` empties the table first (a rebuild).
 */
export async function writeAggregatesInTransaction(db: ReplyPaceDb, changes: { put?: readonly AggregateRecord[]; remove?: readonly string[]; clear?: boolean }): Promise<void> {
  bufferOf(db).generation += 1;
  const { put = [], remove = [] } = changes;
  if (changes.clear) await db.aggregates.clear();
  await Promise.all([
    put.length > 0 ? db.aggregates.bulkPut([...put]) : null,
    remove.length > 0 ? db.aggregates.bulkDelete([...remove]) : null,
    db.meta.delete(META_NORMS_SNAPSHOT),
  ]);
}

/** The count of changes of the aggregates so far, and whether some are pending: what a snapshot is read against. */
export function aggregatesState(db: ReplyPaceDb): { generation: number; pending: boolean } {
  const buffer = bufferOf(db);
  return { generation: buffer.generation, pending: buffer.pending.size > 0 };
}
