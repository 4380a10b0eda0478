import { wallTimeToInstant } from '../../core/schedule';
import type { Instant } from '../../core/types';

/**
 * Outlook shows a message's received time as localized text ("Wed 4/30/2025 3:03 PM" in en-US,
 * "Mi 30.04.2025 15:03" in German), and its custom Schedule send time is typed the same way. The
 * text carries no zone: Outlook shows and takes times in the mailbox's time-zone setting, which
 * the page does not state (nothing in the real captures names it). So the user may name it in
 * the options ("Outlook shows times in"); until then it is taken to be the browser's own.
 * Text that does not read as one complete date and time gives null: a time is never guessed.
 */

let mailboxZone: string | undefined;

/** The zone of the Outlook mailbox, from the options; undefined: the browser's own zone. */
export function setMailboxTimeZone(zone: string | null | undefined): void {
  mailboxZone = zone || undefined;
}

export const mailboxTimeZone = (): string => mailboxZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

type DateOrder = 'mdy' | 'dmy' | 'ymd';

interface LocaleInfo {
  order: DateOrder;
  /** Lower-cased month names (long and short, dots removed) → 1..12. */
  months: Map<string, number>;
  /** Lower-cased day-period markers → true for afternoon. */
  dayPeriods: Map<string, boolean>;
}

const localeCache = new Map<string, LocaleInfo>();

/** `lang` if Intl knows it, else en-US. */
export function supportedLocale(lang: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang || 'en-US'])[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

const clean = (text: string) => text.toLowerCase().replace(/\./g, '').trim();

function localeInfo(lang: string): LocaleInfo {
  // Keyed by the page's language too: asking Intl which locales it supports costs a few µs a time.
  const known = localeCache.get(lang);
  if (known) return known;
  const locale = supportedLocale(lang || 'en-US');
  const cached = localeCache.get(locale);
  if (cached) {
    localeCache.set(lang, cached);
    return cached;
  }

  // Field order of the locale's short numeric date, read from Intl rather than a hand-kept table.
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2025, 10, 23))
    .map((part) => part.type)
    .filter((type) => type === 'year' || type === 'month' || type === 'day');
  const order: DateOrder = parts[0] === 'year' ? 'ymd' : parts[0] === 'month' ? 'mdy' : 'dmy';

  const months = new Map<string, number>();
  for (const style of ['long', 'short'] as const) {
    const format = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      const name = clean(format.format(Date.UTC(2025, month - 1, 15)));
      if (name && !/\d/.test(name)) months.set(name, month);
    }
  }

  const dayPeriods = new Map<string, boolean>([
    ['am', false],
    ['pm', true],
  ]);
  const twelveHour = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  for (const [hour, afternoon] of [
    [3, false],
    [15, true],
  ] as const) {
    const period = twelveHour.formatToParts(Date.UTC(2025, 0, 1, hour)).find((part) => part.type === 'dayPeriod');
    if (period) dayPeriods.set(clean(period.value).replace(/\s+/g, ''), afternoon);
  }

  const info = { order, months, dayPeriods };
  localeCache.set(locale, info);
  localeCache.set(lang, info);
  return info;
}

/** h:mm[:ss] and one optional day-period word ("pm", "p. m.", "nachm."). */
const TIME = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?|[^\s\d]+))?/;
const NUMERIC_DATE = /(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/;

function fullYear(value: number, digits: number): number {
  return digits <= 2 ? 2000 + value : value;
}

export function parseOutlookTime(text: string, lang: string, zone: string = mailboxTimeZone()): Instant | null {
  const normalized = text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (!normalized) return null;
  const info = localeInfo(lang);

  const timeMatch = TIME.exec(normalized);
  if (!timeMatch) return null;
  let hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  const second = timeMatch[3] ? Number(timeMatch[3]) : 0;
  const marker = timeMatch[4] ? clean(timeMatch[4]).replace(/\s+/g, '') : '';
  const afternoon = info.dayPeriods.get(marker);
  // A word after the time that is not a day period belongs to the date ("3:03 April 30, 2025").
  const timeLength = afternoon === undefined && timeMatch[4] ? timeMatch[0].length - timeMatch[4].length : timeMatch[0].length;
  if (afternoon !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (afternoon ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;

  const dateText = normalized.slice(0, timeMatch.index) + ' ' + normalized.slice(timeMatch.index + timeLength);
  let year: number;
  let month: number;
  let day: number;
  const numeric = NUMERIC_DATE.exec(dateText);
  if (numeric) {
    const [a, b, c] = [numeric[1]!, numeric[2]!, numeric[3]!];
    if (a.length === 4) {
      [year, month, day] = [Number(a), Number(b), Number(c)];
    } else if (info.order === 'mdy') {
      [month, day, year] = [Number(a), Number(b), fullYear(Number(c), c.length)];
    } else {
      [day, month, year] = [Number(a), Number(b), fullYear(Number(c), c.length)];
    }
  } else {
    // "30 April 2025", "April 30, 2025", "30. avril 2025": a month name, a day and a four-digit year.
    const yearMatch = /\b(\d{4})\b/.exec(dateText);
    const dayMatch = /\b(\d{1,2})\b/.exec(dateText.replace(/\b\d{4}\b/, ' '));
    const monthNumber = dateText
      .replace(/[.,]/g, ' ')
      .split(' ')
      .map((word) => info.months.get(clean(word)))
      .find((value) => value !== undefined);
    if (!yearMatch || !dayMatch || monthNumber === undefined) return null;
    [year, month, day] = [Number(yearMatch[1]), monthNumber, Number(dayMatch[1])];
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;

  // Rejects dates that roll over (31/04) rather than reading them as another day.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return wallTimeToInstant(zone, { year, month, day }, hour * 60 + minute, second);
}
