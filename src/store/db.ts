/**
 * The one IndexedDB database of ReplyPace, opened by the background only (a content script's
 * database would belong to the mail site's origin).
 *
 * What is stored is metadata: who wrote to whom and when. Never a subject, never a body.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { ClientAggregate } from '../core/aggregate.ts';
import type { Instant, NudgeChoice, NudgeReasonCode, SiteId } from '../core/types.ts';

export const DATABASE_NAME = 'replypace';

export interface MessageRecord {
  id: string;
  threadId: string;
  /** 'out' when the user wrote it. */
  direction: 'in' | 'out';
  /** The other parties: the sender of an inbound message, the recipients (minus the user) of an outbound one. */
  counterparts: string[];
  /** The client of the first counterpart at ingestion time; null when there is no counterpart. */
  clientKey: string | null;
  at: Instant;
  /** The mail account the message was seen in. */
  account: string;
  /** Added in version 2. */
  site: SiteId;
}

/** A reply and the client message it answers, with what the aggregate counted for it. */
export interface PairRecord {
  replyId: string;
  inboundId: string;
  threadId: string;
  clientKey: string;
  counterpart: string;
  receivedAt: Instant;
  sentAt: Instant;
  /** Exactly what was added to the client's aggregate, so that it can be taken out again. */
  workingMs: number;
  wallMs: number;
  instant: boolean;
  afterHours: boolean;
  day: string;
}

export interface OutcomeRecord {
  id?: number;
  site: SiteId;
  clientKey: string;
  at: Instant;
  choice: NudgeChoice;
  reasons: NudgeReasonCode[];
  scheduledFor: Instant | null;
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
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type ReplyPaceDb = Dexie & {
  messages: EntityTable<MessageRecord, 'id'>;
  pairs: EntityTable<PairRecord, 'replyId'>;
  outcomes: EntityTable<OutcomeRecord, 'id'>;
  aggregates: EntityTable<AggregateRecord, 'clientKey'>;
  settings: EntityTable<SettingsRecord, 'id'>;
  meta: EntityTable<MetaRecord, 'key'>;
};

/** Version 1: the first shipped schema. Kept verbatim: Dexie upgrades from it. */
export const SCHEMA_V1 = {
  messages: 'id, threadId, *counterparts, clientKey, at',
  pairs: 'replyId, clientKey, threadId, sentAt',
  outcomes: '++id, clientKey, at',
  aggregates: 'clientKey',
  settings: 'id',
  meta: 'key',
} as const;

/**
 * Version 2: messages carry the site they were seen on (indexed, for erasing or reporting one
 * site), and pairs get a [clientKey+sentAt] index so a client's recent replies are one range read.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  messages: 'id, threadId, *counterparts, clientKey, at, site',
  pairs: 'replyId, clientKey, threadId, sentAt, [clientKey+sentAt]',
} as const;

/** Gmail's legacy message ids are 16 hex digits; Outlook ids are built from conversation, sender and time. */
export function siteFromMessageId(id: string): SiteId {
  return /^[0-9a-f]{16}$/i.test(id) ? 'gmail' : 'outlook';
}

export function openDatabase(name = DATABASE_NAME): ReplyPaceDb {
  const db = new Dexie(name) as ReplyPaceDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      // Version 1 did not record the site; every message then came from one of two id shapes.
      await tx
        .table<MessageRecord, string>('messages')
        .toCollection()
        .modify((message) => {
          if (!message.site) message.site = siteFromMessageId(message.id);
        });
    });
  return db;
}
