/**
 * CPU time an extension page's own thread spends from navigation start to a performance mark,
 * read from a DevTools trace (each task's thread time). Wall-clock figures on a loaded machine say
 * how busy the machine was; thread time says how much work the page did, so the ratio of two
 * pages' thread times stays meaningful when the machine is busy. The trace itself slows the page
 * down a little, the same for both.
 */
import type { BrowserContext } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Opens `url` in a new page and returns the main thread's CPU milliseconds until `mark` was set. */
export async function pageCpuUntilMark(context: BrowserContext, url: string, mark: string): Promise<number> {
  const holder = await context.newPage();
  const cdp = await context.newCDPSession(holder);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event: { value: object[] }) => events.push(...(event.value as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'blink.user_timing', 'navigation'], recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 420, height: 600 });
    await page.goto(url);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 30_000 });
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await page.close();
    await holder.close();
  }
  const reached = events.find((e) => e.name === mark && e.cat?.includes('blink.user_timing'));
  if (!reached) throw new Error(`The trace has no ${mark} mark`);
  const start = events
    .filter((e) => e.name === 'navigationStart' && e.pid === reached.pid && e.ts <= reached.ts)
    .sort((a, b) => b.ts - a.ts)[0];
  if (!start) throw new Error('The trace has no navigation start');
  // Top-level tasks of the page's main thread (the mark's thread) between the two.
  const micros = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === reached.pid && e.tid === reached.tid && e.ts >= start.ts && e.ts <= reached.ts)
    .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  return micros / 1000;
}
