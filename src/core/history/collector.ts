/**
 * Collects what a mailbox export says about reply times, message by message, keeping about a
 * hundred bytes per message in flat typed columns (no object per message): ids, time, the
 * writer's UTC offset, sender and recipients (interned), and thread links. Everything else of a
 * message, subject and body above all, is never kept.
 *
 * Direction is not decided here: it needs the user's own addresses, which the user confirms in
 * the preview (see preview.ts). The collector suggests them.
 */
import { domainOf, isPersonalDomain } from '../clients.ts';
import type { Instant } from '../types.ts';
import { labelHints, leftOutReason, LEFT_OUT_REASONS, type LeftOutReason } from './classify.ts';
import { readHeaders, type MailHeaders } from './header-block.ts';
import { hash53 } from './hash.ts';
import { parseMailDate, parseReceivedDate, parseSeparatorDate } from './mail-date.ts';
import { hashHalves, Map64 } from './hash-table.ts';
import { addressesIn, base64Bytes, firstAddress, gmailHalves, gmailIdOfSeparator, hexOf, messageIdsIn, timeOfGmailId } from './mail-fields.ts';
import type { SplitMessage } from './mbox-splitter.ts';

/** A message dated further ahead than this is a misread time (the store refuses it too). */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;
export const NO_OFFSET = -32768;

/** The user sent it, as far as labels and headers hint: only used to suggest own addresses. */
const FLAG_SENT_HINT = 1;
/** The id is a hash (of the Message-ID, or of sender, time and recipients), not Gmail's own. */
const FLAG_HASHED_ID = 2;

export interface OwnAddressSuggestion {
  address: string;
  /** Messages delivered to it (Delivered-To). */
  delivered: number;
  /** Messages that look sent by the user and are from it. */
  sent: number;
}

/** The kept messages, column by column (index i is message i). Read-only for preview.ts. */
export interface CollectedColumns {
  length: number;
  /** The message's id (Gmail's in hex, else "imp-" and a hash), built when asked for. */
  idOf(i: number): string;
  at: Float64Array;
  offset: Int16Array;
  from: Int32Array;
  flags: Uint8Array;
  /** Index of the message's Gmail thread (see gmailThreadName), or -1 (then `links` thread it). */
  gmailThread: Int32Array;
  gmailThreadCount: number;
  gmailThreadName(t: number): string;
  recipientStart: Uint32Array;
  recipientCount: Uint16Array;
  recipients: Int32Array;
  linkStart: Uint32Array;
  linkCount: Uint16Array;
  links: Float64Array;
  addresses: readonly string[];
}

function grow<T extends Float64Array | Int16Array | Int32Array | Uint8Array | Uint32Array | Uint16Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  // By half again, not double: the columns are most of what an import keeps.
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, Math.ceil(array.length * 1.5)));
  next.set(array);
  return next;
}

export class HistoryCollector {
  readonly leftOut: Record<LeftOutReason, number> = Object.fromEntries(LEFT_OUT_REASONS.map((r) => [r, 0])) as Record<LeftOutReason, number>;
  /** Every message found, kept or not. */
  messagesSeen = 0;
  private readonly now: Instant;
  private readonly knownOwn: Set<string>;
  private readonly ownDomains: Set<string>;

  private length = 0;
  private idHi = new Uint32Array(1024);
  private idLo = new Uint32Array(1024);
  private at = new Float64Array(1024);
  private offset = new Int16Array(1024);
  private from = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  private gmailThread = new Int32Array(1024);
  private recipientStart = new Uint32Array(1024);
  private recipientCount = new Uint16Array(1024);
  private recipients = new Int32Array(4096);
  private recipientsLength = 0;
  private linkStart = new Uint32Array(1024);
  private linkCount = new Uint16Array(1024);
  private links = new Float64Array(1024);
  private linksLength = 0;

  private readonly addresses: string[] = [];
  private readonly addressIndex = new Map<string, number>();
  private readonly delivered: number[] = [];
  private readonly sentFrom: number[] = [];
  private threadHi = new Uint32Array(256);
  private threadLo = new Uint32Array(256);
  private threadCount = 0;
  private readonly gmailThreadIndex = new Map64();
  private readonly seenGmail = new Map64({ values: false });
  private readonly seenMessageIds = new Map64({ values: false });
  private readonly people = new Set<string>();

  constructor(options: { now: Instant; ownAddresses?: readonly string[] }) {
    this.now = options.now;
    this.knownOwn = new Set((options.ownAddresses ?? []).map((a) => a.toLowerCase()));
    this.ownDomains = new Set([...this.knownOwn].map(domainOf).filter((d) => d && !isPersonalDomain(d)));
  }

  /** Messages kept for the preview. */
  get kept(): number {
    return this.length;
  }

  /** Distinct outside senders seen so far (by company domain, or by address for personal mail): "clients found" while reading. */
  get peopleFound(): number {
    return this.people.size;
  }

