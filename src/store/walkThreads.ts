/**
 * Walking every stored thread with bounded memory: a rebuild at 100,000 threads would otherwise
 * hold every record at once (about a second of reading and a large allocation in one piece).
 */
import type { ReplyPaceDb, ThreadRecord } from './db.ts';

/** Threads per read: a few hundred kilobytes at most, and few round trips to IndexedDB. */
export const THREAD_CHUNK = 500;

/**
 * Calls `visit` with every stored thread once, in key order, in chunks of at most `chunkSize`; a
 * chunk is read only once the previous one has been visited, so memory stays bounded by one chunk
 * however many threads there are. Runs inside the caller's transaction (or its own reads when
 * there is none); `visit` may put the threads it was given back, changed, under the same keys.
 */
export async function forEachThreadChunk(
  db: ReplyPaceDb,
  visit: (threads: ThreadRecord[]) => void | Promise<void>,
  chunkSize: number = THREAD_CHUNK,
): Promise<void> {
  if (!(chunkSize >= 1)) throw new RangeError(`a chunk holds at least one thread, not ${chunkSize}`);
  let after: string | null = null;
  for (;;) {
    const range = after === null ? db.threads.orderBy(':id') : db.threads.where(':id').above(after);
    const chunk: ThreadRecord[] = await range.limit(chunkSize).toArray();
    if (chunk.length === 0) return;
    await visit(chunk);
    if (chunk.length < chunkSize) return;
    after = chunk[chunk.length - 1]!.threadId;
  }
}
