/**
 * A seeded generator of Google-Takeout-like mbox files, for tests and the import bench.
 *
 * Shaped like the real thing (public Takeout excerpts: CRLF line ends, a separator
 * "From <gmail id>@xxx <asctime> +0000 <year>", X-GM-THRID and X-Gmail-Labels first, Delivered-To,
 * Received chains, DKIM/ARC blocks, multipart bodies with base64 attachments), with the awkward
 * parts the importer must survive: messages without Date, mailing lists, drafts inside
 * conversations, spam, trash, chats, automatic replies, RFC 2047 labels, ">From " body lines and
 * a body line "From Monday on…".
 *
 * It also returns the truth: every reply pair per client, as the user's replies were simulated
 * (the earliest unanswered client message of a thread, answered by the user's next message), so a
 * test can compare what the importer found with what was written.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { tzOffset } from '@date-fns/tz';

export const ME = 'sam@northwind-sales.com';

export interface GeneratedClient {
  /** The norms key the extension keeps them under. */
  key: string;
  domain: string | null;
  addresses: string[];
  timeZone: string;
  /** Local working hours they write in, Mon–Fri. */
  startHour: number;
  endHour: number;
}

export const GENERATED_CLIENTS: readonly GeneratedClient[] = [
  { key: 'domain:acme-corp.de', domain: 'acme-corp.de', addresses: ['jana.berger@acme-corp.de', 'tim.vogel@acme-corp.de'], timeZone: 'Europe/Berlin', startHour: 8, endHour: 18.5 },
  { key: 'domain:hudson-freight.com', domain: 'hudson-freight.com', addresses: ['maria@hudson-freight.com'], timeZone: 'America/New_York', startHour: 9, endHour: 17 },
  { key: 'domain:sakura-trading.jp', domain: 'sakura-trading.jp', addresses: ['kenji@sakura-trading.jp'], timeZone: 'Asia/Tokyo', startHour: 9, endHour: 18 },
  { key: 'domain:eko-supplies.ng', domain: 'eko-supplies.ng', addresses: ['ada@eko-supplies.ng'], timeZone: 'Africa/Lagos', startHour: 8, endHour: 17 },
  { key: 'address:bob.ellis@gmail.com', domain: null, addresses: ['bob.ellis@gmail.com'], timeZone: 'Europe/London', startHour: 9, endHour: 17.5 },
];

export interface TakeoutOptions {
  seed: number;
  /** Roughly how big the file gets (it stops at the first conversation past it). */
  targetBytes: number;
  /** Average attachment size in bytes; 0 for none (a dense file: many small messages). */
  attachmentBytes?: number;
  /** The newest message is at most this; the history runs back from it. */
  end?: number;
  /** Days the history spans. */
  days?: number;
  /** LF instead of Takeout's CRLF. */
  lf?: boolean;
}