  add(message: SplitMessage): void {
    this.messagesSeen++;
    if (message.problem === 'oversized') return this.skip('oversized-headers');
    if (message.problem === 'truncated') return this.skip('truncated');
    const headers = readHeaders(message.headers);
    const gmailDecimal = gmailIdOfSeparator(message.separator);
    const gmailId = gmailHalves(gmailDecimal);
    const messageIds = messageIdsIn(headers.messageId);
    const messageIdHash = messageIds[0] ? hash53(`mid:${messageIds[0]}`) : 0;
    const [midHi, midLo] = hashHalves(messageIdHash);

    // Duplicates across files: the same Gmail id, else the same Message-ID.
    if (gmailId ? this.seenGmail.has(gmailId.hi, gmailId.lo) : messageIdHash !== 0 && this.seenMessageIds.has(midHi, midLo)) return this.skip('duplicate');

    const labels = labelHints(headers.gmailLabels);
    const reason = leftOutReason(headers, labels);
    if (reason) return this.skip(reason);

    const from = firstAddress(headers.from);
    if (!from) return this.skip('no-sender');

    const date = headers.date ? parseMailDate(headers.date) : null;
    const at = this.timeOf(gmailDecimal, date?.at ?? null, headers, message.separator);
    if (at === null) return this.skip('no-time');

    // A Gmail message is known by its Gmail id; the Message-ID is kept only for the others.
    if (gmailId) this.seenGmail.set(gmailId.hi, gmailId.lo, 1);
    else if (messageIdHash !== 0) this.seenMessageIds.set(midHi, midLo, 1);

    const sentHint = labels.sent || (headers.deliveredTo.length === 0 && headers.receivedCount === 0);
    const hashed = gmailId ? null : hashHalves(messageIdHash !== 0 ? messageIdHash : hash53(`${from}|${at}|${headers.recipients.join(',')}`));
    this.remember(headers, {
      id: gmailId ?? { hi: hashed![0], lo: hashed![1] },
      hashedId: !gmailId,
      at,
      offset: date?.offsetMinutes ?? null,
      from,
      sentHint,
      gmailThread: gmailHalves(headers.gmThreadId),
      messageIdHash,
    });
  }

  private skip(reason: LeftOutReason): void {
    this.leftOut[reason]++;
  }

  /** The Gmail id's time, then Date, then the last Received, then the separator's date. */
  private timeOf(gmailDecimal: string | null, dateAt: Instant | null, headers: MailHeaders, separator: string | null): Instant | null {
    const limit = this.now + FUTURE_TOLERANCE_MS;
    const usable = (at: Instant | null | undefined): at is Instant => at !== null && at !== undefined && at <= limit;
    const fromId = gmailDecimal ? timeOfGmailId(gmailDecimal, this.now) : null;
    if (usable(fromId)) return fromId;
    if (usable(dateAt)) return dateAt;
    const received = headers.lastReceived ? parseReceivedDate(headers.lastReceived)?.at : null;
    if (usable(received)) return received;
    const separatorAt = separator ? parseSeparatorDate(separator.replace(/^From \S*\s+/, ''))?.at : null;
    return usable(separatorAt) ? separatorAt : null;
  }

  private addressId(address: string): number {
    let index = this.addressIndex.get(address);
    if (index === undefined) {
      index = this.addresses.length;
      this.addresses.push(address);
      this.addressIndex.set(address, index);
      this.delivered.push(0);
      this.sentFrom.push(0);
    }
    return index;
  }

  private remember(
    headers: MailHeaders,
    m: {
      id: { hi: number; lo: number };
      hashedId: boolean;
      at: Instant;
      offset: number | null;
      from: string;
      sentHint: boolean;
      gmailThread: { hi: number; lo: number } | null;
      messageIdHash: number;
    },
  ): void {
    const i = this.length;
    const n = i + 1;
    this.idHi = grow(this.idHi, n);
    this.idLo = grow(this.idLo, n);
    this.at = grow(this.at, n);
    this.offset = grow(this.offset, n);
    this.from = grow(this.from, n);
    this.flags = grow(this.flags, n);
    this.gmailThread = grow(this.gmailThread, n);
    this.recipientStart = grow(this.recipientStart, n);
    this.recipientCount = grow(this.recipientCount, n);
    this.linkStart = grow(this.linkStart, n);
    this.linkCount = grow(this.linkCount, n);

    this.idHi[i] = m.id.hi;
    this.idLo[i] = m.id.lo;
    this.at[i] = m.at;
    this.offset[i] = m.offset ?? NO_OFFSET;
    const fromId = this.addressId(m.from);
    this.from[i] = fromId;
    this.flags[i] = (m.sentHint ? FLAG_SENT_HINT : 0) | (m.hashedId ? FLAG_HASHED_ID : 0);
    if (m.sentHint) this.sentFrom[fromId]!++;
    for (const value of headers.deliveredTo) {
      const to = firstAddress(value);
      if (to) this.delivered[this.addressId(to)]!++;
    }

    const recipients: number[] = [];
    for (const value of headers.recipients) {
      for (const address of addressesIn(value)) {
        const id = this.addressId(address);
        if (!recipients.includes(id)) recipients.push(id);
      }
    }
    const kept = recipients.slice(0, 0xffff);
    this.recipients = grow(this.recipients, this.recipientsLength + kept.length);
    this.recipientStart[i] = this.recipientsLength;
    this.recipientCount[i] = kept.length;
    this.recipients.set(kept, this.recipientsLength);
    this.recipientsLength += kept.length;

    if (m.gmailThread) {
      let t = this.gmailThreadIndex.get(m.gmailThread.hi, m.gmailThread.lo);
      if (t === -1) {
        t = this.threadCount++;
        this.threadHi = grow(this.threadHi, this.threadCount);
        this.threadLo = grow(this.threadLo, this.threadCount);
        this.threadHi[t] = m.gmailThread.hi;
        this.threadLo[t] = m.gmailThread.lo;
        this.gmailThreadIndex.set(m.gmailThread.hi, m.gmailThread.lo, t);
      }
      this.gmailThread[i] = t;
      this.linkStart[i] = this.linksLength;
      this.linkCount[i] = 0;
    } else {
      this.gmailThread[i] = -1;
      const links = threadLinks(headers, m.messageIdHash).slice(0, 0xffff);
      this.links = grow(this.links, this.linksLength + links.length);
      this.linkStart[i] = this.linksLength;
      this.linkCount[i] = links.length;
      this.links.set(links, this.linksLength);
      this.linksLength += links.length;
    }

    if (!m.sentHint && !this.knownOwn.has(m.from)) {
      const domain = domainOf(m.from);
      const company = domain && !isPersonalDomain(domain) ? domain : null;
      // Colleagues (the user's own company) are not clients.
      if (!company || !this.ownDomains.has(company)) this.people.add(company ?? m.from);
    }
    this.length = n;
  }

