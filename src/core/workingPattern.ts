/**
 * What a client's own mail says about when and where they work: from the UTC offsets their mail
 * programs write in `Date:` and the hours they write in, a proposed time zone and working hours
 * ("writes 8:00–18:30 on weekdays, UTC+01:00: Europe/Berlin?"). Only ever a proposal: the pages
 * offer it with one click to accept, nothing applies it on its own.
 *
 * Used on imported history (offsets known) and on live reading (times only, offsets unknown: the
 * zone is then a guess from the hours, and says so).
 */
import { tzOffset } from '@date-fns/tz';
import type { Instant, TimeRange, Weekday, WorkSchedule } from './types.ts';
import { SHORT_WEEKDAY_NAMES } from './format.ts';

export interface WritingSample {
  at: Instant;
  /** The writer's UTC offset in minutes as their `Date:` header gave it; null when unknown. */
  offsetMinutes: number | null;
}

export interface WorkingPattern {
  /** A proposed IANA zone; null when no zone fits the offsets seen. */
  timeZone: string | null;
  /** Offsets seen (minutes east of UTC), most common first; for 'times', the one guessed. */
  offsets: number[];
  /** Their offset moved during the year (so the zone is one that keeps summer time). */
  observesDst: boolean;
  /** Days they write on, 0 = Sunday. */
  days: Weekday[];
  /** Their usual first and last hour, local, rounded out to the half hour ("08:00", "18:30"). */
  start: string;
  end: string;
  /** 'offsets': read from their Date headers; 'times': guessed from the hours alone. */
  basis: 'offsets' | 'times';
  samples: number;
  /** The schedule to apply when accepted (null without a zone). */
  schedule: WorkSchedule | null;
  /** "writes 8:00–18:30 on weekdays, UTC+01:00: Europe/Berlin?" */
  text: string;
}

/** A client's proposed working pattern, as the pages offer it ("make these their hours"). */
export interface PatternProposal {
  clientKey: string;
  name: string;
  /** The company domain for "domain:" keys and configured clients' first domain; null otherwise. */
  domain: string | null;
  pattern: WorkingPattern;
}

/** Fewer messages than this from a client and nothing is proposed. */
export const MIN_PATTERN_SAMPLES = 20;
/** The most recent messages looked at: enough for a pattern, cheap for hundreds of clients. */
const MAX_SAMPLES = 400;
/** A zone must agree with this share of the offsets seen. */
const ZONE_AGREEMENT = 0.85;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Representative zones, in order of preference when several fit equally (most people first within
 * an offset pattern). Zones that keep summer time and zones that do not sit side by side: the
 * offsets seen across a year tell them apart.
 */
const PREFERRED_ZONES = [
  'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Brussels',
  'Europe/Zurich', 'Europe/Vienna', 'Europe/Stockholm', 'Europe/Oslo', 'Europe/Copenhagen', 'Europe/Warsaw', 'Europe/Prague',
  'Europe/Dublin', 'Europe/Lisbon', 'Europe/Helsinki', 'Europe/Athens', 'Europe/Bucharest', 'Europe/Kyiv', 'Europe/Kiev',
  'Europe/Istanbul', 'Europe/Moscow', 'Africa/Lagos', 'Africa/Casablanca', 'Africa/Johannesburg', 'Africa/Cairo', 'Africa/Nairobi',
  'Asia/Jerusalem', 'Asia/Riyadh', 'Asia/Dubai', 'Asia/Tehran', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Calcutta', 'Asia/Kathmandu',
  'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Jakarta', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Manila',
  'Asia/Tokyo', 'Asia/Seoul', 'Australia/Perth', 'Australia/Darwin', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney',
  'Australia/Melbourne', 'Pacific/Auckland', 'America/St_Johns', 'America/Halifax', 'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires', 'America/Santiago', 'America/New_York', 'America/Toronto', 'America/Bogota', 'America/Lima',
  'America/Chicago', 'America/Mexico_City', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Vancouver',
  'America/Anchorage', 'Pacific/Honolulu', 'Atlantic/Reykjavik', 'UTC',
];

