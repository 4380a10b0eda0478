/**
 * Reads the date and time a mail site shows as text ("Thu, Dec 18, 2014 at 12:35 PM",
 * "20 Aug 2025, 13:19", "26 дек. 2019 г., 22:53", "2016年5月4日 上午10:08") in en-US, en-GB, de, fr,
 * es, ru, zh-CN and ja. The text is wall time in the browser's zone. Anything it cannot read for
 * certain gives null: a time is never guessed.
 */
import type { Instant } from '../../core/types.ts';

export interface WallDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MONTH_WORDS: Record<string, number> = {};
const monthForms: string[][] = [
  // en, de, fr, es, ru (nominative and genitive, short and long)
  ['jan', 'january', 'januar', 'jän', 'janv', 'janvier', 'ene', 'enero', 'янв', 'январь', 'января'],
  ['feb', 'february', 'februar', 'févr', 'fév', 'février', 'febrero', 'февр', 'фев', 'февраль', 'февраля'],
  ['mar', 'march', 'mär', 'märz', 'mrz', 'mars', 'marzo', 'мар', 'март', 'марта'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'апр', 'апрель', 'апреля'],
  ['may', 'mai', 'mayo', 'май', 'мая'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'июн', 'июнь', 'июня'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'июл', 'июль', 'июля'],
  ['aug', 'august', 'août', 'ago', 'agosto', 'авг', 'август', 'августа'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre', 'сент', 'сен', 'сентябрь', 'сентября'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'окт', 'октябрь', 'октября'],
  ['nov', 'november', 'novembre', 'noviembre', 'нояб', 'ноя', 'ноябрь', 'ноября'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'дек', 'декабрь', 'декабря'],
];
monthForms.forEach((forms, index) => forms.forEach((form) => (MONTH_WORDS[form] = index + 1)));

const PM_MARKERS = /(\bp\.?\s?m\.?(?=\s|$)|下午|午後|晚上)/i;
const AM_MARKERS = /(\ba\.?\s?m\.?(?=\s|$)|上午|午前|早上)/i;

/** Splits text into words of letters (any script), so "дек." and "févr." become "дек", "févr". */
function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

export function parseLocalizedDateTime(text: string): WallDateTime | null {
  const clean = text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\u00a0\u202f]/g, ' ');
  const time = /(\d{1,2})[:：](\d{2})/.exec(clean);
  if (!time) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const rest = clean.slice(0, time.index) + ' ' + clean.slice(time.index + time[0].length);
  if (PM_MARKERS.test(clean) && hour < 12) hour += 12;
  else if (AM_MARKERS.test(clean) && hour === 12) hour = 0;

  const date = readCjkDate(rest) ?? readWordDate(rest) ?? readDottedDate(rest);
  if (!date) return null;
  const result = { ...date, hour, minute };
  return isPlausible(result) ? result : null;
}

/** 2016年5月4日 (zh-CN, ja). */
function readCjkDate(text: string): Pick<WallDateTime, 'year' | 'month' | 'day'> | null {
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/** "Dec 18, 2014", "20 Aug 2025", "20. Aug. 2025", "26 дек. 2019 г.". */
function readWordDate(text: string): Pick<WallDateTime, 'year' | 'month' | 'day'> | null {
  // A weekday may look like a month ("mar." is Tuesday in French): the month is the last month word.
  let month = 0;
  for (const word of words(text)) month = MONTH_WORDS[word] ?? month;
  if (!month) return null;
  const year = /\b(\d{4})\b/.exec(text);
  if (!year) return null;
  const withoutYear = text.slice(0, year.index) + ' ' + text.slice(year.index + 4);
  const days = withoutYear.match(/\b\d{1,2}\b/g) ?? [];
  if (days.length !== 1) return null;
  return { year: Number(year[1]), month, day: Number(days[0]) };
}

/** "20.08.2025" (de, ru numeric). Slashes are ambiguous (month/day or day/month) and are refused. */
function readDottedDate(text: string): Pick<WallDateTime, 'year' | 'month' | 'day'> | null {
  const match = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(text);
  return match ? { year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) } : null;
}

function isPlausible(t: WallDateTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59) return false;
  const probe = new Date(t.year, t.month - 1, t.day);
  return probe.getMonth() === t.month - 1 && probe.getDate() === t.day;
}

/** The instant of a wall time in the browser's own zone (the zone the site shows times in). */
export function instantInBrowserZone(t: WallDateTime): Instant {
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute).getTime();
}