  /** Addresses that look like the user's: delivered to, or sending what looks like sent mail. Most likely first. */
  ownAddressSuggestions(limit = 12): OwnAddressSuggestion[] {
    const found: OwnAddressSuggestion[] = [];
    this.addresses.forEach((address, i) => {
      const delivered = this.delivered[i]!;
      const sent = this.sentFrom[i]!;
      if (delivered > 0 || sent > 0 || this.knownOwn.has(address)) found.push({ address, delivered, sent });
    });
    return found
      .sort((a, b) => Number(this.knownOwn.has(b.address)) - Number(this.knownOwn.has(a.address)) || b.sent * 2 + b.delivered - (a.sent * 2 + a.delivered) || (a.address < b.address ? -1 : 1))
      .slice(0, limit);
  }

  /** The addresses to start the preview with: those known from the settings, the main Delivered-To, and the main senders of sent mail. */
  likelyOwnAddresses(): string[] {
    const suggestions = this.ownAddressSuggestions(50);
    const chosen = new Set(this.knownOwn);
    const topDelivered = Math.max(0, ...suggestions.map((s) => s.delivered));
    const topSent = Math.max(0, ...suggestions.map((s) => s.sent));
    for (const s of suggestions) {
      if (topDelivered > 0 && s.delivered >= Math.max(2, topDelivered * 0.1)) chosen.add(s.address);
      if (topSent > 0 && s.sent >= Math.max(2, topSent * 0.1)) chosen.add(s.address);
    }
    if (chosen.size === 0 && suggestions[0]) chosen.add(suggestions[0].address);
    return [...chosen].sort();
  }

  columns(): CollectedColumns {
    const { idHi, idLo, flags, threadHi, threadLo } = this;
    return {
      length: this.length,
      idOf: (i) => (flags[i]! & FLAG_HASHED_ID ? `imp-${(idHi[i]! * 4294967296 + idLo[i]!).toString(36)}` : hexOf(idHi[i]!, idLo[i]!)),
      at: this.at,
      offset: this.offset,
      from: this.from,
      flags: this.flags,
      gmailThread: this.gmailThread,
      gmailThreadCount: this.threadCount,
      gmailThreadName: (t) => hexOf(threadHi[t]!, threadLo[t]!),
      recipientStart: this.recipientStart,
      recipientCount: this.recipientCount,
      recipients: this.recipients,
      linkStart: this.linkStart,
      linkCount: this.linkCount,
      links: this.links,
      addresses: this.addresses,
    };
  }
}

/**
 * What threads a message without a Gmail thread id: its own Message-ID first, then the ones it
 * answers (In-Reply-To, References), then Outlook's conversation (the first 22 bytes of
 * Thread-Index name the conversation; each reply appends 5 bytes: [MS-OXOMSG] PidTagConversationIndex).
 * Never the subject.
 */
function threadLinks(headers: MailHeaders, messageIdHash: number): number[] {
  const links: number[] = [];
  if (messageIdHash !== 0) links.push(messageIdHash);
  for (const id of [...messageIdsIn(headers.inReplyTo), ...messageIdsIn(headers.references)]) {
    const h = hash53(`mid:${id}`);
    if (!links.includes(h)) links.push(h);
  }
  const index = headers.threadIndex ? base64Bytes(headers.threadIndex) : null;
  if (index && index.length >= 22) {
    let root = '';
    for (let i = 0; i < 22; i++) root += index[i]!.toString(16).padStart(2, '0');
    links.push(hash53(`thread-index:${root}`));
  }
  return links;
}