/** A country-code domain names the zone to prefer among those that fit equally. */
const COUNTRY_ZONES: Record<string, string> = {
  uk: 'Europe/London', de: 'Europe/Berlin', fr: 'Europe/Paris', es: 'Europe/Madrid', it: 'Europe/Rome', nl: 'Europe/Amsterdam',
  be: 'Europe/Brussels', ch: 'Europe/Zurich', at: 'Europe/Vienna', se: 'Europe/Stockholm', no: 'Europe/Oslo', dk: 'Europe/Copenhagen',
  pl: 'Europe/Warsaw', cz: 'Europe/Prague', ie: 'Europe/Dublin', pt: 'Europe/Lisbon', fi: 'Europe/Helsinki', gr: 'Europe/Athens',
  ro: 'Europe/Bucharest', ua: 'Europe/Kyiv', tr: 'Europe/Istanbul', ru: 'Europe/Moscow', ng: 'Africa/Lagos', za: 'Africa/Johannesburg',
  eg: 'Africa/Cairo', ke: 'Africa/Nairobi', il: 'Asia/Jerusalem', sa: 'Asia/Riyadh', ae: 'Asia/Dubai', in: 'Asia/Kolkata',
  pk: 'Asia/Karachi', sg: 'Asia/Singapore', cn: 'Asia/Shanghai', hk: 'Asia/Hong_Kong', tw: 'Asia/Taipei', jp: 'Asia/Tokyo',
  kr: 'Asia/Seoul', au: 'Australia/Sydney', nz: 'Pacific/Auckland', ca: 'America/Toronto', mx: 'America/Mexico_City',
  br: 'America/Sao_Paulo', ar: 'America/Argentina/Buenos_Aires', cl: 'America/Santiago', co: 'America/Bogota', pe: 'America/Lima',
};

const exactCache = new Map<string, number>();
const weekCache = new Map<string, number>();
const WEEK = 7 * 86_400_000;

/** The zone's offset at an instant, in minutes (NaN for a zone the platform does not know). */
function exactOffset(zone: string, at: Instant): number {
  const key = `${zone}|${at}`;
  let offset = exactCache.get(key);
  if (offset === undefined) {
    offset = Math.round(tzOffset(zone, new Date(at)));
    if (exactCache.size > 100_000) exactCache.clear();
    exactCache.set(key, offset);
  }
  return offset;
}

/**
 * The zone's offset at an instant. Offsets change a few times a year at most, so a week whose
 * start and end agree is read once for every instant in it; only a week with a change in it asks
 * the platform about the exact instant. Fitting zones to hundreds of clients' mail stays cheap.
 */
function offsetAt(zone: string, at: Instant): number {
  const week = Math.floor(at / WEEK);
  const key = `${zone}|${week}`;
  let offset = weekCache.get(key);
  if (offset === undefined) {
    const start = exactOffset(zone, week * WEEK);
    offset = start === exactOffset(zone, (week + 1) * WEEK) ? start : Number.POSITIVE_INFINITY;
    if (weekCache.size > 100_000) weekCache.clear();
    weekCache.set(key, offset);
  }
  return offset === Number.POSITIVE_INFINITY ? exactOffset(zone, Math.floor(at / (HOUR / 4)) * (HOUR / 4)) : offset;
}

/** The preferred zones; an unknown name simply never fits (its offset is NaN). */
function candidateZones(): readonly string[] {
  return PREFERRED_ZONES;
}

function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** "UTC+01:00", "UTC−05:00", "UTC+05:30". */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function countryZone(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const tld = domain.toLowerCase().split('.').pop() ?? '';
  const zone = COUNTRY_ZONES[tld];
  return zone && !Number.isNaN(exactOffset(zone, 0)) ? zone : null;
}

