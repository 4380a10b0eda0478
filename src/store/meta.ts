/** Single values kept in the meta table by key (e.g. when the last weekly reminder was shown). */
import type { ReplyPaceDb } from './db.ts';

export async function readMeta(db: ReplyPaceDb, key: string): Promise<unknown> {
  return (await db.meta.get(key))?.value;
}

export async function writeMeta(db: ReplyPaceDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
