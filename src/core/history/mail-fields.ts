/**
 * The values of the header fields ReplyPace reads: addresses, message ids, Gmail's ids, labels.
 */
import { utf8 } from './header-block.ts';

/** Drops quoted strings and comments (where display names hide commas and "@"s). */
function bareStructure(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else out += c;
  }
  return out;
}

const ANGLE = /<\s*([^<>\s]+@[^<>\s]+?)\s*>/g;
const BARE = /[^\s,;:<>@]+@[^\s,;:<>@]+/g;

function cleanAddress(raw: string): string | null {
  const address = raw.trim().toLowerCase().replace(/^mailto:/, '').replace(/[.]+$/, '');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.length > 320) return null;
  return address;
}

/** Every address in an address-list value ("Ana <ana@acme.com>, \"Doe, J\" <j@x.io>, bob@y.org"), lower-cased, in order, once each. */
export function addressesIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const text = bareStructure(value);
  const found: string[] = [];
  const add = (raw: string) => {
    const address = cleanAddress(raw);
    if (address && !found.includes(address)) found.push(address);
  };
  let rest = text;
  if (text.includes('<')) {
    for (const match of text.matchAll(ANGLE)) add(match[1]!);
    rest = text.replace(ANGLE, ' ');
  }
  // Group syntax ("undisclosed-recipients:;") leaves a name and a colon: not addresses.
  for (const match of rest.matchAll(BARE)) add(match[0]);
  return found;
}

export function firstAddress(value: string | null | undefined): string | null {
  return addressesIn(value)[0] ?? null;
}

/** "<a@b> <c@d>" → ["a@b", "c@d"]; a value without angle brackets counts as one id. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]{1,500})>/g)].map((m) => m[1]!);
  if (ids.length > 0) return ids;
  const bare = value.trim();
  return bare && bare.length <= 500 && !/\s/.test(bare) ? [bare] : [];
}

/** Gmail launched in 2004: an id whose time is earlier is not a Gmail id. */
const GMAIL_EPOCH = Date.UTC(2004, 0, 1);
const DAY = 86_400_000;

/** The decimal Gmail message id of a Takeout separator ("From 1572544789079124110@xxx …"), or null. */
export function gmailIdOfSeparator(separator: string | null): string | null {
  const match = separator ? /^From (\d{12,20})@xxx\s/.exec(separator) : null;
  return match ? match[1]! : null;
}

/**
 * Gmail's decimal id in hex: the "legacy" id the Gmail reader reads from the page
 * (src/sites/gmail/message-id.ts legacyIdFromMessageId does the same), so an imported message and
 * one seen live share their id. Null when the value is not a decimal id.
 */
const hexCache = new Map<string, string | null>();

export function gmailHex(decimal: string | null | undefined): string | null {
  if (!decimal) return null;
  // Thread ids repeat message after message: each is converted once.
  let hex = hexCache.get(decimal);
  if (hex === undefined) {
    hex = toHex(decimal);
    if (hexCache.size > 50_000) hexCache.clear();
    hexCache.set(decimal, hex);
  }
  return hex;
}

/** A decimal id as two 32-bit halves, in plain doubles (exact: every step stays below 2^53). */
function halves(digits: string): { hi: number; lo: number } | null {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < digits.length; i++) {
    lo = lo * 10 + (digits.charCodeAt(i) - 48);
    const carry = Math.floor(lo / 4294967296);
    lo -= carry * 4294967296;
    hi = hi * 10 + carry;
    if (hi >= 4294967296) return null;
  }
  return { hi, lo };
}

function toHex(decimal: string): string | null {
  const value = gmailHalves(decimal);
  return value ? hexOf(value.hi, value.lo) : null;
}

/** A decimal Gmail id as its two 32-bit halves; null when it is not a (non-zero, 64-bit) decimal id. */
export function gmailHalves(decimal: string | null | undefined): { hi: number; lo: number } | null {
  const digits = decimal?.trim() ?? '';
  if (!/^\d{1,20}$/.test(digits)) return null;
  const value = halves(digits);
  return value && (value.hi !== 0 || value.lo !== 0) ? value : null;
}

/** The hex text of a 64-bit id given as halves, as BigInt#toString(16) writes it. */
export function hexOf(hi: number, lo: number): string {
  return hi > 0 ? hi.toString(16) + lo.toString(16).padStart(8, '0') : lo.toString(16);
}

/** The receive time encoded in a Gmail id (id >> 20, in ms), or null when implausible. */
export function timeOfGmailId(decimal: string, now: number): number | null {
  const value = /^\d{1,20}$/.test(decimal) ? halves(decimal) : null;
  if (!value) return null;
  const at = value.hi * 4096 + Math.floor(value.lo / 1048576);
  return at >= GMAIL_EPOCH && at <= now + DAY ? at : null;
}

/** Labels of X-Gmail-Labels ("Inbox,Important,\"Travel, 2023\",=?UTF-8?Q?Envoy=C3=A9s?="), decoded. */
export function labelsOf(value: string | null | undefined): string[] {
  if (!value) return [];
  const labels: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      labels.push(current);
      current = '';
    } else current += c;
  }
  labels.push(current);
  return labels.map((l) => decodeEncodedWords(l).trim()).filter((l) => l.length > 0);
}

/** RFC 2047 encoded words (=?UTF-8?Q?Envoy=C3=A9s?=, =?ISO-8859-1?B?…?=) in a header value. */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  // Blanks between two encoded words are not part of the text (RFC 2047 §6.2).
  return text
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (whole, charset: string, encoding: string, data: string) => {
      const bytes = encoding.toLowerCase() === 'b' ? base64Bytes(data) : qBytes(data);
      if (!bytes) return whole;
      const name = charset.toLowerCase().replace(/\*.*$/, '');
      if (name === 'utf-8' || name === 'utf8') return utf8(bytes, 0, bytes.length) ?? whole;
      if (name === 'iso-8859-1' || name === 'latin1' || name === 'us-ascii' || name === 'windows-1252') {
        return String.fromCharCode(...bytes);
      }
      return whole;
    });
}

function qBytes(data: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9a-f]{2}$/i.test(data.slice(i + 1, i + 3))) {
      out.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 to bytes; null when it is not base64. */
export function base64Bytes(data: string): Uint8Array | null {
  const clean = data.replace(/[\s=]+$/g, '').replace(/\s+/g, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of clean) {
    const v = BASE64.indexOf(c);
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