export interface TakeoutTruth {
  bytes: number;
  messages: number;
  /** Messages the importer should leave out, by reason. */
  leftOut: Record<'draft' | 'spam' | 'trash' | 'chat' | 'list' | 'auto-reply', number>;
  /** Messages without a Date header (their time comes from the Gmail id). */
  withoutDate: number;
  /** Per client key: every reply pair, oldest reply first. */
  pairs: Map<string, Array<{ inboundAt: number; replyAt: number }>>;
  /** Gmail thread ids (hex) of the conversations. */
  conversationThreads: Set<string>;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast, seedable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Tue Aug 08 12:36:29 +0000 2023", as Takeout's separator writes it (UTC). */
function asctime(at: number): string {
  const d = new Date(at);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

/** "Tue, 8 Aug 2023 14:36:29 +0200" in the writer's zone. */
function rfc5322(at: number, timeZone: string): string {
  const offset = Math.round(tzOffset(timeZone, new Date(at)));
  const d = new Date(at + offset * MINUTE);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** A Gmail id for an instant: the time in the high bits, 20 random low bits. */
function gmailId(at: number, rand: () => number): bigint {
  return (BigInt(at) << 20n) | BigInt(Math.floor(rand() * 0x100000));
}

/** The local instant at `hour` (fractional) on the same local day as `at` in `zone`. */
function atLocalHour(at: number, zone: string, hour: number): number {
  const offset = tzOffset(zone, new Date(at)) * MINUTE;
  const localMidnight = Math.floor((at + offset) / DAY) * DAY;
  return Math.floor((localMidnight + hour * HOUR - offset) / 1000) * 1000;
}

function localWeekday(at: number, zone: string): number {
  return new Date(at + tzOffset(zone, new Date(at)) * MINUTE).getUTCDay();
}

interface Message {
  at: number;
  id: bigint;
  thread: bigint;
  labels: string;
  from: string;
  to: string[];
  /** The writer's zone for the Date header; null leaves Date out. */
  dateZone: string | null;
  extra: string[];
  attachment: number;
  kind: 'mail' | 'draft' | 'spam' | 'trash' | 'chat' | 'list' | 'auto-reply';
  inbound: boolean;
}

export class TakeoutWriter {
  private readonly rand: () => number;
  private readonly eol: string;
  private readonly pool: string;

  constructor(private readonly options: TakeoutOptions) {
    this.rand = random(options.seed);
    this.eol = options.lf ? '\n' : '\r\n';
    // Attachment bodies come out of one pool of base64 text: realistic bytes, cheap to write.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let pool = '';
    for (let i = 0; i < 64 * 1024; i++) pool += alphabet[Math.floor(this.rand() * 64)];
    this.pool = pool;
  }

  /** Writes the mbox through `write` (in blocks of about a megabyte); returns the truth. */
  generate(write: (block: string) => void): TakeoutTruth {
    const rand = this.rand;
    const end = this.options.end ?? Date.now() - HOUR;
    const days = this.options.days ?? 540;
    const truth: TakeoutTruth = {
      bytes: 0,
      messages: 0,
      leftOut: { draft: 0, spam: 0, trash: 0, chat: 0, list: 0, 'auto-reply': 0 },
      withoutDate: 0,
      pairs: new Map(GENERATED_CLIENTS.map((c) => [c.key, []])),
      conversationThreads: new Set(),
    };
    let buffer = '';
    const flush = (force = false) => {
      if (buffer.length > 1_000_000 || (force && buffer.length > 0)) {
        write(buffer);
        buffer = '';
      }
    };
    const emit = (m: Message) => {
      const text = this.render(m);
      buffer += text;
      truth.bytes += text.length; // ASCII only: characters are bytes.
      truth.messages++;
      if (m.kind !== 'mail') truth.leftOut[m.kind]++;
      else if (m.dateZone === null) truth.withoutDate++;
      flush();
    };

    const start = end - days * DAY;
    while (truth.bytes < this.options.targetBytes) {
      const roll = rand();
      const when = start + Math.floor(rand() * ((end - start - 10 * DAY) / 1000)) * 1000;
      if (roll < 0.72) this.conversation(when, end, emit, truth);
      else if (roll < 0.84) this.single(when, 'list', emit);
      else if (roll < 0.88) this.single(when, 'spam', emit);
      else if (roll < 0.91) this.single(when, 'trash', emit);
      else if (roll < 0.93) this.single(when, 'chat', emit);
      else if (roll < 0.96) this.single(when, 'auto-reply', emit);
      else this.colleague(when, emit);
    }
    flush(true);
    for (const list of truth.pairs.values()) list.sort((a, b) => a.replyAt - b.replyAt || a.inboundAt - b.inboundAt);
    return truth;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  private attachmentSize(): number {
    const mean = this.options.attachmentBytes ?? 40_000;
    if (mean <= 0 || this.rand() < 0.5) return 0;
    return Math.floor(mean * 2 * this.rand());
  }

  /** A client thread: rounds of the client writing (in their hours) and the user answering. */
  private conversation(when: number, end: number, emit: (m: Message) => void, truth: TakeoutTruth): void {
    const rand = this.rand;
    const client = this.pick(GENERATED_CLIENTS);
    let at = this.clientSlot(client, when);
    const threadId = gmailId(at, rand);
    const rounds = 1 + Math.floor(rand() * 4);
    for (let round = 0; round < rounds && at < end; round++) {
      const writer = this.pick(client.addresses);
      const first = at;
      emit(this.mail(at, round === 0 ? threadId : gmailId(at, rand), threadId, writer, [ME], client.timeZone, true));
      if (rand() < 0.3) {
        // A second message before the user answers: the pair still runs from the first.
        at += Math.floor(5 * 60 + rand() * 2 * 3600) * 1000;
        emit(this.mail(at, gmailId(at, rand), threadId, writer, [ME], client.timeZone, true));
      }
      if (rand() < 0.15) {
        // A draft saved moments later looks like an instant reply: it must be left out.
        const draftAt = at + Math.floor(30 + rand() * 60) * 1000;
        emit({ ...this.mail(draftAt, gmailId(draftAt, rand), threadId, ME, [writer], 'Europe/London', false), kind: 'draft', labels: 'Drafts' });
      }
      if (rand() < 0.12 && round === rounds - 1) break; // Left unanswered.
      const delay = Math.floor(rand() < 0.2 ? 60 + rand() * 600 : 1200 + rand() * 30 * 3600) * 1000;
      at += delay;
      if (at >= end) break;
      emit(this.mail(at, gmailId(at, rand), threadId, ME, [writer, ...(rand() < 0.2 ? ['pat@northwind-sales.com'] : [])], 'Europe/London', false));
      truth.pairs.get(client.key)!.push({ inboundAt: first, replyAt: at });
      truth.conversationThreads.add(threadId.toString(16));
      at = this.clientSlot(client, at + 2 * HOUR + Math.floor(rand() * 4 * 24) * HOUR, at);
    }
  }

  /** A moment inside the client's hours on a working day of theirs, on the day of `day` or later, after `after`. */
  private clientSlot(client: GeneratedClient, day: number, after = -Infinity): number {
    let at = day;
    for (let guard = 0; guard < 30; guard++, at += DAY) {
      const weekday = localWeekday(at, client.timeZone);
      // A weekend moves to a random weekday of the next week, so every weekday is as likely.
      if (weekday === 0 || weekday === 6) {
        at += (weekday === 6 ? 1 : 0) * DAY + Math.floor(this.rand() * 5) * DAY;
        continue;
      }
      const slot = atLocalHour(at, client.timeZone, client.startHour + this.rand() * (client.endHour - client.startHour - 0.25));
      if (slot > after + MINUTE) return slot;
    }
    return after + HOUR;
  }

  private colleague(when: number, emit: (m: Message) => void): void {
    const thread = gmailId(when, this.rand);
    emit(this.mail(when, thread, thread, 'pat@northwind-sales.com', [ME], 'Europe/London', true));
    const reply = when + Math.floor(600 + this.rand() * 3 * 3600) * 1000;
    emit(this.mail(reply, gmailId(reply, this.rand), thread, ME, ['pat@northwind-sales.com'], 'Europe/London', false));
  }

  private single(when: number, kind: Exclude<Message['kind'], 'mail' | 'draft'>, emit: (m: Message) => void): void {
    const id = gmailId(when, this.rand);
    const base = this.mail(when, id, id, 'news@updates.example-shop.com', [ME], 'America/Chicago', true);
    const m: Message = { ...base, kind };
    if (kind === 'list') m.extra = ['List-Unsubscribe: <mailto:leave@updates.example-shop.com>', 'List-Id: <offers.example-shop.com>'];
    if (kind === 'spam') m.labels = 'Spam,Category Promotions';
    if (kind === 'trash') m.labels = 'Trash,Opened';
    if (kind === 'chat') {
      m.labels = 'Chat';
      m.dateZone = null;
    }
    if (kind === 'auto-reply') {
      m.from = 'maria@hudson-freight.com';
      m.extra = ['Auto-Submitted: auto-replied'];
    }
    emit(m);
  }

  private mail(at: number, id: bigint, thread: bigint, from: string, to: string[], zone: string, inbound: boolean): Message {
    const rand = this.rand;
    // Some real messages carry no Date (their time is the Gmail id's); a few labels are localized.
    const dateZone = rand() < 0.04 ? null : zone;
    const labels = inbound ? this.pick(['Inbox,Opened', 'Important,Opened,Category Updates', 'Archived,Opened', 'Inbox,Unread']) : this.pick(['Sent', 'Sent,Opened', '=?UTF-8?Q?Envoy=C3=A9s?=']);
    return { at, id, thread, labels, from, to, dateZone, extra: [], attachment: this.attachmentSize(), kind: 'mail', inbound };
  }

  private base64Lines(bytes: number): string {
    const lines: string[] = [];
    const lineLength = 76;
    let left = Math.ceil((bytes * 4) / 3);
    while (left > 0) {
      const n = Math.min(lineLength, left);
      const from = Math.floor(this.rand() * (this.pool.length - n));
      lines.push(this.pool.slice(from, from + n));
      left -= n;
    }
    return lines.join(this.eol);
  }

  private render(m: Message): string {
    const rand = this.rand;
    const e = this.eol;
    const domain = m.from.split('@')[1]!;
    const mid = `<${m.id.toString(36)}.${Math.floor(rand() * 1e9).toString(36)}@mail.${domain}>`;
    const headers = [
      `From ${m.id}@xxx ${asctime(m.at)}`,
      `X-GM-THRID: ${m.thread}`,
      `X-Gmail-Labels: ${m.labels}`,
    ];
    if (m.inbound) {
      const hop = rfc5322(m.at, 'America/Los_Angeles');
      headers.push(
        `Delivered-To: ${ME}`,
        `Received: by 2002:a05:6a10:${Math.floor(rand() * 65535).toString(16)} with SMTP id x${Math.floor(rand() * 1e9)}csp;${e}        ${hop}`,
        `ARC-Seal: i=1; a=rsa-sha256; t=${Math.floor(m.at / 1000)}; cv=none;${e}        d=google.com; s=arc-20160816;${e}        b=${this.base64Lines(120).replace(new RegExp(e, 'g'), `${e}         `)}`,
        `Return-Path: <bounce-${Math.floor(rand() * 1e6)}@${domain}>`,
        `Received: from mail.${domain} (mail.${domain}. [203.0.113.${Math.floor(rand() * 250)}])${e}        by mx.google.com with ESMTPS id ${Math.floor(rand() * 1e12)}${e}        for <${ME}>;${e}        ${hop}`,
      );
    }
    headers.push(
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;${e}        d=${domain}; s=sel1; h=from:to:subject:date:message-id;${e}        bh=${this.base64Lines(32)};${e}        b=${this.base64Lines(180).replace(new RegExp(e, 'g'), `${e}         `)}`,
      'MIME-Version: 1.0',
      ...m.extra,
    );
    if (m.dateZone) headers.push(`Date: ${rfc5322(m.at, m.dateZone)}`);
    headers.push(
      `Message-ID: ${mid}`,
      `Subject: ${m.kind === 'list' ? 'Offers of the week' : 'Re: order ' + Math.floor(rand() * 9999)}`,
      `From: ${m.from.split('@')[0]} <${m.from}>`,
      `To: ${m.to.map((a) => `"${a.split('@')[0]}" <${a}>`).join(', ')}`,
    );
    const boundary = `000000000000${Math.floor(rand() * 1e12).toString(16)}`;
    headers.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
    const body = [
      `--${boundary}`,
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Thanks, see below.',
      '>From the warehouse: all shipped.',
      'From Monday on we ship from Hamburg.',
      '',
    ];
    if (m.attachment > 0) {
      body.push(`--${boundary}`, 'Content-Type: application/pdf; name="quote.pdf"', 'Content-Transfer-Encoding: base64', '', this.base64Lines(m.attachment));
    }
    body.push(`--${boundary}--`, '', '');
    return headers.join(e) + e + e + body.join(e);
  }
}

/** Writes a Takeout-like mbox to `path`; returns the truth. */
export function writeTakeoutMbox(path: string, options: TakeoutOptions): TakeoutTruth {
  const fd = openSync(path, 'w');
  try {
    return new TakeoutWriter(options).generate((block) => {
      writeSync(fd, block, null, 'latin1');
    });
  } finally {
    closeSync(fd);
  }
}

/** The same mbox in memory (small sizes only). */
export function takeoutMboxBytes(options: TakeoutOptions): { bytes: Uint8Array; truth: TakeoutTruth } {
  const blocks: string[] = [];
  const truth = new TakeoutWriter(options).generate((block) => blocks.push(block));
  return { bytes: new Uint8Array(Buffer.from(blocks.join(''), 'latin1')), truth };
}