interface ZoneFit {
  zone: string;
  agreement: number;
}

/** The zones that fit the offsets seen best, best first (preferred order within equal fits). */
function fitZones(samples: readonly WritingSample[], zones: readonly string[]): ZoneFit[] {
  const withOffset = samples.filter((s) => s.offsetMinutes !== null);
  const counts = new Map<number, number>();
  for (const s of withOffset) counts.set(s.offsetMinutes!, (counts.get(s.offsetMinutes!) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common === undefined) return [];
  // Cheap first pass: the zone must have the most common offset at one of its samples' instants.
  const probe = withOffset.find((s) => s.offsetMinutes === common)!;
  const fits: ZoneFit[] = [];
  for (const zone of zones) {
    if (offsetAt(zone, probe.at) !== common) continue;
    let agree = 0;
    for (const s of withOffset) if (offsetAt(zone, s.at) === s.offsetMinutes) agree++;
    fits.push({ zone, agreement: agree / withOffset.length });
  }
  return fits.sort((a, b) => b.agreement - a.agreement);
}

function chooseZone(fits: readonly ZoneFit[], domain: string | null | undefined): string | null {
  const best = fits[0];
  if (!best || best.agreement < ZONE_AGREEMENT) return null;
  const tied = fits.filter((f) => f.agreement >= best.agreement - 0.01);
  const hinted = countryZone(domain);
  return (hinted && tied.find((f) => f.zone === hinted)?.zone) ?? best.zone;
}

/**
 * Offsets (minutes east of UTC) that put the writing hours squarely in a working day (07:00–19:00,
 * Mon–Fri), best first: without the writers' own offsets an hour either way often fits as well,
 * so all that fit about as well are returned.
 */
function guessOffsets(samples: readonly WritingSample[]): number[] {
  const scored: Array<{ shift: number; score: number; distance: number }> = [];
  for (let hours = -11; hours <= 14; hours++) {
    const shift = hours * 60;
    let score = 0;
    let middle = 0;
    for (const s of samples) {
      const local = new Date(s.at + shift * MINUTE);
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      const day = local.getUTCDay();
      if (day >= 1 && day <= 5 && minute >= 7 * 60 && minute < 19 * 60) score++;
      middle += minute;
    }
    scored.push({ shift, score, distance: Math.abs(middle / samples.length - 13 * 60) });
  }
  const best = Math.max(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score >= best - samples.length * 0.02)
    .sort((a, b) => b.score - a.score || a.distance - b.distance)
    .map((s) => s.shift);
}

function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * (sorted.length - 1))))]!;
}

function wallTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "8:00" rather than "08:00" in sentences. */
function shortTime(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}


function describeDays(days: readonly Weekday[]): string {
  const key = days.join(',');
  if (key === '1,2,3,4,5') return 'on weekdays';
  if (key === '0,1,2,3,4,5,6') return 'every day';
  if (key === '1,2,3,4,5,6') return 'Monday to Saturday';
  if (key === '0,1,2,3,4') return 'Sunday to Thursday';
  return `on ${days.map((d) => SHORT_WEEKDAY_NAMES[d]).join(', ')}`;
}

/**
 * The working pattern of a client from their messages, or null with fewer than
 * MIN_PATTERN_SAMPLES. `domain` (their company's) breaks ties between equally fitting zones.
 */
