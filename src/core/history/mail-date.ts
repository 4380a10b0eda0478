/**
 * Dates as mail headers write them: RFC 5322 `Date:` values (with the obsolete forms of its
 * section 4.3: zone names, two- and three-digit years, comments anywhere), the date at the end of
 * a `Received:` header, and the asctime-style date of an mbox separator line
 * ("From 1572544789079124110@xxx Thu Oct 31 17:59:49 +0000 2019", or without a zone).
 *
 * Each gives the instant and, when the writer said it, the writer's own UTC offset: that offset is
 * what tells a client's time zone apart (see core/workingPattern.ts).
 */
import type { Instant } from '../types.ts';

export interface MailDate {
  at: Instant;
  /** Minutes east of UTC as written; null when the date gives none ("-0000", military zones, no zone). */
  offsetMinutes: number | null;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** RFC 5322 §4.3 obsolete zones; "UT" and "GMT" are UTC. */
const ZONE_NAMES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

/** The largest offset any zone has used is +14:00; anything beyond ±15:00 is a misread. */
const MAX_OFFSET_MINUTES = 15 * 60;

/** Comments "(PDT)" may sit anywhere and nest; they are dropped, as RFC 5322 CFWS allows. */
function withoutComments(text: string): string {
  if (!text.includes('(')) return text;
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && depth > 0) {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function fullYear(digits: string): number {
  const year = Number(digits);
  // RFC 5322 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999, three digits add 1900.
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

/** "+0530" / "-0800" / "EST" / "A"…"Z" → minutes east, null for unknown; undefined when it is not a zone at all. */
function zoneOffset(zone: string | undefined): number | null | undefined {
  if (zone === undefined || zone === '') return null;
  const numeric = /^([+-])(\d\d):?(\d\d)$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    if (Number(numeric[3]) > 59 || minutes > MAX_OFFSET_MINUTES) return undefined;
    // "-0000" means "the local offset is not known" (RFC 5322 §3.3): the time is UTC.
    if (minutes === 0 && numeric[1] === '-') return null;
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const lower = zone.toLowerCase();
  if (lower in ZONE_NAMES) return ZONE_NAMES[lower]!;
  // Military zones were defined with the wrong sign; RFC 5322 says to treat them as "-0000".
  if (/^[a-ik-z]$/.test(lower)) return null;
  return undefined;
}

function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number | null): Instant | null {
  if (year < 1970 || year > 9999 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 February over into March: such a date is not one.
  if (new Date(utc).getUTCDate() !== day) return null;
  return utc - (offset ?? 0) * 60_000;
}

const RFC5322 = /^(?:[a-z]{2,9}\s*,?\s*)?(\d{1,2})\s*[-\s]\s*([a-z]{3})[a-z]*\.?\s*[-\s]\s*(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d\d:?\d\d|[a-z]{1,5})?\s*$/i;

/** A `Date:` header value (or the date part of a `Received:`); null when it is not a date. */
export function parseMailDate(value: string): MailDate | null {
  const text = withoutComments(value).replace(/\s+/g, ' ').trim();
  const match = RFC5322.exec(text);
  if (!match) return null;
  const month = MONTHS[match[2]!.toLowerCase()];
  const offset = zoneOffset(match[7]);
  if (month === undefined || offset === undefined) return null;
  const at = instantOf(fullYear(match[3]!), month, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0), offset);
  return at === null ? null : { at, offsetMinutes: offset };
}

/** A `Received:` header ends with "; <date>": the time that hop took the message. */
export function parseReceivedDate(value: string): MailDate | null {
  const semicolon = value.lastIndexOf(';');
  return semicolon < 0 ? null : parseMailDate(value.slice(semicolon + 1));
}

const ASCTIME = /^(?:[a-z]{3}\s+)?([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([+-]\d{4}|[a-z]{1,5})\s+)?(\d{4})(?:\s+([+-]\d{4}))?\s*$/i;

/**
 * The date of an mbox separator line, after the sender token: "Tue Aug 08 12:36:29 +0000 2023"
 * (Google Takeout), "Mon Jan 15 15:30:00 2018" (classic, local time of the writer, read as UTC).
 */
export function parseSeparatorDate(text: string): MailDate | null {
  const match = ASCTIME.exec(text.trim());
  if (!match) return null;
  const month = MONTHS[match[1]!.toLowerCase()];
  const offset = zoneOffset(match[6] ?? match[8]);
  if (month === undefined || offset === undefined) return null;
  const at = instantOf(Number(match[7]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5] ?? 0), offset);
  return at === null ? null : { at, offsetMinutes: offset };
}
