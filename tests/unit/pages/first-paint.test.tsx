// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { render } from 'preact';
import { PopupView } from '../../../src/ui/pages/popup/PopupView.tsx';
import { lastViewNodes } from '../../../src/ui/pages/popup/firstPaint.ts';
import { LAST_VIEW_VERSION, type LastView } from '../../../src/ui/pages/popup/lastView.ts';
import type { NormsRowData } from '../../../src/ui/pages/popup/NormsRow.tsx';
import type { AttentionKind } from '../../../src/core/attention.ts';
import type { NormsStatusKind } from '../../../src/core/clientStatus.ts';

// Property runs print their seed; FC_SEED=<n> replays one.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`first paint properties: FC_SEED=${SEED}`);

const HOUR = 3_600_000;
/** Each case renders up to 25 rows twice: on a shared two-core machine a run takes seconds. */
const PROPERTY_TIMEOUT_MS = 60_000;
const NOW = Date.UTC(2026, 10, 23, 14, 5);

/** What PopupView draws for a last view, before the settings and fresh figures have arrived. */
function popupViewHtml(view: LastView, now: number): string {
  const root = document.createElement('div');
  render(
    <PopupView
      loading={false}
      error={null}
      rows={view.rows}
      rowCount={view.rowCount}
      attentionCount={view.attentionCount}
      clientCount={view.clientCount}
      lastViewAt={view.savedAt}
      activeClient={null}
      pausedUntil={view.pausedUntil}
      pauseBusy={true}
      now={now}
      onPause={() => {}}
      onResume={() => {}}
      onOpenOptions={() => {}}
      onSetUpClient={() => {}}
    />,
    root,
  );
  const html = root.innerHTML;
  render(null, root);
  return html;
}

/** The first paint's nodes, through the same serializer. */
function firstPaintHtml(view: LastView, now: number): string | null {
  const nodes = lastViewNodes(view, now);
  if (nodes === null) return null;
  const root = document.createElement('div');
  root.append(nodes);
  return root.innerHTML;
}

// Names and texts with what markup must escape, and what it must not mangle.
const words = fc.constantFrom('Acme', 'O’Brien & Söhne', '<script>x</script>', '"Quoted" \'single\'', 'a  b', 'Ünïcødé 名前', '', '&amp;', '>');
const nullableNumber = fc.option(fc.double({ min: 0, max: 30 * 24 * HOUR, noNaN: true }), { nil: null });
const share = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const kinds: AttentionKind[] = ['waiting', 'silent', 'drift-faster', 'drift-slower', 'exceptions'];
const statusKinds: NormsStatusKind[] = ['too-slow', 'too-fast', 'drifting', 'on-track', 'not-enough-data'];

const row: fc.Arbitrary<NormsRowData> = fc.record({
  clientKey: fc.tuple(fc.constantFrom('client:', 'domain:', 'address:'), words).map(([prefix, w]) => `${prefix}${w}`),
  name: words,
  isClient: fc.boolean(),
  targetMs: fc.integer({ min: 0, max: 72 * HOUR }),
  summary: fc.record({
    count: fc.integer({ min: 0, max: 5000 }),
    medianWorkingMs: nullableNumber,
    p90WorkingMs: nullableNumber,
    medianWallMs: nullableNumber,
    p90WallMs: nullableNumber,
    instantShare: share,
    afterHoursShare: share,
    weekly: fc.array(fc.record({ weekStart: fc.constant('2026-11-02'), count: fc.nat(50), medianWorkingMs: nullableNumber }), { maxLength: 8 }),
    trend: fc.constant({ recentMedianWorkingMs: null, priorMedianWorkingMs: null, recentCount: 0, priorCount: 0, ratio: null, direction: 'unknown' as const }),
  }),
  status: fc.record({ kind: fc.constantFrom(...statusKinds), label: words, reason: words }),
  findings: fc.uniqueArray(fc.record({ kind: fc.constantFrom(...kinds), text: words, suggestion: fc.constantFrom('Reply today.', 'Schedule it.', '<b>Bold</b> & more'), weight: fc.double({ min: 0, max: 5, noNaN: true }) }), {
    selector: (f) => f.kind,
    maxLength: 3,
  }),
  needsAttention: fc.boolean(),
});

const lastView: fc.Arbitrary<LastView> = fc
  .record({
    rows: fc.uniqueArray(row, { selector: (r) => r.clientKey, minLength: 1, maxLength: 30 }),
    extraRows: fc.integer({ min: 0, max: 600 }),
    attentionCount: fc.integer({ min: 0, max: 40 }),
    clientCount: fc.integer({ min: 0, max: 600 }),
    // Now, earlier today, days ago (the time of day reads differently).
    savedAgo: fc.constantFrom(0, 5 * 60_000, 3 * HOUR, 50 * HOUR),
    // Not paused, paused until earlier, later today, or in two weeks.
    pausedIn: fc.constantFrom(null, -HOUR, 2 * HOUR, 14 * 24 * HOUR),
  })
  .map(({ rows, extraRows, attentionCount, clientCount, savedAgo, pausedIn }) => ({
    version: LAST_VIEW_VERSION,
    savedAt: NOW - savedAgo,
    revision: 1,
    rows: rows.slice(0, 25),
    rowCount: rows.length + extraRows,
    attentionCount,
    clientCount,
    pausedUntil: pausedIn === null ? null : NOW + pausedIn,
    attention: [],
  }));

describe("the popup's first paint", () => {
  it('is exactly the markup PopupView renders for the same last view', () => {
    fc.assert(
      fc.property(lastView, (view) => {
        expect(firstPaintHtml(view, NOW)).toBe(popupViewHtml(view, NOW));
      }),
      { seed: SEED, numRuns: 100, endOnFailure: true },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('leaves a view without rows to the popup (its empty state teaches, and needs the settings)', () => {
    expect(lastViewNodes({ version: LAST_VIEW_VERSION, savedAt: NOW, revision: 1, rows: [], rowCount: 0, attentionCount: 0, clientCount: 3, pausedUntil: null, attention: [] }, NOW)).toBeNull();
  });

  it('draws names as text, never as markup', () => {
    const [sample] = fc.sample(lastView, { seed: SEED, numRuns: 1 });
    const view = { ...sample!, rows: [{ ...sample!.rows[0]!, name: '<img src=x onerror=alert(1)>' }] };
    const root = document.createElement('div');
    root.append(lastViewNodes(view, NOW)!);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.norms-name')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