export function proposeWorkingPattern(
  allSamples: readonly WritingSample[],
  options: { domain?: string | null; minSamples?: number } = {},
): WorkingPattern | null {
  if (allSamples.length < (options.minSamples ?? MIN_PATTERN_SAMPLES)) return null;
  const samples = [...allSamples].sort((a, b) => b.at - a.at).slice(0, MAX_SAMPLES);
  const withOffsets = samples.filter((s) => s.offsetMinutes !== null).length;
  const basis: WorkingPattern['basis'] = withOffsets >= samples.length * 0.6 ? 'offsets' : 'times';

  let timeZone: string | null;
  let offsets: number[];
  if (basis === 'offsets') {
    let fits = fitZones(samples, candidateZones());
    if (!fits[0] || fits[0].agreement < ZONE_AGREEMENT) fits = fitZones(samples, allZones());
    timeZone = chooseZone(fits, options.domain);
    const counts = new Map<number, number>();
    for (const s of samples) if (s.offsetMinutes !== null) counts.set(s.offsetMinutes, (counts.get(s.offsetMinutes) ?? 0) + 1);
    offsets = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([o]) => o);
  } else {
    const fitting = guessOffsets(samples);
    const hinted = countryZone(options.domain);
    const latest = samples[0]!.at;
    // The company's country settles which of the fitting offsets it is.
    const hintedOffset = hinted ? offsetAt(hinted, latest) : null;
    const guessed = hintedOffset !== null && fitting.includes(hintedOffset) ? hintedOffset : fitting[0]!;
    offsets = [guessed];
    timeZone = hinted && hintedOffset === guessed ? hinted : (candidateZones().find((z) => offsetAt(z, latest) === guessed) ?? null);
  }
  const zone = timeZone;
  const fixed = offsets[0] ?? 0;
  const localMinutes = (at: Instant) => {
    const offset = zone ? offsetAt(zone, at) : fixed;
    return Math.floor((at + offset * MINUTE) / MINUTE);
  };

  const perDay = [0, 0, 0, 0, 0, 0, 0];
  const local = samples.map((s) => {
    const minutes = localMinutes(s.at);
    const day = (((Math.floor(minutes / 1440) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday.
    perDay[day]!++;
    return { day, minuteOfDay: ((minutes % 1440) + 1440) % 1440 };
  });
  // A working day has a fair share of a usual day's mail (the middle of the five busiest days):
  // one day of heavy traffic must not push the others out, nor a few weekend mails in.
  const usual = [...perDay].sort((a, b) => b - a)[2]!;
  const days = perDay.flatMap((count, day) => (count > 0 && count >= usual * 0.3 ? [day as Weekday] : []));
  const times = local.filter((l) => days.includes(l.day as Weekday)).map((l) => l.minuteOfDay).sort((a, b) => a - b);
  let start = Math.floor(percentileOf(times, 0.05) / 30) * 30;
  let end = Math.ceil(percentileOf(times, 0.95) / 30) * 30;
  if (end - start < 60) end = Math.min(1440, start + 60);
  if (end > 1440) end = 1440;
  if (start >= end) start = Math.max(0, end - 60);

  const range: TimeRange = { start: wallTime(start), end: wallTime(end) };
  const schedule: WorkSchedule | null = zone
    ? { timeZone: zone, week: [0, 1, 2, 3, 4, 5, 6].map((d) => (days.includes(d as Weekday) ? [{ ...range }] : [])), holidays: [] }
    : null;
  // Summer time shows as the zone's offset moving between the messages seen, and the messages following it.
  const zoneOffsets = zone && basis === 'offsets' ? [...new Set(samples.map((s) => offsetAt(zone, s.at)))] : [];
  const observesDst = zoneOffsets.length > 1 && zoneOffsets.every((o) => offsets.includes(o));
  const offsetText =
    basis === 'offsets'
      ? observesDst
        ? `${offsetLabel(Math.min(...zoneOffsets))} (${offsetLabel(Math.max(...zoneOffsets))} in summer)`
        : offsetLabel(fixed)
      : `about ${offsetLabel(fixed)}, guessed from the hours they write`;
  const text = `writes ${shortTime(start)}–${shortTime(end)} ${describeDays(days)}, ${offsetText}${zone ? `: ${zone}?` : ''}`;
  return { timeZone: zone, offsets, observesDst, days, start: range.start, end: range.end, basis, samples: samples.length, schedule, text };
}
