/**
 * Reads the few header fields ReplyPace needs from one message's header block (lines joined with
 * LF, as MboxSplitter keeps them). Every other field, the Subject among them, is passed over
 * without being decoded.
 */

/** The fields read, as unfolded text (UTF-8, or latin-1 where the bytes are not UTF-8). */
export interface MailHeaders {
  from: string | null;
  /** Every To and Cc value. */
  recipients: string[];
  deliveredTo: string[];
  date: string | null;
  /** The last `Received:` in the block: the first hop, nearest to when the message was sent. */
  lastReceived: string | null;
  receivedCount: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  /** Google Takeout: Gmail's thread id, in decimal. */
  gmThreadId: string | null;
  gmailLabels: string | null;
  listId: boolean;
  listUnsubscribe: boolean;
  precedence: string | null;
  autoSubmitted: string | null;
  /** X-Autoreply / X-Autorespond: auto-responders that do not set Auto-Submitted. */
  autoReplyHeader: boolean;
  mozillaStatus: string | null;
  /** Thunderbird and Apple Mail mark their drafts with a header of their own. */
  draftHeader: boolean;
  /** Outlook's conversation index (base64). */
  threadIndex: string | null;
}

const enum Field {
  From,
  To,
  Cc,
  DeliveredTo,
  Date,
  Received,
  MessageId,
  InReplyTo,
  References,
  GmThreadId,
  GmailLabels,
  ListId,
  ListUnsubscribe,
  Precedence,
  AutoSubmitted,
  AutoReply,
  MozillaStatus,
  DraftInfo,
  UniformType,
  ThreadIndex,
}

const FIELDS = new Map<string, Field>([
  ['from', Field.From],
  ['to', Field.To],
  ['cc', Field.Cc],
  ['delivered-to', Field.DeliveredTo],
  ['date', Field.Date],
  ['received', Field.Received],
  ['message-id', Field.MessageId],
  ['in-reply-to', Field.InReplyTo],
  ['references', Field.References],
  ['x-gm-thrid', Field.GmThreadId],
  ['x-gmail-labels', Field.GmailLabels],
  ['list-id', Field.ListId],
  ['list-unsubscribe', Field.ListUnsubscribe],
  ['precedence', Field.Precedence],
  ['auto-submitted', Field.AutoSubmitted],
  ['x-autoreply', Field.AutoReply],
  ['x-autorespond', Field.AutoReply],
  ['x-mozilla-status', Field.MozillaStatus],
  ['x-mozilla-draft-info', Field.DraftInfo],
  ['x-uniform-type-identifier', Field.UniformType],
  ['thread-index', Field.ThreadIndex],
]);

/** No header name we read is longer than this; longer names are skipped without building a string. */
const LONGEST_NAME = 25;
/**
 * Length and first letter of every name read: most lines of a header block (DKIM, ARC, X-Received,
 * Subject…) are passed over on these two bytes, without building their name.
 */
const NAME_SHAPES = new Set([...FIELDS.keys()].map((name) => name.length * 256 + name.charCodeAt(0)));
const LF = 0x0a;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;

export function emptyHeaders(): MailHeaders {
  return {
    from: null,
    recipients: [],
    deliveredTo: [],
    date: null,
    lastReceived: null,
    receivedCount: 0,
    messageId: null,
    inReplyTo: null,
    references: null,
    gmThreadId: null,
    gmailLabels: null,
    listId: false,
    listUnsubscribe: false,
    precedence: null,
    autoSubmitted: null,
    autoReplyHeader: false,
    mozillaStatus: null,
    draftHeader: false,
    threadIndex: null,
  };
}

export function readHeaders(block: Uint8Array): MailHeaders {
  const headers = emptyHeaders();
  let field: Field | -1 = -1;
  let value = '';
  const flush = () => {
    if (field !== -1) store(headers, field, value.trim());
    field = -1;
    value = '';
  };
  let pos = 0;
  while (pos < block.length) {
    let nl = block.indexOf(LF, pos);
    if (nl < 0) nl = block.length;
    const first = block[pos]!;
    if (first === SPACE || first === TAB) {
      // A folded continuation of the field above.
      if (field !== -1) value += decodeText(block, pos, nl);
    } else {
      flush();
      const colon = indexOfColon(block, pos, Math.min(nl, pos + LONGEST_NAME + 1));
      const nameEnd = colon > pos ? colonNameEnd(block, pos, colon) : pos;
      const lead = block[pos]! | 0x20;
      if (nameEnd > pos && NAME_SHAPES.has((nameEnd - pos) * 256 + lead)) {
        const name = asciiLower(block, pos, nameEnd);
        const known = FIELDS.get(name);
        if (known !== undefined) {
          field = known;
          value = decodeText(block, colon + 1, nl);
        }
      }
    }
    pos = nl + 1;
  }
  flush();
  return headers;
}

