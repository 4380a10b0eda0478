/**
 * Meetings booked with a client, as the calendar page saw them at Save: when they were booked,
 * their start and end, and for each checked client the reason the meeting left their time (null
 * when it did not). Never a title, a description or an address: client keys only.
 *
 * Kept as one bounded list in the meta table (no schema change): a person books a few meetings a
 * day, and the report and the weekly review read them by booking time.
 */
import type { MeetingReasonCode } from '../core/meeting.ts';
import type { Instant } from '../core/types.ts';
import type { CalendarSiteId } from '../sites/calendar-contract.ts';
import type { ReplyPaceDb } from './db.ts';

export const META_MEETINGS_BOOKED = 'meetingsBooked';
/** Older records are dropped as new ones arrive; the longest report period is two years. */
const KEEP_MS = 740 * 86_400_000;
const MAX_RECORDS = 5000;

export interface MeetingRecord {
  site: CalendarSiteId;
  /** When Save was pressed. */
  at: Instant;
  start: Instant;
  end: Instant;
  clients: { clientKey: string; reason: MeetingReasonCode | null }[];
  /** Why it left the user's own hours, or null. */
  own: MeetingReasonCode | null;
}

async function readAll(db: ReplyPaceDb): Promise<MeetingRecord[]> {
  const value = (await db.meta.get(META_MEETINGS_BOOKED))?.value;
  return Array.isArray(value) ? (value as MeetingRecord[]) : [];
}

/** Adds a booked meeting. The same meeting saved twice within a minute (a double click) counts once. */
export async function recordMeeting(db: ReplyPaceDb, record: MeetingRecord): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const kept = (await readAll(db)).filter((r) => r.at > record.at - KEEP_MS);
    const duplicate = kept.some((r) => r.start === record.start && r.end === record.end && Math.abs(r.at - record.at) < 60_000 && JSON.stringify(r.clients) === JSON.stringify(record.clients));
    if (!duplicate) kept.push(record);
    await db.meta.put({ key: META_MEETINGS_BOOKED, value: kept.slice(-MAX_RECORDS) });
  });
}

/** Meetings booked in [from, to), oldest first. */
export async function meetingsBooked(db: ReplyPaceDb, from: Instant, to: Instant): Promise<MeetingRecord[]> {
  return (await readAll(db)).filter((r) => r.at >= from && r.at < to).sort((a, b) => a.at - b.at);
}
