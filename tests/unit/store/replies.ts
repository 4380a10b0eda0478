/** What the store's tests of the aggregates ingest: replies to a few clients, and databases removed after each test. */
import { afterEach } from 'vitest';
import type { MessageSeen } from '../../../src/core/types.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/db.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Monday 2026-06-15 09:00 UTC. */
export const MONDAY_9 = Date.UTC(2026, 5, 15, 9);
export const NOW = MONDAY_9 + 7 * DAY;
export const ME = 'me@mine.com';

/**
 * `count` threads from `from` on, 10 minutes apart, each a client's message and the user's reply
 * `i + 1` minutes later, over `clients` clients (buyer@client0.com, buyer@client1.com, …).
 */
export function replies(count: number, options: { prefix?: string; clients?: number; from?: number } = {}): MessageSeen[] {
  const { prefix = 'r', clients = 7, from = MONDAY_9 } = options;
  return Array.from({ length: count }, (_, i) => {
    const client = `buyer@client${i % clients}.com`;
    const at = from + i * 10 * MIN;
    return [
      { id: `${prefix}-in-${i}`, threadId: `${prefix}-t${i}`, from: client, to: [ME], at },
      { id: `${prefix}-out-${i}`, threadId: `${prefix}-t${i}`, from: ME, to: [client], at: at + (i + 1) * MIN },
    ];
  }).flat();
}

/** Opens databases by name for this file's tests; every one still open is deleted after each test. */
export function databasesForEachTest(): (name: string) => ReplyPaceDb {
  let opened: ReplyPaceDb[] = [];
  afterEach(async () => {
    for (const db of opened) if (db.isOpen()) await db.delete();
    opened = [];
  });
  return (name) => {
    const db = openDatabase(name);
    opened.push(db);
    return db;
  };
}
