/**
 * The norms as last read from every aggregate, kept in one meta record, so that a background that
 * has just started (the popup woke it) answers listNorms with one read instead of 500.
 *
 * Measured (a stopped service worker answering popupData from an open page, 500 clients): reading
 * the 500 aggregate records costs ~11 ms of IndexedDB and ~11 ms of the worker turning them into
 * summaries, about 40 % of its answer.
 *
 * A snapshot is exactly what reading the aggregates gives, as long as:
 * - the aggregates have not changed since. Every write of them deletes it in the same transaction
 *   (writeAggregatesInTransaction), and it is neither used nor written while this background has
 *   aggregates pending or any background left a mark that it stopped with some (aggregateBuffer.ts);
 *   it is written in turn, only if no change came between its read and its write;
 * - the local date is the same in every zone its clients are summarised in: a summary depends on
 *   the time only through the client's local day (core/aggregate.ts `calendarFor`). A clock set back
 *   before it was taken ends it too.
 */
import { localDateKey } from '../core/schedule.ts';
import type { Instant } from '../core/types.ts';
import { aggregatesState, inTurn, META_AGGREGATES_BEHIND, META_NORMS_SNAPSHOT } from './aggregateBuffer.ts';
import type { ReplyPaceDb } from './db.ts';
import type { ClientNorms } from './queries.ts';

const SNAPSHOT_FORMAT = 1;

interface NormsSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  at: Instant;
  norms: ClientNorms[];
}

/** Whether `value` is a snapshot that still gives the norms at `now`. */
export function snapshotHolds(value: unknown, now: Instant): value is NormsSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { format, at, norms } = value as Partial<NormsSnapshot>;
  if (format !== SNAPSHOT_FORMAT || typeof at !== 'number' || !Number.isFinite(at) || now < at || !Array.isArray(norms)) return false;
  const zones = new Set(norms.map((n) => n.timeZone));
  try {
    for (const zone of zones) if (localDateKey(at, zone) !== localDateKey(now, zone)) return false;
  } catch {
    return false;
  }
  return true;
}

/** The norms at `now` from the snapshot, or null when it does not hold. Call in turn (inTurn). */
export async function snapshotNormsInTurn(db: ReplyPaceDb, now: Instant): Promise<ClientNorms[] | null> {
  if (aggregatesState(db).pending) return null;
  const [snapshot, behind] = await db.meta.bulkGet([META_NORMS_SNAPSHOT, META_AGGREGATES_BEHIND]);
  if (behind !== undefined || !snapshot || !snapshotHolds(snapshot.value, now)) return null;
  return snapshot.value.norms;
}

/**
 * Keeps `norms`, read from every aggregate at `now` while the aggregates were at `generation`, as
 * the snapshot: in turn after the read, and only if nothing changed the aggregates meanwhile. Best
 * effort, off the answer's way: without it the next start reads the aggregates, as before.
 */
export function keepSnapshot(db: ReplyPaceDb, now: Instant, norms: ClientNorms[], generation: number): void {
  void inTurn(db, async () => {
    const state = aggregatesState(db);
    if (state.pending || state.generation !== generation) return;
    await db.transaction('rw', db.meta, async () => {
      if ((await db.meta.get(META_AGGREGATES_BEHIND)) !== undefined) return;
      await db.meta.put({ key: META_NORMS_SNAPSHOT, value: { format: SNAPSHOT_FORMAT, at: now, norms } satisfies NormsSnapshot });
    });
  }).catch((error: unknown) => {
    if ((error as { name?: string } | null)?.name !== 'DatabaseClosedError') console.warn('[ReplyPace] could not keep the norms snapshot:', error);
  });
}
