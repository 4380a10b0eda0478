/**
 * The one IndexedDB database of ReplyPace, opened by the background only (a content script's
 * database would belong to the mail site's origin).
 *
 * What is stored is metadata: who wrote to whom and when. Never a subject, never a body.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { AggregateSample, ClientAggregate } from '../core/aggregate.ts';
import type { ImportRecord } from '../core/history/import-record.ts';
import type { Instant, NudgeOutcome, SiteId } from '../core/types.ts';

export const DATABASE_NAME = 'replypace';

/** A message as stored inside its thread: metadata only. */
export interface StoredMessage {
  id: string;
  /** 'out' when the user wrote it. */
  direction: 'in' | 'out';
  /** The other parties: the sender of an inbound message, the recipients (minus the user) of an outbound one. */
  counterparts: string[];
  /** The client of the first counterpart at ingestion time; null when there is no counterpart. */
  clientKey: string | null;
  at: Instant;
  /** Set on messages a history import added (and only those): "Undo this import" removes exactly them. */
  importId?: string;
  /** The writer's UTC offset (minutes) from an imported message's Date header: what their time zone is proposed from. */
  offset?: number;
}

/**
 * A reply and the client message it answers, with exactly what the aggregate counted for it (its
 * AggregateSample): kept so that the sample can be taken out of the aggregate again exactly as it
 * went in.
 */
export interface StoredPair extends AggregateSample {
  replyId: string;
  inboundId: string;
  clientKey: string;
  counterpart: string;
  receivedAt: Instant;
  sentAt: Instant;
}

/**
 * Version 2 keeps a thread's messages and pairs in one record: a write of 1,000 messages is then
 * ~170 IndexedDB records instead of ~1,500, which is what reaches the ingestion goal in Chromium
 * (each record costs ~30 µs there, whatever its size).
 */
export interface ThreadRecord {
  threadId: string;
  /** 'import': a thread only a history import knows, not from Gmail (Gmail's own ids merge with live reading). */
  site: SiteId | 'import';
  /** The mail account the thread was seen in. */
  account: string;
  /** Ordered by time. A message id appears once. */
  messages: StoredMessage[];
  pairs: StoredPair[];
  /** The clients of `pairs`, indexed: a client's replies are found without scanning every thread. */
  clientKeys: string[];
  /**
   * The time of the thread's latest message, indexed (version 3): the attention rules read only the
   * threads active in the last months instead of every thread ever seen.
   */
  lastAt: Instant;
}

/** The time of the latest of a thread's messages (kept in time order); 0 for none. */
export function lastAtOf(messages: readonly { at: Instant }[]): Instant {
  return messages.reduce((latest, m) => Math.max(latest, m.at), 0);
}

/** Version 1 record (one per message). Only the migration reads it. */
export interface MessageRecordV1 extends StoredMessage {
  threadId: string;
  account: string;
}

/** Version 1 record (one per pair). Only the migration reads it. */
export interface PairRecordV1 extends StoredPair {
  threadId: string;
}

/** A nudge's outcome as stored (core's NudgeOutcome), keyed by an auto-increment id. */
export interface OutcomeRecord extends NudgeOutcome {
  id?: number;
}

/** The aggregate plus what is needed to read it without settings: the name and zone it was built with. */
export interface AggregateRecord extends ClientAggregate {
  name: string;
  timeZone: string;
}

/** The single settings row; `value` is repaired with repairSettings whenever it is read. */
export interface SettingsRecord {
  id: 'settings';
  value: unknown;
  /** The stamp of the settings rules the value passed unchanged, when it did (settings-check.ts). */
  checked?: string;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

/** One history import, as kept in the `imports` table (core/history/import-record.ts). */
export type { ImportRecord };

export type ReplyPaceDb = Dexie & {
  imports: EntityTable<ImportRecord, 'importId'>;
  threads: EntityTable<ThreadRecord, 'threadId'>;
  outcomes: EntityTable<OutcomeRecord, 'id'>;
  aggregates: EntityTable<AggregateRecord, 'clientKey'>;
  settings: EntityTable<SettingsRecord, 'id'>;
  meta: EntityTable<MetaRecord, 'key'>;
};

/** Version 1: the first schema, one record per message and per pair. Kept verbatim: Dexie upgrades from it. */
export const SCHEMA_V1 = {
  messages: 'id, threadId, *counterparts, clientKey, at',
  pairs: 'replyId, clientKey, threadId, sentAt',
  outcomes: '++id, clientKey, at',
  aggregates: 'clientKey',
  settings: 'id',
  meta: 'key',
} as const;

/**
 * Version 2: messages and pairs move into one record per thread (see ThreadRecord), and every
 * thread records the site it was seen on, which version 1 did not store.
 */
export const SCHEMA_V2 = {
  messages: null,
  pairs: null,
  threads: 'threadId, site, *clientKeys',
  outcomes: '++id, clientKey, at',
  aggregates: 'clientKey',
  settings: 'id',
  meta: 'key',
} as const;

/** Version 3: threads index the time of their latest message (ThreadRecord.lastAt). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  threads: 'threadId, site, *clientKeys, lastAt',
} as const;

/** Version 4: history imports (ImportRecord), so that each can be undone or replaced. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  imports: 'importId, fileKey',
} as const;

/** Gmail's legacy message ids are 16 hex digits; Outlook ids are built from conversation, sender and time. */
export function siteFromMessageId(id: string): SiteId {
  return /^[0-9a-f]{16}$/i.test(id) ? 'gmail' : 'outlook';
}

/**
 * The database, with every version it upgrades from. An upgrade that rewrites the settings value
 * must leave out its `checked` stamp (settings-check.ts): the stamp vouches for the value it was
 * given with, and a read trusts it.
 */
export function openDatabase(name = DATABASE_NAME): ReplyPaceDb {
  const db = new Dexie(name) as ReplyPaceDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(migrateToThreads);
  db.version(3).stores(SCHEMA_V3).upgrade(addLastAt);
  db.version(4).stores(SCHEMA_V4);
  return db;
}

/** v1 → v2: group messages and pairs by thread; pairs keep their counted samples, so the aggregates stay exact. */
async function migrateToThreads(tx: Transaction): Promise<void> {
  const messages = await tx.table<MessageRecordV1, string>('messages').toArray();
  const pairs = await tx.table<PairRecordV1, string>('pairs').toArray();
  const threads = new Map<string, ThreadRecord>();
  for (const { threadId, account, ...message } of messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))) {
    let thread = threads.get(threadId);
    if (!thread) {
      thread = { threadId, account, site: siteFromMessageId(message.id), messages: [], pairs: [], clientKeys: [], lastAt: 0 };
      threads.set(threadId, thread);
    }
    thread.messages.push(message);
  }
  for (const { threadId, ...pair } of pairs) {
    const thread = threads.get(threadId);
    if (!thread) continue; // A pair without its messages cannot be re-paired; its aggregate share stays.
    thread.pairs.push(pair);
    if (!thread.clientKeys.includes(pair.clientKey)) thread.clientKeys.push(pair.clientKey);
  }
  for (const thread of threads.values()) thread.lastAt = lastAtOf(thread.messages);
  await tx.table<ThreadRecord, string>('threads').bulkPut([...threads.values()]);
}

/** v2 → v3: every thread gets the time of its latest message. */
async function addLastAt(tx: Transaction): Promise<void> {
  await tx
    .table<ThreadRecord, string>('threads')
    .toCollection()
    .modify((thread) => {
      thread.lastAt = lastAtOf(thread.messages);
    });
}
