/**
 * A time zone's UTC offset at an instant, remembered per zone and UTC hour.
 *
 * Reading an offset asks Intl to format a date (@date-fns/tz's tzOffset), which costs a few
 * microseconds; storing a backlog of mail asks for four offsets per reply, and the replies of a
 * client fall in the same few thousand hours. Offsets change a few times a year at most, so an
 * hour whose first and last millisecond have the same offset has that offset throughout. (This
 * assumes no zone changes its offset twice within one hour; none does.) An hour in which the
 * offset changes is never remembered: every instant in it is read from Intl again, so the answers
 * are exactly tzOffset's, around DST changes too (tests/unit/core/zoneOffset.test.ts).
 */
import { tzOffset } from '@date-fns/tz';
import type { Instant } from './types.ts';

const HOUR = 3_600_000;
/** Bounds the memory: about 4 MB, and far more hours than a mailbox's replies fall in. */
const MAX_REMEMBERED_HOURS = 100_000;
/** Marks an hour in which the offset changes. */
const CHANGING = Number.NaN;

/** Minutes east of UTC (fractional for old local mean times with seconds), as tzOffset reads them. */
export function uncachedOffsetMinutes(timeZone: string, at: Instant): number {
  return tzOffset(timeZone, new Date(at));
}

const hoursByZone = new Map<string, Map<number, number>>();
let remembered = 0;

/** The same answer as uncachedOffsetMinutes, remembered per zone and UTC hour. */
export function offsetMinutes(timeZone: string, at: Instant): number {
  const hour = Math.floor(at / HOUR);
  let offset = hoursByZone.get(timeZone)?.get(hour);
  if (offset === undefined) {
    const first = uncachedOffsetMinutes(timeZone, hour * HOUR);
    offset = first === uncachedOffsetMinutes(timeZone, hour * HOUR + HOUR - 1) ? first : CHANGING;
    if (remembered >= MAX_REMEMBERED_HOURS) forgetOffsets();
    let hours = hoursByZone.get(timeZone);
    if (!hours) {
      hours = new Map();
      hoursByZone.set(timeZone, hours);
    }
    hours.set(hour, offset);
    remembered += 1;
  }
  return Number.isNaN(offset) ? uncachedOffsetMinutes(timeZone, at) : offset;
}

/** Forgets every remembered hour (tests, and the memory bound). */
export function forgetOffsets(): void {
  hoursByZone.clear();
  remembered = 0;
}