function store(headers: MailHeaders, field: Field, value: string): void {
  switch (field) {
    case Field.From:
      headers.from ??= value;
      break;
    case Field.To:
    case Field.Cc:
      headers.recipients.push(value);
      break;
    case Field.DeliveredTo:
      headers.deliveredTo.push(value);
      break;
    case Field.Date:
      headers.date ??= value;
      break;
    case Field.Received:
      headers.lastReceived = value;
      headers.receivedCount++;
      break;
    case Field.MessageId:
      headers.messageId ??= value;
      break;
    case Field.InReplyTo:
      headers.inReplyTo ??= value;
      break;
    case Field.References:
      headers.references ??= value;
      break;
    case Field.GmThreadId:
      headers.gmThreadId ??= value;
      break;
    case Field.GmailLabels:
      headers.gmailLabels ??= value;
      break;
    case Field.ListId:
      headers.listId = true;
      break;
    case Field.ListUnsubscribe:
      headers.listUnsubscribe = true;
      break;
    case Field.Precedence:
      headers.precedence ??= value.toLowerCase();
      break;
    case Field.AutoSubmitted:
      headers.autoSubmitted ??= value.toLowerCase();
      break;
    case Field.AutoReply:
      headers.autoReplyHeader = true;
      break;
    case Field.MozillaStatus:
      headers.mozillaStatus ??= value;
      break;
    case Field.DraftInfo:
      headers.draftHeader = true;
      break;
    case Field.UniformType:
      // Apple Mail: "com.apple.mail-draft".
      if (/mail-draft/i.test(value)) headers.draftHeader = true;
      break;
    case Field.ThreadIndex:
      headers.threadIndex ??= value;
      break;
  }
}

function indexOfColon(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (bytes[i] === COLON) return i;
  return -1;
}

/** Obsolete syntax allows blanks between a field name and its colon ("Subject :"). */
function colonNameEnd(bytes: Uint8Array, start: number, colon: number): number {
  let end = colon;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return end;
}

function asciiLower(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    text += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 32 : b);
  }
  return text;
}

/** UTF-8 where the bytes are valid UTF-8 (SMTPUTF8 addresses, raw 8-bit labels), else latin-1. */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  return ascii ? latin1(bytes, start, end) : (utf8(bytes, start, end) ?? latin1(bytes, start, end));
}

/** Bytes as latin-1 characters, a block of them at a time (far faster than one by one). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at += 8192) {
    text += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(end, at + 8192)) as unknown as number[]);
  }
  return text;
}

/** Strict UTF-8 decoding; null at the first invalid sequence. */
export function utf8(bytes: Uint8Array, start: number, end: number): string | null {
  let text = '';
  let i = start;
  while (i < end) {
    const b0 = bytes[i]!;
    let code: number;
    let extra: number;
    if (b0 < 0x80) {
      text += String.fromCharCode(b0);
      i++;
      continue;
    } else if (b0 >= 0xc2 && b0 < 0xe0) {
      code = b0 & 0x1f;
      extra = 1;
    } else if (b0 >= 0xe0 && b0 < 0xf0) {
      code = b0 & 0x0f;
      extra = 2;
    } else if (b0 >= 0xf0 && b0 < 0xf5) {
      code = b0 & 0x07;
      extra = 3;
    } else {
      return null;
    }
    if (i + extra >= end) return null;
    for (let k = 1; k <= extra; k++) {
      const b = bytes[i + k]!;
      if ((b & 0xc0) !== 0x80) return null;
      code = (code << 6) | (b & 0x3f);
    }
    if ((extra === 2 && code < 0x800) || (extra === 3 && (code < 0x10000 || code > 0x10ffff)) || (code >= 0xd800 && code <= 0xdfff)) return null;
    text += String.fromCodePoint(code);
    i += extra + 1;
  }
  return text;
}
