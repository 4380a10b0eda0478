/**
 * The site-health counters (core/siteHealth.ts), kept as one row of the `meta` table.
 *
 * Why there: the record is small (a few weeks × two sites × a handful of steps) and written rarely
 * (a Schedule send, a page showing an unreadable time), so a table of its own and a schema
 * migration would be machinery for nothing. The meta table already holds counters of the same
 * kind (unreadable and future times), each update is one read-modify-write inside a Dexie
 * transaction (two tabs reporting at once cannot lose a count, which extension storage could),
 * and "Erase all" clears it with everything else. It never holds page text: step names, the
 * drivers' own reasons, alternative indexes and counts.
 */
import { once, z } from '../core/zod.ts';
import { mondayOf } from '../core/norms.ts';
import { localDateKey } from '../core/schedule.ts';
import { addScheduleResult, addUnreadable, emptySiteHealth, type ScheduleReport, type SiteHealth } from '../core/siteHealth.ts';
import type { Instant, SiteId } from '../core/types.ts';
import type { ReplyPaceDb } from './db.ts';

export const META_SITE_HEALTH = 'siteHealth';

/** Built on first use (core/zod.ts `once`): most wake-ups of the background never read site health. */
const healthSchema = once(() => {
  const count = z.number().int().min(0).catch(0);
  const weekSchema = z.object({
    schedules: z.object({ ok: count, failed: count }).catch({ ok: 0, failed: 0 }),
    failedSteps: z.record(z.string(), z.object({ count, reason: z.string().catch('') })).catch({}),
    matched: z.record(z.string(), z.record(z.string(), count)).catch({}),
    unreadable: count,
  });
  return z.object({
    weeks: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.object({ gmail: weekSchema.optional(), outlook: weekSchema.optional() })),
  });
});

/** The stored record; a damaged one reads as empty (these are counters, not the user's data). */
export function repairSiteHealth(value: unknown): SiteHealth {
  const parsed = healthSchema().safeParse(value);
  return parsed.success ? (parsed.data as SiteHealth) : emptySiteHealth();
}

/** The Monday ("YYYY-MM-DD") starting the week of `now` in `timeZone`. */
export function healthWeekOf(now: Instant, timeZone: string): string {
  return mondayOf(localDateKey(now, timeZone));
}

async function updateSiteHealth(db: ReplyPaceDb, change: (health: SiteHealth) => SiteHealth): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const stored = await db.meta.get(META_SITE_HEALTH);
    await db.meta.put({ key: META_SITE_HEALTH, value: change(repairSiteHealth(stored?.value)) });
  });
}

export function recordScheduleResult(db: ReplyPaceDb, site: SiteId, result: ScheduleReport, week: string): Promise<void> {
  return updateSiteHealth(db, (health) => addScheduleResult(health, week, site, result));
}

export async function recordUnreadable(db: ReplyPaceDb, site: SiteId, count: number, week: string): Promise<void> {
  if (count > 0) await updateSiteHealth(db, (health) => addUnreadable(health, week, site, count));
}

export async function readSiteHealth(db: ReplyPaceDb): Promise<SiteHealth> {
  return repairSiteHealth((await db.meta.get(META_SITE_HEALTH))?.value);
}
